package io.lrtyield.devnet.simulator;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.util.Random;

/**
 * The devnet's ETH/USD market price, the level its CoinGecko-style endpoint serves and its ETH/USD feed tracks: a
 * random walk in whole cents, kept inside a band around the level it started at, or held at a scenario's level.
 * Its own random stream (from the engine's seed), so the path depends only on the seed and the number of ticks, not
 * on what the pools or the lending market did. Thread-safe: the API reads it while the simulator ticks.
 */
public final class EthUsdWalk {

    /** Chainlink's ETH/USD decimals. */
    public static final int DECIMALS = 8;
    private static final int CENTS = 2;
    private static final BigDecimal BPS = BigDecimal.valueOf(10_000);

    /** @param usd the price in USD (at most 8 decimals, no trailing zeros); {@code updatedAt} wall-clock time of the last refresh */
    public record Quote(BigDecimal usd, Instant updatedAt) { }

    private final Random random;
    private final int stepBps;
    private final BigDecimal low;
    private final BigDecimal high;
    private final Clock clock;
    private BigDecimal level;
    private BigDecimal beforeHold;
    private Instant updatedAt;

    /**
     * @param start the level to start at, 8 decimals (the ETH/USD feed's answer)
     * @param stepBps standard deviation of one tick's step, in basis points of the level
     * @param bandBps how far from {@code start} the walk may go, in basis points
     */
    public EthUsdWalk(BigInteger start, long seed, int stepBps, int bandBps, Clock clock) {
        if (start.signum() <= 0) {
            throw new IllegalArgumentException("ETH/USD must start above 0, got " + start);
        }
        this.random = new Random(seed);
        this.stepBps = stepBps;
        this.clock = clock;
        this.level = new BigDecimal(start, DECIMALS);
        BigDecimal band = BigDecimal.valueOf(bandBps).divide(BPS);
        this.low = level.multiply(BigDecimal.ONE.subtract(band)).setScale(CENTS, RoundingMode.CEILING).max(BigDecimal.ONE);
        this.high = level.multiply(BigDecimal.ONE.add(band)).setScale(CENTS, RoundingMode.FLOOR);
        this.updatedAt = clock.instant();
    }

    /** One simulator tick: a step of the walk when {@code move} and not held; the quote is refreshed either way. */
    public synchronized void tick(boolean move) {
        if (move && beforeHold == null && stepBps > 0) {
            BigDecimal factor = BigDecimal.ONE.add(BigDecimal.valueOf(random.nextGaussian() * stepBps).divide(BPS));
            level = level.multiply(factor).setScale(CENTS, RoundingMode.HALF_EVEN).max(low).min(high);
        }
        updatedAt = clock.instant();
    }

    /** Holds the price at {@code usd} until {@link #release()}; the walk's own level is kept for then. */
    public synchronized void hold(BigDecimal usd) {
        if (beforeHold == null) {
            beforeHold = level;
        }
        level = usd;
        updatedAt = clock.instant();
    }

    /** Ends a hold: back to the level the walk had when it was held, and walking again. */
    public synchronized void release() {
        if (beforeHold != null) {
            level = beforeHold;
            beforeHold = null;
        }
        updatedAt = clock.instant();
    }

    public synchronized Quote quote() {
        BigDecimal usd = level.stripTrailingZeros();
        return new Quote(usd.scale() < 0 ? usd.setScale(0) : usd, updatedAt);
    }

    /** The level as the feed's answer: 8 decimals. */
    public synchronized BigInteger answer() {
        return level.movePointRight(DECIMALS).setScale(0, RoundingMode.UNNECESSARY).toBigIntegerExact();
    }
}
