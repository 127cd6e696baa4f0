package io.lrtyield.rebalancer.execution.it;

import io.lrtyield.common.chain.RpcSettings;
import io.lrtyield.common.chain.VertxJsonRpcService;
import io.lrtyield.devnet.anvil.LocalAnvil;
import io.lrtyield.devnet.deploy.AnvilRpc;
import io.lrtyield.devnet.deploy.DevnetCatalogue;
import io.lrtyield.devnet.deploy.DevnetDeployer;
import io.lrtyield.devnet.deploy.DevnetDeployment;
import io.lrtyield.devnet.deploy.MarketDeployer;
import io.lrtyield.devnet.deploy.MarketDeployment;
import io.lrtyield.devnet.deploy.TxSender;
import io.lrtyield.rebalancer.execution.AddressBook;
import io.lrtyield.rebalancer.execution.ExecutionListener;
import io.lrtyield.rebalancer.execution.FeeOracle;
import io.lrtyield.rebalancer.execution.FeePolicy;
import io.lrtyield.rebalancer.execution.PlanExecutor;
import io.lrtyield.rebalancer.execution.TransactionSimulator;
import io.lrtyield.rebalancer.execution.allowlist.Allowlist;
import io.lrtyield.rebalancer.execution.allowlist.AllowlistLoader;
import io.lrtyield.rebalancer.execution.chain.Web3jExecutionChain;
import io.lrtyield.rebalancer.execution.sign.KeystoreSigner;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.mutiny.core.Vertx;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.WalletUtils;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.utils.Numeric;

import java.io.InputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A devnet of the IT's own: Anvil started here, the real deployer (accounts 0 deployer, 1 oracle, 7 market maker;
 * 2 the vault's strategist, whose key the ITs put in an encrypted keystore), the devnet allowlist resolved through the
 * devnet catalogue.
 */
final class DevnetFixture implements AutoCloseable {

    /** Anvil's public dev keys 0, 1, 2, 7. Dev chains only. */
    static final String DEPLOYER_KEY = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
    static final String ORACLE_KEY = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";
    static final String STRATEGIST_KEY = "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a";
    static final String MARKET_MAKER_KEY = "0x4bbbf85ce3377467afe5d46f804f221813b2bb87f24d81f60f1fcdbf7cbf4356";
    static final String PASSWORD_VAR = "IT_SIGNER_PASSWORD";
    /** The strategist keystore's password (test only); the process ITs search their output for it. */
    static final String KEYSTORE_PASSWORD = "it-keystore-pass";

    final LocalAnvil anvil;
    final Vertx vertx;
    final VertxJsonRpcService transport;
    final Web3j web3j;
    final DevnetDeployment d;
    final MarketDeployment m;
    final String vault;
    final Allowlist allowlist;
    final KeystoreSigner signer;
    final Web3jExecutionChain chain;

