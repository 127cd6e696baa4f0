package io.lrtyield.rebalancer.pipeline;

import io.lrtyield.rebalancer.policy.PolicyOutcome;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Right after start, a rebalance waits out the warm-up blocks, naming the venues with no first price or quote yet. */
class WarmUpTest {

    private static PolicyOutcome rebalance(Map<String, String> excluded) {
        return new PolicyOutcome(PolicyOutcome.REBALANCE, "rebalance", excluded, null, null, 1, 0.1, Map.of(), null, List.of());
    }

    @Test
    void waitsForFirstPricesAndQuotesOnlyDuringWarmUp() {
        Map<String, String> excluded = new LinkedHashMap<>();
        excluded.put("lido-wsteth", "wstETH has no price yet");
        excluded.put("renzo-ezeth", "no quote yet");
        excluded.put("swell-rsweth", "no allowlisted entry route");
        excluded.put("kelp-rseth", "rsETH STALE (feed older than its heartbeat)");
        assertEquals("hold while warming up (block 3 of 30 since start): no first price or quote yet for lido-wsteth, renzo-ezeth",
                SnapshotPipeline.warmingUp(rebalance(excluded), 3));
        assertNull(SnapshotPipeline.warmingUp(rebalance(excluded), SnapshotPipeline.WARM_UP_BLOCKS + 1),
                "after the warm-up a venue that never got a price no longer holds the vault back");
        assertEquals("hold while warming up (block 1 of 30 since start): the quotes' first windows are still filling",
                SnapshotPipeline.warmingUp(rebalance(Map.of("swell-rsweth", "no allowlisted entry route",
                "kelp-rseth", "rsETH STALE (feed older than its heartbeat)")), 1), "every rebalance waits out the warm-up");
    }

    /** A loop quoted before its staking token's first quote counts its staking yield as 0: not a quote to plan on yet. */
    @Test
    void aLoopQuotedWithoutItsStakingYieldIsWaitedFor() {
        var p = new io.lrtyield.common.event.Provenance(31337, 1, "0x1", 1);
        var loop = new io.lrtyield.common.event.YieldQuote(1, "q", "aave-wsteth-loop", "LEVERAGED_LOOP", "wstETH", java.math.BigDecimal.ZERO,
                "spot", List.of(), List.of(), List.of(), 1, List.of("no-staking-yield: no staking quote for wstETH yet; counted as 0"), p);
        assertEquals("hold while warming up (block 2 of 30 since start): no first price or quote yet for aave-wsteth-loop",
                SnapshotPipeline.warmingUp(rebalance(Map.of()), Map.of("aave-wsteth-loop", loop), 2));
        assertNull(SnapshotPipeline.warmingUp(rebalance(Map.of()), Map.of("aave-wsteth-loop", loop), SnapshotPipeline.WARM_UP_BLOCKS + 1));
    }
}
