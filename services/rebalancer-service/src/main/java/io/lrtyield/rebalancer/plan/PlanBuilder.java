package io.lrtyield.rebalancer.plan;

import io.lrtyield.common.catalogue.Venue;
import io.lrtyield.common.catalogue.VenueKind;
import io.lrtyield.rebalancer.execution.PlannedAction;
import io.lrtyield.rebalancer.execution.venue.AaveCalls;
import io.lrtyield.rebalancer.execution.venue.CurveCalls;
import io.lrtyield.rebalancer.execution.venue.Erc20Calls;
import io.lrtyield.rebalancer.execution.venue.LidoCalls;
import io.lrtyield.rebalancer.execution.venue.LiquidStakingDepositCalls;
import io.lrtyield.rebalancer.execution.venue.WethCalls;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Target allocation → ordered vault actions: every exit first (they free WETH), then WETH unwrapped to the ETH the
 * entries need, then the entries, each sized so that the ETH counted on is what the exits guarantee (their
 * min-outs). Routes are those the devnet/mainnet allowlist permits: wstETH out through unwrap + Curve stETH/WETH,
 * weETH out through unwrap + Curve eETH/WETH, Aave WETH supply withdraw, the wstETH loop through
 * {@link LoopUnwinder}; in through Lido submit + wrap, ether.fi deposit + wrap, WETH supply, and the Rocket Pool,
 * Renzo, Kelp and Puffer deposits. Expected amounts and min-outs come from fundamental rates (ETH per token from the
 * price service) and the max slippage, never from the pool traded against. A venue without a route is reported in
 * {@link BuiltPlan#skipped()}; the policy does not ask for moves it cannot route ({@link #canEnter}, {@link #canExit}).
 */
public final class PlanBuilder {

    private static final BigInteger E18 = BigInteger.TEN.pow(18);
    private static final BigInteger BPS = BigInteger.valueOf(10_000);

    /** One move: positive amount enters the venue, negative leaves it; wei of ETH value at fundamental prices. */
    public record Move(Venue venue, BigInteger ethWei) {
    }

    private final PlanAddresses a;
    private final String vault;
    private final PlanSettings settings;
    private final LidoCalls lido;
    private final AaveCalls aave;
    private final WethCalls weth;
    private final LiquidStakingDepositCalls deposits;

    public PlanBuilder(PlanAddresses addresses, String vault, PlanSettings settings) {
        this.a = addresses;
        this.vault = vault;
        this.settings = settings;
        this.lido = new LidoCalls(addresses.stETH(), addresses.wstETH());
        this.aave = new AaveCalls(addresses.aavePool(), vault);
        this.weth = new WethCalls(addresses.weth());
        this.deposits = new LiquidStakingDepositCalls(vault);
    }

    public boolean canEnter(Venue v) {
        return switch (v.venueKind()) {
            case IDLE -> true;
            case LENDING_SUPPLY -> "WETH".equals(v.asset()) && a.aavePool() != null;
            case NATIVE_STAKING -> ("wstETH".equals(v.asset()) && a.wstETH() != null) || ("rETH".equals(v.asset()) && a.rocketDepositPool() != null);
            case RESTAKING_TOKEN -> switch (v.asset()) {
                case "weETH" -> a.etherfiLiquidityPool() != null;
                case "ezETH" -> a.renzoRestakeManager() != null;
                case "rsETH" -> a.kelpDepositPool() != null;
                case "pufETH" -> a.pufETH() != null;
                default -> false;
            };
            default -> false;
        };
    }

    public boolean canExit(Venue v) {
        return switch (v.venueKind()) {
            case IDLE -> true;
            case LENDING_SUPPLY -> "WETH".equals(v.asset()) && a.aavePool() != null;
            case NATIVE_STAKING -> "wstETH".equals(v.asset()) && a.curveStEthPool() != null;
            case RESTAKING_TOKEN -> "weETH".equals(v.asset()) && a.curveEEthPool() != null;
            case LEVERAGED_LOOP -> "wstETH".equals(v.asset()) && "WETH".equals(v.param("borrowAsset").orElse("")) && a.curveStEthPool() != null;
            default -> false;
        };
    }

    /**
     * @param moves        trades from the optimizer, in wei of ETH value
     * @param ethPerToken  fundamental ETH per token (wstETH, weETH, rETH, ezETH, rsETH, pufETH), 18-decimal
     * @param idleEthWei   native ETH in the vault now
     * @param idleWethWei  WETH in the vault now
     * @param loop         the vault's loop, when a loop exit is among the moves
     */
    public BuiltPlan build(List<Move> moves, Map<String, BigDecimal> ethPerToken, BigInteger idleEthWei, BigInteger idleWethWei,
                           LoopState loop) {
        List<PlannedAction> actions = new ArrayList<>();
        List<DeleverageStep> steps = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        BigInteger freedWeth = BigInteger.ZERO;
        for (Move m : moves) {
            if (m.ethWei().signum() >= 0 || m.venue().venueKind() == VenueKind.IDLE) {
                continue;
            }
            if (!canExit(m.venue())) {
                skipped.add(m.venue().id() + ": no allowlisted exit route");
                continue;
            }
            BigInteger out = m.ethWei().negate();
            switch (m.venue().venueKind()) {
                case LENDING_SUPPLY -> {
                    actions.add(new PlannedAction(m.venue().id(), "WITHDRAW", aave.withdraw(a.weth(), out), out, out));
                    freedWeth = freedWeth.add(out);
                }
                case NATIVE_STAKING -> freedWeth = freedWeth.add(sellWrapped(m.venue().id(), tokens(out, rate(ethPerToken, "wstETH")),
                        rate(ethPerToken, "wstETH"), true, actions));
                case RESTAKING_TOKEN -> freedWeth = freedWeth.add(sellWrapped(m.venue().id(), tokens(out, rate(ethPerToken, "weETH")),
                        rate(ethPerToken, "weETH"), false, actions));
                case LEVERAGED_LOOP -> {
                    if (loop == null) {
                        skipped.add(m.venue().id() + ": no loop position to unwind");
                        continue;
                    }
                    BuiltPlan unwind = new LoopUnwinder(a, vault, settings).unwind(m.venue().id(), loop, BigInteger.ZERO,
                            BigInteger.ZERO, toWad(rate(ethPerToken, "wstETH")), true);
                    actions.addAll(unwind.actions());
                    steps.addAll(unwind.steps());
                    skipped.addAll(unwind.skipped());
                }
                default -> skipped.add(m.venue().id() + ": no exit route");
            }
        }
        BigInteger needEth = moves.stream().filter(m -> m.ethWei().signum() > 0 && m.venue().venueKind() != VenueKind.IDLE)
                .map(Move::ethWei).reduce(BigInteger.ZERO, BigInteger::add);
        BigInteger wethAvailable = idleWethWei.add(freedWeth);
        BigInteger ethAvailable = idleEthWei;
        if (needEth.compareTo(ethAvailable) > 0 && wethAvailable.signum() > 0) {
            BigInteger unwrap = needEth.subtract(ethAvailable).min(wethAvailable);
            actions.add(new PlannedAction("idle-eth", "UNWRAP_WETH", weth.withdraw(unwrap), unwrap, unwrap));
            ethAvailable = ethAvailable.add(unwrap);
        }
        for (Move m : moves) {
            if (m.ethWei().signum() <= 0 || m.venue().venueKind() == VenueKind.IDLE) {
                continue;
            }
            if (!canEnter(m.venue())) {
                skipped.add(m.venue().id() + ": no allowlisted entry route");
                continue;
            }
            BigInteger in = m.ethWei().min(ethAvailable);
            if (in.signum() <= 0) {
                skipped.add(m.venue().id() + ": no ETH left for the entry (exits guarantee less than planned)");
                continue;
            }
            ethAvailable = ethAvailable.subtract(in);
            enter(m.venue(), in, ethPerToken, actions);
        }
        return new BuiltPlan(actions, steps, skipped);
    }

    /** Unwrap wstETH→stETH (or weETH→eETH) and sell into the Curve pool for WETH; returns the WETH min-out. */
    private BigInteger sellWrapped(String venueId, BigInteger wrapped, BigDecimal ethPerWrapped, boolean lidoSide, List<PlannedAction> out) {
        BigInteger base = wrapped.multiply(toWad(ethPerWrapped)).divide(E18);
        BigInteger baseMin = base.subtract(LoopUnwinder.REBASE_ROUNDING_WEI);
        BigInteger minWeth = minOut(baseMin);
        String baseToken = lidoSide ? a.stETH() : a.eETH();
        String pool = lidoSide ? a.curveStEthPool() : a.curveEEthPool();
        out.add(new PlannedAction(venueId, "UNWRAP", lidoSide ? lido.unwrap(wrapped) : deposits.weEthUnwrap(a.weETH(), wrapped), base, baseMin));
        out.add(PlannedAction.of(venueId, "APPROVE", Erc20Calls.approve(baseToken, pool, baseMin)));
        out.add(new PlannedAction(venueId, "SWAP", CurveCalls.exchange(pool, 1, 0, baseMin, minWeth), baseMin, minWeth));
        out.add(PlannedAction.of(venueId, "RESET_APPROVAL", Erc20Calls.resetApproval(baseToken, pool)));
        return minWeth;
    }

    private void enter(Venue v, BigInteger eth, Map<String, BigDecimal> ethPerToken, List<PlannedAction> out) {
        String id = v.id();
        switch (v.asset()) {
            case "WETH" -> {
                out.add(new PlannedAction(id, "WRAP", weth.deposit(eth), eth, eth));
                out.add(PlannedAction.of(id, "APPROVE", Erc20Calls.approve(a.weth(), a.aavePool(), eth)));
                out.add(new PlannedAction(id, "SUPPLY", aave.supply(a.weth(), eth), eth, eth));
                out.add(PlannedAction.of(id, "RESET_APPROVAL", Erc20Calls.resetApproval(a.weth(), a.aavePool())));
            }
            case "wstETH" -> {
                BigInteger stEth = eth.subtract(LoopUnwinder.REBASE_ROUNDING_WEI);
                BigInteger wst = tokens(stEth, rate(ethPerToken, "wstETH"));
                out.add(new PlannedAction(id, "STAKE", lido.submit(eth), eth, stEth));
                out.add(PlannedAction.of(id, "APPROVE", Erc20Calls.approve(a.stETH(), a.wstETH(), stEth)));
                out.add(new PlannedAction(id, "WRAP", lido.wrap(stEth), wst, minOut(wst)));
                out.add(PlannedAction.of(id, "RESET_APPROVAL", Erc20Calls.resetApproval(a.stETH(), a.wstETH())));
            }
            case "weETH" -> {
                BigInteger eEth = eth.subtract(LoopUnwinder.REBASE_ROUNDING_WEI);
                BigInteger we = tokens(eEth, rate(ethPerToken, "weETH"));
                out.add(new PlannedAction(id, "STAKE", deposits.etherFiDeposit(a.etherfiLiquidityPool(), eth), eth, eEth));
                out.add(PlannedAction.of(id, "APPROVE", Erc20Calls.approve(a.eETH(), a.weETH(), eEth)));
                out.add(new PlannedAction(id, "WRAP", deposits.weEthWrap(a.weETH(), eEth), we, minOut(we)));
                out.add(PlannedAction.of(id, "RESET_APPROVAL", Erc20Calls.resetApproval(a.eETH(), a.weETH())));
            }
            default -> {
                BigInteger t = tokens(eth, rate(ethPerToken, v.asset()));
                var call = switch (v.asset()) {
                    case "rETH" -> deposits.rocketPoolDeposit(a.rocketDepositPool(), eth);
                    case "ezETH" -> deposits.renzoDepositEth(a.renzoRestakeManager(), eth);
                    case "rsETH" -> deposits.kelpDepositEth(a.kelpDepositPool(), eth, minOut(t));
                    default -> deposits.pufferDepositEth(a.pufETH(), eth);
                };
                out.add(new PlannedAction(id, "STAKE", call, t, minOut(t)));
            }
        }
    }

    private BigInteger minOut(BigInteger expected) {
        return expected.multiply(BPS.subtract(BigInteger.valueOf(settings.maxSlippageBps()))).divide(BPS);
    }

    private static BigDecimal rate(Map<String, BigDecimal> ethPerToken, String asset) {
        BigDecimal r = ethPerToken.get(asset);
        if (r == null || r.signum() <= 0) {
            throw new IllegalArgumentException("no fundamental rate for " + asset);
        }
        return r;
    }

    /** Tokens worth {@code ethWei} at {@code ethPerToken}, rounded down. */
    static BigInteger tokens(BigInteger ethWei, BigDecimal ethPerToken) {
        return new BigDecimal(ethWei).divide(ethPerToken, 0, RoundingMode.DOWN).toBigInteger();
    }

    static BigInteger toWad(BigDecimal rate) {
        return rate.movePointRight(18).setScale(0, RoundingMode.DOWN).toBigInteger();
    }
}
