package io.lrtyield.rebalancer.plan;

import io.lrtyield.rebalancer.execution.EntryRoutes;
import io.lrtyield.rebalancer.execution.PlannedAction;
import io.lrtyield.rebalancer.execution.venue.CurveCalls;
import io.lrtyield.rebalancer.execution.venue.EigenLayerCalls;
import io.lrtyield.rebalancer.execution.venue.Erc20Calls;
import io.lrtyield.rebalancer.execution.venue.EtherFiWithdrawalQueueCalls;
import io.lrtyield.rebalancer.execution.venue.LidoCalls;
import io.lrtyield.rebalancer.execution.venue.LidoWithdrawalQueueCalls;
import io.lrtyield.rebalancer.execution.venue.LiquidStakingDepositCalls;
import io.lrtyield.rebalancer.execution.venue.LrtWithdrawalQueueCalls;
import io.lrtyield.rebalancer.execution.venue.PendleCalls;

import java.math.BigInteger;
import java.util.List;

/**
 * Exit routes, each appending its actions and returning what the plan can count on: the last step's min-out. Rates
 * are fundamental (1e18-scaled), never a quote from the pool traded against; approvals are exact and reset after use.
 * <ul>
 *   <li>wstETH / weETH: unwrap, sell the stETH / eETH (coin 1) for WETH (coin 0) in the Curve pool;</li>
 *   <li>rETH: {@code burn} at the protocol rate → ETH (the devnet has no rETH pool; mainnet's burn is limited by the
 *       deposit pool's excess balance, which a simulation would show);</li>
 *   <li>pufETH: ERC-4626 {@code redeem} → WETH (the devnet's PufferVault has no exit fee; mainnet's V2 has one);</li>
 *   <li>Pendle PT: {@code swapExactPtForToken} → weETH, then the weETH route;</li>
 *   <li>EigenLayer: {@code queueWithdrawals}; nothing arrives within the plan.</li>
 *   <li>wstETH by Lido's withdrawal queue: unwrap, approve the stETH to the queue, {@code requestWithdrawals} in
 *       requests of at most 1,000 stETH owned by the vault, reset the approval; the ETH is claimed after finalization,
 *       nothing arrives within the plan.</li>
 *   <li>ezETH by Renzo's WithdrawQueue ({@code withdraw} for native ETH) and rsETH by Kelp's LRTWithdrawalManager
 *       ({@code initiateWithdrawal} of ETH): approve the token to the queue, request, reset the approval; the ETH is
 *       claimed after the cooldown / unlock, nothing arrives within the plan.</li>
 *   <li>weETH by ether.fi's WithdrawRequestNFT: unwrap, approve the eETH to the LiquidityPool, {@code requestWithdraw}
 *       to the vault, reset the approval; the ETH is claimed after finalization, nothing arrives within the plan.</li>
 * </ul>
 */
final class ExitRoutes {

    static final BigInteger E18 = BigInteger.TEN.pow(18);

    private final PlanAddresses a;
    private final String vault;
    private final int slippageBps;
    private final LidoCalls lido;
    private final LiquidStakingDepositCalls deposits;
    private final PendleCalls pendle;
    private final EigenLayerCalls eigen;
    private final LidoWithdrawalQueueCalls lidoQueue;

    ExitRoutes(PlanAddresses addresses, String vault, int slippageBps) {
        this.a = addresses;
        this.vault = vault;
        this.slippageBps = slippageBps;
        this.lido = new LidoCalls(addresses.stETH(), addresses.wstETH());
        this.deposits = new LiquidStakingDepositCalls(vault);
        this.pendle = addresses.pendleMarket() == null ? null : new PendleCalls(addresses.pendleMarket(), vault);
        this.eigen = addresses.eigenDelegationManager() == null ? null
                : new EigenLayerCalls(addresses.eigenStrategyManager(), addresses.eigenDelegationManager(), vault);
        this.lidoQueue = addresses.lidoWithdrawalQueue() == null ? null : new LidoWithdrawalQueueCalls(addresses.lidoWithdrawalQueue(), vault);
    }

