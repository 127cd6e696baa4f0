package io.lrtyield.rebalancer.pipeline;

import io.lrtyield.common.chain.BlockHead;
import io.lrtyield.common.event.PriceStatus;
import io.lrtyield.common.event.PriceTick;
import io.lrtyield.common.event.Provenance;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** A plan is built on the head only: not on a block a newer head has replaced, nor on prices still being backfilled. */
class NotAtHeadTest {

    private static PriceTick tick(String asset, long block) {
        return new PriceTick(1, "t-" + asset + block, asset, BigDecimal.ONE, null, new BigDecimal("1.1"), BigDecimal.ZERO, PriceStatus.OK,
                BigDecimal.ONE, List.of(), List.of(), new Provenance(31337, block, "0x" + block, 1_000 + block));
    }

    private static io.lrtyield.common.event.YieldQuote quote(long block, List<String> flags) {
        return new io.lrtyield.common.event.YieldQuote(1, "q" + block, "lido-wsteth", "RESTAKING_TOKEN", "wstETH", new BigDecimal("0.03"),
                "7d", List.of(), List.of(), List.of(), 10, flags, new Provenance(31337, block, "0x" + block, 1_000 + block));
    }

    private static BlockHead head(long n) {
        return new BlockHead(n, "0x" + n, "0x" + (n - 1), 1_000 + n, false);
    }

    @Test
    void atTheHeadWithHeadPricesTheDecisionIsActedOn() {
        assertNull(SnapshotPipeline.notAtHead(100, head(100), Map.of("wstETH", tick("wstETH", 100), "rETH", tick("rETH", 99)),
                Map.of("lido-wsteth", quote(100, List.of("short-history: 3 samples")))));
        assertNull(SnapshotPipeline.notAtHead(100, null, Map.of(), Map.of()), "no head seen yet: nothing newer to defer to");
    }

    @Test
    void aBlockANewerHeadReplacedIsNotActedOn() {
        assertEquals("hold because block 100 is not the head (103): decided, not acted on",
                SnapshotPipeline.notAtHead(100, head(103), Map.of("wstETH", tick("wstETH", 100)), Map.of()));
        assertNull(SnapshotPipeline.notAtHead(100, head(102), Map.of("wstETH", tick("wstETH", 100)), Map.of()),
                "deciding took two 1-s blocks: not a backlog");
    }

    @Test
    void backfilledPricesHoldThePlanUntilThePriceServiceIsBackAtTheHead() {
        PriceTick backfilled = tick("wstETH", 210).backfilledAt(240);
        assertEquals("hold while prices catch up to the head 240 (backfilled: wstETH at block 210): decided, not acted on",
                SnapshotPipeline.notAtHead(240, head(240), Map.of("wstETH", backfilled, "rETH", tick("rETH", 240)), Map.of()));
        assertNull(SnapshotPipeline.notAtHead(241, head(241), Map.of("wstETH", tick("wstETH", 241), "rETH", tick("rETH", 241)), Map.of()),
                "the head's own tick replaces the backfilled one");
        assertEquals("hold while prices catch up to the head 241 (backfilled: lido-wsteth quote at block 236): decided, not acted on",
                SnapshotPipeline.notAtHead(241, head(241), Map.of("wstETH", tick("wstETH", 241)),
                        Map.of("lido-wsteth", quote(236, List.of("backfilled: price tick backfilled at block 240")))),
                "a quote made from a backfilled tick holds the plan until the head's quote replaces it");
    }
}