    DevnetFixture(int portOffset, Path keystoreDir) throws Exception {
        // one port per IT class: -Dexecution.anvil.port (28731 by default) plus the class's offset
        anvil = LocalAnvil.start(Integer.getInteger("execution.anvil.port", 28731) + portOffset);
        try {
            vertx = Vertx.vertx();
            transport = new VertxJsonRpcService(vertx, RpcSettings.defaults(List.of(URI.create(anvil.url()))), new SimpleMeterRegistry());
            web3j = Web3j.build(transport);
            long chainId = web3j.ethChainId().send().getChainId().longValueExact();
            TxSender deployer = new TxSender(web3j, Credentials.create(DEPLOYER_KEY), chainId);
            TxSender oracle = new TxSender(web3j, Credentials.create(ORACLE_KEY), chainId);
            TxSender mm = new TxSender(web3j, Credentials.create(MARKET_MAKER_KEY), chainId);
            AnvilRpc rpc = new AnvilRpc(transport);
            String strategist = Credentials.create(STRATEGIST_KEY).getAddress();
            d = new DevnetDeployer(web3j, deployer, oracle, rpc, new MarketDeployer(web3j, rpc, deployer, oracle, mm, strategist))
                    .deploy(new BigDecimal("1000"), new BigDecimal("500"));
            m = d.markets();
            vault = m.strategyVault();
            // the allowlist names resolve through the devnet catalogue, as in the service (the deposit pools given
            // explicitly too, as a service would configure them where its catalogue does not name them)
            Map<String, String> book = AddressBook.of(DevnetCatalogue.of(d), Map.of("rocketDepositPool", d.rethDepositPool(),
                    "etherfiLiquidityPool", d.etherfiPool(), "renzoRestakeManager", d.renzoRestakeManager(),
                    "kelpDepositPool", d.kelpDepositPool()));
            try (InputStream in = getClass().getResourceAsStream("/allowlists/devnet.json")) {
                allowlist = AllowlistLoader.load(in, book, vault);
            }
            String file = WalletUtils.generateWalletFile(KEYSTORE_PASSWORD, Credentials.create(STRATEGIST_KEY).getEcKeyPair(),
                    keystoreDir.toFile(), false);
            signer = KeystoreSigner.fromKeystore(keystoreDir.resolve(file), PASSWORD_VAR, Map.of(PASSWORD_VAR, KEYSTORE_PASSWORD)::get);
            chain = new Web3jExecutionChain(web3j);
        } catch (Exception | Error e) {
            anvil.close(); // never leave an Anvil behind when the deployment fails
            throw e;
        }
    }

    PlanExecutor executor(Allowlist list, ExecutionListener listener, PlanExecutor.NonceSource nonces) {
        FeePolicy fees = new FeePolicy(10, 50, BigInteger.valueOf(1_000_000), BigInteger.valueOf(2_000_000_000L),
                BigInteger.valueOf(200_000_000_000L));
        return new PlanExecutor(chain, list, new TransactionSimulator(chain, 2_000), new FeeOracle(chain, fees), signer, vault,
                Duration.ofSeconds(30), listener, nonces);
    }

    PlanExecutor executor(Allowlist list) {
        return executor(list, ExecutionListener.NONE, chain::pendingNonce);
    }

    BigInteger uint(String to, String view, Type<?>... args) throws Exception {
        String data = FunctionEncoder.encode(new Function(view, List.of(args), List.of()));
        String out = web3j.ethCall(Transaction.createEthCallTransaction(null, to, data), DefaultBlockParameterName.LATEST).send().getValue();
        return Numeric.toBigInt(out.substring(0, 66));
    }

    /** The portfolio reader's snapshot at the latest block. */
    io.lrtyield.rebalancer.portfolio.RawSnapshot snapshot(io.lrtyield.rebalancer.portfolio.PortfolioReader reader) throws Exception {
        org.web3j.protocol.core.methods.response.EthBlock.Block b = web3j.ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false)
                .send().getBlock();
        return reader.read(b.getNumber().longValueExact(), b.getTimestamp().longValueExact()).await().atMost(Duration.ofSeconds(30));
    }

    /** Runs a built plan through the executor with the devnet allowlist; it must end DONE. */
    void run(String planId, io.lrtyield.rebalancer.plan.BuiltPlan plan) throws Exception {
        io.lrtyield.rebalancer.execution.ExecutionReport report = executor(allowlist)
                .execute(new io.lrtyield.rebalancer.execution.ExecutionPlan(planId, plan.actions()));
        org.junit.jupiter.api.Assertions.assertEquals(io.lrtyield.rebalancer.execution.ExecutionReport.DONE, report.status(), report.error());
    }

    BigInteger ethOf(String holder) throws Exception {
        return web3j.ethGetBalance(holder, DefaultBlockParameterName.LATEST).send().getBalance();
    }

    /** The portfolio's position {@code id}, or an AssertionError listing the positions. */
    static io.lrtyield.rebalancer.portfolio.VenuePosition position(io.lrtyield.rebalancer.portfolio.Portfolio p, String id) {
        return p.positions().stream().filter(x -> x.venueId().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no position " + id + " in " + p.positions()));
    }

    @Override
    public void close() {
        transport.close();
        vertx.closeAndAwait();
        anvil.close();
    }
}