    /**
     * Unwrap wstETH and queue its stETH for withdrawal (at most 1,000 stETH a request); returns the stETH requested, the
     * ETH the vault can claim after finalization (1:1, less any loss before it).
     */
    BigInteger queueLidoWithdrawal(String venueId, BigInteger wstEth, BigInteger stEthPerWstEth, List<PlannedAction> out) {
        BigInteger stEth = wstEth.multiply(stEthPerWstEth).divide(E18);
        // stETH moves as shares: unwrap and transferFrom may each round a wei down
        BigInteger request = stEth.subtract(EntryRoutes.REBASE_ROUNDING_WEI);
        List<BigInteger> chunks = LidoWithdrawalQueueCalls.chunks(request);
        if (chunks.isEmpty()) {
            return BigInteger.ZERO;
        }
        out.add(new PlannedAction(venueId, "UNWRAP", lido.unwrap(wstEth), stEth, request));
        out.add(PlannedAction.of(venueId, "APPROVE", Erc20Calls.approve(a.stETH(), lidoQueue.queue(), request)));
        out.add(new PlannedAction(venueId, "REQUEST_WITHDRAWALS", lidoQueue.requestWithdrawals(chunks), request, request));
        out.add(PlannedAction.of(venueId, "RESET_APPROVAL", Erc20Calls.resetApproval(a.stETH(), lidoQueue.queue())));
        return request;
    }

    /**
     * Request the withdrawal of {@code tokens} ezETH (Renzo) or rsETH (Kelp) for native ETH; returns the ETH the request
     * is expected to pay at {@code ethPerToken} (the queue records its own amount at the protocol's rate).
     */
    BigInteger queueLrtWithdrawal(String venueId, String asset, BigInteger tokens, BigInteger ethPerToken, List<PlannedAction> out) {
        boolean renzo = "ezETH".equals(asset);
        String token = renzo ? a.ezETH() : a.rsETH();
        String queue = renzo ? a.renzoWithdrawQueue() : a.kelpWithdrawalManager();
        BigInteger eth = tokens.multiply(ethPerToken).divide(E18);
        out.add(PlannedAction.of(venueId, "APPROVE", Erc20Calls.approve(token, queue, tokens)));
        out.add(new PlannedAction(venueId, "REQUEST_WITHDRAWAL", renzo ? LrtWithdrawalQueueCalls.renzoWithdraw(queue, tokens)
                : LrtWithdrawalQueueCalls.kelpInitiateWithdrawal(queue, tokens), eth, eth));
        out.add(PlannedAction.of(venueId, "RESET_APPROVAL", Erc20Calls.resetApproval(token, queue)));
        return eth;
    }

    /**
     * Unwrap weETH and queue its eETH in ether.fi's WithdrawRequestNFT (one request, minted to the vault); returns the
     * eETH requested, the most the request pays after finalization (less if the eETH rate falls before it).
     */
    BigInteger queueEtherFiWithdrawal(String venueId, BigInteger weEth, BigInteger eEthPerWeEth, List<PlannedAction> out) {
        BigInteger eEth = weEth.multiply(eEthPerWeEth).divide(E18);
        // eETH moves as shares: unwrap and transferFrom may each round a wei down
        BigInteger request = eEth.subtract(EntryRoutes.REBASE_ROUNDING_WEI);
        if (request.signum() <= 0) {
            return BigInteger.ZERO;
        }
        out.add(new PlannedAction(venueId, "UNWRAP", deposits.weEthUnwrap(a.weETH(), weEth), eEth, request));
        out.add(PlannedAction.of(venueId, "APPROVE", Erc20Calls.approve(a.eETH(), a.etherfiLiquidityPool(), request)));
        out.add(new PlannedAction(venueId, "REQUEST_WITHDRAWAL",
                EtherFiWithdrawalQueueCalls.requestWithdraw(a.etherfiLiquidityPool(), vault, request), request, request));
        out.add(PlannedAction.of(venueId, "RESET_APPROVAL", Erc20Calls.resetApproval(a.eETH(), a.etherfiLiquidityPool())));
        return request;
    }

    /** {@code claimWithdrawal} of each finalized request: ETH to the vault. */
    void claimLidoWithdrawals(String venueId, List<BigInteger> requestIds, List<PlannedAction> out) {
        for (BigInteger id : requestIds) {
            out.add(PlannedAction.of(venueId, "CLAIM_WITHDRAWAL", lidoQueue.claimWithdrawal(id)));
        }
    }

