package io.lrtyield.yield.it;

import io.lrtyield.common.catalogue.Catalogue;
import io.lrtyield.common.catalogue.Venue;
import io.lrtyield.common.chain.Multicall3;
import io.lrtyield.common.chain.RpcSettings;
import io.lrtyield.common.chain.VertxJsonRpcService;
import io.lrtyield.common.chain.reader.EigenLayerReader;
import io.lrtyield.common.event.Provenance;
import io.lrtyield.common.event.RestakingExposure;
import io.lrtyield.common.event.YieldQuote;
import io.lrtyield.common.restaking.ExposureReads;
import io.lrtyield.devnet.anvil.LocalAnvil;
import io.lrtyield.devnet.deploy.AnvilRpc;
import io.lrtyield.devnet.deploy.DevnetCatalogue;
import io.lrtyield.devnet.deploy.DevnetDeployer;
import io.lrtyield.devnet.deploy.DevnetDeployment;
import io.lrtyield.devnet.deploy.MarketDeployer;
import io.lrtyield.devnet.deploy.TxSender;
import io.lrtyield.devnet.simulator.EigenLayerActions;
import io.lrtyield.yield.model.MarketState;
import io.lrtyield.yield.model.PositionSlashing;
import io.lrtyield.yield.model.SlashingRisk;
import io.lrtyield.yield.model.VenueQuoter;
import io.lrtyield.yield.pipeline.MarketQuotePipeline;
import io.lrtyield.yield.snapshot.MarketSnapshot;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.mutiny.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.methods.response.EthBlock;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The vault's own EigenLayer position priced for slashing on a devnet of the test's own: undelegated, the EigenLayer venue's
 * quote carries no expected loss (the rebalancer keeps its flat term); once the vault delegates its stETH-strategy shares
 * to operator-b (Anvil impersonates the vault), the exposure read in one Multicall3 gives the operator's allocations, and
 * the venue's expected loss equals a hand computation (1e-12) from the AllocationManager's magnitudes read one by one and
 * the service's configured probabilities ({@code yield.slashing.avs.*} of its application.properties).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EigenLayerSlashingIT {

    static final String DEPLOYER_KEY = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
    static final String ORACLE_KEY = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";
    static final String STRATEGIST_KEY = "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a";
    static final String MARKET_MAKER_KEY = "0x4bbbf85ce3377467afe5d46f804f221813b2bb87f24d81f60f1fcdbf7cbf4356";
    static final BigDecimal WSTETH_STAKING_APY = new BigDecimal("0.032");
    static final BigInteger WAD = BigInteger.TEN.pow(18);
    static final MathContext MC = MathContext.DECIMAL128;

    LocalAnvil anvil;
    Vertx vertx;
    VertxJsonRpcService transport;
    Web3j web3j;
    DevnetDeployment d;
    Catalogue catalogue;
    Multicall3 multicall;
    MarketSnapshot snapshot;
    EigenLayerActions eigen;
    final VenueQuoter quoter = new VenueQuoter(List.of(BigDecimal.TEN, new BigDecimal("1000")), new BigDecimal("90"));

    @BeforeAll
    void deploy() throws Exception {
        anvil = LocalAnvil.start(Integer.getInteger("yield.anvil.port", 28650) + 1);
        vertx = Vertx.vertx();
        transport = new VertxJsonRpcService(vertx, RpcSettings.defaults(List.of(URI.create(anvil.url()))), new SimpleMeterRegistry());
        web3j = Web3j.build(transport);
        long chainId = web3j.ethChainId().send().getChainId().longValueExact();
        TxSender deployer = new TxSender(web3j, Credentials.create(DEPLOYER_KEY), chainId);
        TxSender oracle = new TxSender(web3j, Credentials.create(ORACLE_KEY), chainId);
        TxSender mm = new TxSender(web3j, Credentials.create(MARKET_MAKER_KEY), chainId);
        AnvilRpc rpc = new AnvilRpc(transport);
        d = new DevnetDeployer(web3j, deployer, oracle, rpc, new MarketDeployer(web3j, rpc, deployer, oracle, mm,
                Credentials.create(STRATEGIST_KEY).getAddress())).deploy(new BigDecimal("1000"), new BigDecimal("500"));
        catalogue = DevnetCatalogue.of(d);
        multicall = new Multicall3(web3j, catalogue.multicall3(), 300);
        snapshot = new MarketSnapshot(multicall::aggregate3, catalogue);
        eigen = new EigenLayerActions(web3j, rpc, d, oracle, chainId);
    }

    @AfterAll
    void stop() {
        if (transport != null) {
            transport.close();
            vertx.closeAndAwait();
        }
        if (anvil != null) {
            anvil.close();
        }
    }

    @Test
    void theEigenLayerVenuesExpectedLossComesFromTheVaultsOperatorOnceDelegated() throws Exception {
        SlashingRisk risk = new SlashingRisk(SlashingRisk.parameters(new SlashingRisk.AvsRisk(new BigDecimal("0.02"), new BigDecimal("0.005"),
                new BigDecimal("0.05"), new BigDecimal("0.25"), "yield.slashing.default-*"), configuredAvs()));
        ExposureReads reads = new ExposureReads(catalogue.restaking());
        Venue venue = catalogue.venue("eigenlayer-steth").orElseThrow();

        eigen.depositVaultStEth(WAD.multiply(BigInteger.valueOf(25)));
        EthBlock.Block before = block(head());
        RestakingExposure undelegated = position(reads, before);
        YieldQuote plain = quote(venue, before);
        YieldQuote unadjusted = PositionSlashing.adjust(plain, undelegated, risk);
        assertFalse(undelegated.delegated());
        assertEquals(0, plain.netApy().compareTo(unadjusted.netApy()), "undelegated: nothing to slash");
        assertFalse(unadjusted.risk().containsKey("expectedSlashingLoss"), "the rebalancer's flat term stays");
        assertEquals("none", unadjusted.risk().get("delegatedTo"));

        String operatorB = d.restaking().operator("operator-b").address();
        EthBlock.Block after = block(eigen.delegateVault(operatorB));
        RestakingExposure delegated = position(reads, after);
        assertTrue(delegated.complete(), delegated.errors().toString());
        YieldQuote q = PositionSlashing.adjust(quote(venue, after), delegated, risk);

        // by hand: the operator's magnitude in each set over its max magnitude, read one call at a time, × p × severity
        String strategy = d.markets().eigenStEthStrategy();
        BigDecimal expected = BigDecimal.ZERO;
        Map<String, BigDecimal> shares = new LinkedHashMap<>();
        for (var set : d.restaking().operatorSets()) {
            BigInteger magnitude = one(EigenLayerReader.allocationCall(d.restaking().allocationManager(), operatorB, set.avs(), set.id(), strategy),
                    after, EigenLayerReader::decodeAllocation);
            BigInteger max = one(EigenLayerReader.maxMagnitudeCall(d.restaking().allocationManager(), operatorB, strategy), after,
                    EigenLayerReader::decodeMaxMagnitude);
            if (magnitude.signum() == 0) {
                continue;
            }
            BigDecimal share = new BigDecimal(magnitude).divide(new BigDecimal(max), MC);
            shares.put(set.name(), share);
            SlashingRisk.AvsRisk r = SlashingRisk.parameters(null, configuredAvs()).apply(set.name());
            expected = expected.add(share.multiply(r.probability()).multiply(r.severity()));
        }
        assertEquals(Map.of("da-avs/0", new BigDecimal("0.4"), "bridge-avs/2", new BigDecimal("0.5")).keySet(), shares.keySet());
        BigDecimal loss = new BigDecimal(q.risk().get("expectedSlashingLoss"));
        near(expected, loss, "expected slashing loss");
        near(plain.netApy().subtract(expected), q.netApy(), "net APY");
        near(plain.netApy().subtract(expected), q.sizeCurve().get(0).netApy(), "size curve");
        assertEquals("operator-b", q.risk().get("delegatedTo"));
        System.out.printf("eigenlayer-steth, vault delegated to operator-b: slashable da %s, bridge %s; expected loss %s (hand %s); "
                        + "net APY %s → %s, band %s … %s%n", q.risk().get("exposure.avs.da-avs/0"), q.risk().get("exposure.avs.bridge-avs/2"),
                loss.toPlainString(), expected.stripTrailingZeros().toPlainString(), plain.netApy().stripTrailingZeros().toPlainString(),
                q.netApy().stripTrailingZeros().toPlainString(), q.risk().get("netApyLow"), q.risk().get("netApyHigh"));
    }

    /** The venue's quote as the market pipeline makes it (before the slashing adjustment). */
    private YieldQuote quote(Venue venue, EthBlock.Block block) {
        MarketState state = snapshot.read(block.getNumber().longValueExact(), block.getTimestamp().longValueExact()).await().atMost(Duration.ofSeconds(30));
        Provenance p = new Provenance(31337, block.getNumber().longValueExact(), block.getHash(), block.getTimestamp().longValueExact());
        List<YieldQuote> quotes = MarketQuotePipeline.quoteAll(List.of(venue), state, quoter, p,
                new VenueQuoter.Context(catalogue.contracts(), Map.of("wstETH", WSTETH_STAKING_APY), Map.of()), BigDecimal.ONE);
        assertEquals(1, quotes.size());
        return quotes.get(0);
    }

    private RestakingExposure position(ExposureReads reads, EthBlock.Block block) {
        ExposureReads.Plan plan = reads.plan();
        Iterator<Multicall3.Result> it = multicall.aggregate3(plan.calls(), block.getNumber().longValueExact()).await()
                .atMost(Duration.ofSeconds(30)).iterator();
        return plan.decode(it::next, block.getNumber().longValueExact()).positions().get("stETH").get("eigenlayer-steth");
    }

    private <T> T one(Multicall3.Call call, EthBlock.Block block, java.util.function.Function<Multicall3.Result,
            io.lrtyield.common.chain.reader.Read<T>> decode) {
        var r = decode.apply(multicall.aggregate3(List.of(call), block.getNumber().longValueExact()).await().atMost(Duration.ofSeconds(20)).get(0));
        assertTrue(r.available(), r.error());
        return r.value();
    }

    /** The service's configured per-set probabilities ({@code yield.slashing.avs."<set>"} in its application.properties). */
    static Map<String, String> configuredAvs() throws Exception {
        Map<String, String> avs = new LinkedHashMap<>();
        for (String line : Files.readAllLines(Path.of("src/main/resources/application.properties"))) {
            if (line.startsWith("yield.slashing.avs.")) {
                String[] kv = line.substring("yield.slashing.avs.".length()).split("=", 2);
                avs.put(kv[0].trim(), kv[1].trim());
            }
        }
        assertFalse(avs.isEmpty(), "the service configures its sets");
        return avs;
    }

    private EthBlock.Block block(long number) throws Exception {
        return web3j.ethGetBlockByNumber(DefaultBlockParameter.valueOf(BigInteger.valueOf(number)), false).send().getBlock();
    }

    private long head() throws Exception {
        return web3j.ethBlockNumber().send().getBlockNumber().longValueExact();
    }

    static void near(BigDecimal expected, BigDecimal actual, String what) {
        assertTrue(expected.subtract(actual).abs().compareTo(new BigDecimal("1e-12")) < 0, what + ": expected " + expected + ", got " + actual);
    }
}
