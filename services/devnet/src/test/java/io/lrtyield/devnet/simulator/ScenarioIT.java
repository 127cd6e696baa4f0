package io.lrtyield.devnet.simulator;

import io.lrtyield.common.chain.Multicall3;
import io.lrtyield.common.chain.reader.AaveReader;
import io.lrtyield.common.chain.reader.ChainlinkReader;
import io.lrtyield.common.chain.reader.ChainlinkRound;
import io.lrtyield.common.chain.reader.CurveReader;
import io.lrtyield.common.chain.reader.Read;
import io.lrtyield.common.chain.reader.ReserveData;
import io.lrtyield.common.chain.reader.ViewFunction;
import io.lrtyield.common.codec.EventCodec;
import io.lrtyield.devnet.api.SimplePrice;
import io.lrtyield.devnet.deploy.AnvilRpc;
import io.lrtyield.devnet.deploy.DevnetDeployer;
import io.lrtyield.devnet.deploy.DevnetDeployment;
import io.lrtyield.devnet.deploy.MarketDeployer;
import io.lrtyield.devnet.deploy.TxSender;
import io.lrtyield.devnet.replica.AnvilFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Bool;
import org.web3j.crypto.Credentials;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The scenario engine's Java API against the test Anvil, on a fresh deployment (accounts 0, 1, 7 as in
 * DevnetDeployerIT). Market moves are off for the scenario tests, so only the scenario moves the market; the last
 * test turns them on for two ticks; the ETH/USD and oracle-jump tests then run with moves off again. Reads go through
 * Multicall3 and the typed readers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScenarioIT {

    private static final BigInteger E18 = BigInteger.TEN.pow(18);
    private static final ViewFunction<Boolean> STAKING_PAUSED = ViewFunction.of("isStakingPaused", List.of(),
            List.of(new TypeReference<Bool>() { }), out -> out.bool(0));
    /** Curve's 1 bp fee: what a small swap in a pool at price p pays is p × (1 − 1e-4). */
    private static final double FEE = 1e-4;

    private AnvilFixture anvil;
    private DevnetDeployment d;
    private MarketActions actions;
    private ScenarioEngine engine;
    private TxSender deployer;
    private TxSender oracle;
    private TxSender mm;

    @BeforeAll
    void deploy() throws Exception {
        anvil = new AnvilFixture();
        deployer = new TxSender(anvil.web3j, Credentials.create(AnvilFixture.key(0)), anvil.chainId);
        oracle = new TxSender(anvil.web3j, Credentials.create(AnvilFixture.key(1)), anvil.chainId);
        mm = new TxSender(anvil.web3j, Credentials.create(AnvilFixture.key(7)), anvil.chainId);
        AnvilRpc rpc = new AnvilRpc(anvil.transport());
        d = new DevnetDeployer(anvil.web3j, deployer, oracle, rpc, new MarketDeployer(anvil.web3j, rpc, deployer, oracle, mm,
                AnvilFixture.address(2))).deploy(new BigDecimal("1000"), new BigDecimal("500"));
        actions = new MarketActions(anvil.web3j, d, deployer, oracle, mm);
        engine = new ScenarioEngine(actions, new ScenarioEngine.Settings(Duration.ofHours(1), new BigDecimal("0.005"), 20, false),
                new Object(), 42);
    }

    @AfterAll
    void close() {
        anvil.close();
    }

    @Test
    @Order(1)
    void depegMovesThePoolAndTheFeedBy300Bps() throws Exception {
        engine.depeg(new ScenarioRequests.Depeg("stETH", 300, 1_000));
        View v = view();
        // the swap is sized on the pool's exact integer math, so the spot lands on 0.97 within far less than 1 bp;
        // a 1-stETH quote adds the 1 bp fee and < 0.5 bp of price impact: ±2 bps covers both with margin
        assertNear(0.97 * (1 - FEE), v.stEthDy, 2e-4, "get_dy(1 stETH) after a 300 bps depeg");
        assertEquals(new BigInteger("970000000000000000"), v.stEthFeed.answer(), "stETH/ETH feed = 1 × (1 − 3 %)");
        assertEquals(1, engine.active().size());
    }

    @Test
    @Order(2)
    void staleOracleAgesTheFeed() throws Exception {
        engine.staleOracle(new ScenarioRequests.StaleOracle("rETH", 1_000));
        View v = view();
        long age = v.timestamp - v.rEthFeed.updatedAt().getEpochSecond();
        assertTrue(age >= 7_200 && age < 7_200 + 30, "rETH feed aged two heartbeats: " + age + " s");
    }

    @Test
    @Order(3)
    void rateSpikeRaisesTheBorrowRateToTheTarget() throws Exception {
        engine.rateSpike(new ScenarioRequests.RateSpike("aave-weth", 1_500, 1_000));
        // slope 1 is solved for today's utilisation; interest accrued between the read and the transaction moves it by
        // far less than 1e-6, so 1 bp is a generous bound
        assertNear(0.15, view().weth.variableBorrowApr().doubleValue(), 1e-4, "WETH borrow APR after a 1,500 bps spike");
    }

    @Test
    @Order(4)
    void resetRestoresEverything() throws Exception {
        engine.pauseVenue(new ScenarioRequests.PauseVenue("lido-wsteth"));
        assertTrue(paused(), "stETH staking paused");
        assertEquals(4, engine.reset().size());
        assertEquals(0, engine.active().size());
        View v = view();
        assertNear(1 - FEE, v.stEthDy, 2e-4, "get_dy(1 stETH) back at the peg");
        assertEquals(E18, v.stEthFeed.answer(), "stETH/ETH back to 1");
        assertTrue(v.timestamp - v.rEthFeed.updatedAt().getEpochSecond() < 30, "rETH feed fresh again");
        double usage = actions.snapshot().aave().utilisation().doubleValue() / 1e18;
        assertNear(0.027 * usage / 0.9, v.weth.variableBorrowApr().doubleValue(), 1e-4, "deployed WETH rate model");
        assertTrue(!paused(), "stETH staking resumed");
    }

    @Test
    @Order(5)
    void scenariosRecoverAfterTheirBlocks() throws Exception {
        engine.depeg(new ScenarioRequests.Depeg("weETH", 200, 2));
        assertEquals(1, engine.active().size());
        awaitBlocks(3);
        engine.tick();
        assertEquals(0, engine.active().size(), "expired depeg recovered");
        double eEthPrice = actions.snapshot().pools().get("weETH").price().doubleValue() / 1e18;
        assertNear(1.0, eEthPrice, 1e-4, "eETH back at the peg");
    }

    @Test
    @Order(6)
    void marketMovesStayInTheirBands() throws Exception {
        ScenarioEngine moving = new ScenarioEngine(actions, new ScenarioEngine.Settings(Duration.ofHours(1), new BigDecimal("0.005"), 20, true),
                new Object(), 7);
        moving.tick();
        moving.tick();
        MarketSnapshot s = actions.snapshot();
        for (MarketSnapshot.Pool p : s.pools().values()) {
            assertNear(1.0, p.price().doubleValue() / 1e18, 0.0021, "pool price within the 20 bps band");
        }
        double u = s.aave().utilisation().doubleValue() / 1e18;
        assertTrue(u > 0.5 && u < 0.7, "utilisation " + u);
        for (var f : s.feeds().entrySet()) {
            double rel = f.getValue().answer().doubleValue() / s.rates().get(f.getKey()).doubleValue() - 1;
            assertTrue(Math.abs(rel) <= 0.005, f.getKey() + " feed within the deviation threshold: " + rel);
        }
    }

    @Test
    @Order(7)
    void ethUsdScenarioSetsTheHttpPriceAndTheFeedAlike() throws Exception {
        BigInteger walked = ethUsdFeed().answer();
        engine.ethUsd(new ScenarioRequests.EthUsd(new BigDecimal("2500.5"), OptionalLong.empty()));
        ChainlinkRound round = ethUsdFeed();
        assertEquals(BigInteger.valueOf(2_500_50000000L), round.answer(), "ETH/USD feed, 8 decimals");
        assertEquals(usd(round.answer()), engine.ethUsdQuote().usd(), "HTTP = feed answer / 1e8");
        assertEquals("{\"ethereum\":{\"usd\":2500.5}}", httpBody());
        engine.tick(); // held: neither walked nor republished
        assertEquals(BigInteger.valueOf(2_500_50000000L), ethUsdFeed().answer());
        assertEquals("{\"ethereum\":{\"usd\":2500.5}}", httpBody());
        @SuppressWarnings("unchecked")
        Map<String, Object> market = (Map<String, Object>) engine.state().get("ethUsd");
        assertEquals(new BigDecimal("2500.5"), market.get("usd"));
        assertEquals(new BigDecimal("2500.5"), ((Map<?, ?>) market.get("feed")).get("answer"));
        assertThrows(IllegalStateException.class, () -> engine.ethUsd(new ScenarioRequests.EthUsd(BigDecimal.TEN, OptionalLong.of(5))));

        assertEquals(1, engine.reset().size());
        assertEquals(walked, ethUsdFeed().answer(), "reset: back to the level before the scenario");
        assertEquals(usd(walked), engine.ethUsdQuote().usd());

        engine.ethUsd(new ScenarioRequests.EthUsd(new BigDecimal("3999.99"), OptionalLong.of(2)));
        assertEquals(BigInteger.valueOf(3_999_99000000L), ethUsdFeed().answer());
        awaitBlocks(3);
        engine.tick();
        assertEquals(0, engine.active().size(), "expired eth-usd recovered");
        assertEquals(walked, ethUsdFeed().answer());
        assertEquals(usd(walked), engine.ethUsdQuote().usd());
    }

    @Test
    @Order(8)
    void oracleJumpMovesOnlyThatFeedByTheBps() throws Exception {
        MarketSnapshot before = actions.snapshot();
        engine.oracleJump(new ScenarioRequests.OracleJump("rETH", 1_500, 1_000));
        engine.oracleJump(new ScenarioRequests.OracleJump("stETH", -700, 1_000));
        MarketSnapshot after = actions.snapshot();
        BigInteger rEth = after.rates().get("rETH");
        BigInteger stEth = after.rates().get("stETH");
        assertEquals(rEth.multiply(BigInteger.valueOf(11_500)).divide(BigInteger.valueOf(10_000)), after.feeds().get("rETH").answer(),
                "rETH/ETH = rate × 1.15, floored");
        assertEquals(stEth.multiply(BigInteger.valueOf(9_300)).divide(BigInteger.valueOf(10_000)), after.feeds().get("stETH").answer(),
                "stETH/ETH = rate × 0.93, floored");
        for (String asset : List.of("cbETH", "weETH", "ezETH", "rsETH")) {
            assertEquals(before.feeds().get(asset).answer(), after.feeds().get(asset).answer(), asset + " feed untouched");
        }
        assertPoolsUnchanged(before, after);
        assertThrows(IllegalStateException.class, () -> engine.staleOracle(new ScenarioRequests.StaleOracle("rETH", 5)),
                "a stale feed and a jumped feed cannot both drive rETH");

        engine.tick(); // the feed rule keeps the jumped answer
        MarketSnapshot held = actions.snapshot();
        assertEquals(after.feeds().get("rETH").answer(), held.feeds().get("rETH").answer());
        assertPoolsUnchanged(before, held);

        assertEquals(2, engine.reset().size());
        MarketSnapshot reset = actions.snapshot();
        assertEquals(rEth, reset.feeds().get("rETH").answer(), "rETH/ETH back at the rate");
        assertEquals(stEth, reset.feeds().get("stETH").answer(), "stETH/ETH back at the rate");

        engine.oracleJump(new ScenarioRequests.OracleJump("cbETH", -1, 2));
        BigInteger cbEth = reset.rates().get("cbETH");
        assertEquals(cbEth.multiply(BigInteger.valueOf(9_999)).divide(BigInteger.valueOf(10_000)), actions.snapshot().feeds().get("cbETH").answer());
        awaitBlocks(3);
        engine.tick();
        assertEquals(0, engine.active().size(), "expired oracle-jump recovered");
        MarketSnapshot recovered = actions.snapshot();
        assertEquals(cbEth, recovered.feeds().get("cbETH").answer(), "cbETH/ETH back at the rate");
        assertPoolsUnchanged(before, recovered);
    }

    /** A feed answer / 1e8, written as the HTTP endpoint writes it (no exponent, no trailing zeros). */
    private static BigDecimal usd(BigInteger answer8) {
        BigDecimal usd = new BigDecimal(answer8, 8).stripTrailingZeros();
        return usd.scale() < 0 ? usd.setScale(0) : usd;
    }

    private static void assertPoolsUnchanged(MarketSnapshot before, MarketSnapshot after) {
        for (var e : before.pools().entrySet()) {
            MarketSnapshot.Pool p = after.pools().get(e.getKey());
            assertEquals(e.getValue().balance0(), p.balance0(), e.getKey() + " pool WETH balance");
            assertEquals(e.getValue().balance1(), p.balance1(), e.getKey() + " pool token balance");
        }
    }

    private ChainlinkRound ethUsdFeed() throws Exception {
        long block = anvil.web3j.ethBlockNumber().send().getBlockNumber().longValueExact();
        return value(ChainlinkReader.decodeLatestRoundData(new Multicall3(anvil.web3j, d.multicall3(), 10)
                .aggregate3(List.of(ChainlinkReader.latestRoundDataCall(d.ethUsdFeed())), block).await().indefinitely().get(0)));
    }

    /** The body GET /api/v3/simple/price?ids=ethereum&vs_currencies=usd serves. */
    private String httpBody() throws Exception {
        return EventCodec.mapper().writeValueAsString(SimplePrice.parse("ethereum", "usd", null).answer(engine.ethUsdQuote()));
    }

    private record View(long timestamp, double stEthDy, ChainlinkRound stEthFeed, ChainlinkRound rEthFeed, ReserveData weth) { }

    private View view() throws Exception {
        long block = anvil.web3j.ethBlockNumber().send().getBlockNumber().longValueExact();
        var m = d.markets();
        List<Multicall3.Result> r = new Multicall3(anvil.web3j, d.multicall3(), 100).aggregate3(List.of(
                CurveReader.getDyCall(m.curveStEthPool(), 1, 0, E18), ChainlinkReader.latestRoundDataCall(m.ethFeeds().get("stETH")),
                ChainlinkReader.latestRoundDataCall(m.ethFeeds().get("rETH")), AaveReader.getReserveDataCall(m.aavePool(), d.weth())),
                block).await().indefinitely();
        long timestamp = anvil.web3j.ethGetBlockByNumber(org.web3j.protocol.core.DefaultBlockParameter.valueOf(BigInteger.valueOf(block)), false)
                .send().getBlock().getTimestamp().longValueExact();
        return new View(timestamp, value(CurveReader.decodeGetDy(r.get(0))).doubleValue() / 1e18,
                value(ChainlinkReader.decodeLatestRoundData(r.get(1))), value(ChainlinkReader.decodeLatestRoundData(r.get(2))),
                value(AaveReader.decodeReserveData(r.get(3))));
    }

    private boolean paused() throws Exception {
        long block = anvil.web3j.ethBlockNumber().send().getBlockNumber().longValueExact();
        return value(STAKING_PAUSED.decode(new Multicall3(anvil.web3j, d.multicall3(), 10)
                .aggregate3(List.of(STAKING_PAUSED.call(d.stETH())), block).await().indefinitely().get(0)));
    }

    private void awaitBlocks(int n) throws Exception {
        BigInteger target = anvil.web3j.ethBlockNumber().send().getBlockNumber().add(BigInteger.valueOf(n));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (anvil.web3j.ethBlockNumber().send().getBlockNumber().compareTo(target) < 0) {
            assertTrue(System.nanoTime() < deadline, "Anvil mines no blocks");
            Thread.sleep(250);
        }
    }

    private static <T> T value(Read<T> read) {
        assertTrue(read.available(), "read unavailable: " + read.error());
        return read.value();
    }

    private static void assertNear(double expected, double actual, double tolerance, String what) {
        assertTrue(Math.abs(actual - expected) <= tolerance, what + ": expected " + expected + " ± " + tolerance + ", got " + actual);
    }
}
