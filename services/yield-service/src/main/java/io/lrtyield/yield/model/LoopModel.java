package io.lrtyield.yield.model;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * A leveraged loop: supply a staking token as collateral, borrow WETH against it, stake and re-supply, until the
 * debt is {@code targetLtv} of the collateral. Per unit of equity:
 * <ul>
 *   <li>leverage {@code L = 1 / (1 − LTV)}: collateral L, debt L − 1;</li>
 *   <li>net APY = L × (collateral staking APY + collateral supply APY) − (L − 1) × borrow APY (negative carry is
 *       shown, never hidden);</li>
 *   <li>health factor = LT × collateral / debt = LT / LTV at the target;</li>
 *   <li>liquidation distance = the fall of the collateral's price (in the debt asset, as the lending market's oracle
 *       sees it) that brings the health factor to 1: {@code 1 − LTV / LT}.</li>
 * </ul>
 * All figures are decimal fractions.
 */
public final class LoopModel {

    private static final MathContext MC = YieldMath.MC;

    private LoopModel() {
    }

    /**
     * @param stakingApy the collateral token's own (staking/restaking) APY
     * @param collateralSupplyApy what the lending market pays on the collateral
     * @param borrowApy what the borrowed asset costs
     * @param targetLtv debt / collateral kept by the loop, below the market's max LTV
     * @param liquidationThreshold the market's liquidation threshold for this pair (eMode where it applies)
     */
    public record Inputs(BigDecimal stakingApy, BigDecimal collateralSupplyApy, BigDecimal borrowApy, BigDecimal targetLtv,
                         BigDecimal liquidationThreshold) {
        public Inputs {
            if (targetLtv.signum() < 0 || targetLtv.compareTo(BigDecimal.ONE) >= 0) {
                throw new IllegalArgumentException("target LTV must be in [0, 1), got " + targetLtv);
            }
            if (liquidationThreshold.compareTo(targetLtv) <= 0 && targetLtv.signum() > 0) {
                throw new IllegalArgumentException("target LTV " + targetLtv + " is at or past the liquidation threshold "
                        + liquidationThreshold + ": the loop would be liquidatable at once");
            }
        }
    }

    public record Result(BigDecimal leverage, BigDecimal collateralApy, BigDecimal borrowCost, BigDecimal netApy,
                         BigDecimal healthFactor, BigDecimal liquidationDepeg) {
    }

    public static BigDecimal leverage(BigDecimal targetLtv) {
        return BigDecimal.ONE.divide(BigDecimal.ONE.subtract(targetLtv), MC);
    }

    public static Result evaluate(Inputs in) {
        BigDecimal l = leverage(in.targetLtv());
        BigDecimal collateral = l.multiply(in.stakingApy().add(in.collateralSupplyApy()), MC);
        BigDecimal borrow = l.subtract(BigDecimal.ONE).multiply(in.borrowApy(), MC);
        BigDecimal health = in.targetLtv().signum() == 0 ? null
                : in.liquidationThreshold().divide(in.targetLtv(), MC);
        BigDecimal distance = BigDecimal.ONE.subtract(in.targetLtv().divide(in.liquidationThreshold(), MC));
        return new Result(YieldMath.scale(l), YieldMath.scale(collateral), YieldMath.scale(borrow),
                YieldMath.scale(collateral.subtract(borrow)), health == null ? null : YieldMath.scale(health),
                YieldMath.scale(distance));
    }
}
