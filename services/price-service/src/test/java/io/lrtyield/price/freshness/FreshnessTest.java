package io.lrtyield.price.freshness;

import io.lrtyield.common.event.PriceStatus;
import io.lrtyield.common.event.PriceTick;
import io.lrtyield.common.event.Provenance;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A tick's status is what it said when published only while it is younger than N blocks. */
class FreshnessTest {

    static PriceTick tick(long block, PriceStatus status) {
        return new PriceTick(1, "t", "wstETH", new BigDecimal("1.19"), null, new BigDecimal("1.2"), new BigDecimal("83"), status,
                BigDecimal.ONE, List.of(), List.of("one source missing"), new Provenance(31337, block, "0xabc", 1_700_000_000L));
    }

    @Test
    void aTickNBlocksBehindTheHeadIsServedStaleWithTheReason() {
        Freshness f = new Freshness(10);
        PriceTick ok = tick(643, PriceStatus.OK);
        assertSame(ok, f.atHead(ok, 652L), "9 blocks: fresh");
        assertSame(ok, f.atHead(ok, null), "no head known: as published");
        PriceTick stale = f.atHead(ok, 683L);
        assertEquals(PriceStatus.STALE, stale.status());
        assertEquals("no fresh read for 40 blocks (tick of block 643, head 683, stale after 10); published as OK", stale.reasons().get(0));
        assertEquals("one source missing", stale.reasons().get(1));
        assertEquals(ok.marketPriceEth(), stale.marketPriceEth());
        assertEquals(ok.provenance(), stale.provenance());
        assertEquals(40, Freshness.ageBlocks(ok, 683L));
    }

    @Test
    void readinessSaysHowFarBehindThePricingIs() {
        Freshness f = new Freshness(10);
        assertNull(f.behind(650L, 655L));
        assertNull(f.behind(null, null));
        assertEquals("nothing priced yet at head 12", f.behind(null, 12L));
        assertEquals("last processed block 643 is 40 blocks behind the head 683 (stale after 10): the chain reads are failing",
                f.behind(643L, 683L));
        assertThrows(IllegalArgumentException.class, () -> new Freshness(0));
    }
}
