package io.lrtyield.common.lending.morpho;

import java.math.BigInteger;

/**
 * Morpho Blue's fixed-point and shares arithmetic (MathLib, SharesMathLib): WAD products and quotients rounded
 * down or up, the three-term Taylor approximation of {@code e^(x·n) − 1} the contract compounds interest with, and
 * the conversions between assets and shares, which add 1e6 virtual shares and 1 virtual asset to each side so that a
 * market's first depositor cannot inflate the share price.
 */
public final class MorphoMath {

    public static final BigInteger WAD = BigInteger.TEN.pow(18);
    public static final BigInteger VIRTUAL_SHARES = BigInteger.TEN.pow(6);
    public static final BigInteger VIRTUAL_ASSETS = BigInteger.ONE;
    /** The oracle's price scale. */
    public static final BigInteger ORACLE_PRICE_SCALE = BigInteger.TEN.pow(36);
    private static final BigInteger TWO_WAD = WAD.shiftLeft(1);
    private static final BigInteger THREE_WAD = WAD.multiply(BigInteger.valueOf(3));

    private MorphoMath() {
    }

    public static BigInteger mulDivDown(BigInteger x, BigInteger y, BigInteger d) {
        if (d.signum() <= 0) {
            throw new ArithmeticException("division by zero");
        }
        return x.multiply(y).divide(d);
    }

    public static BigInteger mulDivUp(BigInteger x, BigInteger y, BigInteger d) {
        if (d.signum() <= 0) {
            throw new ArithmeticException("division by zero");
        }
        return x.multiply(y).add(d).subtract(BigInteger.ONE).divide(d);
    }

    public static BigInteger wMulDown(BigInteger x, BigInteger y) {
        return mulDivDown(x, y, WAD);
    }

    public static BigInteger wDivDown(BigInteger x, BigInteger y) {
        return mulDivDown(x, WAD, y);
    }

    public static BigInteger wDivUp(BigInteger x, BigInteger y) {
        return mulDivUp(x, WAD, y);
    }

    /** {@code x·n + (x·n)²/2 + (x·n)³/6} in WAD, each term rounded down: the growth factor minus one over n seconds at rate x. */
    public static BigInteger wTaylorCompounded(BigInteger x, long n) {
        BigInteger first = x.multiply(BigInteger.valueOf(n));
        BigInteger second = mulDivDown(first, first, TWO_WAD);
        BigInteger third = mulDivDown(second, first, THREE_WAD);
        return first.add(second).add(third);
    }

    public static BigInteger toSharesDown(BigInteger assets, BigInteger totalAssets, BigInteger totalShares) {
        return mulDivDown(assets, totalShares.add(VIRTUAL_SHARES), totalAssets.add(VIRTUAL_ASSETS));
    }

    public static BigInteger toSharesUp(BigInteger assets, BigInteger totalAssets, BigInteger totalShares) {
        return mulDivUp(assets, totalShares.add(VIRTUAL_SHARES), totalAssets.add(VIRTUAL_ASSETS));
    }

    public static BigInteger toAssetsDown(BigInteger shares, BigInteger totalAssets, BigInteger totalShares) {
        return mulDivDown(shares, totalAssets.add(VIRTUAL_ASSETS), totalShares.add(VIRTUAL_SHARES));
    }

    public static BigInteger toAssetsUp(BigInteger shares, BigInteger totalAssets, BigInteger totalShares) {
        return mulDivUp(shares, totalAssets.add(VIRTUAL_ASSETS), totalShares.add(VIRTUAL_SHARES));
    }
}