    /** Unwrap wstETH → stETH ({@code lidoSide}) or weETH → eETH and sell into the Curve pool; returns the WETH min-out. */
    BigInteger unwrapAndSell(String venueId, BigInteger wrapped, BigInteger ratePerWrapped, boolean lidoSide, List<PlannedAction> out) {
        return unwrapAndSell(venueId, wrapped, ratePerWrapped, E18, lidoSide, out);
    }

    /**
     * As above, the base token sold at {@code salePrice} WETH per base token (1e18-scaled; 1e18 at the peg, the market
     * price in a depeg) less the slippage.
     */
    BigInteger unwrapAndSell(String venueId, BigInteger wrapped, BigInteger ratePerWrapped, BigInteger salePrice, boolean lidoSide,
                             List<PlannedAction> out) {
        BigInteger base = wrapped.multiply(ratePerWrapped).divide(E18);
        BigInteger baseMin = base.subtract(EntryRoutes.REBASE_ROUNDING_WEI);
        BigInteger minWeth = minOut(baseMin.multiply(salePrice).divide(E18));
        String baseToken = lidoSide ? a.stETH() : a.eETH();
        String pool = lidoSide ? a.curveStEthPool() : a.curveEEthPool();
        out.add(new PlannedAction(venueId, "UNWRAP", lidoSide ? lido.unwrap(wrapped) : deposits.weEthUnwrap(a.weETH(), wrapped), base, baseMin));
        out.add(PlannedAction.of(venueId, "APPROVE", Erc20Calls.approve(baseToken, pool, baseMin)));
        out.add(new PlannedAction(venueId, "SWAP", CurveCalls.exchange(pool, 1, 0, baseMin, minWeth), baseMin, minWeth));
        out.add(PlannedAction.of(venueId, "RESET_APPROVAL", Erc20Calls.resetApproval(baseToken, pool)));
        return minWeth;
    }

    /** rETH {@code burn}: returns the native ETH min-out (the burn itself takes no minimum; a shortfall shows in simulation). */
    BigInteger burnReth(String venueId, BigInteger reth, BigInteger ethPerReth, List<PlannedAction> out) {
        BigInteger eth = reth.multiply(ethPerReth).divide(E18);
        BigInteger min = minOut(eth);
        out.add(new PlannedAction(venueId, "REDEEM", deposits.rocketPoolBurn(a.rETH(), reth), eth, min));
        return min;
    }

    /** pufETH {@code redeem}: returns the WETH min-out. */
    BigInteger redeemPufEth(String venueId, BigInteger shares, BigInteger ethPerPufEth, List<PlannedAction> out) {
        BigInteger weth = shares.multiply(ethPerPufEth).divide(E18);
        BigInteger min = minOut(weth);
        out.add(new PlannedAction(venueId, "REDEEM", deposits.pufferRedeem(a.pufETH(), shares), weth, min));
        return min;
    }

    /**
     * Sell PT for weETH at the PT price (weETH per PT, from the implied rate of the yield data) less the slippage, then
     * the weETH route; returns the WETH min-out.
     */
    BigInteger sellPt(String venueId, BigInteger pt, BigInteger weEthPerPt, BigInteger eEthPerWeEth, List<PlannedAction> out) {
        BigInteger weEth = pt.multiply(weEthPerPt).divide(E18);
        BigInteger weEthMin = minOut(weEth);
        out.add(PlannedAction.of(venueId, "APPROVE", Erc20Calls.approve(a.pendlePt(), a.pendleMarket(), pt)));
        out.add(new PlannedAction(venueId, "SELL_PT", pendle.sellPt(pt, weEthMin), weEth, weEthMin));
        out.add(PlannedAction.of(venueId, "RESET_APPROVAL", Erc20Calls.resetApproval(a.pendlePt(), a.pendleMarket())));
        return unwrapAndSell(venueId, weEthMin, eEthPerWeEth, false, out);
    }

    /** Queue the withdrawal of {@code shares} deposit shares of the stETH strategy (completable after the delay). */
    void queueEigenWithdrawal(String venueId, BigInteger shares, List<PlannedAction> out) {
        out.add(PlannedAction.of(venueId, "QUEUE_WITHDRAWAL", eigen.queueWithdrawal(List.of(a.eigenStEthStrategy()), List.of(shares))));
    }

    private BigInteger minOut(BigInteger expected) {
        return EntryRoutes.minOut(expected, slippageBps);
    }
}
