package io.lrtyield.rebalancer.plan;

import io.lrtyield.rebalancer.execution.EntryRoutes;
import io.lrtyield.rebalancer.execution.PlannedAction;
import io.lrtyield.rebalancer.execution.venue.AaveCalls;
import io.lrtyield.rebalancer.execution.venue.Erc20Calls;
import io.lrtyield.rebalancer.execution.venue.WethCalls;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Unwinds a wstETH/WETH Aave loop in steps that keep the health factor ≥ the minimum after every step.
 *
 * <p>First the vault's idle ETH/WETH repays debt (it only raises the health factor). Then, while the loop is below
 * the target health factor (or until the debt is gone for a full exit), each step withdraws w wstETH, unwraps it,
 * sells the stETH into the Curve stETH/WETH pool and repays with the WETH. w is the least of: what reaches the target
 * health factor, what keeps HF ≥ min between the withdraw and the repay (w ≤ C − min·D/(p·LT)), and the collateral.
 * The WETH counted on is the swap's min-out: stETH at the fundamental rate (1 ETH, stETH per wstETH from the price
 * service) less the max slippage — never a quote from the pool being sold into. If the pool pays less, the swap
 * reverts in simulation and nothing is signed.
 */
public final class LoopUnwinder {

    static final BigInteger E18 = BigInteger.TEN.pow(18);
    /**
     * Headroom over the minimum for the step's low point: debt accrues interest between the snapshot and each
     * transaction (on devnet ~1e-9 of HF per block), so a withdraw sized to land exactly on the minimum would end a hair
     * below it on chain.
     */
    static final BigDecimal ACCRUAL_BUFFER = new BigDecimal("0.0001");
    /** Health factors are rounded down to 6 decimals: aim one unit above the target so the rounded result reaches it. */
    static final BigDecimal HF_UNIT = new BigDecimal("0.000002");
    static final BigInteger BPS = BigInteger.valueOf(10_000);
    /** stETH balances are shares × rate: an unwrap can credit 1–2 wei less. */
    static final BigInteger REBASE_ROUNDING_WEI = EntryRoutes.REBASE_ROUNDING_WEI;

    private final PlanAddresses a;
    private final PlanSettings settings;
    private final AaveCalls aave;
    private final WethCalls weth;
    private final ExitRoutes exits;

    public LoopUnwinder(PlanAddresses addresses, String vault, PlanSettings settings) {
        this.a = addresses;
        this.settings = settings;
        this.aave = new AaveCalls(addresses.aavePool(), vault);
        this.weth = new WethCalls(addresses.weth());
        this.exits = new ExitRoutes(addresses, vault, settings.maxSlippageBps());
    }

    /**
     * @param stEthPerWstEth fundamental rate, 1e18-scaled
     * @param fullExit       repay all the debt and withdraw all the collateral, instead of stopping at the target HF
     */
    public BuiltPlan unwind(String venueId, LoopState loop, BigInteger idleEthWei, BigInteger idleWethWei,
                            BigInteger stEthPerWstEth, boolean fullExit) {
        return unwind(venueId, loop, idleEthWei, idleWethWei, stEthPerWstEth, E18, settings.targetHealthFactor(), fullExit);
    }

