package io.lrtyield.common.dex.pendle;

import java.math.BigInteger;

/**
 * Natural exp and ln on signed 1e18 fixed point, integer for integer what Pendle v2's market computes with (its
 * {@code LogExpMath}, Balancer's algorithm): the same argument reduction by the table below, the same series, the
 * same precision (20 decimals, 36 for ln near 1) and the same truncations, so {@link PendleAmm} quotes the real market
 * to the wei. {@code PendleV2RealMarketIT} checks it against the deployed bytecode.
 *
 * <p>exp(x): for x < 0, 1e36 / exp(−x); else take out e^128 or e^64 (integers), go to 20 decimals, take out each
 * e^(2^k) for k = 5 … −2 that fits, multiply the rest's 12-term Taylor series in. ln(a): near 1 (0.9 < a < 1.1) the
 * 36-decimal series 2·atanh((a−1)/(a+1)) to the 15th power; elsewhere (a < 1 by ln a = −ln(1/a)) divide out e^128,
 * e^64, then e^(2^k) for k = 5 … −4 at 20 decimals, and the 20-decimal atanh series to the 11th power on the rest.
 * Solidity's {@code /} truncates toward zero, as {@link BigInteger#divide} does. An argument out of range is an
 * {@link ArithmeticException} (a revert on chain).
 */
public final class PendleLogExp {

    public static final BigInteger WAD = BigInteger.TEN.pow(18);
    private static final BigInteger ONE_20 = BigInteger.TEN.pow(20);
    private static final BigInteger ONE_36 = BigInteger.TEN.pow(36);
    private static final BigInteger HUNDRED = BigInteger.valueOf(100);
    private static final BigInteger MAX_EXPONENT = BigInteger.valueOf(130).multiply(WAD);
    private static final BigInteger MIN_EXPONENT = BigInteger.valueOf(-41).multiply(WAD);
    private static final BigInteger LN_36_LOWER = WAD.subtract(BigInteger.TEN.pow(17));
    private static final BigInteger LN_36_UPPER = WAD.add(BigInteger.TEN.pow(17));

    /** 2^7 and 2^6 (18 decimals) and e to them, as integers (no decimals). */
    private static final BigInteger X0 = new BigInteger("128000000000000000000");
    private static final BigInteger A0 = new BigInteger("38877084059945950922200000000000000000000000000000000000");
    private static final BigInteger X1 = new BigInteger("64000000000000000000");
    private static final BigInteger A1 = new BigInteger("6235149080811616882910000000");
    /** 2^k for k = 5 … −4 (20 decimals) and e to them (20 decimals), as the on-chain table holds them. */
    private static final BigInteger[] X = {
        new BigInteger("3200000000000000000000"), new BigInteger("1600000000000000000000"), new BigInteger("800000000000000000000"),
        new BigInteger("400000000000000000000"), new BigInteger("200000000000000000000"), new BigInteger("100000000000000000000"),
        new BigInteger("50000000000000000000"), new BigInteger("25000000000000000000"), new BigInteger("12500000000000000000"),
        new BigInteger("6250000000000000000")};
    private static final BigInteger[] A = {
        new BigInteger("7896296018268069516100000000000000"), new BigInteger("888611052050787263676000000"),
        new BigInteger("298095798704172827474000"), new BigInteger("5459815003314423907810"), new BigInteger("738905609893065022723"),
        new BigInteger("271828182845904523536"), new BigInteger("164872127070012814685"), new BigInteger("128402541668774148407"),
        new BigInteger("113314845306682631683"), new BigInteger("106449445891785942956")};
    /** exp takes out the first eight of the table (down to 2^−2); ln all ten. */
    private static final int EXP_TABLE = 8;
    private static final int EXP_TERMS = 12;
    private static final int LN_TERMS = 6;
    private static final int LN_36_TERMS = 8;

    private PendleLogExp() {
    }

    /** e^(x/1e18) · 1e18 for −41 ≤ x/1e18 ≤ 130. */
    public static BigInteger exp(BigInteger x) {
        if (x.compareTo(MIN_EXPONENT) < 0 || x.compareTo(MAX_EXPONENT) > 0) {
            throw new ArithmeticException("Invalid exponent: " + x);
        }
        if (x.signum() < 0) {
            return WAD.multiply(WAD).divide(exp(x.negate()));
        }
        BigInteger whole = BigInteger.ONE;
        if (x.compareTo(X0) >= 0) {
            x = x.subtract(X0);
            whole = A0;
        } else if (x.compareTo(X1) >= 0) {
            x = x.subtract(X1);
            whole = A1;
        }
        x = x.multiply(HUNDRED);
        BigInteger product = ONE_20;
        for (int i = 0; i < EXP_TABLE; i++) {
            if (x.compareTo(X[i]) >= 0) {
                x = x.subtract(X[i]);
                product = product.multiply(A[i]).divide(ONE_20);
            }
        }
        BigInteger sum = ONE_20.add(x);
        BigInteger term = x;
        for (int n = 2; n <= EXP_TERMS; n++) {
            term = term.multiply(x).divide(ONE_20).divide(BigInteger.valueOf(n));
            sum = sum.add(term);
        }
        return product.multiply(sum).divide(ONE_20).multiply(whole).divide(HUNDRED);
    }

    /** ln(a/1e18) · 1e18 for a > 0. */
    public static BigInteger ln(BigInteger a) {
        if (a.signum() <= 0) {
            throw new ArithmeticException("ln out of bounds: " + a);
        }
        if (a.compareTo(LN_36_LOWER) > 0 && a.compareTo(LN_36_UPPER) < 0) {
            return ln36(a).divide(WAD);
        }
        return ln20(a);
    }

    private static BigInteger ln20(BigInteger a) {
        if (a.compareTo(WAD) < 0) {
            return ln20(WAD.multiply(WAD).divide(a)).negate();
        }
        BigInteger sum = BigInteger.ZERO;
        if (a.compareTo(A0.multiply(WAD)) >= 0) {
            a = a.divide(A0);
            sum = sum.add(X0);
        }
        if (a.compareTo(A1.multiply(WAD)) >= 0) {
            a = a.divide(A1);
            sum = sum.add(X1);
        }
        sum = sum.multiply(HUNDRED);
        a = a.multiply(HUNDRED);
        for (int i = 0; i < X.length; i++) {
            if (a.compareTo(A[i]) >= 0) {
                a = a.multiply(ONE_20).divide(A[i]);
                sum = sum.add(X[i]);
            }
        }
        return sum.add(atanhSeries(a, ONE_20, LN_TERMS)).divide(HUNDRED);
    }

    /** ln at 36 decimals, for arguments near 1. */
    private static BigInteger ln36(BigInteger a) {
        return atanhSeries(a.multiply(WAD), ONE_36, LN_36_TERMS);
    }

    /** 2·(z + z³/3 + z⁵/5 + …), {@code terms} terms, z = (a − one)/(a + one), every product truncated at {@code one}. */
    private static BigInteger atanhSeries(BigInteger a, BigInteger one, int terms) {
        BigInteger z = a.subtract(one).multiply(one).divide(a.add(one));
        BigInteger zSquared = z.multiply(z).divide(one);
        BigInteger num = z;
        BigInteger sum = num;
        for (int i = 1; i < terms; i++) {
            num = num.multiply(zSquared).divide(one);
            sum = sum.add(num.divide(BigInteger.valueOf(2L * i + 1)));
        }
        return sum.shiftLeft(1);
    }
}
