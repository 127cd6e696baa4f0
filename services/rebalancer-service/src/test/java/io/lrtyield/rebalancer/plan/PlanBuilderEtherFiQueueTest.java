package io.lrtyield.rebalancer.plan;

import io.lrtyield.common.catalogue.Venue;
import io.lrtyield.common.exit.ExitRoute;
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

/** weETH's exit by ether.fi's WithdrawRequestNFT: unwrap, approve eETH to the pool, requestWithdraw to the vault, reset; claims by id. */
class PlanBuilderEtherFiQueueTest {

    static final String NFT = addr(40);
    static final Venue ETHERFI = new Venue("etherfi-weeth", "RESTAKING_TOKEN", "weETH", "etherfi", 3, 604_800, 0.0,
            Map.of("exitPool", "curveEEthWethPool", "exitCoin", "1", "withdrawalQueue", "etherfiWithdrawRequestNFT"));
    static final Map<String, BigDecimal> RATES = Map.of("weETH", new BigDecimal("1.05"));
    static final String VAULT = LoopUnwinderTest.VAULT.toLowerCase();

    final PlanBuilder builder = new PlanBuilder(withNft(ALL.curveEEthPool()), LoopUnwinderTest.VAULT, LoopUnwinderTest.SETTINGS);

    static PlanAddresses withNft(String curveEEthPool) {
        return new PlanAddresses(ALL.weth(), ALL.stETH(), ALL.wstETH(), ALL.eETH(), ALL.weETH(), ALL.aavePool(), ALL.curveStEthPool(),
                curveEEthPool, ALL.etherfiLiquidityPool(), ALL.rocketDepositPool(), ALL.renzoRestakeManager(), ALL.kelpDepositPool(),
                ALL.pufETH(), ALL.rETH(), ALL.pendleMarket(), ALL.pendlePt(), ALL.eigenStrategyManager(), ALL.eigenDelegationManager(),
                ALL.eigenStEthStrategy(), null, null, null, null, null, NFT);
    }

    @Test
    void aQueuePricedExitUnwrapsAndRequestsTheEEthForTheVault() {
        BigInteger out = E18.multiply(BigInteger.valueOf(105));
        BuiltPlan plan = builder.build(List.of(new PlanBuilder.Move(ETHERFI, out.negate(), ExitRoute.Kind.QUEUE)), RATES,
                BigInteger.ZERO, BigInteger.ZERO, null);
        assertEquals(List.of("UNWRAP", "APPROVE", "REQUEST_WITHDRAWAL", "RESET_APPROVAL"), plan.actions().stream().map(PlannedAction::kind).toList());
        // 105 ETH at 1.05 eETH per weETH = 100 weETH unwrapped to 105 eETH; 2 wei of share rounding kept back
        BigInteger weEth = E18.multiply(BigInteger.valueOf(100));
        BigInteger request = out.subtract(BigInteger.TWO);
        PlannedAction unwrap = plan.actions().get(0);
        assertEquals(ALL.weETH(), unwrap.call().target());
        assertEquals("unwrap(uint256)", unwrap.call().signature());
        assertEquals(weEth, PlanBuilderTest.word(unwrap, 0));
        PlannedAction approve = plan.actions().get(1);
        assertEquals(ALL.eETH(), approve.call().target());
        assertEquals(ALL.etherfiLiquidityPool(), "0x" + approve.call().headWord(0).substring(24));
        assertEquals(request, PlanBuilderTest.word(approve, 1));
        PlannedAction requestWithdraw = plan.actions().get(2);
        assertEquals("requestWithdraw(address,uint256)", requestWithdraw.call().signature());
        assertEquals("0x397a1b28", requestWithdraw.call().data().substring(0, 10));
        assertEquals(ALL.etherfiLiquidityPool(), requestWithdraw.call().target());
        assertEquals(VAULT, "0x" + requestWithdraw.call().headWord(0).substring(24));
        assertEquals(request, PlanBuilderTest.word(requestWithdraw, 1));
        assertEquals(request, requestWithdraw.expectedOut());
        PlannedAction reset = plan.actions().get(3);
        assertEquals(ALL.eETH(), reset.call().target());
        assertEquals(BigInteger.ZERO, PlanBuilderTest.word(reset, 1));
        assertEquals(1, plan.skipped().size());
        assertTrue(plan.skipped().get(0).startsWith("etherfi-weeth: " + request + " wei eETH queued in ether.fi's WithdrawRequestNFT"),
                plan.skipped().get(0));
    }

    @Test
    void aDexPricedExitStillSellsOnCurveAndWithoutAPoolTheQueueIsTheExit() {
        BigInteger out = E18.multiply(BigInteger.valueOf(105)).negate();
        BuiltPlan dex = builder.build(List.of(new PlanBuilder.Move(ETHERFI, out, ExitRoute.Kind.INSTANT_DEX)), RATES, BigInteger.ZERO,
                BigInteger.ZERO, null);
        assertTrue(dex.actions().stream().anyMatch(a -> a.kind().equals("SWAP")));
        assertFalse(dex.actions().stream().anyMatch(a -> a.kind().equals("REQUEST_WITHDRAWAL")));
        PlanBuilder noPool = new PlanBuilder(withNft(null), LoopUnwinderTest.VAULT, LoopUnwinderTest.SETTINGS);
        assertTrue(noPool.canExit(ETHERFI));
        BuiltPlan queued = noPool.build(List.of(new PlanBuilder.Move(ETHERFI, out)), RATES, BigInteger.ZERO, BigInteger.ZERO, null);
        assertTrue(queued.actions().stream().anyMatch(a -> a.kind().equals("REQUEST_WITHDRAWAL")));
        // a venue that names no queue, on a chain without the pool: no exit
        assertFalse(noPool.canExit(new Venue("etherfi-weeth", "RESTAKING_TOKEN", "weETH", "etherfi", 3, 604_800, 0.0)));
    }

    @Test
    void finalizedRequestsAreClaimedByTokenIdOldestFirst() {
        List<PlannedAction> claims = builder.claimLrtWithdrawals("etherfi-weeth", "weETH", List.of(12, 3, 7));
        assertEquals(List.of(BigInteger.valueOf(3), BigInteger.valueOf(7), BigInteger.valueOf(12)),
                claims.stream().map(a -> PlanBuilderTest.word(a, 0)).toList());
        assertTrue(claims.stream().allMatch(a -> a.call().target().equals(NFT) && a.kind().equals("CLAIM_WITHDRAWAL")
                && a.call().signature().equals("claimWithdraw(uint256)") && a.call().data().startsWith("0xb13acedd")));
        assertTrue(new PlanBuilder(ALL, LoopUnwinderTest.VAULT, LoopUnwinderTest.SETTINGS).claimLrtWithdrawals("etherfi-weeth", "weETH",
                List.of(1)).isEmpty(), "no claims without the NFT in the catalogue");
    }
}
