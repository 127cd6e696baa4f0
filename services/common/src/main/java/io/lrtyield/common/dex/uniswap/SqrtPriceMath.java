package io.lrtyield.common.dex.uniswap;

import java.math.BigInteger;

/**
 * v3-core's SqrtPriceMath: token amounts between two sqrt prices for a liquidity, and the sqrt price an amount in or
 * out moves to — each rounded the way that favours the pool, and reverting where the contract reverts.
 */
public final class SqrtPriceMath {

    static final int RESOLUTION = 96;
    static final BigInteger Q96 = BigInteger.ONE.shiftLeft(RESOLUTION);
    private static final BigInteger TWO_POW_256 = BigInteger.ONE.shiftLeft(256);

    private SqrtPriceMath() {
    }

    /**
     * The sqrt price after adding ({@code add}) or removing {@code amount} of token0, rounded up:
     * {@code L × √P / (L ± amount × √P)}. When {@code amount × √P} overflows 256 bits the contract falls back to
     * {@code L / (L / √P + amount)}, which rounds differently; that fallback is kept.
     */
    public static BigInteger getNextSqrtPriceFromAmount0RoundingUp(BigInteger sqrtPX96, BigInteger liquidity, BigInteger amount,
                                                                   boolean add) {
        if (amount.signum() == 0) {
            return sqrtPX96;
        }
        BigInteger numerator1 = liquidity.shiftLeft(RESOLUTION);
        BigInteger product = amount.multiply(sqrtPX96);
        boolean productFits = product.bitLength() <= 256;
        if (add) {
            if (productFits) {
                BigInteger denominator = numerator1.add(product);
                if (denominator.compareTo(TWO_POW_256) < 0) {
                    return FullMath.mulDivRoundingUp(numerator1, sqrtPX96, denominator);
                }
            }
            return FullMath.divRoundingUp(numerator1, FullMath.uint256(numerator1.divide(sqrtPX96).add(amount)));
        }
        if (!productFits || numerator1.compareTo(product) <= 0) {
            throw new ArithmeticException("removing " + amount + " token0 exceeds the virtual reserve");
        }
        return FullMath.uint160(FullMath.mulDivRoundingUp(numerator1, sqrtPX96, numerator1.subtract(product)));
    }

    /** The sqrt price after adding or removing {@code amount} of token1, rounded down: {@code √P ± amount / L}. */
    public static BigInteger getNextSqrtPriceFromAmount1RoundingDown(BigInteger sqrtPX96, BigInteger liquidity, BigInteger amount,
                                                                     boolean add) {
        if (add) {
            BigInteger quotient = FullMath.mulDiv(amount, Q96, liquidity);
            return FullMath.uint160(sqrtPX96.add(quotient));
        }
        BigInteger quotient = FullMath.mulDivRoundingUp(amount, Q96, liquidity);
        if (sqrtPX96.compareTo(quotient) <= 0) {
            throw new ArithmeticException("removing " + amount + " token1 exceeds the virtual reserve");
        }
        return sqrtPX96.subtract(quotient);
    }

    /** Where {@code amountIn} (of token0 if {@code zeroForOne}, else token1) moves the price, never past the target. */
    public static BigInteger getNextSqrtPriceFromInput(BigInteger sqrtPX96, BigInteger liquidity, BigInteger amountIn, boolean zeroForOne) {
        requirePriceAndLiquidity(sqrtPX96, liquidity);
        return zeroForOne
                ? getNextSqrtPriceFromAmount0RoundingUp(sqrtPX96, liquidity, amountIn, true)
                : getNextSqrtPriceFromAmount1RoundingDown(sqrtPX96, liquidity, amountIn, true);
    }

    /** Where taking {@code amountOut} (of token1 if {@code zeroForOne}, else token0) moves the price, at least that far. */
    public static BigInteger getNextSqrtPriceFromOutput(BigInteger sqrtPX96, BigInteger liquidity, BigInteger amountOut, boolean zeroForOne) {
        requirePriceAndLiquidity(sqrtPX96, liquidity);
        return zeroForOne
                ? getNextSqrtPriceFromAmount1RoundingDown(sqrtPX96, liquidity, amountOut, false)
                : getNextSqrtPriceFromAmount0RoundingUp(sqrtPX96, liquidity, amountOut, false);
    }

    /** {@code L × (√B − √A) / (√A × √B)}: token0 between two sqrt prices (any order). */
    public static BigInteger getAmount0Delta(BigInteger sqrtRatioAX96, BigInteger sqrtRatioBX96, BigInteger liquidity, boolean roundUp) {
        BigInteger a = sqrtRatioAX96.min(sqrtRatioBX96);
        BigInteger b = sqrtRatioAX96.max(sqrtRatioBX96);
        if (a.signum() <= 0) {
            throw new ArithmeticException("zero sqrt price");
        }
        BigInteger numerator1 = liquidity.shiftLeft(RESOLUTION);
        BigInteger numerator2 = b.subtract(a);
        return roundUp
                ? FullMath.divRoundingUp(FullMath.mulDivRoundingUp(numerator1, numerator2, b), a)
                : FullMath.mulDiv(numerator1, numerator2, b).divide(a);
    }

    /** {@code L × (√B − √A)}: token1 between two sqrt prices (any order). */
    public static BigInteger getAmount1Delta(BigInteger sqrtRatioAX96, BigInteger sqrtRatioBX96, BigInteger liquidity, boolean roundUp) {
        BigInteger difference = sqrtRatioAX96.subtract(sqrtRatioBX96).abs();
        return roundUp ? FullMath.mulDivRoundingUp(liquidity, difference, Q96) : FullMath.mulDiv(liquidity, difference, Q96);
    }

    /** Signed token0 delta for a liquidity change (mint: positive, rounded up; burn: negative, rounded down). */
    public static BigInteger getAmount0Delta(BigInteger sqrtRatioAX96, BigInteger sqrtRatioBX96, BigInteger liquidityDelta) {
        return liquidityDelta.signum() < 0
                ? getAmount0Delta(sqrtRatioAX96, sqrtRatioBX96, liquidityDelta.negate(), false).negate()
                : getAmount0Delta(sqrtRatioAX96, sqrtRatioBX96, liquidityDelta, true);
    }

    /** Signed token1 delta for a liquidity change. */
    public static BigInteger getAmount1Delta(BigInteger sqrtRatioAX96, BigInteger sqrtRatioBX96, BigInteger liquidityDelta) {
        return liquidityDelta.signum() < 0
                ? getAmount1Delta(sqrtRatioAX96, sqrtRatioBX96, liquidityDelta.negate(), false).negate()
                : getAmount1Delta(sqrtRatioAX96, sqrtRatioBX96, liquidityDelta, true);
    }

    private static void requirePriceAndLiquidity(BigInteger sqrtPX96, BigInteger liquidity) {
        if (sqrtPX96.signum() <= 0 || liquidity.signum() <= 0) {
            throw new ArithmeticException("need a positive sqrt price and liquidity");
        }
    }
}
