package io.lrtyield.rebalancer.plan;

import io.lrtyield.rebalancer.execution.EntryRoutes;
import io.lrtyield.rebalancer.execution.PlannedAction;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Opens (or adds to) a wstETH/WETH Aave loop in turns that keep the health factor ≥ the minimum after every step.
 *
 * <p>The entry's ETH is staked, wrapped and supplied ({@link EntryRoutes#stakeWrapAndSupply}); then the account enters
 * the eMode and each turn borrows b WETH, unwraps it and stakes, wraps and supplies it ({@link EntryRoutes#openLoop},
 * then {@link EntryRoutes#loopTurn}). b is the least of: the borrow whose supply lands the loop on the target
 * loan-to-value t (the venue's {@code targetLtv}, leverage 1/(1 − t)): D + b = t·(C·p + b·k), k the collateral value
 * a borrowed WETH comes back as; what keeps the loan-to-value after the borrow ≤ the venue's {@code maxLtv} (default
 * {@code targetLtv}, which the catalogue keeps below the market's borrow LTV, so Aave's LTV check passes); and what
 * keeps HF ≥ min (plus the accrual buffer) after the borrow, the turn's low point. Health factors are C·p·LT/D with p
 * the fundamental wstETH rate (the lending oracle prices wstETH at it; the lower of the two when the vault's account
 * implies a lower one), LT the venue's {@code liquidationThreshold} (the eMode's), and C counted at the min-outs: what
 * the plan can count on. The entry stops at the target (within {@link #DUST_FRACTION} of the equity), or when the
 * bounds allow less than that, or after {@code maxSteps} turns; the last two say at which leverage in
 * {@link BuiltPlan#skipped()}. With {@code maxLtv} = {@code targetLtv} each turn reaches only t·k of the previous
 * one's gap, so the target is approached, not reached: a flash-loan route would close it in one step.
 */
public final class LoopEntry {

    /** A turn is ~9 transactions: not worth it for less than this fraction of the entry's equity. */
    static final BigInteger DUST_FRACTION = BigInteger.valueOf(1_000);

    private final PlanSettings settings;
    private final EntryRoutes routes;

    public LoopEntry(PlanAddresses addresses, String vault, PlanSettings settings) {
        this.settings = settings;
        this.routes = new EntryRoutes(addresses.entryRoutes(), vault);
    }

    /** The venue's loop parameters: target and max loan-to-value, eMode liquidation threshold, eMode category. */
    public record Params(BigDecimal targetLtv, BigDecimal maxLtv, BigDecimal liquidationThreshold, int eModeCategory) {

        public Params {
            if (targetLtv.signum() <= 0 || maxLtv.compareTo(targetLtv) < 0 || liquidationThreshold.compareTo(maxLtv) <= 0) {
                throw new IllegalArgumentException("need 0 < targetLtv ≤ maxLtv < liquidationThreshold");
            }
        }
    }

    /**
     * @param equityWei      ETH the move puts into the loop
     * @param existing       the vault's loop, or null when it has none
     * @param stEthPerWstEth fundamental rate, 1e18-scaled
     */
    public BuiltPlan enter(String venueId, BigInteger equityWei, LoopState existing, BigInteger stEthPerWstEth, Params params) {
        BigDecimal rate = new BigDecimal(stEthPerWstEth).movePointLeft(18);
        BigDecimal p = existing == null ? rate : rate.min(existing.oraclePrice());
        LoopState m = new LoopState(BigInteger.ZERO, BigInteger.ZERO, p, params.liquidationThreshold());
        BigInteger c = existing == null ? BigInteger.ZERO : existing.collateralWei();
        BigInteger d = existing == null ? BigInteger.ZERO : existing.debtWei();
        BigDecimal hfFloor = settings.minHealthFactor().add(LoopUnwinder.ACCRUAL_BUFFER);
        List<PlannedAction> actions = new ArrayList<>();
        List<DeleverageStep> steps = new ArrayList<>();
        List<String> notes = new ArrayList<>();

        List<PlannedAction> supply = routes.stakeWrapAndSupply(venueId, equityWei, stEthPerWstEth, settings.maxSlippageBps());
        actions.addAll(supply);
        BigInteger supplied = supplied(supply);
        BigDecimal before = m.healthFactor(c, d);
        c = c.add(supplied);
        steps.add(DeleverageStep.entry(0, BigInteger.ZERO, supplied, before, m.healthFactor(c, d)));

        BigDecimal t = params.targetLtv();
        // collateral value a borrowed WETH comes back as, counted at the min-outs: (1 − slippage)·p / rate
        BigDecimal kept = BigDecimal.ONE.subtract(BigDecimal.valueOf(settings.maxSlippageBps()).movePointLeft(4))
                .multiply(p).divide(rate, 18, RoundingMode.DOWN);
        BigDecimal perTurn = BigDecimal.ONE.subtract(t.multiply(kept));
        BigInteger dust = equityWei.divide(DUST_FRACTION).max(BigInteger.ONE);
        int turns = 0;
        while (true) {
            BigInteger gap = ltvDebt(c, p, t).subtract(d);
            if (gap.compareTo(dust) < 0) {
                break; // at the target leverage (within dust)
            }
            if (turns >= settings.maxSteps()) {
                notes.add(venueId + ": loop entry stopped after " + turns + " turns (max steps) at leverage " + leverage(c, d, p)
                        + ", target " + leverage(t));
                break;
            }
            // the borrow whose supply lands on the target LTV: D + b = t·(C·p + b·kept)
            BigInteger land = new BigDecimal(gap).divide(perTurn, 0, RoundingMode.CEILING).toBigInteger();
            BigInteger b = land.min(ltvDebt(c, p, params.maxLtv()).subtract(d)).min(m.maxDebt(c, hfFloor).subtract(d));
            if (b.compareTo(dust) < 0) {
                notes.add(venueId + ": loop entry stopped after " + turns + " turns at leverage " + leverage(c, d, p) + ", target "
                        + leverage(t) + ": the LTV/HF bounds allow a borrow of only " + b.max(BigInteger.ZERO) + " wei");
                break;
            }
            List<PlannedAction> turn = turns == 0
                    ? routes.openLoop(venueId, params.eModeCategory(), b, stEthPerWstEth, settings.maxSlippageBps())
                    : routes.loopTurn(venueId, b, stEthPerWstEth, settings.maxSlippageBps());
            actions.addAll(turn);
            d = d.add(b);
            BigDecimal low = m.healthFactor(c, d);
            supplied = supplied(turn);
            c = c.add(supplied);
            turns++;
            steps.add(DeleverageStep.entry(steps.size(), b, supplied, low, m.healthFactor(c, d)));
        }
        return new BuiltPlan(actions, steps, notes);
    }

    private static BigInteger supplied(List<PlannedAction> actions) {
        return actions.stream().filter(a -> "SUPPLY".equals(a.kind())).reduce((x, y) -> y).orElseThrow().minOut();
    }

    /** The debt at loan-to-value {@code ltv} of the collateral valued at p, rounded down. */
    private static BigInteger ltvDebt(BigInteger collateral, BigDecimal p, BigDecimal ltv) {
        return new BigDecimal(collateral).multiply(p).multiply(ltv).setScale(0, RoundingMode.FLOOR).toBigInteger();
    }

    /** C·p / (C·p − D), 4 decimals. */
    static BigDecimal leverage(BigInteger c, BigInteger d, BigDecimal p) {
        BigDecimal v = new BigDecimal(c).multiply(p);
        return v.divide(v.subtract(new BigDecimal(d)), 4, RoundingMode.DOWN);
    }

    static BigDecimal leverage(BigDecimal targetLtv) {
        return BigDecimal.ONE.divide(BigDecimal.ONE.subtract(targetLtv), 4, RoundingMode.DOWN);
    }
}
