package io.lrtyield.rebalancer.execution;

import io.lrtyield.rebalancer.execution.venue.AaveCalls;
import io.lrtyield.rebalancer.execution.venue.Erc20Calls;
import io.lrtyield.rebalancer.execution.venue.LidoCalls;
import io.lrtyield.rebalancer.execution.venue.LiquidStakingDepositCalls;
import io.lrtyield.rebalancer.execution.venue.WethCalls;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Multi-step entry routes built from the venue adapters, with exact approvals reset to zero after use. Expected
 * amounts come from the fundamental rate (ETH per token, 1e18, from the price service — never from a pool being
 * traded against); each later step moves only the previous step's minimum, so a rate that moved against the plan
 * within its slippage bound leaves dust in the vault instead of a revert.
 */
public final class EntryRoutes {

    /** stETH and eETH balances are shares × rate: a mint can credit 1–2 wei less than the ETH sent. */
    public static final BigInteger REBASE_ROUNDING_WEI = BigInteger.TWO;
    private static final BigInteger E18 = BigInteger.TEN.pow(18);
    private static final BigInteger BPS = BigInteger.valueOf(10_000);

    /** Addresses the routes touch. */
    public record Addresses(String weth, String stETH, String wstETH, String aavePool, String etherfiLiquidityPool, String eETH,
                            String weETH) {
    }

    private final Addresses a;
    private final LidoCalls lido;
    private final AaveCalls aave;
    private final LiquidStakingDepositCalls deposits;
    private final WethCalls weth;

    public EntryRoutes(Addresses addresses, String vault) {
        this.a = addresses;
        this.lido = new LidoCalls(addresses.stETH(), addresses.wstETH());
        this.aave = new AaveCalls(addresses.aavePool(), vault);
        this.deposits = new LiquidStakingDepositCalls(vault);
        this.weth = new WethCalls(addresses.weth());
    }

    /**
     * ETH → stETH ({@code submit}) → wstETH ({@code wrap}); the WRAP action carries the wstETH expected and its minimum.
     *
     * @param stEthPerWstEth fundamental rate, stETH per wstETH (1e18-scaled)
     */
    public List<PlannedAction> stakeAndWrap(String venueId, BigInteger ethWei, BigInteger stEthPerWstEth, int slippageBps) {
        BigInteger stEth = ethWei.subtract(REBASE_ROUNDING_WEI);
        BigInteger wstEth = stEth.multiply(E18).divide(stEthPerWstEth);
        return List.of(
                new PlannedAction(venueId, "STAKE", lido.submit(ethWei), ethWei, stEth),
                PlannedAction.of(venueId, "APPROVE", Erc20Calls.approve(a.stETH(), a.wstETH(), stEth)),
                new PlannedAction(venueId, "WRAP", lido.wrap(stEth), wstEth, minOut(wstEth, slippageBps)),
                PlannedAction.of(venueId, "RESET_APPROVAL", Erc20Calls.resetApproval(a.stETH(), a.wstETH())));
    }

    /**
     * ETH → stETH ({@code submit}) → wstETH ({@code wrap}) → Aave collateral ({@code supply}); the SUPPLY action's
     * minOut is the collateral the plan counts on (the wrap's minimum).
     *
     * @param stEthPerWstEth fundamental rate, stETH per wstETH (1e18-scaled)
     */
    public List<PlannedAction> stakeWrapAndSupply(String venueId, BigInteger ethWei, BigInteger stEthPerWstEth, int slippageBps) {
        List<PlannedAction> actions = new ArrayList<>(stakeAndWrap(venueId, ethWei, stEthPerWstEth, slippageBps));
        BigInteger wstEthMin = actions.get(2).minOut();
        actions.add(PlannedAction.of(venueId, "APPROVE", Erc20Calls.approve(a.wstETH(), a.aavePool(), wstEthMin)));
        actions.add(new PlannedAction(venueId, "SUPPLY", aave.supply(a.wstETH(), wstEthMin), wstEthMin, wstEthMin));
        actions.add(PlannedAction.of(venueId, "RESET_APPROVAL", Erc20Calls.resetApproval(a.wstETH(), a.aavePool())));
        return List.copyOf(actions);
    }

    /**
     * ETH → eETH (ether.fi {@code deposit}) → weETH ({@code wrap}).
     *
     * @param eEthPerWeEth fundamental rate, eETH per weETH (1e18-scaled, weETH {@code getRate})
     */
    public List<PlannedAction> depositAndWrapWeEth(String venueId, BigInteger ethWei, BigInteger eEthPerWeEth, int slippageBps) {
        BigInteger eEth = ethWei.subtract(REBASE_ROUNDING_WEI);
        BigInteger weEth = eEth.multiply(E18).divide(eEthPerWeEth);
        return List.of(
                new PlannedAction(venueId, "STAKE", deposits.etherFiDeposit(a.etherfiLiquidityPool(), ethWei), ethWei, eEth),
                PlannedAction.of(venueId, "APPROVE", Erc20Calls.approve(a.eETH(), a.weETH(), eEth)),
                new PlannedAction(venueId, "WRAP", deposits.weEthWrap(a.weETH(), eEth), weEth, minOut(weEth, slippageBps)),
                PlannedAction.of(venueId, "RESET_APPROVAL", Erc20Calls.resetApproval(a.eETH(), a.weETH())));
    }

    /**
     * One turn of a wstETH/WETH loop on collateral already supplied: enter the ETH-correlated eMode, borrow WETH
     * (variable), unwrap it, and stake, wrap and supply it as more wstETH collateral.
     */
    public List<PlannedAction> openLoop(String venueId, int eModeCategory, BigInteger borrowWethWei, BigInteger stEthPerWstEth,
                                        int slippageBps) {
        List<PlannedAction> actions = new ArrayList<>();
        actions.add(PlannedAction.of(venueId, "EMODE", aave.setUserEMode(eModeCategory)));
        actions.addAll(loopTurn(venueId, borrowWethWei, stEthPerWstEth, slippageBps));
        return actions;
    }

    /** A further turn of an open loop: borrow WETH, unwrap it, stake, wrap and supply it (no eMode call). */
    public List<PlannedAction> loopTurn(String venueId, BigInteger borrowWethWei, BigInteger stEthPerWstEth, int slippageBps) {
        List<PlannedAction> actions = new ArrayList<>(List.of(
                new PlannedAction(venueId, "BORROW", aave.borrow(a.weth(), borrowWethWei), borrowWethWei, borrowWethWei),
                new PlannedAction(venueId, "UNWRAP", weth.withdraw(borrowWethWei), borrowWethWei, borrowWethWei)));
        actions.addAll(stakeWrapAndSupply(venueId, borrowWethWei, stEthPerWstEth, slippageBps));
        return actions;
    }

    /** {@code expected} less {@code slippageBps}, rounded down: the least a step accepts. */
    public static BigInteger minOut(BigInteger expected, int slippageBps) {
        if (slippageBps < 0 || slippageBps >= 10_000) {
            throw new IllegalArgumentException("slippage " + slippageBps + " bps");
        }
        return expected.multiply(BPS.subtract(BigInteger.valueOf(slippageBps))).divide(BPS);
    }
}
