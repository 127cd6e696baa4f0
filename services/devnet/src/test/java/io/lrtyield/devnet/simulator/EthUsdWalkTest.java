package io.lrtyield.devnet.simulator;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EthUsdWalkTest {

    private static final BigInteger START = BigInteger.valueOf(3_000_00000000L);
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T17:00:00Z"), ZoneOffset.UTC);

    @Test
    void theSameSeedWalksTheSamePathInWholeCents() {
        List<BigDecimal> a = path(new EthUsdWalk(START, 42, 5, 2_000, CLOCK), 200);
        List<BigDecimal> b = path(new EthUsdWalk(START, 42, 5, 2_000, CLOCK), 200);
        assertEquals(a, b);
        assertNotEquals(a, path(new EthUsdWalk(START, 43, 5, 2_000, CLOCK), 200));
        assertTrue(a.stream().allMatch(p -> p.scale() <= 2), "whole cents: " + a);
        assertTrue(a.stream().distinct().count() > 100, "it moves");
    }

    @Test
    void theWalkStaysInItsBand() {
        EthUsdWalk walk = new EthUsdWalk(START, 7, 500, 100, CLOCK); // 5 % steps inside ±1 %
        for (BigDecimal p : path(walk, 500)) {
            assertTrue(p.compareTo(new BigDecimal("2970")) >= 0 && p.compareTo(new BigDecimal("3030")) <= 0, "in band: " + p);
        }
    }

    @Test
    void noMovesWithoutMarketMovesOrAStep() {
        EthUsdWalk walk = new EthUsdWalk(START, 1, 5, 2_000, CLOCK);
        walk.tick(false);
        assertEquals(new BigDecimal("3000"), walk.quote().usd());
        EthUsdWalk still = new EthUsdWalk(START, 1, 0, 2_000, CLOCK);
        still.tick(true);
        assertEquals(START, still.answer());
    }

    @Test
    void aHoldServesItsLevelThenTheWalkResumesWhereItWas() {
        EthUsdWalk walk = new EthUsdWalk(START, 3, 5, 2_000, CLOCK);
        walk.tick(true);
        BigDecimal before = walk.quote().usd();
        walk.hold(new BigDecimal("2500.12345678"));
        walk.tick(true);
        assertEquals(new BigDecimal("2500.12345678"), walk.quote().usd(), "held, not walked");
        assertEquals(BigInteger.valueOf(2500_12345678L), walk.answer(), "8 decimals, as the feed");
        walk.release();
        assertEquals(before, walk.quote().usd());
        assertEquals(CLOCK.instant(), walk.quote().updatedAt());
    }

    @Test
    void aWholeLevelIsServedWithoutAnExponent() {
        EthUsdWalk walk = new EthUsdWalk(START, 3, 0, 2_000, CLOCK);
        walk.hold(new BigDecimal("2500"));
        assertEquals("2500", walk.quote().usd().toString());
    }

    private static List<BigDecimal> path(EthUsdWalk walk, int ticks) {
        List<BigDecimal> out = new ArrayList<>();
        for (int i = 0; i < ticks; i++) {
            walk.tick(true);
            out.add(walk.quote().usd());
        }
        return out;
    }
}
