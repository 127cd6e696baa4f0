package io.lrtyield.yield.model;

import io.lrtyield.common.dex.CurveMath;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;

/**
 * A 2-coin StableSwap pool's state as read in one block, and the exact cost of trading a size through it
 * ({@link CurveMath#getDy}, the pool's own integer math).
 *
 * @param balances coin balances in wei, {@code balances(0)}, {@code balances(1)}
 * @param a amplification coefficient as {@code A()} returns it (without A_PRECISION)
 * @param fee swap fee, 1e10-scaled, as {@code fee()} returns it
 * @param virtualPrice {@code get_virtual_price()}, 1e18
 */
public record StablePool(BigInteger[] balances, BigInteger a, BigInteger fee, BigInteger virtualPrice) {

    private static final MathContext MC = YieldMath.MC;

    public BigInteger amp() {
        return a.multiply(CurveMath.A_PRECISION);
    }

    /** Total depth in ETH (both coins are ETH-pegged). */
    public BigDecimal depthEth() {
        return YieldMath.fromWad(balances[0].add(balances[1]));
    }

    /**
     * The cost, as a fraction of the value sold, of selling {@code amountWei} of coin {@code i} into the pool, valuing
     * coin {@code i} at {@code fairPrice} units of coin {@code j} (1 for a 1:1 redeemable pair): {@code 1 − dy / (dx ×
     * fairPrice)}. Includes the fee and the price impact the invariant gives; selling the cheap side of an unbalanced
     * pool can cost less than the fee. A trade the pool cannot fill costs everything (1).
     */
    public BigDecimal sellCost(int i, BigInteger amountWei, BigDecimal fairPrice) {
        if (amountWei.signum() <= 0) {
            return BigDecimal.ZERO;
        }
        BigInteger dy;
        try {
            dy = CurveMath.getDy(balances[0], balances[1], i, amountWei, amp(), fee);
        } catch (ArithmeticException e) {
            return BigDecimal.ONE;
        }
        BigDecimal fair = new BigDecimal(amountWei).multiply(fairPrice, MC);
        return BigDecimal.ONE.subtract(new BigDecimal(dy).divide(fair, MC));
    }

    /** Share of coin {@code i} in the pool's balances. */
    public BigDecimal weight(int i) {
        BigInteger total = balances[0].add(balances[1]);
        return total.signum() == 0 ? BigDecimal.ZERO : new BigDecimal(balances[i]).divide(new BigDecimal(total), MC);
    }
}
