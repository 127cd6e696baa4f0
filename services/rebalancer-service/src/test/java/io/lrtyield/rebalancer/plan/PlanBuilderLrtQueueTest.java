package io.lrtyield.rebalancer.plan;

import io.lrtyield.common.catalogue.Venue;
import io.lrtyield.rebalancer.execution.PlannedAction;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

import static io.lrtyield.rebalancer.plan.PlanBuilderTest.ALL;
import static io.lrtyield.rebalancer.plan.PlanBuilderTest.E18;
import static io.lrtyield.rebalancer.plan.PlanBuilderTest.addr;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ezETH and rsETH exits by their issuers' queues: approve, request for native ETH, reset; claims in the queue's order. */
class PlanBuilderLrtQueueTest {

    static final String NATIVE = "eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee";
    static final String EZETH = addr(30);
    static final String RENZO_QUEUE = addr(31);
    static final String RSETH = addr(32);
    static final String KELP_MANAGER = addr(33);
    static final Venue RENZO = new Venue("renzo-ezeth", "RESTAKING_TOKEN", "ezETH", "renzo", 3, 604_800, 0.0,
            Map.of("withdrawalQueue", "renzoWithdrawQueue"));
    static final Venue KELP = new Venue("kelp-rseth", "RESTAKING_TOKEN", "rsETH", "kelp", 3, 777_600, 0.0,
            Map.of("withdrawalQueue", "kelpWithdrawalManager"));
    static final Map<String, BigDecimal> RATES = Map.of("ezETH", new BigDecimal("1.05"), "rsETH", new BigDecimal("1.04"));

    final PlanBuilder builder = new PlanBuilder(new PlanAddresses(ALL.weth(), ALL.stETH(), ALL.wstETH(), ALL.eETH(), ALL.weETH(),
            ALL.aavePool(), ALL.curveStEthPool(), ALL.curveEEthPool(), ALL.etherfiLiquidityPool(), ALL.rocketDepositPool(),
            ALL.renzoRestakeManager(), ALL.kelpDepositPool(), ALL.pufETH(), ALL.rETH(), ALL.pendleMarket(), ALL.pendlePt(),
            ALL.eigenStrategyManager(), ALL.eigenDelegationManager(), ALL.eigenStEthStrategy(), null, EZETH, RENZO_QUEUE, RSETH,
            KELP_MANAGER), LoopUnwinderTest.VAULT, LoopUnwinderTest.SETTINGS);

    @Test
    void ezEthAndRsEthLeaveByTheirQueuesForNativeEth() {
        assertTrue(builder.canExit(RENZO) && builder.canExit(KELP));
        BigInteger out = E18.multiply(BigInteger.valueOf(105));
        BuiltPlan plan = builder.build(List.of(new PlanBuilder.Move(RENZO, out.negate()), new PlanBuilder.Move(KELP, out.negate())),
                RATES, BigInteger.ZERO, BigInteger.ZERO, null);
        assertEquals(List.of("APPROVE", "REQUEST_WITHDRAWAL", "RESET_APPROVAL", "APPROVE", "REQUEST_WITHDRAWAL", "RESET_APPROVAL"),
                plan.actions().stream().map(PlannedAction::kind).toList());
        // 105 ETH at 1.05 ETH per ezETH = 100 ezETH, approved to the queue then withdrawn for native ETH
        BigInteger ez = E18.multiply(BigInteger.valueOf(100));
        PlannedAction approve = plan.actions().get(0);
        assertEquals(EZETH, approve.call().target());
        assertEquals(RENZO_QUEUE, "0x" + approve.call().headWord(0).substring(24));
        assertEquals(ez, PlanBuilderTest.word(approve, 1));
        PlannedAction withdraw = plan.actions().get(1);
        assertEquals("withdraw(uint256,address)", withdraw.call().signature());
        assertEquals(RENZO_QUEUE, withdraw.call().target());
        assertEquals(ez, PlanBuilderTest.word(withdraw, 0));
        assertEquals(NATIVE, withdraw.call().headWord(1).substring(24));
        assertEquals(out, withdraw.expectedOut());
        assertEquals(BigInteger.ZERO, PlanBuilderTest.word(plan.actions().get(2), 1));
        // 105 ETH at 1.04 ETH per rsETH = 100.961538461538461538 rsETH (floor)
        BigInteger rs = new BigInteger("100961538461538461538");
        PlannedAction initiate = plan.actions().get(4);
        assertEquals("initiateWithdrawal(address,uint256,string)", initiate.call().signature());
        assertEquals(KELP_MANAGER, initiate.call().target());
        assertEquals(NATIVE, initiate.call().headWord(0).substring(24));
        assertEquals(rs, PlanBuilderTest.word(initiate, 1));
        assertEquals(RSETH, plan.actions().get(3).call().target());
        assertEquals(2, plan.skipped().size());
        assertTrue(plan.skipped().get(0).startsWith("renzo-ezeth: " + ez + " wei ezETH queued in Renzo's WithdrawQueue"), plan.skipped().get(0));
        assertTrue(plan.skipped().get(1).contains("not counted for this plan's entries"), plan.skipped().get(1));
    }

    @Test
    void withoutTheQueueInTheCatalogueThereIsNoExit() {
        PlanBuilder noQueues = new PlanBuilder(ALL, LoopUnwinderTest.VAULT, LoopUnwinderTest.SETTINGS);
        assertFalse(noQueues.canExit(RENZO));
        assertFalse(builder.canExit(new Venue("renzo-ezeth", "RESTAKING_TOKEN", "ezETH", "renzo", 3, 604_800, 0.0)), "no withdrawalQueue param");
    }

    @Test
    void renzoClaimsGoFromTheHighestIndexDownAndKelpCompletesItsOldestOnes() {
        List<PlannedAction> renzo = builder.claimLrtWithdrawals("renzo-ezeth", "ezETH", List.of(0, 2, 1));
        assertEquals(List.of(BigInteger.TWO, BigInteger.ONE, BigInteger.ZERO), renzo.stream().map(a -> PlanBuilderTest.word(a, 0)).toList());
        assertTrue(renzo.stream().allMatch(a -> a.call().signature().equals("claim(uint256,address)")
                && ("0x" + a.call().headWord(1).substring(24)).equals(LoopUnwinderTest.VAULT.toLowerCase())));
        List<PlannedAction> kelp = builder.claimLrtWithdrawals("kelp-rseth", "rsETH", List.of(0, 1));
        assertEquals(2, kelp.size());
        assertTrue(kelp.stream().allMatch(a -> a.call().signature().equals("completeWithdrawal(address,string)")
                && a.call().headWord(0).substring(24).equals(NATIVE) && a.kind().equals("CLAIM_WITHDRAWAL")));
    }
}