    /**
     * As above, with the stETH sold at {@code stEthSalePrice} WETH per stETH (1e18-scaled: the market price in a depeg,
     * where a sale at the peg would revert) and stopping at {@code targetHf} instead of the settings' target.
     */
    public BuiltPlan unwind(String venueId, LoopState loop, BigInteger idleEthWei, BigInteger idleWethWei,
                            BigInteger stEthPerWstEth, BigInteger stEthSalePrice, BigDecimal targetHf, boolean fullExit) {
        List<PlannedAction> actions = new ArrayList<>();
        List<DeleverageStep> steps = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        BigInteger c = loop.collateralWei();
        BigInteger d = loop.debtWei();
        BigDecimal target = targetHf;
        BigDecimal min = settings.minHealthFactor();

        // 1. idle ETH/WETH repays first
        BigInteger idle = idleEthWei.add(idleWethWei);
        if (d.signum() > 0 && idle.signum() > 0 && (fullExit || below(loop, c, d, target))) {
            BigInteger targetDebt = fullExit ? BigInteger.ZERO
                    : loop.liquidationDebt(c).divide(target, 0, RoundingMode.FLOOR).toBigInteger();
            BigInteger repay = d.subtract(targetDebt).min(idle);
            if (repay.signum() > 0) {
                BigInteger wrap = repay.subtract(idleWethWei).max(BigInteger.ZERO);
                if (wrap.signum() > 0) {
                    actions.add(new PlannedAction(venueId, "WRAP", weth.deposit(wrap), wrap, wrap));
                }
                repayActions(venueId, repay, actions);
                BigDecimal before = loop.healthFactor(c, d);
                d = d.subtract(repay);
                steps.add(new DeleverageStep(steps.size(), "idle", BigInteger.ZERO, repay, before, loop.healthFactor(c, d)));
            }
        }
        // 2. collateral: withdraw → unwrap → sell → repay
        BigInteger k = stEthPerWstEth.multiply(stEthSalePrice).divide(E18)
                .multiply(BPS.subtract(BigInteger.valueOf(settings.maxSlippageBps())));  // WETH per wstETH × 1e18 × 1e4
        while (d.signum() > 0 && (fullExit || below(loop, c, d, target))) {
            if (steps.size() >= settings.maxSteps()) {
                skipped.add(venueId + ": stopped after " + settings.maxSteps() + " steps at HF " + loop.healthFactor(c, d));
                break;
            }
            BigInteger wMax = maxWithdraw(loop, c, d, min.add(ACCRUAL_BUFFER));
            if (wMax.signum() <= 0) {
                skipped.add(venueId + ": any withdraw would take HF below " + min + " (HF " + loop.healthFactor(c, d)
                        + "); needs idle ETH to repay");
                break;
            }
            BigInteger wNeed = fullExit ? ceilDiv(d.multiply(E18).multiply(BPS), k).add(BigInteger.TEN)
                    : withdrawForTarget(loop, c, d, target.add(HF_UNIT), k);
            BigInteger w = wMax.min(wNeed).min(c);
            if (w.multiply(stEthPerWstEth).divide(E18).compareTo(REBASE_ROUNDING_WEI) <= 0) {
                skipped.add(venueId + ": step too small to route");
                break;
            }
            BigDecimal mid = loop.healthFactor(c.subtract(w), d);
            actions.add(new PlannedAction(venueId, "WITHDRAW", aave.withdraw(a.wstETH(), w), w, w));
            BigInteger repay = exits.unwrapAndSell(venueId, w, stEthPerWstEth, stEthSalePrice, true, actions).min(d);
            repayActions(venueId, repay, actions);
            c = c.subtract(w);
            d = d.subtract(repay);
            steps.add(new DeleverageStep(steps.size(), "collateral", w, repay, mid, loop.healthFactor(c, d)));
        }
        if (fullExit && d.signum() == 0 && c.signum() > 0) {
            actions.add(new PlannedAction(venueId, "WITHDRAW", aave.withdraw(a.wstETH(), AaveCalls.ALL), c, c));
        }
        return new BuiltPlan(actions, steps, skipped);
    }

    /** A partial unwind: its actions and the WETH it frees for the plan's entries (the swaps' min-outs less the repays). */
    public record Reduction(BuiltPlan plan, BigInteger freedWeth) {
    }

