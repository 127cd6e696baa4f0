package io.lrtyield.rebalancer.plan;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * One unwind step of a loop and the health factor it leaves.
 *
 * @param source          "idle" (repaid from the vault's ETH/WETH) or "collateral" (withdraw → unwrap → swap → repay)
 * @param withdrawnWei    collateral withdrawn (0 for an idle repay)
 * @param repaidWei       debt repaid: the swap's min-out, what the plan can count on
 * @param hfAfterWithdraw health factor between the withdraw and the repay (the step's low point)
 * @param hfAfter         health factor after the repay; null when the debt is gone
 */
public record DeleverageStep(int index, String source, BigInteger withdrawnWei, BigInteger repaidWei,
                             BigDecimal hfAfterWithdraw, BigDecimal hfAfter) {
}
