package io.lrtyield.backtest.sim;

import io.lrtyield.backtest.market.MarketView;
import io.lrtyield.backtest.market.PoolModel;
import io.lrtyield.common.catalogue.Catalogue;
import io.lrtyield.common.catalogue.Venue;
import io.lrtyield.common.catalogue.VenueKind;
import io.lrtyield.common.exit.ExitRoute;
import io.lrtyield.rebalancer.plan.BuiltPlan;
import io.lrtyield.rebalancer.plan.DeleverageStep;
import io.lrtyield.rebalancer.plan.PlanBuilder;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Executes built plans against a history's state and lets the market act on what the vault holds.
 * <ul>
 *   <li>Fills: a protocol entry mints at the fundamental rate; a sale goes through {@link PoolModel} at the sample's
 *       market price and depth; a redemption (rETH burn, pufETH redeem) pays the fundamental rate; Lido's queue pays
 *       the stETH's ETH after the venue's withdrawal delay (the claim is made when due).</li>
 *   <li>Only what the plan routed is done: a move runs if the plan has an action for its venue. A loop's entry and
 *       unwind replay the plan's own steps (the WETH each turn borrows, the wstETH each unwind step withdraws and
 *       sells), with the pool's fill instead of the min-out.</li>
 *   <li>Gas: the plan's action count × gas per action × the history's gas price.</li>
 *   <li>The lending market: debt accrues at the borrow APR, supplied WETH at the supply APR; a loop whose health
 *       factor is below 1 is liquidated as Aave v3 does — up to half the debt (all of it below 0.95) repaid, collateral
 *       worth the repayment plus the bonus seized at the lending oracle's price.</li>
 * </ul>
 */
public final class Executor {

    static final MathContext MC = MathContext.DECIMAL128;
    static final BigDecimal WEI = BigDecimal.TEN.pow(18);
    static final BigDecimal YEAR_SECONDS = BigDecimal.valueOf(365L * 86_400);
    static final BigDecimal CLOSE_FACTOR_HF = new BigDecimal("0.95");
    static final BigDecimal HALF = new BigDecimal("0.5");

    private final Catalogue catalogue;
    private final Venue loop;
    private final BigDecimal lt;
    private final long gasPerAction;

    public Executor(Catalogue catalogue, long gasPerAction) {
        this.catalogue = catalogue;
        this.loop = catalogue.venues().stream().filter(v -> v.venueKind() == VenueKind.LEVERAGED_LOOP).findFirst().orElse(null);
        this.lt = loop == null ? BigDecimal.ONE : loop.decimalParam("liquidationThreshold", BigDecimal.ONE);
        this.gasPerAction = gasPerAction;
    }

    public Venue loopVenue() {
        return loop;
    }

    public BigDecimal liquidationThreshold() {
        return lt;
    }

    /** Runs a plan: gas, then exits, then entries, as the plan builder orders them. */
    public void execute(Ledger l, MarketView m, List<PlanBuilder.Move> moves, BuiltPlan plan) {
        if (plan.actions().isEmpty()) {
            return;
        }
        l.plans++;
        l.gasPaidWei = l.gasPaidWei.add(gasWei(plan.actions().size(), m));
        Set<String> routed = new HashSet<>();
        plan.actions().forEach(a -> routed.add(a.venueId()));
        for (PlanBuilder.Move mv : moves) {
            if (mv.ethWei().signum() < 0 && mv.venue().venueKind() != VenueKind.IDLE && routed.contains(mv.venue().id())) {
                exit(l, m, mv, plan.steps());
            }
        }
        for (PlanBuilder.Move mv : moves) {
            if (mv.ethWei().signum() > 0 && mv.venue().venueKind() != VenueKind.IDLE && routed.contains(mv.venue().id())) {
                enter(l, m, mv, plan.steps());
            }
        }
    }

    /** An emergency deleverage: the plan's unwind steps, nothing else. */
    public void deleverage(Ledger l, MarketView m, BuiltPlan plan) {
        if (plan.actions().isEmpty()) {
            return;
        }
        l.plans++;
        l.gasPaidWei = l.gasPaidWei.add(gasWei(plan.actions().size(), m));
        unwind(l, m, plan.steps(), false);
    }

    public BigInteger gasWei(int actions, MarketView m) {
        return BigDecimal.valueOf(gasPerAction).multiply(BigDecimal.valueOf(actions)).multiply(m.gasPriceGwei())
                .movePointRight(9).setScale(0, RoundingMode.HALF_EVEN).toBigInteger();
    }