    /**
     * Takes {@code equityOutWei} of ETH value out of the loop at its current leverage, instead of unwinding it whole:
     * collateral and debt both shrink by the fraction f = out / equity (equity = C × stETH per wstETH − D at the
     * fundamental rate), so the LTV and the health factor stay where they are. Each step withdraws w wstETH (at most what
     * keeps HF ≥ the minimum until the repay, and what is left to reach C·(1 − f)), sells it into the Curve pool and
     * repays the debt's share of it, w·D'/C' of what remains to repay; the rest of the sale's min-out is freed WETH.
     * Stops after the configured number of steps (said in skipped).
     */
    public Reduction reduce(String venueId, LoopState loop, BigInteger equityOutWei, BigInteger stEthPerWstEth) {
        List<PlannedAction> actions = new ArrayList<>();
        List<DeleverageStep> steps = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        BigInteger c = loop.collateralWei();
        BigInteger d = loop.debtWei();
        BigInteger equity = c.multiply(stEthPerWstEth).divide(E18).subtract(d);
        if (equity.signum() <= 0 || equityOutWei.signum() <= 0) {
            skipped.add(venueId + ": no equity to take out of the loop");
            return new Reduction(new BuiltPlan(actions, steps, skipped), BigInteger.ZERO);
        }
        BigInteger out = equityOutWei.min(equity);
        BigInteger cTarget = c.subtract(c.multiply(out).divide(equity));
        BigInteger dTarget = d.subtract(d.multiply(out).divide(equity));
        BigDecimal min = settings.minHealthFactor();
        BigInteger freed = BigInteger.ZERO;
        while (c.compareTo(cTarget) > 0) {
            if (steps.size() >= settings.maxSteps()) {
                skipped.add(venueId + ": reduction stopped after " + settings.maxSteps() + " steps, "
                        + c.subtract(cTarget) + " wei wstETH short of the target");
                break;
            }
            BigInteger wMax = d.signum() > 0 ? maxWithdraw(loop, c, d, min.add(ACCRUAL_BUFFER)) : c;
            BigInteger w = wMax.min(c.subtract(cTarget));
            if (w.multiply(stEthPerWstEth).divide(E18).compareTo(REBASE_ROUNDING_WEI) <= 0) {
                skipped.add(venueId + (wMax.signum() <= 0 ? ": any withdraw would take HF below " + min : ": step too small to route"));
                break;
            }
            BigDecimal mid = d.signum() > 0 ? loop.healthFactor(c.subtract(w), d) : null;
            actions.add(new PlannedAction(venueId, "WITHDRAW", aave.withdraw(a.wstETH(), w), w, w));
            BigInteger weth = exits.unwrapAndSell(venueId, w, stEthPerWstEth, true, actions);
            // the debt's share of this withdraw: what remains to repay × w / what remains to withdraw
            BigInteger repay = d.subtract(dTarget).max(BigInteger.ZERO).multiply(w).divide(c.subtract(cTarget)).min(weth);
            if (repay.signum() > 0) {
                repayActions(venueId, repay, actions);
            }
            c = c.subtract(w);
            d = d.subtract(repay);
            freed = freed.add(weth.subtract(repay));
            steps.add(new DeleverageStep(steps.size(), "collateral", w, repay, mid, loop.healthFactor(c, d)));
        }
        return new Reduction(new BuiltPlan(actions, steps, skipped), freed);
    }

    private void repayActions(String venueId, BigInteger repay, List<PlannedAction> actions) {
        actions.add(PlannedAction.of(venueId, "APPROVE", Erc20Calls.approve(a.weth(), a.aavePool(), repay)));
        actions.add(new PlannedAction(venueId, "REPAY", aave.repay(a.weth(), repay), null, null));
        actions.add(PlannedAction.of(venueId, "RESET_APPROVAL", Erc20Calls.resetApproval(a.weth(), a.aavePool())));
    }

    private static boolean below(LoopState loop, BigInteger c, BigInteger d, BigDecimal target) {
        BigDecimal hf = loop.healthFactor(c, d);
        return hf != null && hf.compareTo(target) < 0;
    }

    /** Largest w with HF(C − w, D) ≥ min: C − ceil(min·D / (p·LT)), then checked against the rounded HF. */
    static BigInteger maxWithdraw(LoopState loop, BigInteger c, BigInteger d, BigDecimal min) {
        BigDecimal keep = min.multiply(new BigDecimal(d)).divide(loop.oraclePrice().multiply(loop.lt()), 0, RoundingMode.CEILING);
        BigInteger w = c.subtract(keep.toBigInteger());
        while (w.signum() > 0 && loop.healthFactor(c.subtract(w), d).compareTo(min) < 0) {
            w = w.subtract(w.shiftRight(20).max(BigInteger.ONE)); // the HF is rounded down to 6 decimals: back off a hair
        }
        return w.max(BigInteger.ZERO);
    }

    /** w with (C − w)·p·LT = target·(D − w·k): the withdraw whose repay lands exactly on the target. */
    private static BigInteger withdrawForTarget(LoopState loop, BigInteger c, BigInteger d, BigDecimal target, BigInteger k) {
        BigDecimal kk = new BigDecimal(k).divide(new BigDecimal(E18.multiply(BPS)), 18, RoundingMode.DOWN);
        BigDecimal pl = loop.oraclePrice().multiply(loop.lt());
        BigDecimal denominator = target.multiply(kk).subtract(pl);
        if (denominator.signum() <= 0) {
            return c; // repaying with the collateral cannot raise HF to the target: go as far as the minimum allows
        }
        BigDecimal numerator = target.multiply(new BigDecimal(d)).subtract(new BigDecimal(c).multiply(pl));
        return numerator.divide(denominator, 0, RoundingMode.CEILING).toBigInteger().add(BigInteger.ONE).max(BigInteger.ONE);
    }

    private static BigInteger ceilDiv(BigInteger x, BigInteger y) {
        BigInteger[] qr = x.divideAndRemainder(y);
        return qr[1].signum() == 0 ? qr[0] : qr[0].add(BigInteger.ONE);
    }
}
