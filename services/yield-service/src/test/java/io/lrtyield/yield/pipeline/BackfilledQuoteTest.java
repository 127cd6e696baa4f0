package io.lrtyield.yield.pipeline;

import io.lrtyield.common.event.PriceStatus;
import io.lrtyield.common.event.PriceTick;
import io.lrtyield.common.event.Provenance;
import io.lrtyield.common.event.QuoteFlag;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

/** A quote made from a backfilled price tick carries the mark on to the rebalancer; a head tick's quote does not. */
class BackfilledQuoteTest {

    static PriceTick tick(long block) {
        return new PriceTick(1, "t" + block, "wstETH", null, null, new BigDecimal("1.19"), null, PriceStatus.OK, null, List.of(), List.of(),
                new Provenance(31337, block, "0x" + block, 1_000 + 12 * block));
    }

    @Test
    void aBackfilledTicksQuoteIsFlagged() {
        List<String> flags = YieldPipeline.flags(List.of("short-history: 4 samples"), tick(210).backfilledAt(240));
        assertEquals(List.of("short-history: 4 samples", "backfilled: price tick backfilled at block 240"), flags);
        assertEquals(QuoteFlag.BACKFILLED, QuoteFlag.of(flags.get(1)).orElseThrow());
        assertFalse(QuoteFlag.BACKFILLED.untradable(), "a true figure of its block: the rebalancer holds on it, never excludes the venue");
    }

    @Test
    void aHeadTicksQuoteIsNot() {
        List<String> flags = List.of("short-history: 4 samples");
        assertSame(flags, YieldPipeline.flags(flags, tick(241)));
    }
}
