package io.lrtyield.yield.model;

import io.lrtyield.common.catalogue.Venue;
import io.lrtyield.common.event.RatePoint;
import io.lrtyield.common.event.SizePoint;
import io.lrtyield.common.event.WindowYield;
import io.lrtyield.common.event.YieldComponent;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;

import static org.junit.jupiter.api.Assertions.*;

class StakingYieldModelTest {

    private static final long HOUR = 3_600L;
    private static final long DAY = 86_400L;
    private static final long YEAR = 365 * DAY;
    private static final long END = 1_700_000_000L;
    private static final BigDecimal END_RATE = new BigDecimal("1.2");
    private static final MathContext MC = new MathContext(50);
    private static final BigDecimal TOLERANCE = new BigDecimal("1e-12");
    private static final List<BigDecimal> SIZES = List.of(BigDecimal.ONE, new BigDecimal("1000"));

    private final StakingYieldModel model = new StakingYieldModel();

    private static Venue venue(double protocolFee) {
        return new Venue("lido-wsteth", "NATIVE_STAKING", "wstETH", "lido", 1, 5 * DAY, protocolFee);
    }

    /**
     * Points every {@code step} seconds over {@code span} up to END; each point's rate is set so that the simple APR
     * from it to END is exactly {@code aprForAge(END − t)}.
     */
    private static List<RatePoint> history(long span, long step, LongFunction<String> aprForAge) {
        List<RatePoint> points = new ArrayList<>();
        for (long t = END - span; t <= END; t += step) {
            long age = END - t;
            BigDecimal growth = new BigDecimal(aprForAge.apply(age)).multiply(BigDecimal.valueOf(age)).divide(BigDecimal.valueOf(YEAR), MC);
            points.add(new RatePoint(t / 12, t, END_RATE.divide(BigDecimal.ONE.add(growth), MC)));
        }
        return points;
    }

    /** (1 + apr/365)^365 − 1 at 50 digits, independent of AprMath. */
    private static BigDecimal referenceApy(String apr) {
        return BigDecimal.ONE.add(new BigDecimal(apr).divide(BigDecimal.valueOf(365), MC)).pow(365, MC).subtract(BigDecimal.ONE);
    }

    private static void assertClose(BigDecimal expected, BigDecimal actual) {
        assertTrue(expected.subtract(actual).abs().compareTo(TOLERANCE) <= 0, "expected " + expected + " but was " + actual);
    }

    @Test
    void constantGrowthOver31Days() {
        List<RatePoint> history = history(31 * DAY, DAY, age -> "0.035");
        StakingYieldModel.Result r = model.evaluate(venue(0.0), history, SIZES);

        assertEquals(List.of("1d", "7d", "30d"), r.windows().stream().map(WindowYield::window).toList());
        long[] spans = {DAY, 7 * DAY, 30 * DAY};
        for (int i = 0; i < 3; i++) {
            WindowYield w = r.windows().get(i);
            assertClose(new BigDecimal("0.035"), w.apr());
            assertClose(referenceApy("0.035"), w.apy());
            assertTrue(w.complete(), w.window());
            assertEquals(END - spans[i], w.start().blockTimestamp(), w.window());
            assertEquals(history.get(history.size() - 1), w.end());
        }
        assertEquals("7d", r.basis());
        assertEquals(List.of(), r.flags());
        assertClose(referenceApy("0.035"), r.netApy());
        assertEquals(List.of(new YieldComponent("staking", r.netApy(), "fundamental-rate growth, 7d")), r.components());
        assertEquals(List.of(new SizePoint(BigDecimal.ONE, r.netApy()), new SizePoint(new BigDecimal("1000"), r.netApy())), r.sizeCurve());
    }

    @Test
    void eachWindowMeasuresItsOwnSpanAndTheHeadlineIsTheSevenDayOne() {
        List<RatePoint> history = history(31 * DAY, HOUR, age -> age <= DAY ? "0.030" : age <= 7 * DAY ? "0.035" : "0.040");
        StakingYieldModel.Result r = model.evaluate(venue(0.0), history, SIZES);
        assertClose(new BigDecimal("0.030"), r.windows().get(0).apr());
        assertClose(new BigDecimal("0.035"), r.windows().get(1).apr());
        assertClose(new BigDecimal("0.040"), r.windows().get(2).apr());
        assertEquals("7d", r.basis());
        assertClose(referenceApy("0.035"), r.netApy());
    }

    @Test
    void shortHistoryUsesTheLongestAvailableWindowAndSaysSo() {
        List<RatePoint> history = history(2 * HOUR, HOUR, age -> "0.035");
        StakingYieldModel.Result r = model.evaluate(venue(0.0), history, SIZES);
        assertEquals(3, r.windows().size());
        for (WindowYield w : r.windows()) {
            assertFalse(w.complete(), w.window());
            assertEquals(history.get(0), w.start(), "the oldest sample starts an incomplete window");
            assertClose(new BigDecimal("0.035"), w.apr());
        }
        assertEquals("30d", r.basis());
        assertEquals(1, r.flags().size());
        assertTrue(r.flags().get(0).startsWith("short-history"), r.flags().toString());
        assertEquals("short-history: 7200 s of observations", r.flags().get(0));
    }

