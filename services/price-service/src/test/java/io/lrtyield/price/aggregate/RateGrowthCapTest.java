package io.lrtyield.price.aggregate;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RateGrowthCapTest {

    private static final long T0 = 1_700_000_000L;
    private static final long DAY = 86_400L;

    @Test
    void theCapGrowsLinearlyWithBlockTimeSinceTheSnapshot() {
        RateGrowthCap cap = new RateGrowthCap(400 * DAY); // the snapshot stays put in this test
        assertFalse(cap.check("rETH", new BigDecimal("1.10"), 0.10, T0, 1).exceeded(), "first observation sets the snapshot");
        var half = cap.check("rETH", new BigDecimal("1.10"), 0.10, T0 + 365 * DAY / 2, 2);
        assertEquals(0, new BigDecimal("1.155").compareTo(half.cap()), "1.10 × (1 + 0.10 × 0.5) = " + half.cap());
        assertTrue(cap.check("rETH", new BigDecimal("1.1551"), 0.10, T0 + 365 * DAY / 2, 3).exceeded());
        assertFalse(cap.check("rETH", new BigDecimal("1.1549"), 0.10, T0 + 365 * DAY / 2, 4).exceeded());
    }

    @Test
    void theSnapshotFollowsTheRateOnlyAfterTheRefreshPeriodAndOnlyWhenWithinTheCap() {
        RateGrowthCap cap = new RateGrowthCap(7 * DAY);
        cap.check("weETH", new BigDecimal("1.00"), 0.20, T0, 1);
        var early = cap.check("weETH", new BigDecimal("1.001"), 0.20, T0 + DAY, 2);
        assertEquals(1, early.snapshot().block(), "not yet refreshed");
        cap.check("weETH", new BigDecimal("1.003"), 0.20, T0 + 8 * DAY, 3);
        var later = cap.check("weETH", new BigDecimal("1.003"), 0.20, T0 + 8 * DAY + 12, 4);
        assertEquals(3, later.snapshot().block(), "refreshed to the in-cap rate of block 3");
        assertEquals(new BigDecimal("1.003"), later.snapshot().rate());
    }
}
