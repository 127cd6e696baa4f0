package io.lrtyield.devnet.simulator;

import io.lrtyield.devnet.deploy.FundamentalRates;
import io.lrtyield.devnet.deploy.MarketDeployer;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Moves the markets each tick and runs the scenarios. A tick: scenarios past their end block recover; the Curve pools
 * random-walk within the peg band (held at the depeg price while a depeg is active); Aave WETH utilisation drifts
 * within 50–70 % (frozen during a rate spike); each market feed publishes like Chainlink, on heartbeat or deviation,
 * toward fundamental rate × (1 − active depeg), except while it is held stale.
 *
 * <p>Every chain write runs under one lock shared with the reward reports, because the senders keep their own nonces.
 */
public final class ScenarioEngine {

    private static final Logger LOG = Logger.getLogger(ScenarioEngine.class);
    private static final BigInteger E18 = MarketActions.E18;
    private static final BigInteger BPS = BigInteger.valueOf(10_000);
    private static final BigInteger ETH_USD_8 = MarketDeployer.ETH_USD_8;

    /** Feed and market-move settings. */
    public record Settings(Duration heartbeat, BigDecimal deviation, int pegBandBps, boolean marketMoves) { }

    private final MarketActions chain;
    private final Settings settings;
    private final Object lock;
    private final Random random;
    private final Map<String, Scenario> active = new ConcurrentHashMap<>();

    /** @param lock held around every write (the reward simulator's monitor, so the oracle nonce is never raced) */
    public ScenarioEngine(MarketActions chain, Settings settings, Object lock, long seed) {
        this.chain = chain;
        this.settings = settings;
        this.lock = lock;
        this.random = new Random(seed);
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
            // one batch: the pool swaps, the utilisation step and the feed updates land together, one wait per tick
            chain.beginBatch();
            try {
                if (settings.marketMoves()) {
                    walkPools(s);
                    driftUtilisation(s);
                }
                updateFeeds(s);
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
            // two heartbeats back: stale by any consumer's heartbeat check
            return start(new Scenario("stale-oracle", r.asset(), 0, s.block(), s.block() + r.blocks()),
                    () -> chain.backdate(r.asset(), s.timestamp() - 2 * settings.heartbeat().toSeconds()));
        }
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

    /** The simulator's view for the API: scenarios, pools, feeds, Aave. */
    public Map<String, Object> state() throws IOException {
        MarketSnapshot s = chain.snapshot();
        List<Map<String, Object>> scenarios = new ArrayList<>();
        for (Scenario sc : active.values()) {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("type", sc.type());
            v.put("subject", sc.subject());
            v.put("bps", sc.bps());
            v.put("remainingBlocks", sc.remainingBlocks(s.block()));
            scenarios.add(v);
        }
        Map<String, Object> pools = new LinkedHashMap<>();
        s.pools().forEach((asset, p) -> pools.put(asset.equals("stETH") ? "curve-steth-weth" : "curve-eeth-weth", Map.of(
                "address", p.address(), "balanceWeth", eth(p.balance0()), "balanceToken", eth(p.balance1()), "spotPrice", eth(p.price()))));
        Map<String, Object> feeds = new LinkedHashMap<>();
        s.feeds().forEach((asset, f) -> feeds.put(asset + "/ETH", Map.of("address", f.address(), "answer", eth(f.answer()),
                "ageSeconds", s.timestamp() - f.updatedAt(), "fundamental", eth(s.rates().get(asset)))));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("block", s.block());
        out.put("timestamp", s.timestamp());
        out.put("scenarios", scenarios);
        out.put("pools", pools);
        out.put("feeds", feeds);
        out.put("aaveWeth", Map.of("borrowApr", ray(s.aave().borrowRate()), "supplyApr", ray(s.aave().supplyRate()),
                "utilisation", eth(s.aave().utilisation())));
        return out;
    }

    @FunctionalInterface
    private interface ChainAction {
        void run() throws IOException;
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
            }
            case "rate-spike" -> {
                List<String> p = MarketDeployer.WETH_RATES;
                chain.setWethRateModel(MarketDeployer.ray(p.get(0)), MarketDeployer.ray(p.get(1)), MarketDeployer.ray(p.get(2)),
                        MarketDeployer.ray(p.get(3)));
            }
            case "stale-oracle" -> chain.publish(sc.subject(), target(sc.subject(), s));
            case "pause-venue" -> chain.setLidoStakingPaused(false);
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

    /** Chainlink's rule: publish on heartbeat or when the target deviates beyond the threshold from the last answer. */
    private void updateFeeds(MarketSnapshot s) throws IOException {
        for (String asset : FundamentalRates.FEED_ASSETS) {
            if (active.containsKey("stale-oracle:" + asset)) {
                continue;
            }
            MarketSnapshot.Feed f = s.feeds().get(asset);
            BigInteger target = target(asset, s);
            boolean heartbeat = s.timestamp() - f.updatedAt() >= settings.heartbeat().toSeconds();
            boolean deviates = f.answer().signum() <= 0 || new BigDecimal(target.subtract(f.answer()).abs())
                    .divide(new BigDecimal(f.answer()), 18, java.math.RoundingMode.HALF_EVEN).compareTo(settings.deviation()) > 0;
            if (heartbeat || deviates) {
                chain.publish(asset, target);
            }
        }
    }

    /**
     * The lending pool prices wstETH and weETH as Aave does (exchange rate × ETH/USD, not the market): refreshed when
     * the fundamental rate has moved more than 1 bp from the price in the pool's oracle.
     */
    private void updateAavePrices(MarketSnapshot s) throws IOException {
        Map<String, BigInteger> expected = Map.of("wstETH", ETH_USD_8.multiply(s.rates().get("wstETH")).divide(E18),
                "weETH", ETH_USD_8.multiply(s.rates().get("weETH")).divide(E18));
        for (var e : expected.entrySet()) {
            BigInteger current = s.aave().prices().get(e.getKey());
            if (current.signum() == 0 || e.getValue().subtract(current).abs().multiply(BPS).compareTo(current) > 0) {
                chain.setAavePrice(e.getKey(), e.getValue());
            }
        }
    }

    private BigInteger target(String asset, MarketSnapshot s) {
        Scenario depeg = active.get("depeg:" + asset);
        return depegged(s.rates().get(asset), depeg == null ? 0 : depeg.bps());
    }

    static BigInteger depegged(BigInteger value, int bps) {
        return value.multiply(BPS.subtract(BigInteger.valueOf(bps))).divide(BPS);
    }

    private static BigDecimal eth(BigInteger wad) {
        return new BigDecimal(wad, 18).stripTrailingZeros();
    }

    private static BigDecimal ray(BigInteger ray) {
        return new BigDecimal(ray, 27).stripTrailingZeros();
    }
}
