package io.lrtyield.rebalancer.wiring;

import io.lrtyield.rebalancer.policy.PolicyOutcome;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Right after start, a rebalance waits for every venue's first price and quote — but only for the warm-up blocks. */
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
        assertNull(SnapshotPipeline.warmingUp(rebalance(Map.of("swell-rsweth", "no allowlisted entry route",
                "kelp-rseth", "rsETH STALE (feed older than its heartbeat)")), 1), "a stale price or a missing route is not warm-up");
    }
}
