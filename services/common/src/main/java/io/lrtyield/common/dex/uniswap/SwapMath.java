package io.lrtyield.common.dex.uniswap;

import java.math.BigInteger;

/** v3-core's SwapMath: one step of a swap within a range of constant liquidity. */
public final class SwapMath {

    /** Fees are in hundredths of a basis point: 500 = 0.05 %. */
    public static final BigInteger FEE_DENOMINATOR = BigInteger.valueOf(1_000_000);

    private SwapMath() {
    }

    /**
     * The outcome of a step: where the price ends, the input it takes (fee excluded), the output it pays, and the fee
     * taken from the input.
     */
    public record Step(BigInteger sqrtRatioNextX96, BigInteger amountIn, BigInteger amountOut, BigInteger feeAmount) {
    }

    /**
     * Swaps {@code amountRemaining} (positive: exact input left, negative: exact output left) from
     * {@code sqrtRatioCurrentX96} towards {@code sqrtRatioTargetX96} at {@code liquidity}; the direction is given by
     * the target being below (token0 in) or above (token1 in) the current price.
     */
    public static Step computeSwapStep(BigInteger sqrtRatioCurrentX96, BigInteger sqrtRatioTargetX96, BigInteger liquidity,
                                       BigInteger amountRemaining, int feePips) {
        boolean zeroForOne = sqrtRatioCurrentX96.compareTo(sqrtRatioTargetX96) >= 0;
        boolean exactIn = amountRemaining.signum() >= 0;
        BigInteger fee = BigInteger.valueOf(feePips);
        BigInteger lessFee = FEE_DENOMINATOR.subtract(fee);
        BigInteger sqrtRatioNextX96;
        BigInteger amountIn = BigInteger.ZERO;
        BigInteger amountOut = BigInteger.ZERO;
        if (exactIn) {
            BigInteger amountRemainingLessFee = FullMath.mulDiv(amountRemaining, lessFee, FEE_DENOMINATOR);
            amountIn = zeroForOne
                    ? SqrtPriceMath.getAmount0Delta(sqrtRatioTargetX96, sqrtRatioCurrentX96, liquidity, true)
                    : SqrtPriceMath.getAmount1Delta(sqrtRatioCurrentX96, sqrtRatioTargetX96, liquidity, true);
            sqrtRatioNextX96 = amountRemainingLessFee.compareTo(amountIn) >= 0
                    ? sqrtRatioTargetX96
                    : SqrtPriceMath.getNextSqrtPriceFromInput(sqrtRatioCurrentX96, liquidity, amountRemainingLessFee, zeroForOne);
        } else {
            amountOut = zeroForOne
                    ? SqrtPriceMath.getAmount1Delta(sqrtRatioTargetX96, sqrtRatioCurrentX96, liquidity, false)
                    : SqrtPriceMath.getAmount0Delta(sqrtRatioCurrentX96, sqrtRatioTargetX96, liquidity, false);
            sqrtRatioNextX96 = amountRemaining.negate().compareTo(amountOut) >= 0
                    ? sqrtRatioTargetX96
                    : SqrtPriceMath.getNextSqrtPriceFromOutput(sqrtRatioCurrentX96, liquidity, amountRemaining.negate(), zeroForOne);
        }
        boolean max = sqrtRatioTargetX96.equals(sqrtRatioNextX96);
        // a step that reaches its target keeps the amount computed for the whole range; otherwise both are recomputed
        if (zeroForOne) {
            if (!(max && exactIn)) {
                amountIn = SqrtPriceMath.getAmount0Delta(sqrtRatioNextX96, sqrtRatioCurrentX96, liquidity, true);
            }
            if (!(max && !exactIn)) {
                amountOut = SqrtPriceMath.getAmount1Delta(sqrtRatioNextX96, sqrtRatioCurrentX96, liquidity, false);
            }
        } else {
            if (!(max && exactIn)) {
                amountIn = SqrtPriceMath.getAmount1Delta(sqrtRatioCurrentX96, sqrtRatioNextX96, liquidity, true);
            }
            if (!(max && !exactIn)) {
                amountOut = SqrtPriceMath.getAmount0Delta(sqrtRatioCurrentX96, sqrtRatioNextX96, liquidity, false);
            }
        }
        if (!exactIn && amountOut.compareTo(amountRemaining.negate()) > 0) {
            amountOut = amountRemaining.negate();
        }
        BigInteger feeAmount = exactIn && !sqrtRatioNextX96.equals(sqrtRatioTargetX96)
                ? amountRemaining.subtract(amountIn) // the remainder of an exact input that stops inside the range is fee
                : FullMath.mulDivRoundingUp(amountIn, fee, lessFee);
        return new Step(sqrtRatioNextX96, amountIn, amountOut, feeAmount);
    }
}
