package io.lrtyield.rebalancer.plan;

import io.lrtyield.common.catalogue.Venue;
import io.lrtyield.common.exit.ExitRoute;
import io.lrtyield.rebalancer.execution.PlannedAction;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;

import static io.lrtyield.rebalancer.plan.PlanBuilderTest.ALL;
import static io.lrtyield.rebalancer.plan.PlanBuilderTest.E18;
import static io.lrtyield.rebalancer.plan.PlanBuilderTest.RATES;
import static io.lrtyield.rebalancer.plan.PlanBuilderTest.SUPPLY;
import static io.lrtyield.rebalancer.plan.PlanBuilderTest.addr;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A wstETH exit the decision priced as Lido's queue: unwrap, approve, requestWithdrawals in ≤ 1000-stETH requests, reset. */
class PlanBuilderLidoQueueTest {

    static final String QUEUE = addr(20);
    static final Venue LIDO_Q = new Venue("lido-wsteth", "NATIVE_STAKING", "wstETH", "lido", 1, 432_000, 0.0,
            Map.of("exitPool", "curveStEthWethPool", "exitCoin", "1", "withdrawalQueue", "lidoWithdrawalQueue"));
    static final BigInteger THOUSAND = E18.multiply(BigInteger.valueOf(1000));

    final PlanBuilder builder = new PlanBuilder(ALL.withLidoWithdrawalQueue(QUEUE), LoopUnwinderTest.VAULT, LoopUnwinderTest.SETTINGS);

    @Test
    void aQueuedExitRequestsInChunksOwnedByTheVaultAndFreesNothingForTheEntries() {
        BigInteger out = E18.multiply(BigInteger.valueOf(3000));
        BuiltPlan plan = builder.build(List.of(new PlanBuilder.Move(LIDO_Q, out.negate(), ExitRoute.Kind.QUEUE),
                new PlanBuilder.Move(SUPPLY, E18)), RATES, BigInteger.ZERO, BigInteger.ZERO, null);
        assertEquals(List.of("UNWRAP", "APPROVE", "REQUEST_WITHDRAWALS", "RESET_APPROVAL"), plan.actions().stream().map(PlannedAction::kind).toList());
        // 3000 ETH at 1.2 ETH per wstETH = 2500 wstETH → 3000 stETH, less 2 wei of share rounding
        BigInteger request = out.subtract(BigInteger.TWO);
        PlannedAction unwrap = plan.actions().get(0);
        assertEquals(E18.multiply(BigInteger.valueOf(2500)), PlanBuilderTest.word(unwrap, 0));
        PlannedAction approve = plan.actions().get(1);
        assertEquals(addr(2), approve.call().target());
        assertEquals(QUEUE, "0x" + approve.call().headWord(0).substring(24));
        assertEquals(request, PlanBuilderTest.word(approve, 1));
        PlannedAction req = plan.actions().get(2);
        assertEquals(QUEUE, req.call().target());
        assertEquals("requestWithdrawals(uint256[],address)", req.call().signature());
        assertEquals(LoopUnwinderTest.VAULT.toLowerCase(), "0x" + req.call().headWord(1).substring(24));
        assertEquals(BigInteger.valueOf(3), PlanBuilderTest.word(req, 2));
        assertEquals(THOUSAND, PlanBuilderTest.word(req, 3));
        assertEquals(THOUSAND, PlanBuilderTest.word(req, 4));
        assertEquals(THOUSAND.subtract(BigInteger.TWO), PlanBuilderTest.word(req, 5));
        assertEquals(BigInteger.ZERO, PlanBuilderTest.word(plan.actions().get(3), 1));
        assertEquals(2, plan.skipped().size(), plan.skipped().toString());
        assertTrue(plan.skipped().get(0).startsWith("lido-wsteth: " + request + " wei stETH queued"), plan.skipped().get(0));
        assertEquals("aave-weth-supply: no ETH left for the entry (exits guarantee less than planned)", plan.skipped().get(1));
    }

    @Test
    void anInstantRouteOrAVenueWithoutQueueSellsInCurve() {
        BigInteger out = E18.multiply(BigInteger.valueOf(12));
        for (BuiltPlan plan : List.of(
                builder.build(List.of(new PlanBuilder.Move(LIDO_Q, out.negate(), ExitRoute.Kind.INSTANT_DEX)), RATES, BigInteger.ZERO,
                        BigInteger.ZERO, null),
                builder.build(List.of(new PlanBuilder.Move(PlanBuilderTest.LIDO, out.negate(), ExitRoute.Kind.QUEUE)), RATES,
                        BigInteger.ZERO, BigInteger.ZERO, null),
                new PlanBuilder(ALL, LoopUnwinderTest.VAULT, LoopUnwinderTest.SETTINGS).build(
                        List.of(new PlanBuilder.Move(LIDO_Q, out.negate(), ExitRoute.Kind.QUEUE)), RATES, BigInteger.ZERO, BigInteger.ZERO, null))) {
            assertEquals(List.of("UNWRAP", "APPROVE", "SWAP", "RESET_APPROVAL"), plan.actions().stream().map(PlannedAction::kind).toList());
        }
    }

    @Test
    void finalizedRequestsAreClaimedOneByOne() {
        List<PlannedAction> claims = builder.claimLidoWithdrawals("lido-wsteth", List.of(BigInteger.valueOf(7), BigInteger.valueOf(9)));
        assertEquals(2, claims.size());
        assertEquals("0xf8444436" + "0".repeat(63) + "7", claims.get(0).call().data());
        assertEquals(QUEUE, claims.get(1).call().target());
        assertEquals("CLAIM_WITHDRAWAL", claims.get(1).kind());
        assertTrue(new PlanBuilder(ALL, LoopUnwinderTest.VAULT, LoopUnwinderTest.SETTINGS)
                .claimLidoWithdrawals("lido-wsteth", List.of(BigInteger.ONE)).isEmpty(), "no queue, no claim");
    }
}
