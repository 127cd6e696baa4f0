package io.lrtyield.common.lending.morpho;

import java.math.BigInteger;

/**
 * The adaptive curve interest rate model, computed exactly as the devnet's {@code MorphoAdaptiveCurveIrm} contract
 * does (both written from Morpho's published specification). Each market holds a rate at target utilisation (90 %)
 * that adapts exponentially at 50/year times the normalised utilisation error, bounded to [0.1 %, 200 %]/year and
 * starting at 4 %/year. The borrow rate is that rate times a curve of the error: a quarter of it at zero utilisation,
 * four times it at full utilisation. Over an elapsed period the contract charges the average rate at target, by the
 * trapezoid rule on the period's start, middle and end. All in signed WAD per second, divisions truncated toward zero
 * as Solidity's {@code int256} division does.
 */
public final class AdaptiveCurveIrmModel {

    private static final BigInteger WAD = MorphoMath.WAD;
    private static final BigInteger YEAR = BigInteger.valueOf(365L * 24 * 3600);
    public static final BigInteger CURVE_STEEPNESS = BigInteger.valueOf(4).multiply(WAD);
    public static final BigInteger ADJUSTMENT_SPEED = BigInteger.valueOf(50).multiply(WAD).divide(YEAR);
    public static final BigInteger TARGET_UTILIZATION = new BigInteger("900000000000000000");
    public static final BigInteger INITIAL_RATE_AT_TARGET = new BigInteger("40000000000000000").divide(YEAR);
    public static final BigInteger MIN_RATE_AT_TARGET = new BigInteger("1000000000000000").divide(YEAR);
    public static final BigInteger MAX_RATE_AT_TARGET = BigInteger.TWO.multiply(WAD).divide(YEAR);

    private static final BigInteger LN2 = new BigInteger("693147180559945309");
    private static final BigInteger EXP_MIN = new BigInteger("-41446531673892822312");
    private static final BigInteger EXP_MAX = new BigInteger("93859467695000404319");
    private static final BigInteger FOUR = BigInteger.valueOf(4);

    private AdaptiveCurveIrmModel() {
    }

    /** What one accrual charges: the average borrow rate over the period, and the rate at target it ends with (stored). */
    public record Rates(BigInteger avgBorrowRate, BigInteger endRateAtTarget) {
    }

    /**
     * The rates of an accrual at {@code timestamp} for a market in {@code market} state whose stored rate at target is
     * {@code rateAtTarget} (0 before the market's first accrual: it starts at the initial rate, unadapted).
     */
    public static Rates rates(BigInteger rateAtTarget, MarketState market, long timestamp) {
        BigInteger utilization = market.utilization();
        BigInteger errNorm = utilization.compareTo(TARGET_UTILIZATION) > 0 ? WAD.subtract(TARGET_UTILIZATION) : TARGET_UTILIZATION;
        BigInteger err = utilization.subtract(TARGET_UTILIZATION).multiply(WAD).divide(errNorm);
        BigInteger avg;
        BigInteger end;
        if (rateAtTarget.signum() == 0) {
            avg = INITIAL_RATE_AT_TARGET;
            end = INITIAL_RATE_AT_TARGET;
        } else {
            BigInteger speed = ADJUSTMENT_SPEED.multiply(err).divide(WAD);
            BigInteger adaptation = speed.multiply(BigInteger.valueOf(timestamp - market.lastUpdate()));
            if (adaptation.signum() == 0) {
                avg = rateAtTarget;
                end = rateAtTarget;
            } else {
                end = adapted(rateAtTarget, adaptation);
                BigInteger mid = adapted(rateAtTarget, adaptation.divide(BigInteger.TWO));
                avg = rateAtTarget.add(end).add(mid.shiftLeft(1)).divide(FOUR);
            }
        }
        return new Rates(curve(avg, err), end);
    }

    /** The borrow rate at utilisation error {@code err} (WAD, in [-1, 1]) for a rate at target. */
    static BigInteger curve(BigInteger rateAtTarget, BigInteger err) {
        BigInteger slope = err.signum() < 0 ? WAD.subtract(WAD.multiply(WAD).divide(CURVE_STEEPNESS)) : CURVE_STEEPNESS.subtract(WAD);
        return slope.multiply(err).divide(WAD).add(WAD).multiply(rateAtTarget).divide(WAD);
    }

    static BigInteger adapted(BigInteger start, BigInteger adaptation) {
        BigInteger r = start.multiply(exp(adaptation)).divide(WAD);
        return r.max(MIN_RATE_AT_TARGET).min(MAX_RATE_AT_TARGET);
    }

    /** e^x in WAD: x = q·ln2 + r with |r| ≤ ln2/2, e^r to the second order of its Taylor series, shifted by q. */
    static BigInteger exp(BigInteger x) {
        if (x.compareTo(EXP_MIN) < 0) {
            return BigInteger.ZERO;
        }
        BigInteger bounded = x.min(EXP_MAX);
        BigInteger half = LN2.divide(BigInteger.TWO);
        int q = bounded.add(bounded.signum() < 0 ? half.negate() : half).divide(LN2).intValueExact();
        BigInteger r = bounded.subtract(LN2.multiply(BigInteger.valueOf(q)));
        BigInteger expR = WAD.add(r).add(r.multiply(r).divide(WAD).divide(BigInteger.TWO));
        return q >= 0 ? expR.shiftLeft(q) : expR.shiftRight(-q);
    }
}
