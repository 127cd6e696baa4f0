package io.lrtyield.devnet.simulator;

import io.lrtyield.devnet.deploy.FundamentalRates;
import io.lrtyield.devnet.deploy.MarketDeployer;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Moves the markets each tick and runs the scenarios. A tick: scenarios past their end block recover; the Curve pools
 * random-walk within the peg band (held at the depeg price while a depeg is active); Aave WETH utilisation drifts
 * within 50–70 % (frozen during a rate spike); each Uniswap v3 pool is set to its market target, fundamental rate ×
 * (1 − active depeg), with a small seeded noise inside the peg band; each market feed publishes like Chainlink, on
 * heartbeat or deviation, toward the market target — the Chainlink-style family except while it is held stale or an
 * oracle jump holds it off the rate, the RedStone-style family always, on its own heartbeat and deviation;
 * ETH/USD random-walks (held at a scenario's level while one is active) and its feed publishes by the same rule.
 *
 * <p>Every chain write runs under one lock shared with the reward reports, because the senders keep their own nonces.
 */
public final class ScenarioEngine {

    private static final Logger LOG = Logger.getLogger(ScenarioEngine.class);
    private static final BigInteger E18 = MarketActions.E18;
    private static final BigInteger BPS = BigInteger.valueOf(10_000);
    private static final String ETH_USD = "ETH/USD";
    /** Mixed into the seed so the ETH/USD walk draws from a stream of its own. */
    private static final long ETH_USD_STREAM = 0x9E3779B97F4A7C15L;
    /** Mixed into the seed so the Uniswap v3 pools' noise draws from a stream of its own (the other draws stay as they were). */
    private static final long UNI_V3_STREAM = 0xC2B2AE3D27D4EB4FL;
    /** Standard deviation of a Uniswap v3 pool's offset step per tick (2 bps, as the Curve walk). */
    private static final double UNI_V3_STEP = 0.0002;

    /**
     * Feed and market-move settings.
     *
     * @param heartbeat the Chainlink-style feeds publish at least this often; {@code deviation} on a larger move (fraction)
     * @param ethUsdStepBps standard deviation of ETH/USD's step per tick, basis points
     * @param ethUsdBandBps how far ETH/USD may walk from its starting level, basis points
     * @param redStoneHeartbeat the RedStone-style feeds' heartbeat; {@code redStoneDeviation} their deviation threshold
     */
    public record Settings(Duration heartbeat, BigDecimal deviation, int pegBandBps, boolean marketMoves, int ethUsdStepBps,
                           int ethUsdBandBps, Duration redStoneHeartbeat, BigDecimal redStoneDeviation) {

        /** RedStone-style feeds on a 6 h heartbeat and a 1 % deviation. */
        public Settings(Duration heartbeat, BigDecimal deviation, int pegBandBps, boolean marketMoves, int ethUsdStepBps,
                        int ethUsdBandBps) {
            this(heartbeat, deviation, pegBandBps, marketMoves, ethUsdStepBps, ethUsdBandBps, Duration.ofHours(6), new BigDecimal("0.01"));
        }

        /** ETH/USD steps of 5 bps within ±20 %; RedStone-style feeds on 6 h and 1 %. */
        public Settings(Duration heartbeat, BigDecimal deviation, int pegBandBps, boolean marketMoves) {
            this(heartbeat, deviation, pegBandBps, marketMoves, 5, 2_000);
        }
    }

    private final MarketActions chain;
    private final Settings settings;
    private final Object lock;
    private final Random random;
    private final Random uniRandom;
    /** Each Uniswap v3 pool's offset from its market target (a fraction), random-walked inside the peg band. */
    private final Map<String, Double> uniOffsets = new ConcurrentHashMap<>();
    private final Map<String, Scenario> active = new ConcurrentHashMap<>();
    private final long seed;
    private final Object walkInit = new Object();
    private volatile EthUsdWalk ethUsd;

    /** @param lock held around every write (the reward simulator's monitor, so the oracle nonce is never raced) */
    public ScenarioEngine(MarketActions chain, Settings settings, Object lock, long seed) {
        this.chain = chain;
        this.settings = settings;
        this.lock = lock;
        this.random = new Random(seed);
        this.uniRandom = new Random(seed ^ UNI_V3_STREAM);
        this.seed = seed;
    }

    public List<Scenario> active() {
        return List.copyOf(active.values());
    }

    public void tick() throws IOException {
        synchronized (lock) {
            MarketSnapshot s = chain.snapshot();
            boolean recovered = false;
            for (Scenario sc : List.copyOf(active.values())) {
                if (s.block() >= sc.endBlock()) {
                    recover(sc, s);
                    recovered = true;
                }
            }
            if (recovered) {
                s = chain.snapshot();
            }
            EthUsdWalk walk = ethUsd(s.ethUsd().answer());
            walk.tick(settings.marketMoves());
            // one batch: the pool swaps, the utilisation step and the feed updates land together, one wait per tick
            chain.beginBatch();
            try {
                if (settings.marketMoves()) {
                    walkPools(s);
                    driftUtilisation(s);
                }
                moveUniPools(s);
                updateFeeds(s);
                if (due(walk.answer(), s.ethUsd(), s.timestamp(), settings.heartbeat(), settings.deviation())) {
                    chain.publishEthUsd(walk.answer());
                }
                updateAavePrices(s);
            } finally {
                chain.flush();
            }
        }
    }

    public Scenario depeg(ScenarioRequests.Depeg r) throws IOException {
        synchronized (lock) {
            MarketSnapshot s = chain.snapshot();
            return start(new Scenario("depeg", r.asset(), r.bps(), s.block(), s.block() + r.blocks()), () -> {
                MarketSnapshot.Pool pool = s.pools().get(r.asset());
                if (pool != null) {
                    chain.movePoolTo(r.asset(), depegged(E18, r.bps()), pool);
                }
                chain.publish(r.asset(), depegged(s.rates().get(r.asset()), r.bps()));
                chain.publishRedStone(r.asset(), depegged(s.rates().get(r.asset()), r.bps()));
                for (String asset : uniAssetsOf(r.asset())) {
                    chain.setUniPrice(asset, depegged(s.rates().get(asset), r.bps()), s.uniPools().get(asset));
                }
            });
        }
    }

    /** Sets the WETH rate model so the borrow APR is the target at today's utilisation (slope 1 scaled). */
    public Scenario rateSpike(ScenarioRequests.RateSpike r) throws IOException {
        synchronized (lock) {
            MarketSnapshot s = chain.snapshot();
            BigInteger target = MarketActions.rayOf(r.borrowAprBps());
            BigInteger optimal = MarketDeployer.ray(MarketDeployer.WETH_RATES.get(3));
            BigInteger slope2 = MarketDeployer.ray(MarketDeployer.WETH_RATES.get(2));
            BigInteger usageRay = s.aave().utilisation().multiply(BigInteger.TEN.pow(9));
            return start(new Scenario("rate-spike", "aave-weth", r.borrowAprBps(), s.block(), s.block() + r.blocks()), () -> {
                if (usageRay.signum() > 0 && usageRay.compareTo(optimal) < 0) {
                    // below the kink: rate = slope1 × usage / optimal, so slope1 = target × optimal / usage
                    BigInteger slope1 = target.multiply(optimal).divide(usageRay);
                    chain.setWethRateModel(BigInteger.ZERO, slope1, slope2.max(slope1), optimal);
                } else {
                    chain.setWethRateModel(target, BigInteger.ZERO, BigInteger.ZERO, optimal); // flat at the target
                }
            });
        }
    }

    public Scenario staleOracle(ScenarioRequests.StaleOracle r) throws IOException {
        synchronized (lock) {
            MarketSnapshot s = chain.snapshot();
            exclusive("stale-oracle", r.asset(), "oracle-jump");
            // two heartbeats back: stale by any consumer's heartbeat check
            return start(new Scenario("stale-oracle", r.asset(), 0, s.block(), s.block() + r.blocks()),
                    () -> chain.backdate(r.asset(), s.timestamp() - 2 * settings.heartbeat().toSeconds()));
        }
    }

    /** ETH/USD held at the level (the HTTP price at once, the feed by a new round) for the blocks, or until reset. */
    public Scenario ethUsd(ScenarioRequests.EthUsd r) throws IOException {
        synchronized (lock) {
            MarketSnapshot s = chain.snapshot();
            EthUsdWalk walk = ethUsd(s.ethUsd().answer());
            long end = r.blocks().isPresent() ? s.block() + r.blocks().getAsLong() : Long.MAX_VALUE;
            BigInteger answer = r.usd().movePointRight(EthUsdWalk.DECIMALS).toBigIntegerExact();
            return start(new Scenario("eth-usd", ETH_USD, 0, s.block(), end, r.usd()), () -> {
                chain.publishEthUsd(answer);
                walk.hold(r.usd());
            });
        }
    }

    /** A faulty answer: only the asset's market feed moves, by bps from its fundamental rate; pools stay where they are. */
    public Scenario oracleJump(ScenarioRequests.OracleJump r) throws IOException {
        synchronized (lock) {
            MarketSnapshot s = chain.snapshot();
            exclusive("oracle-jump", r.asset(), "stale-oracle");
            return start(new Scenario("oracle-jump", r.asset(), r.bps(), s.block(), s.block() + r.blocks()),
                    () -> chain.publish(r.asset(), jumped(s.rates().get(r.asset()), r.bps())));
        }
    }

    /** The ETH/USD price the HTTP endpoint serves; before the first tick, the walk starts from the feed's answer. */
    public EthUsdWalk.Quote ethUsdQuote() throws IOException {
        EthUsdWalk walk = ethUsd;
        return (walk != null ? walk : ethUsd(chain.ethUsdAnswer())).quote();
    }

    public Scenario pauseVenue(ScenarioRequests.PauseVenue r) throws IOException {
        synchronized (lock) {
            MarketSnapshot s = chain.snapshot();
            return start(new Scenario("pause-venue", r.venue(), 0, s.block(), Long.MAX_VALUE), () -> chain.setLidoStakingPaused(true));
        }
    }

    /** Undoes every active scenario now. */
    public List<Scenario> reset() throws IOException {
        synchronized (lock) {
            List<Scenario> undone = new ArrayList<>(active.values());
            for (Scenario sc : undone) {
                recover(sc, chain.snapshot());
            }
            return undone;
        }
    }

    /** The simulator's view for the API: scenarios, pools, feeds, ETH/USD, Aave. */
    public Map<String, Object> state() throws IOException {
        MarketSnapshot s = chain.snapshot();
        return MarketView.of(s, List.copyOf(active.values()), ethUsd(s.ethUsd().answer()).quote());
    }

    @FunctionalInterface
    private interface ChainAction {
        void run() throws IOException;
    }

    /** The walk, started from the ETH/USD feed's answer the first time it is needed. */
    private EthUsdWalk ethUsd(BigInteger feedAnswer) {
        synchronized (walkInit) {
            if (ethUsd == null) {
                ethUsd = new EthUsdWalk(feedAnswer, seed ^ ETH_USD_STREAM, settings.ethUsdStepBps(), settings.ethUsdBandBps(),
                        Clock.systemUTC());
            }
            return ethUsd;
        }
    }

    /** Two scenarios that would both drive the asset's feed cannot run together. */
    private void exclusive(String type, String asset, String other) {
        if (active.containsKey(other + ":" + asset)) {
            throw new IllegalStateException(type + " on " + asset + " conflicts with the active " + other + "; POST /api/v1/scenarios/reset first");
        }
    }

    /** Registers the scenario and acts; if the chain refuses, the scenario is not left registered. */
    private Scenario start(Scenario sc, ChainAction action) throws IOException {
        if (active.containsKey(sc.key())) {
            throw new IllegalStateException(sc.type() + " on " + sc.subject() + " is already active; POST /api/v1/scenarios/reset first");
        }
        active.put(sc.key(), sc);
        try {
            action.run();
        } catch (IOException | RuntimeException e) {
            active.remove(sc.key());
            throw e;
        }
        LOG.infof("scenario %s on %s (%d bps) until block %d", sc.type(), sc.subject(), sc.bps(), sc.endBlock());
        return sc;
    }

    private void recover(Scenario sc, MarketSnapshot s) throws IOException {
        active.remove(sc.key());
        LOG.infof("scenario %s on %s recovers at block %d", sc.type(), sc.subject(), s.block());
        switch (sc.type()) {
            case "depeg" -> {
                MarketSnapshot.Pool pool = s.pools().get(sc.subject());
                if (pool != null) {
                    chain.movePoolTo(sc.subject(), E18, pool);
                }
                chain.publish(sc.subject(), s.rates().get(sc.subject()));
                chain.publishRedStone(sc.subject(), s.rates().get(sc.subject()));
                for (String asset : uniAssetsOf(sc.subject())) {
                    chain.setUniPrice(asset, s.rates().get(asset), s.uniPools().get(asset));
                }
            }
            case "rate-spike" -> {
                List<String> p = MarketDeployer.WETH_RATES;
                chain.setWethRateModel(MarketDeployer.ray(p.get(0)), MarketDeployer.ray(p.get(1)), MarketDeployer.ray(p.get(2)),
                        MarketDeployer.ray(p.get(3)));
            }
            case "stale-oracle" -> chain.publish(sc.subject(), target(sc.subject(), s));
            case "pause-venue" -> chain.setLidoStakingPaused(false);
            case "oracle-jump" -> chain.publish(sc.subject(), target(sc.subject(), s));
            case "eth-usd" -> {
                EthUsdWalk walk = ethUsd(s.ethUsd().answer());
                walk.release();
                chain.publishEthUsd(walk.answer());
            }
            default -> throw new IllegalStateException("unknown scenario " + sc.type());
        }
    }

    /** Small random steps of the pool price, kept inside the peg band; a depegged pool is held at its depeg price. */
    private void walkPools(MarketSnapshot s) throws IOException {
        for (var e : s.pools().entrySet()) {
            Scenario depeg = active.get("depeg:" + e.getKey());
            BigInteger target;
            if (depeg != null) {
                target = depegged(E18, depeg.bps());
            } else {
                double band = settings.pegBandBps() / 10_000.0;
                double price = e.getValue().price().doubleValue() / 1e18;
                double next = Math.max(1 - band, Math.min(1 + band, price + random.nextGaussian() * 0.0002));
                target = BigDecimal.valueOf(next).movePointRight(18).toBigInteger();
            }
            chain.movePoolTo(e.getKey(), target, e.getValue());
        }
    }

    /** The market maker borrows or repays up to 100 WETH, pulled back into 50–70 % utilisation. */
    private void driftUtilisation(MarketSnapshot s) throws IOException {
        if (active.containsKey("rate-spike:aave-weth")) {
            return;
        }
        double u = s.aave().utilisation().doubleValue() / 1e18;
        BigInteger step = E18.multiply(BigInteger.valueOf(10 + random.nextInt(91)));
        if (u > 0.68 || (u >= 0.52 && random.nextBoolean())) {
            chain.borrowOrRepay(step.min(s.aave().debt()).negate());
        } else {
            chain.borrowOrRepay(step);
        }
    }

    /**
     * Chainlink's rule, for each family with its own settings: publish on heartbeat or when the target deviates beyond
     * the threshold from the last answer. The RedStone-style family follows the market target only: a stale or jumping
     * oracle is a fault of the Chainlink-style feed alone.
     */
    private void updateFeeds(MarketSnapshot s) throws IOException {
        for (String asset : FundamentalRates.FEED_ASSETS) {
            if (!active.containsKey("stale-oracle:" + asset)) {
                BigInteger target = target(asset, s);
                if (due(target, s.feeds().get(asset), s.timestamp(), settings.heartbeat(), settings.deviation())) {
                    chain.publish(asset, target);
                }
            }
            BigInteger market = marketTarget(asset, s);
            if (due(market, s.redStoneFeeds().get(asset), s.timestamp(), settings.redStoneHeartbeat(), settings.redStoneDeviation())) {
                chain.publishRedStone(asset, market);
            }
        }
    }

    /**
     * Every tick, each Uniswap v3 pool goes to its market target; with market moves on, off it by a small random walk
     * kept inside the peg band (as the Curve pools), on a seeded stream of its own. A depegged pool sits at the depeg price.
     */
    private void moveUniPools(MarketSnapshot s) throws IOException {
        double band = settings.pegBandBps() / 10_000.0;
        for (String asset : FundamentalRates.UNI_V3_ASSETS) {
            BigInteger target = marketTarget(asset, s);
            double offset = uniOffsets.getOrDefault(asset, 0.0);
            if (settings.marketMoves()) {
                offset = Math.max(-band, Math.min(band, offset + uniRandom.nextGaussian() * UNI_V3_STEP));
                uniOffsets.put(asset, offset);
            }
            if (active.containsKey("depeg:" + depegSubject(asset))) {
                offset = 0;
            }
            BigInteger price = offset == 0 ? target
                    : new BigDecimal(target).multiply(BigDecimal.ONE.add(BigDecimal.valueOf(offset))).setScale(0, RoundingMode.HALF_EVEN)
                    .toBigIntegerExact();
            chain.setUniPrice(asset, price, s.uniPools().get(asset));
        }
    }

    /** The scenario subject whose depeg moves the asset's market: the wrapped and unwrapped forms share one. */
    static String depegSubject(String asset) {
        return switch (asset) {
            case "wstETH" -> "stETH";
            case "eETH" -> "weETH";
            default -> asset;
        };
    }

    /** The Uniswap v3 pool assets a depeg of {@code subject} moves. */
    private static List<String> uniAssetsOf(String subject) {
        return FundamentalRates.UNI_V3_ASSETS.stream().filter(a -> depegSubject(a).equals(subject)).toList();
    }

    /** The market target: fundamental rate × (1 − active depeg), whatever the Chainlink-style feed is doing. */
    private BigInteger marketTarget(String asset, MarketSnapshot s) {
        Scenario depeg = active.get("depeg:" + depegSubject(asset));
        return depegged(s.rates().get(asset), depeg == null ? 0 : depeg.bps());
    }

    private static boolean due(BigInteger target, MarketSnapshot.Feed f, long now, Duration heartbeat, BigDecimal deviation) {
        boolean late = now - f.updatedAt() >= heartbeat.toSeconds();
        boolean deviates = f.answer().signum() <= 0 || new BigDecimal(target.subtract(f.answer()).abs())
                .divide(new BigDecimal(f.answer()), 18, RoundingMode.HALF_EVEN).compareTo(deviation) > 0;
        return late || deviates;
    }

    /**
     * The lending pool prices WETH, wstETH and weETH as Aave does (the ETH/USD feed × exchange rate, not the market):
     * refreshed when the feed or the fundamental rate has moved a price more than 1 bp from the one in the pool's oracle.
     */
    private void updateAavePrices(MarketSnapshot s) throws IOException {
        BigInteger ethUsd8 = s.ethUsd().answer();
        Map<String, BigInteger> expected = Map.of("WETH", ethUsd8, "wstETH", ethUsd8.multiply(s.rates().get("wstETH")).divide(E18),
                "weETH", ethUsd8.multiply(s.rates().get("weETH")).divide(E18));
        for (var e : expected.entrySet()) {
            BigInteger current = s.aave().prices().get(e.getKey());
            if (current.signum() == 0 || e.getValue().subtract(current).abs().multiply(BPS).compareTo(current) > 0) {
                chain.setAavePrice(e.getKey(), e.getValue());
            }
        }
    }

    private BigInteger target(String asset, MarketSnapshot s) {
        Scenario jump = active.get("oracle-jump:" + asset);
        if (jump != null) {
            return jumped(s.rates().get(asset), jump.bps());
        }
        return marketTarget(asset, s);
    }

    static BigInteger depegged(BigInteger value, int bps) {
        return value.multiply(BPS.subtract(BigInteger.valueOf(bps))).divide(BPS);
    }

    /** {@code value} moved by {@code bps} (positive up), rounded as {@link #depegged}. */
    static BigInteger jumped(BigInteger value, int bps) {
        return depegged(value, -bps);
    }
}
