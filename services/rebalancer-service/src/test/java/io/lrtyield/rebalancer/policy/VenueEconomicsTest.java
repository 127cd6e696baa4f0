package io.lrtyield.rebalancer.policy;

import io.lrtyield.common.event.SizePoint;
import io.lrtyield.common.exit.ExitRoute;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The exit at a position's own size: interpolated between the size curve's points, not the next grid point up. */
class VenueEconomicsTest {

    static SizePoint point(String size, ExitRoute.Kind kind, String cost) {
        return new SizePoint(new BigDecimal(size), new BigDecimal("0.03"),
                new ExitRoute(kind, new BigDecimal(cost), kind == ExitRoute.Kind.QUEUE ? new BigDecimal("5") : BigDecimal.ZERO,
                        new BigDecimal(cost).divide(new BigDecimal("4"))));
    }

    static final List<SizePoint> CURVE = List.of(point("100", ExitRoute.Kind.INSTANT_DEX, "0.001"),
            point("1000", ExitRoute.Kind.INSTANT_DEX, "0.01"), point("10000", ExitRoute.Kind.QUEUE, "0.005"));

    @Test
    void betweenTwoPointsTheCostIsInterpolatedInSize() {
        ExitRoute at300 = VenueEconomics.exitAt(CURVE, 300);
        assertEquals(ExitRoute.Kind.INSTANT_DEX, at300.kind());
        // 0.001 + (0.01 − 0.001) × 200 / 900 = 0.003, where the next point up would have charged 0.01
        assertEquals(0, new BigDecimal("0.003").compareTo(at300.costFraction()), at300.toString());
        assertEquals(0, new BigDecimal("0.00075").compareTo(at300.apyCost()), at300.toString());
        ExitRoute at5500 = VenueEconomics.exitAt(CURVE, 5500);
        assertEquals(ExitRoute.Kind.QUEUE, at5500.kind(), "the larger point's route where they differ");
        assertEquals(0, new BigDecimal("0.0075").compareTo(at5500.costFraction()), at5500.toString());
        assertEquals(0, new BigDecimal("5").compareTo(at5500.delayDays()));
    }

    @Test
    void beyondTheCurveTheEndPointsRoute() {
        assertEquals(CURVE.get(0).exit(), VenueEconomics.exitAt(CURVE, 5));
        assertEquals(CURVE.get(2).exit(), VenueEconomics.exitAt(CURVE, 50_000));
        assertEquals(CURVE.get(1).exit(), VenueEconomics.exitAt(CURVE, 1000));
        assertNull(VenueEconomics.exitAt(List.of(), 300));
    }
}
