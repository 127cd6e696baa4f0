package io.lrtyield.common.dex;

import java.math.BigInteger;

/**
 * 2-coin StableSwap integer math, exactly as Curve's Vyper pools and the devnet replica (CurveStableSwap.sol)
 * compute it: invariant D, {@code get_y}, {@code get_dy} (after fee, with Curve's −1 rounding guard), spot price.
 * The one implementation in the project: the devnet simulator sizes swaps with it, the yield service prices entry
 * and exit of a position of a given size with it. {@code amp} is A × {@link #A_PRECISION}; fees are 1e10-scaled.
 */
public final class CurveMath {

    public static final BigInteger A_PRECISION = BigInteger.valueOf(100);
    public static final BigInteger FEE_DENOMINATOR = BigInteger.TEN.pow(10);
    public static final BigInteger PRECISION = BigInteger.TEN.pow(18);
    private static final BigInteger TWO = BigInteger.TWO;

    private CurveMath() {
    }

    /** Invariant D for balances (x0, x1) and {@code amp} = A × A_PRECISION. */
    public static BigInteger d(BigInteger x0, BigInteger x1, BigInteger amp) {
        BigInteger s = x0.add(x1);
        if (s.signum() == 0) {
            return BigInteger.ZERO;
        }
        BigInteger dd = s;
        BigInteger ann = amp.multiply(TWO);
        for (int i = 0; i < 255; i++) {
            BigInteger dp = dd.multiply(dd).divide(x0.multiply(TWO)).multiply(dd).divide(x1.multiply(TWO));
            BigInteger prev = dd;
            dd = ann.multiply(s).divide(A_PRECISION).add(dp.multiply(TWO)).multiply(dd)
                    .divide(ann.subtract(A_PRECISION).multiply(dd).divide(A_PRECISION).add(BigInteger.valueOf(3).multiply(dp)));
            if (dd.subtract(prev).abs().compareTo(BigInteger.ONE) <= 0) {
                return dd;
            }
        }
        throw new ArithmeticException("D did not converge");
    }

    /** The other coin's balance when one becomes {@code x}, keeping D. */
    public static BigInteger y(BigInteger x, BigInteger dd, BigInteger amp) {
        BigInteger ann = amp.multiply(TWO);
        BigInteger c = dd.multiply(dd).divide(x.multiply(TWO));
        c = c.multiply(dd).multiply(A_PRECISION).divide(ann.multiply(TWO));
        BigInteger b = x.add(dd.multiply(A_PRECISION).divide(ann));
        BigInteger yy = dd;
        for (int i = 0; i < 255; i++) {
            BigInteger prev = yy;
            yy = yy.multiply(yy).add(c).divide(yy.multiply(TWO).add(b).subtract(dd));
            if (yy.subtract(prev).abs().compareTo(BigInteger.ONE) <= 0) {
                return yy;
            }
        }
        throw new ArithmeticException("y did not converge");
    }

    /**
     * {@code get_dy(i, j, dx)}: what selling {@code dx} of coin {@code i} pays out in coin {@code j = 1 − i}, after
     * the swap fee, as the pool computes it (balances as returned by {@code balances(i)}).
     */
    public static BigInteger getDy(BigInteger x0, BigInteger x1, int i, BigInteger dx, BigInteger amp, BigInteger fee) {
        if (i != 0 && i != 1) {
            throw new IllegalArgumentException("coin index must be 0 or 1, got " + i);
        }
        BigInteger xi = i == 0 ? x0 : x1;
        BigInteger xj = i == 0 ? x1 : x0;
        BigInteger yy = y(xi.add(dx), d(x0, x1, amp), amp);
        BigInteger raw = xj.subtract(yy).subtract(BigInteger.ONE);
        if (raw.signum() <= 0) {
            return BigInteger.ZERO;
        }
        return raw.subtract(raw.multiply(fee).divide(FEE_DENOMINATOR));
    }

    /** Spot price of coin 1 in coin 0, 1e18 ({@code get_p}). */
    public static BigInteger p(BigInteger x0, BigInteger x1, BigInteger amp) {
        BigInteger dd = d(x0, x1, amp);
        BigInteger ann = amp.multiply(TWO);
        BigInteger dr = dd.divide(BigInteger.valueOf(4)).multiply(dd).divide(x0).multiply(dd).divide(x1);
        BigInteger xp0A = ann.multiply(x0).divide(A_PRECISION);
        return PRECISION.multiply(xp0A.add(dr.multiply(x0).divide(x1))).divide(xp0A.add(dr));
    }

    /** Balances after selling {@code dx} of coin {@code i} (fee stays in the pool, no admin fee), as {@code exchange}. */
    public static BigInteger[] afterSwap(BigInteger[] balances, int i, BigInteger dx, BigInteger amp, BigInteger fee) {
        int j = 1 - i;
        BigInteger x = balances[i].add(dx);
        BigInteger yy = y(x, d(balances[0], balances[1], amp), amp);
        BigInteger raw = balances[j].subtract(yy).subtract(BigInteger.ONE);
        BigInteger dy = raw.subtract(raw.multiply(fee).divide(FEE_DENOMINATOR));
        BigInteger[] out = new BigInteger[2];
        out[i] = x;
        out[j] = balances[j].subtract(dy);
        return out;
    }

    /**
     * The amount of coin {@code i} to sell so the spot price of coin 1 in coin 0 reaches {@code targetPrice} (1e18),
     * by bisection (the price is monotonic in dx), capped at {@code maxDx}.
     */
    public static BigInteger dxForPrice(BigInteger[] balances, int i, BigInteger targetPrice, BigInteger amp, BigInteger fee,
                                        BigInteger maxDx) {
        BigInteger lo = BigInteger.ZERO;
        // more than the whole pool is never needed for a price within (0, 2) and would only strain the iterations
        BigInteger hi = maxDx.min(balances[0].add(balances[1]));
        for (int k = 0; k < 128 && hi.subtract(lo).compareTo(BigInteger.TEN.pow(12)) > 0; k++) {
            BigInteger mid = lo.add(hi).shiftRight(1);
            boolean reached;
            try {
                BigInteger[] b = afterSwap(balances, i, mid, amp, fee);
                BigInteger price = p(b[0], b[1], amp);
                // selling coin 1 lowers its price; selling coin 0 raises it
                reached = i == 1 ? price.compareTo(targetPrice) <= 0 : price.compareTo(targetPrice) >= 0;
            } catch (ArithmeticException e) {
                reached = true; // so far out that the math (and the pool) gives up: overshoot, search lower
            }
            if (reached) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return hi;
    }
}
