package io.lrtyield.devnet.deploy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * The parameters {@link PendleV2Deployer} creates the real Pendle v2 market with.
 *
 * @param expiry            PT/YT expiry, seconds since epoch (a Thursday 00:00 UTC, as Pendle's markets)
 * @param scalarRoot        1e18; the steepness of the rate curve at a year to expiry
 * @param initialAnchor     1e18; the rate anchor the first liquidity sets the implied rate with
 * @param lnFeeRateRoot     1e18; ln(1 + fee) over a year to expiry
 * @param reserveFeePercent share of each fee to the treasury, base 100 (the market factory's)
 * @param seedWeEth         weETH the deployer holds and puts in: half becomes PT (its YT stays with the deployer), half
 *                          stays SY; both go to the market, so its PT proportion starts at 50 %
 */
public record PendleV2Market(long expiry, BigInteger scalarRoot, BigInteger initialAnchor, BigInteger lnFeeRateRoot,
                             int reserveFeePercent, BigInteger seedWeEth) {

    static final long DAY = 86_400L;
    static final long WEEK = 7 * DAY;
    static final double YEAR = 365 * DAY;
    /** ln(1.001): a 0.1 % fee a year to expiry, the devnet replica's tier. */
    public static final BigInteger LN_FEE_RATE_ROOT = new BigInteger("999500333083533");
    /** Mainnet's share of swap fees to the treasury (the package's deployments/1-core.json, initialReserveFeePercent). */
    public static final int RESERVE_FEE_PERCENT = 80;
    /** The implied APY range the curve is sized for (ln 9 of logit between them), weETH-like: 1 % to 8 %. */
    public static final double RATE_MIN = 0.01;
    public static final double RATE_MAX = 0.08;

    /**
     * A weETH-like market about 90 days long (the last Thursday 00:00 UTC at most 90 days after {@code now}), its
     * scalar root and initial anchor from Pendle's published parameter rule for an APY range
     * ({@code Pendle-Finance-Periphery/market-deployment} {@code calculateParameters}): over the market's life
     * T years, anchor = ((1 + min)^T + (1 + max)^T) / 2 and scalarRoot = ln 9 · T / ((1 + max)^T − anchor), so the
     * PT proportion moving between 10 % and 90 % spans the range. No weETH market's own values ship in the package.
     */
    public static PendleV2Market weEthLike(long now, BigInteger seedWeEth) {
        long expiry = (now + 90 * DAY) / WEEK * WEEK; // the epoch was a Thursday
        double years = (expiry - now) / YEAR;
        double low = StrictMath.pow(1 + RATE_MIN, years);
        double high = StrictMath.pow(1 + RATE_MAX, years);
        double anchor = (low + high) / 2;
        double scalarRoot = StrictMath.log(9) * years / (high - anchor);
        return new PendleV2Market(expiry, wad(scalarRoot), wad(anchor), LN_FEE_RATE_ROOT, RESERVE_FEE_PERCENT, seedWeEth);
    }

    private static BigInteger wad(double x) {
        return new BigDecimal(x).setScale(6, RoundingMode.HALF_EVEN).movePointRight(18).toBigIntegerExact();
    }
}
