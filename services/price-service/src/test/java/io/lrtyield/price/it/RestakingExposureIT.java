package io.lrtyield.price.it;

import io.lrtyield.common.catalogue.Catalogue;
import io.lrtyield.common.chain.ContractEventLogs;
import io.lrtyield.common.chain.Multicall3;
import io.lrtyield.common.chain.RpcSettings;
import io.lrtyield.common.chain.VertxJsonRpcService;
import io.lrtyield.common.event.PriceTick;
import io.lrtyield.common.event.Provenance;
import io.lrtyield.common.event.RestakingExposure;
import io.lrtyield.common.event.RiskAlert;
import io.lrtyield.devnet.anvil.LocalAnvil;
import io.lrtyield.devnet.deploy.AnvilRpc;
import io.lrtyield.devnet.deploy.DevnetCatalogue;
import io.lrtyield.devnet.deploy.DevnetDeployer;
import io.lrtyield.devnet.deploy.DevnetDeployment;
import io.lrtyield.devnet.deploy.MarketDeployer;
import io.lrtyield.devnet.deploy.MarketDeployment;
import io.lrtyield.devnet.deploy.RestakingDeployment;
import io.lrtyield.devnet.deploy.TxSender;
import io.lrtyield.devnet.simulator.EigenLayerActions;
import io.lrtyield.devnet.simulator.IssuerAdminScenarios;
import io.lrtyield.price.aggregate.PriceAggregator;
import io.lrtyield.price.aggregate.RateGrowthCap;
import io.lrtyield.price.pipeline.PricePipeline;
import io.lrtyield.price.snapshot.PriceSnapshot;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.mutiny.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The exposure graph the price snapshot reads on a devnet of its own (Anvil on {@code -Dprice.it.anvil.port}, replicas
 * deployed by the devnet's deployer), through the price service's own {@link PriceSnapshot} and {@link PriceAggregator}:
 * an ether.fi account's queued withdrawal stays slashable by its operator until the withdrawal delay ends; an operator and
 * an AVS operator set the catalogue does not list are discovered on chain when the vault delegates its EigenLayer stETH to
 * them; Renzo's RestakeManager pause is seen by {@code paused()} and by its event, published once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RestakingExposureIT {

    static final String DEPLOYER_KEY = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
    static final String ORACLE_KEY = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";
    static final String STRATEGIST_KEY = "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a";
    static final String MARKET_MAKER_KEY = "0x4bbbf85ce3377467afe5d46f804f221813b2bb87f24d81f60f1fcdbf7cbf4356";
    static final BigInteger WAD = BigInteger.TEN.pow(18);
    static final MathContext MC = MathContext.DECIMAL128;

    LocalAnvil anvil;
    Vertx vertx;
    VertxJsonRpcService transport;
    Web3j web3j;
    DevnetDeployment d;
    Catalogue catalogue;
    AnvilRpc rpc;
    TxSender oracle;
    EigenLayerActions eigen;
    PriceSnapshot snapshot;
    PriceAggregator aggregator;

    @BeforeAll
    void deploy() throws Exception {
        anvil = LocalAnvil.start(Integer.getInteger("price.it.anvil.port", 28674));
        vertx = Vertx.vertx();
        transport = new VertxJsonRpcService(vertx, RpcSettings.defaults(List.of(URI.create(anvil.url()))), new SimpleMeterRegistry());
        web3j = Web3j.build(transport);
        long chainId = web3j.ethChainId().send().getChainId().longValueExact();
        TxSender deployer = new TxSender(web3j, Credentials.create(DEPLOYER_KEY), chainId);
        oracle = new TxSender(web3j, Credentials.create(ORACLE_KEY), chainId);
        TxSender mm = new TxSender(web3j, Credentials.create(MARKET_MAKER_KEY), chainId);
        rpc = new AnvilRpc(transport);
        d = new DevnetDeployer(web3j, deployer, oracle, rpc, new MarketDeployer(web3j, rpc, deployer, oracle, mm,
                Credentials.create(STRATEGIST_KEY).getAddress())).deploy(new BigDecimal("1000"), new BigDecimal("500"));
        catalogue = DevnetCatalogue.of(d);
        snapshot = new PriceSnapshot(new Multicall3(web3j, catalogue.multicall3(), 300), catalogue);
        aggregator = new PriceAggregator(catalogue, new RateGrowthCap(3600));
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
    @Order(1)
    void aQueuedWithdrawalStaysSlashableByItsOperatorUntilTheWithdrawalDelayEnds() throws Exception {
        RestakingDeployment r = d.restaking();
        String operatorB = r.operator("operator-b").address();
        RestakingDeployment.Delegator account = r.delegators().stream()
                .filter(x -> x.asset().equals("weETH") && x.operator().equalsIgnoreCase(operatorB)).findFirst().orElseThrow();
        RestakingExposure before = price(head()).get("weETH").exposure();
        assertTrue(before.complete(), before.errors().toString());
        assertEquals(0, before.queuedEth().signum());

        BigInteger queued = account.restakedWei().multiply(BigInteger.valueOf(4)).divide(BigInteger.TEN);
        long queuedAt = eigen.queueIssuerWithdrawal(account.address(), queued);
        Ticks at = ticks(queuedAt);
        RestakingExposure e = at.prices().get("weETH").exposure();
        assertTrue(e.complete(), e.errors().toString());
        RestakingExposure.Delegation acc = e.delegations().stream().filter(x -> x.account().equalsIgnoreCase(account.address()))
                .findFirst().orElseThrow();
        assertEquals(1, acc.queued().size());
        RestakingExposure.QueuedWithdrawal q = acc.queued().get(0);
        assertEquals(operatorB.toLowerCase(), q.operator());
        assertEquals(queuedAt, q.startBlock());
        assertEquals(queuedAt + MarketDeployer.EIGEN_WITHDRAWAL_DELAY_BLOCKS, q.slashableUntilBlock());
        assertEquals(0, RestakingExposure.eth(queued).compareTo(q.sharesEth()));
        assertEquals(0, RestakingExposure.eth(account.restakedWei().subtract(queued)).compareTo(acc.withdrawableEth()));
        // still slashable: every set's share as before the withdrawal (to a wei of rounding)
        before.slashableShareBySet().forEach((set, share) -> near(share, e.slashableShareBySet().get(set), "1e-15", set));
        assertTrue(at.alerts().stream().anyMatch(a -> a.kind().equals("WITHDRAWABLE_SHARES_DECREASE") && a.severity().equals("WARN")),
                at.alerts().toString());

        // past the delay the queued ETH leaves the exposure: operator-b's da 0.4 and bridge 0.5 of it, over the backing
        rpc.mine(MarketDeployer.EIGEN_WITHDRAWAL_DELAY_BLOCKS + 1);
        RestakingExposure after = price(head()).get("weETH").exposure();
        assertTrue(after.delegations().stream().flatMap(x -> x.queued().stream()).allMatch(x -> x.allocations().isEmpty()));
        BigDecimal gone = RestakingExposure.eth(queued).divide(after.backingEth(), MC);
        near(before.slashableShareBySet().get("da-avs/0").subtract(gone.multiply(new BigDecimal("0.4"))),
                after.slashableShareBySet().get("da-avs/0"), "1e-15", "da-avs/0");
        near(before.slashableShareBySet().get("bridge-avs/2").subtract(gone.multiply(new BigDecimal("0.5"))),
                after.slashableShareBySet().get("bridge-avs/2"), "1e-15", "bridge-avs/2");
        System.out.printf("weETH: queued %s ETH under operator-b at block %d (slashable until %d); da %s → %s, bridge %s → %s%n",
                q.sharesEth().stripTrailingZeros().toPlainString(), queuedAt, q.slashableUntilBlock(),
                plain(before.slashableShareBySet().get("da-avs/0")), plain(after.slashableShareBySet().get("da-avs/0")),
                plain(before.slashableShareBySet().get("bridge-avs/2")), plain(after.slashableShareBySet().get("bridge-avs/2")));
    }

    @Test
    @Order(2)
    void anOperatorAndASetOutsideTheCatalogueAreDiscoveredWhenTheVaultDelegatesToThem() throws Exception {
        var newSet = new EigenLayerActions.NewSet("restaking-avs-x", 9);
        String da = d.restaking().operatorSet("da-avs/0").avs();
        String opX = eigen.newOperator("operator-x", List.of(newSet), Map.of(da + "/0", WAD.multiply(BigInteger.valueOf(3)).divide(BigInteger.TEN),
                newSet.avs() + "/9", WAD.divide(BigInteger.TWO)));
        eigen.depositVaultStEth(WAD.multiply(BigInteger.TEN));
        RestakingExposure undelegated = position(price(head()));
        assertFalse(undelegated.delegated());
        assertTrue(undelegated.slashableShareBySet().isEmpty());

        long delegated = eigen.delegateVault(opX);
        rpc.mine(2);
        RestakingExposure first = position(price(delegated));
        assertFalse(first.complete());
        assertTrue(first.errors().toString().contains(opX.toLowerCase() + " discovered this block"), first.errors().toString());
        RestakingExposure second = position(price(delegated + 1));
        assertFalse(second.complete());
        assertTrue(second.errors().toString().contains(newSet.avs() + "/9"), second.errors().toString());
        Map<String, PriceTick> third = price(delegated + 2);
        RestakingExposure e = position(third);
        assertTrue(e.complete(), e.errors().toString());
        near(new BigDecimal("0.3"), e.slashableShareBySet().get("da-avs/0"), "1e-15", "da");
        near(new BigDecimal("0.5"), e.slashableShareBySet().get(newSet.avs() + "/9"), "1e-15", "the discovered set");
        third.values().stream().filter(t -> t.exposure() != null).forEach(t -> assertTrue(t.exposure().complete(), t.asset()
                + " stays complete: " + t.exposure().errors()));
        System.out.printf("vault's EigenLayer stETH %s ETH delegated to %s: %s%n", plain(e.backingEth()), opX, e.slashableShareBySet());
    }

    @Test
    @Order(3)
    void renzosPauseIsSeenByPausedAndByItsEventAndPublishedOnce() throws Exception {
        ticks(head());
        IssuerAdminScenarios.Action pause = new IssuerAdminScenarios(oracle, d, new Object()).pause("ezETH");
        Ticks at = ticks(pause.block());
        List<RiskAlert> read = at.alerts().stream().filter(a -> a.kind().equals("VENUE_PAUSED")).toList();
        assertEquals(1, read.size(), "paused() read true after false: " + at.alerts());
        assertEquals(List.of("ezETH", "CRITICAL"), List.of(read.get(0).subject(), read.get(0).severity()));
        List<RiskAlert> events = new ContractEventLogs(web3j, catalogue).alerts(provenance(pause.block())).await().atMost(Duration.ofSeconds(10));
        assertEquals(1, events.size(), events.toString());
        List<RiskAlert> published = PricePipeline.merge(events, at.alerts()).stream().filter(a -> a.kind().equals("VENUE_PAUSED")).toList();
        assertEquals(1, published.size(), "one alert for the event and the read");
        assertTrue(published.get(0).message().contains(pause.tx()), "the event's, naming the transaction");
        assertTrue(ticks(pause.block() + 0).alerts().stream().noneMatch(a -> a.kind().equals("VENUE_PAUSED")), "raised once");
    }

    record Ticks(Map<String, PriceTick> prices, List<RiskAlert> alerts) {
    }

    Ticks ticks(long block) throws Exception {
        var header = web3j.ethGetBlockByNumber(DefaultBlockParameter.valueOf(BigInteger.valueOf(block)), false).send().getBlock();
        Provenance p = new Provenance(31337, block, header.getHash(), header.getTimestamp().longValueExact());
        var readings = snapshot.read(block).await().atMost(Duration.ofSeconds(30));
        var result = aggregator.aggregate(readings, null, List.of(), p);
        Map<String, PriceTick> byAsset = new java.util.LinkedHashMap<>();
        result.ticks().forEach(t -> byAsset.put(t.asset(), t));
        return new Ticks(byAsset, result.alerts());
    }

    Map<String, PriceTick> price(long block) throws Exception {
        return ticks(block).prices();
    }

    static RestakingExposure position(Map<String, PriceTick> prices) {
        return prices.get("stETH").positions().get("eigenlayer-steth");
    }

    Provenance provenance(long block) throws Exception {
        var header = web3j.ethGetBlockByNumber(DefaultBlockParameter.valueOf(BigInteger.valueOf(block)), false).send().getBlock();
        return new Provenance(31337, block, header.getHash(), header.getTimestamp().longValueExact());
    }

    long head() throws Exception {
        return web3j.ethBlockNumber().send().getBlockNumber().longValueExact();
    }

    static void near(BigDecimal expected, BigDecimal actual, String tolerance, String what) {
        assertTrue(actual != null && expected.subtract(actual).abs().compareTo(new BigDecimal(tolerance)) <= 0,
                what + ": expected " + expected + ", got " + actual);
    }

    static String plain(BigDecimal v) {
        return v.round(new MathContext(8)).stripTrailingZeros().toPlainString();
    }
}
