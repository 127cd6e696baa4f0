package io.lrtyield.common.event;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QuoteFlagTest {

    @Test
    void aFlagReadsBackAsItsKind() {
        for (QuoteFlag f : QuoteFlag.values()) {
            assertEquals(Optional.of(f), QuoteFlag.of(f.with("some detail: with a colon")));
        }
        assertEquals("clamped: 30d APR 5 outside ±1", QuoteFlag.CLAMPED.with("30d APR 5 outside ±1"));
        assertEquals(Optional.empty(), QuoteFlag.of("size 1000 ETH: borrowing 9000 WETH exceeds the 8424 available"));
        assertEquals(Optional.empty(), QuoteFlag.of(null));
    }

    @Test
    void onlyClampedAndJumpStopTrading() {
        assertTrue(QuoteFlag.CLAMPED.untradable());
        assertTrue(QuoteFlag.JUMP.untradable());
        assertFalse(QuoteFlag.SHORT_HISTORY.untradable());
        assertFalse(QuoteFlag.NO_STAKING_YIELD.untradable());
    }
}
