package io.lrtyield.rebalancer.plan;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * One step of a loop, unwind or entry, and the health factor it leaves. The fields keep their unwind names (the API
 * and the stored plans carry them); an entry step fills them as {@link #entry} says.
 *
 * @param source          unwind: "idle" (repaid from the vault's ETH/WETH) or "collateral" (withdraw → unwrap → swap →
 *                        repay); entry: "supply" (the entry's own ETH staked, wrapped and supplied) or "borrow" (borrow
 *                        WETH → unwrap → stake → wrap → supply)
 * @param withdrawnWei    unwind: collateral withdrawn (0 for an idle repay); entry: WETH borrowed (0 for the supply step)
 * @param repaidWei       unwind: debt repaid, the swap's min-out; entry: wstETH supplied, the wrap's min-out
 * @param hfAfterWithdraw the step's low point: unwind, between the withdraw and the repay; entry, after the borrow and
 *                        before the supply; null without debt
 * @param hfAfter         health factor after the step; null without debt
 */
public record DeleverageStep(int index, String source, BigInteger withdrawnWei, BigInteger repaidWei,
                             BigDecimal hfAfterWithdraw, BigDecimal hfAfter) {

    /** An entry step: {@code borrowedWei} WETH borrowed (0 for the initial supply), {@code suppliedWei} wstETH supplied. */
    static DeleverageStep entry(int index, BigInteger borrowedWei, BigInteger suppliedWei, BigDecimal hfAfterBorrow,
                                BigDecimal hfAfter) {
        return new DeleverageStep(index, borrowedWei.signum() == 0 ? "supply" : "borrow", borrowedWei, suppliedWei, hfAfterBorrow,
                hfAfter);
    }
}
