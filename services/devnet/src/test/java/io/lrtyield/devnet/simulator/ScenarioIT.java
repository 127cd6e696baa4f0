package io.lrtyield.devnet.simulator;

import io.lrtyield.common.chain.Multicall3;
import io.lrtyield.common.chain.reader.AaveReader;
import io.lrtyield.common.chain.reader.ChainlinkReader;
import io.lrtyield.common.chain.reader.ChainlinkRound;
import io.lrtyield.common.chain.reader.CurveReader;
import io.lrtyield.common.chain.reader.EigenLayerReader;
import io.lrtyield.common.chain.reader.RenzoReader;
import io.lrtyield.common.chain.reader.Read;
import io.lrtyield.common.chain.reader.ReserveData;
import io.lrtyield.common.chain.reader.Slot0;
import io.lrtyield.common.chain.reader.ViewFunction;
import io.lrtyield.common.codec.EventCodec;
import io.lrtyield.devnet.api.SimplePrice;
import io.lrtyield.devnet.deploy.AnvilRpc;
import io.lrtyield.devnet.deploy.DevnetDeployer;
import io.lrtyield.devnet.deploy.DevnetDeployment;
import io.lrtyield.devnet.deploy.FundamentalRates;
import io.lrtyield.devnet.deploy.MarketDeployer;
import io.lrtyield.devnet.deploy.TxSender;
import io.lrtyield.devnet.deploy.UniswapV3Price;
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
import java.math.MathContext;
import java.math.RoundingMode;
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
 * test turns them on for two ticks; the ETH/USD and oracle-jump tests then run with moves off again, as do the Uniswap
 * v3 and RedStone-style feed tests; the last tests move the chain clock forward (heartbeats, reward accrual). Reads go through
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
        // the RedStone-style feed and the Uniswap pools of stETH and of wstETH follow the same market target
        MarketSnapshot s = actions.snapshot();
        assertEquals(new BigInteger("970000000000000000"), s.redStoneFeeds().get("stETH").answer(), "RedStone stETH/ETH = 1 × (1 − 3 %)");
        assertUniAt(s, "stETH", new BigInteger("970000000000000000"));
        assertUniAt(s, "wstETH", ScenarioEngine.depegged(s.rates().get("wstETH"), 300));
        assertUniAt(s, "rETH", s.rates().get("rETH"));
    }

    @Test
    @Order(2)
    void staleOracleAgesTheFeed() throws Exception {
        engine.staleOracle(new ScenarioRequests.StaleOracle("rETH", 1_000));
        View v = view();
        long age = v.timestamp - v.rEthFeed.updatedAt().getEpochSecond();
        assertTrue(age >= 7_200 && age < 7_200 + 30, "rETH feed aged two heartbeats: " + age + " s");
        MarketSnapshot s = actions.snapshot();
        long redStoneAge = s.timestamp() - s.redStoneFeeds().get("rETH").updatedAt();
        assertTrue(redStoneAge < 600, "the RedStone-style rETH feed is not aged: " + redStoneAge + " s");
        engine.tick();
        assertEquals(ScenarioEngine.depegged(s.rates().get("rETH"), 0), actions.snapshot().redStoneFeeds().get("rETH").answer(),
                "the RedStone-style rETH feed keeps following the rate while the Chainlink-style one is held stale");
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
        MarketSnapshot s = actions.snapshot();
        assertEquals(E18, s.redStoneFeeds().get("stETH").answer(), "RedStone stETH/ETH back to 1");
        assertUniAt(s, "stETH", E18);
        assertUniAt(s, "wstETH", s.rates().get("wstETH"));
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
            double relRs = s.redStoneFeeds().get(f.getKey()).answer().doubleValue() / s.rates().get(f.getKey()).doubleValue() - 1;
            assertTrue(Math.abs(relRs) <= 0.01, f.getKey() + " RedStone feed within its deviation threshold: " + relRs);
        }
        boolean moved = false;
        for (var pool : s.uniPools().entrySet()) {
            double rel = pool.getValue().price().doubleValue() / s.rates().get(pool.getKey()).doubleValue() - 1;
            assertTrue(Math.abs(rel) <= 0.0021, pool.getKey() + " Uniswap pool within the 20 bps band: " + rel);
            moved |= rel != 0;
        }
        assertTrue(moved, "the Uniswap pools carry noise while the market moves");
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
        assertRedStoneAndUniUnchanged(before, after);
        assertThrows(IllegalStateException.class, () -> engine.staleOracle(new ScenarioRequests.StaleOracle("rETH", 5)),
                "a stale feed and a jumped feed cannot both drive rETH");

        engine.tick(); // the feed rule keeps the jumped answer
        MarketSnapshot held = actions.snapshot();
        assertEquals(after.feeds().get("rETH").answer(), held.feeds().get("rETH").answer());
        assertPoolsUnchanged(before, held);
        assertRedStoneAndUniUnchanged(before, held);

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

    @Test
    @Order(9)
    void uniswapPoolsSitOnTheMarketTargetAfterATick() throws Exception {
        MarketSnapshot s = actions.snapshot();
        actions.beginBatch();
        for (String asset : FundamentalRates.UNI_V3_ASSETS) { // knocked off by 10 bps, so the tick must move them back
            actions.setUniPrice(asset, ScenarioEngine.jumped(s.rates().get(asset), 10), s.uniPools().get(asset));
        }
        actions.flush();
        MarketSnapshot off = actions.snapshot();
        assertTrue(relative(off, "rETH", off.rates().get("rETH")).compareTo(new BigDecimal("0.0009")) > 0, "knocked off");
        engine.tick();
        MarketSnapshot after = actions.snapshot();
        for (String asset : FundamentalRates.UNI_V3_ASSETS) {
            assertUniAt(after, asset, after.rates().get(asset));
        }
    }

    @Test
    @Order(10)
    void redStoneFeedsPublishOnTheirOwnHeartbeatAndDeviation() throws Exception {
        BigInteger rEth = actions.snapshot().rates().get("rETH");
        // 0.8 % off: beyond the Chainlink-style 0.5 %, within the RedStone-style 1 %
        actions.publish("rETH", ScenarioEngine.jumped(rEth, 80));
        actions.publishRedStone("rETH", ScenarioEngine.jumped(rEth, 80));
        engine.tick();
        MarketSnapshot s = actions.snapshot();
        assertEquals(rEth, s.feeds().get("rETH").answer(), "Chainlink-style: 0.8 % deviation publishes");
        assertEquals(ScenarioEngine.jumped(rEth, 80), s.redStoneFeeds().get("rETH").answer(), "RedStone-style: 0.8 % does not");
        actions.publishRedStone("rETH", ScenarioEngine.jumped(rEth, -120));
        engine.tick();
        assertEquals(rEth, actions.snapshot().redStoneFeeds().get("rETH").answer(), "RedStone-style: 1.2 % deviation publishes");

        // heartbeats: 2 h later only the 1 h family is due; 7 h later the 6 h family too
        long redStoneUpdated = actions.snapshot().redStoneFeeds().get("cbETH").updatedAt();
        increaseTime(2 * 3_600);
        engine.tick();
        s = actions.snapshot();
        assertTrue(s.timestamp() - s.feeds().get("cbETH").updatedAt() < 30, "Chainlink-style cbETH republished on its 1 h heartbeat");
        assertEquals(redStoneUpdated, s.redStoneFeeds().get("cbETH").updatedAt(), "RedStone-style cbETH not due before 6 h");
        increaseTime(5 * 3_600);
        engine.tick();
        s = actions.snapshot();
        assertTrue(s.timestamp() - s.redStoneFeeds().get("cbETH").updatedAt() < 30, "RedStone-style cbETH republished on its 6 h heartbeat");
        assertEquals(s.rates().get("cbETH"), s.redStoneFeeds().get("cbETH").answer());
    }

    @Test
    @Order(11)
    void rswEthRateAccruesAtItsApr() throws Exception {
        MarketSimulator sim = new MarketSimulator(anvil.web3j, oracle, d, Map.of("rswETH", new BigDecimal("0.03")));
        sim.report(); // the first report only starts the clock
        BigInteger ethBefore = uint(d.rswETH(), "totalETHDeposited");
        BigInteger supply = uint(d.rswETH(), "totalSupply");
        BigInteger rateBefore = uint(d.rswETH(), "getRate");
        assertEquals(ethBefore.multiply(E18).divide(supply), rateBefore, "rate = ETH held / supply");
        increaseTime(86_400);
        BigInteger rewards = sim.report().get("rswETH");
        awaitBlocks(2);
        BigInteger day = RewardAccrual.rewardsWei(ethBefore, new BigDecimal("0.03"), 86_400);
        assertTrue(rewards.compareTo(day) >= 0 && rewards.compareTo(RewardAccrual.rewardsWei(ethBefore, new BigDecimal("0.03"), 86_460)) <= 0,
                "one day (and a few blocks) of 3 % APR on " + ethBefore + ": " + rewards);
        assertEquals(ethBefore.add(rewards), uint(d.rswETH(), "totalETHDeposited"));
        BigInteger rateAfter = uint(d.rswETH(), "getRate");
        assertEquals(ethBefore.add(rewards).multiply(E18).divide(supply), rateAfter, "getRate() after the report");
        assertEquals(rateAfter, uint(d.rswETH(), "rswETHToETHRate"));
        assertEquals(rateAfter, actions.snapshot().rates().get("rswETH"), "the simulator's fundamental rate reads it");
    }

    private BigInteger uint(String contract, String view) throws Exception {
        long block = anvil.web3j.ethBlockNumber().send().getBlockNumber().longValueExact();
        ViewFunction<BigInteger> f = ViewFunction.uint256(view, List.of());
        return value(f.decode(new Multicall3(anvil.web3j, d.multicall3(), 10).aggregate3(List.of(f.call(contract)), block)
                .await().indefinitely().get(0)));
    }

    /** Moves the chain clock forward and waits for a block at the new time. */
    private void increaseTime(long seconds) throws Exception {
        new org.web3j.protocol.core.Request<>("evm_increaseTime", List.of(seconds), anvil.transport(),
                org.web3j.protocol.core.Response.class).send();
        awaitBlocks(1);
    }

    /** The pool's price of the asset as the price service reads it (slot0, the asset's side), within 1e-12 of the target. */
    private void assertUniAt(MarketSnapshot s, String asset, BigInteger target) {
        BigDecimal rel = relative(s, asset, target);
        assertTrue(rel.compareTo(new BigDecimal("1e-12")) < 0, asset + " Uniswap pool at " + target + ": relative error " + rel);
    }

    private BigDecimal relative(MarketSnapshot s, String asset, BigInteger target) {
        MarketSnapshot.UniPool p = s.uniPools().get(asset);
        assertEquals(UniswapV3Price.assetIsToken0(MarketDeployer.token(d, asset), d.weth()), p.assetIsToken0(), asset + " token order");
        Slot0 slot0 = new Slot0(p.sqrtPriceX96(), 0, 0, 1, 1, 0, true);
        BigDecimal price = p.assetIsToken0() ? slot0.price() : slot0.inversePrice(40, RoundingMode.HALF_EVEN);
        BigDecimal expected = new BigDecimal(target, 18);
        return price.subtract(expected).abs().divide(expected, MathContext.DECIMAL128);
    }

    private static void assertRedStoneAndUniUnchanged(MarketSnapshot before, MarketSnapshot after) {
        for (var e : before.redStoneFeeds().entrySet()) {
            assertEquals(e.getValue().answer(), after.redStoneFeeds().get(e.getKey()).answer(), e.getKey() + " RedStone feed untouched");
        }
        for (var e : before.uniPools().entrySet()) {
            assertEquals(e.getValue().sqrtPriceX96(), after.uniPools().get(e.getKey()).sqrtPriceX96(), e.getKey() + " Uniswap pool untouched");
        }
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

    @Test
    @Order(20)
    void slashOfFivePercentLowersWithdrawableSharesAndTheRatesWithinTwoBlocks() throws Exception {
        var r = d.restaking();
        assertEquals(3, r.operators().size());
        assertEquals(3, r.operatorSets().size());
        assertEquals(6, r.delegators().size());
        String opA = r.operator("operator-a").address();
        var set = r.operatorSet("da-avs/0");
        var ezAccount = r.delegators().stream().filter(x -> x.asset().equals("ezETH") && x.operator().equals(opA)).findFirst().orElseThrow();
        var ezOther = r.delegators().stream().filter(x -> x.asset().equals("ezETH") && !x.operator().equals(opA)).findFirst().orElseThrow();
        long before = anvil.web3j.ethBlockNumber().send().getBlockNumber().longValueExact();
        List<Multicall3.Result> b = restakingReads(r, opA, set, ezAccount.address(), ezOther.address(), before);
        assertEquals(E18.divide(BigInteger.TWO), value(EigenLayerReader.decodeAllocation(b.get(0))), "operator-a allocates 0.5 to da-avs/0");
        assertEquals(E18, value(EigenLayerReader.decodeMaxMagnitude(b.get(1))), "never slashed");
        assertEquals(opA.toLowerCase(), value(EigenLayerReader.decodeDelegatedTo(b.get(2))).toLowerCase());
        BigInteger shares = value(EigenLayerReader.decodeWithdrawableShares(b.get(3))).withdrawable();
        assertEquals(ezAccount.restakedWei(), shares, "withdrawable = restaked before any slash");
        BigInteger otherShares = value(EigenLayerReader.decodeWithdrawableShares(b.get(4))).withdrawable();
        var rateBefore = value(RenzoReader.decodeEzEthRate(b.get(5), b.get(6))).rate().toBigDecimal();

        SlashSimulator slasher = new SlashSimulator(anvil.web3j, oracle, r, d.kelpOracle(), new Object());
        var slash = slasher.slash(ScenarioRequests.slash("{\"operator\":\"operator-a\",\"operatorSet\":\"da-avs/0\",\"wad\":\"50000000000000000\"}"));

        long after = anvil.web3j.ethBlockNumber().send().getBlockNumber().longValueExact();
        assertTrue(after <= slash.block() + 2, "the loss is booked within 2 blocks of the slash: slash " + slash.block() + ", now " + after);
        List<Multicall3.Result> a = restakingReads(r, opA, set, ezAccount.address(), ezOther.address(), after);
        // 5 % of the 0.5 allocated: 0.025 of the operator's stake; max magnitude 0.975, every delegated account loses 2.5 %
        assertEquals(new BigInteger("475000000000000000"), value(EigenLayerReader.decodeAllocation(a.get(0))));
        assertEquals(new BigInteger("975000000000000000"), value(EigenLayerReader.decodeMaxMagnitude(a.get(1))));
        BigInteger sharesAfter = value(EigenLayerReader.decodeWithdrawableShares(a.get(3))).withdrawable();
        assertEquals(shares.multiply(new BigInteger("975000000000000000")).divide(E18), sharesAfter, "withdrawable × 0.975");
        assertEquals(otherShares, value(EigenLayerReader.decodeWithdrawableShares(a.get(4))).withdrawable(), "an account on another operator keeps its shares");
        assertEquals(shares.subtract(sharesAfter), slash.lossWeiByAsset().get("ezETH"), "ezETH's loss = its account's lost shares");
        assertTrue(slash.lossWeiByAsset().containsKey("rsETH") && !slash.lossWeiByAsset().containsKey("weETH"),
                "rsETH has an account on operator-a, weETH none: " + slash.lossWeiByAsset());
        var rateAfter = value(RenzoReader.decodeEzEthRate(a.get(5), a.get(6))).rate().toBigDecimal();
        assertTrue(rateAfter.compareTo(rateBefore) < 0, "ezETH rate fell: " + rateBefore + " → " + rateAfter);
    }

    private List<Multicall3.Result> restakingReads(io.lrtyield.devnet.deploy.RestakingDeployment r, String operator,
                                                   io.lrtyield.devnet.deploy.RestakingDeployment.OperatorSet set, String account,
                                                   String other, long block) {
        return new Multicall3(anvil.web3j, d.multicall3(), 100).aggregate3(List.of(
                EigenLayerReader.allocationCall(r.allocationManager(), operator, set.avs(), set.id(), r.strategy()),
                EigenLayerReader.maxMagnitudeCall(r.allocationManager(), operator, r.strategy()),
                EigenLayerReader.delegatedToCall(r.delegationManager(), account),
                EigenLayerReader.withdrawableSharesCall(r.delegationManager(), account, r.strategy()),
                EigenLayerReader.withdrawableSharesCall(r.delegationManager(), other, r.strategy()),
                RenzoReader.calculateTvlsCall(d.renzoRestakeManager()), RenzoReader.ezEthTotalSupplyCall(d.ezETH())), block)
                .await().indefinitely();
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
