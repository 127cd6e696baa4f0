package io.lrtyield.common.dex.uniswap;

import java.math.BigInteger;

/**
 * 512-bit-intermediate {@code mulDiv} of v3-core's FullMath, and UnsafeMath's {@code divRoundingUp}. BigInteger has no
 * intermediate overflow, so only the contracts' reverts remain: a zero denominator and a result that does not fit in
 * 256 bits.
 */
public final class FullMath {

    static final BigInteger MAX_UINT256 = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);

    private FullMath() {
    }

    /** {@code floor(a × b / denominator)}; reverts if {@code denominator == 0} or the result overflows uint256. */
    public static BigInteger mulDiv(BigInteger a, BigInteger b, BigInteger denominator) {
        if (denominator.signum() <= 0) {
            throw new ArithmeticException("mulDiv: zero denominator");
        }
        return uint256(a.multiply(b).divide(denominator));
    }

    /** {@code ceil(a × b / denominator)}; reverts like {@link #mulDiv}, and when rounding up overflows. */
    public static BigInteger mulDivRoundingUp(BigInteger a, BigInteger b, BigInteger denominator) {
        if (denominator.signum() <= 0) {
            throw new ArithmeticException("mulDiv: zero denominator");
        }
        BigInteger[] qr = a.multiply(b).divideAndRemainder(denominator);
        return uint256(qr[1].signum() > 0 ? qr[0].add(BigInteger.ONE) : qr[0]);
    }

    /** {@code ceil(x / y)} for {@code y > 0} (UnsafeMath.divRoundingUp; y = 0 returns 0 on chain but never occurs). */
    public static BigInteger divRoundingUp(BigInteger x, BigInteger y) {
        BigInteger[] qr = x.divideAndRemainder(y);
        return qr[1].signum() > 0 ? qr[0].add(BigInteger.ONE) : qr[0];
    }

    static BigInteger uint256(BigInteger value) {
        if (value.signum() < 0 || value.bitLength() > 256) {
            throw new ArithmeticException("uint256 overflow: " + value);
        }
        return value;
    }

    static BigInteger uint160(BigInteger value) {
        if (value.signum() < 0 || value.bitLength() > 160) {
            throw new ArithmeticException("uint160 overflow: " + value);
        }
        return value;
    }
}