    private void exit(Ledger l, MarketView m, PlanBuilder.Move mv, List<DeleverageStep> steps) {
        Venue v = mv.venue();
        BigInteger out = mv.ethWei().negate();
        switch (v.venueKind()) {
            case LENDING_SUPPLY -> {
                BigInteger w = out.min(l.aWeth);
                l.aWeth = l.aWeth.subtract(w);
                l.eth = l.eth.add(w);
                l.tradedEth = l.tradedEth.add(eth(w));
            }
            case NATIVE_STAKING, RESTAKING_TOKEN -> {
                BigDecimal rate = m.rate(v.asset());
                BigInteger tokens = new BigDecimal(out).divide(rate, 0, RoundingMode.DOWN).toBigInteger().min(l.token(v.asset()));
                sellToken(l, m, v, tokens, mv.exit());
            }
            case LEVERAGED_LOOP -> unwind(l, m, steps, true);
            default -> throw new IllegalStateException("no simulated exit for " + v.id());
        }
    }

    /** Leaves a token position by the route the plan builder takes for it. */
    void sellToken(Ledger l, MarketView m, Venue v, BigInteger tokens, ExitRoute.Kind priced) {
        if (tokens.signum() <= 0) {
            return;
        }
        BigDecimal rate = m.rate(v.asset());
        BigDecimal value = new BigDecimal(tokens).multiply(rate);
        l.tokens.put(v.asset(), l.token(v.asset()).subtract(tokens));
        l.tradedEth = l.tradedEth.add(value.divide(WEI, MC));
        if (priced == ExitRoute.Kind.QUEUE && v.param("withdrawalQueue").isPresent()) {
            long delayBlocks = (v.withdrawalDelaySeconds() + m.header().blockSeconds() - 1) / m.header().blockSeconds();
            l.queue.add(new QueueClaim(v.id(), value.setScale(0, RoundingMode.DOWN).toBigInteger(), m.block() + delayBlocks));
        } else if ("rETH".equals(v.asset()) || "pufETH".equals(v.asset())) {
            l.eth = l.eth.add(value.setScale(0, RoundingMode.DOWN).toBigInteger());
        } else {
            BigInteger proceeds = toWei(PoolModel.sell(new BigDecimal(tokens), m.market(v.asset()), m.depth(v.asset()).multiply(WEI), m.dexFeeBps()));
            l.eth = l.eth.add(proceeds);
            l.slippageEth = l.slippageEth.add(value.subtract(new BigDecimal(proceeds)).divide(WEI, MC));
        }
    }

    private void enter(Ledger l, MarketView m, PlanBuilder.Move mv, List<DeleverageStep> steps) {
        Venue v = mv.venue();
        BigInteger in = mv.ethWei().min(l.eth);
        if (in.signum() <= 0) {
            return;
        }
        l.eth = l.eth.subtract(in);
        l.tradedEth = l.tradedEth.add(eth(in));
        switch (v.venueKind()) {
            case LENDING_SUPPLY -> l.aWeth = l.aWeth.add(in);
            case NATIVE_STAKING, RESTAKING_TOKEN -> l.credit(v.asset(), toTokens(in, m.rate(v.asset())));
            case LEVERAGED_LOOP -> {
                BigDecimal rate = m.rate(v.asset());
                // the plan's borrow turns were sized for the whole move; a smaller fill borrows in proportion
                BigDecimal scale = new BigDecimal(in).divide(new BigDecimal(mv.ethWei()), MC);
                BigInteger collateral = toTokens(in, rate);
                BigInteger debt = BigInteger.ZERO;
                for (DeleverageStep s : steps) {
                    if ("borrow".equals(s.source())) {
                        BigInteger borrowed = new BigDecimal(s.withdrawnWei()).multiply(scale).setScale(0, RoundingMode.DOWN).toBigInteger();
                        debt = debt.add(borrowed);
                        collateral = collateral.add(toTokens(borrowed, rate));
                    }
                }
                l.loopCollateral = l.loopCollateral.add(collateral);
                l.loopDebt = l.loopDebt.add(debt);
            }
            default -> throw new IllegalStateException("no simulated entry for " + v.id());
        }
    }