    @Test
    void headlineFallsBackToTheLongestCompleteWindow() {
        StakingYieldModel.Result threeDays = model.evaluate(venue(0.0), history(3 * DAY, HOUR, age -> "0.035"), SIZES);
        assertEquals("1d", threeDays.basis());
        assertEquals(List.of(true, false, false), threeDays.windows().stream().map(WindowYield::complete).toList());
        assertEquals(List.of(), threeDays.flags());

        StakingYieldModel.Result tenDays = model.evaluate(venue(0.0), history(10 * DAY, DAY, age -> "0.035"), SIZES);
        assertEquals("7d", tenDays.basis());
        assertEquals(List.of(true, true, false), tenDays.windows().stream().map(WindowYield::complete).toList());
    }

    @Test
    void protocolFeeIsANegativeComponentAndNetIsNinetyPercent() {
        StakingYieldModel.Result r = model.evaluate(venue(0.10), history(31 * DAY, DAY, age -> "0.035"), SIZES);
        assertEquals(2, r.components().size());
        YieldComponent staking = r.components().get(0);
        YieldComponent fee = r.components().get(1);
        assertEquals("staking", staking.name());
        assertEquals("protocol-fee", fee.name());
        assertEquals("catalogue", fee.source());
        assertTrue(fee.apy().signum() < 0);
        BigDecimal gross = staking.apy();
        assertClose(referenceApy("0.035"), gross);
        assertEquals(0, gross.add(fee.apy()).compareTo(r.netApy()), "components add up to the headline");
        assertTrue(gross.multiply(new BigDecimal("0.9")).subtract(r.netApy()).abs().compareTo(new BigDecimal("1e-18")) <= 0,
                "net " + r.netApy() + " vs 0.9 × " + gross);
        assertClose(referenceApy("0.035").multiply(new BigDecimal("0.9")), r.netApy());
        assertEquals(r.netApy(), r.sizeCurve().get(1).netApy());
    }

    @Test
    void fallingRateGivesNegativeYieldAndAFlag() {
        StakingYieldModel.Result r = model.evaluate(venue(0.0), history(31 * DAY, DAY, age -> "-0.02"), SIZES);
        assertTrue(r.netApy().signum() < 0);
        assertClose(referenceApy("-0.02"), r.netApy());
        assertEquals(List.of("negative-yield: the fundamental rate fell over the 7d window (slashing or loss)"), r.flags());
    }

    @Test
    void aProtocolFeeIsNeverARebateOnALoss() {
        StakingYieldModel.Result r = model.evaluate(venue(0.10), history(31 * DAY, DAY, age -> "-0.02"), SIZES);
        assertClose(referenceApy("-0.02"), r.netApy());
        assertEquals(1, r.components().size(), "no fee component when there is no reward: " + r.components());
    }

    @Test
    void startOfPicksTheNewestPointAtOrBeforeTheCutoff() {
        List<RatePoint> h = List.of(new RatePoint(1, 0, BigDecimal.ONE), new RatePoint(2, 100, BigDecimal.ONE),
                new RatePoint(3, 200, BigDecimal.ONE), new RatePoint(4, 300, BigDecimal.ONE));
        assertEquals(h.get(2), StakingYieldModel.startOf(h, 250));
        assertEquals(h.get(2), StakingYieldModel.startOf(h, 200));
        assertEquals(h.get(1), StakingYieldModel.startOf(h, 199));
        assertEquals(h.get(0), StakingYieldModel.startOf(h, -1), "nothing that old: the oldest point");
        assertEquals(h.get(3), StakingYieldModel.startOf(h, 10_000));
    }

    @Test
    void needsTwoPointsThatSpanTime() {
        RatePoint p = new RatePoint(1, END, BigDecimal.ONE);
        IllegalArgumentException one = assertThrows(IllegalArgumentException.class, () -> model.evaluate(venue(0.0), List.of(p), SIZES));
        assertEquals("need two rate observations, got 1", one.getMessage());
        assertThrows(IllegalArgumentException.class, () -> model.evaluate(venue(0.0), List.of(), SIZES));
        IllegalArgumentException flat = assertThrows(IllegalArgumentException.class,
                () -> model.evaluate(venue(0.0), List.of(p, new RatePoint(2, END, BigDecimal.TWO)), SIZES));
        assertEquals("rate observations span no time", flat.getMessage());
    }

    @Test
    void anAbsurdAprIsClampedAndFlagged() {
        StakingYieldModel.Result r = model.evaluate(venue(0.0), history(31 * DAY, DAY, age -> "2.5"), SIZES);
        assertEquals(List.of("clamped: 7d APR 2.500000000000000000 outside ±1"), r.flags());
        assertClose(referenceApy("1"), r.netApy());
    }

    @Test
    void aOneDaySpikeAboveThreeTimesTheHeadlineIsFlaggedAsAJumpNotTakenAsFact() {
        // 1d at 12 %, 7d at 3.5 %: the headline stays the 7d figure, and the quote says why it should not be trusted
        StakingYieldModel.Result r = model.evaluate(venue(0.0), history(31 * DAY, HOUR, age -> age <= DAY ? "0.12" : "0.035"), SIZES);
        assertEquals("7d", r.basis());
        assertEquals(1, r.flags().size(), r.flags().toString());
        assertTrue(r.flags().get(0).startsWith("jump: 1d APR 0.12"), r.flags().get(0));
        assertClose(referenceApy("0.035"), r.netApy());
    }
}