    /** Replays unwind steps: idle ETH repays, withdrawn collateral is sold into the pool and repays what it fetched. */
    private void unwind(Ledger l, MarketView m, List<DeleverageStep> steps, boolean fullExit) {
        if (loop == null) {
            return;
        }
        String asset = loop.asset();
        for (DeleverageStep s : steps) {
            if ("idle".equals(s.source())) {
                BigInteger repay = s.repaidWei().min(l.eth).min(l.loopDebt);
                l.eth = l.eth.subtract(repay);
                l.loopDebt = l.loopDebt.subtract(repay);
            } else if ("collateral".equals(s.source())) {
                BigInteger w = s.withdrawnWei().min(l.loopCollateral);
                l.loopCollateral = l.loopCollateral.subtract(w);
                BigDecimal value = new BigDecimal(w).multiply(m.rate(asset));
                BigInteger proceeds = toWei(PoolModel.sell(new BigDecimal(w), m.market(asset), m.depth(asset).multiply(WEI), m.dexFeeBps()));
                l.slippageEth = l.slippageEth.add(value.subtract(new BigDecimal(proceeds)).divide(WEI, MC));
                l.tradedEth = l.tradedEth.add(value.divide(WEI, MC));
                // the plan's REPAY is the step's own amount (the sale's min-out for an unwind, the debt's share for a
                // trim): what the sale brings beyond it stays in the vault
                BigInteger repay = s.repaidWei().min(proceeds).min(l.loopDebt);
                l.loopDebt = l.loopDebt.subtract(repay);
                l.eth = l.eth.add(proceeds.subtract(repay));
            }
        }
        if (fullExit && l.loopDebt.signum() == 0 && l.loopCollateral.signum() > 0) {
            // WITHDRAW(all): the rest of the collateral comes back to the vault as the token
            l.credit(asset, l.loopCollateral);
            l.loopCollateral = BigInteger.ZERO;
        }
    }

    /** Interest over {@code seconds}: debt at the borrow APR, supplied WETH at the supply APR. */
    public void accrue(Ledger l, MarketView m, long seconds) {
        if (l.loopDebt.signum() > 0) {
            l.loopDebt = grow(l.loopDebt, m.borrowAprDecimal(), seconds);
        }
        if (l.aWeth.signum() > 0) {
            l.aWeth = grow(l.aWeth, m.supplyAprDecimal(), seconds);
        }
    }

    private static BigInteger grow(BigInteger amount, BigDecimal apr, long seconds) {
        BigDecimal factor = BigDecimal.ONE.add(apr.multiply(BigDecimal.valueOf(seconds)).divide(YEAR_SECONDS, MC));
        return new BigDecimal(amount).multiply(factor).setScale(0, RoundingMode.DOWN).toBigInteger();
    }

    /** Pays the queue claims due by {@code block}; returns whether any was paid. */
    public boolean payQueues(Ledger l, long block) {
        boolean paid = false;
        for (var it = l.queue.iterator(); it.hasNext(); ) {
            QueueClaim c = it.next();
            if (c.dueBlock() <= block) {
                l.eth = l.eth.add(c.ethWei());
                it.remove();
                paid = true;
            }
        }
        return paid;
    }

    /** The loop's health factor at the lending oracle, 18 places; null without debt. */
    public BigDecimal healthFactor(Ledger l, MarketView m) {
        if (loop == null || l.loopDebt.signum() == 0) {
            return null;
        }
        return new BigDecimal(l.loopCollateral).multiply(m.lendingOracle(loop.asset())).multiply(lt)
                .divide(new BigDecimal(l.loopDebt), 18, RoundingMode.HALF_EVEN);
    }

    /**
     * One liquidation call when the health factor is below 1: repays half the debt (all of it below HF 0.95) and seizes
     * collateral worth the repayment plus {@code bonus} at the oracle price, at most all of it. Returns whether it ran.
     */
    public boolean liquidate(Ledger l, MarketView m, BigDecimal bonus) {
        BigDecimal hf = healthFactor(l, m);
        if (hf == null || hf.compareTo(BigDecimal.ONE) >= 0) {
            return false;
        }
        BigDecimal oracle = m.lendingOracle(loop.asset());
        BigDecimal repay = new BigDecimal(l.loopDebt).multiply(hf.compareTo(CLOSE_FACTOR_HF) < 0 ? BigDecimal.ONE : HALF);
        BigDecimal premium = BigDecimal.ONE.add(bonus);
        BigDecimal seized = repay.multiply(premium).divide(oracle, 0, RoundingMode.DOWN);
        BigDecimal collateral = new BigDecimal(l.loopCollateral);
        if (seized.compareTo(collateral) > 0) {
            seized = collateral;
            repay = collateral.multiply(oracle).divide(premium, 0, RoundingMode.DOWN);
        }
        l.loopCollateral = l.loopCollateral.subtract(seized.toBigInteger());
        l.loopDebt = l.loopDebt.subtract(repay.setScale(0, RoundingMode.DOWN).toBigInteger());
        l.liquidations++;
        l.liquidatedCollateralEth = l.liquidatedCollateralEth.add(seized.multiply(oracle).divide(WEI, MC));
        return true;
    }

    static BigInteger toTokens(BigInteger ethWei, BigDecimal rate) {
        return new BigDecimal(ethWei).divide(rate, 0, RoundingMode.DOWN).toBigInteger();
    }

    static BigInteger toWei(BigDecimal v) {
        return v.setScale(0, RoundingMode.DOWN).toBigInteger();
    }

    static BigDecimal eth(BigInteger wei) {
        return new BigDecimal(wei).divide(WEI, MC);
    }
}
