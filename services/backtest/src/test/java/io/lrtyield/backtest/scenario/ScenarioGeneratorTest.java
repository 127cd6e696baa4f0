package io.lrtyield.backtest.scenario;

import io.lrtyield.backtest.history.Fixed;
import io.lrtyield.backtest.history.MarketHistory;
import io.lrtyield.backtest.history.MarketSample;
import io.lrtyield.common.event.PriceStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Same scenario and seed, same history; each scenario has its documented shape. */
class ScenarioGeneratorTest {

    @ParameterizedTest
    @EnumSource(Scenario.class)
    void deterministicBySeed(Scenario s) {
        MarketHistory a = ScenarioGenerator.generate(s, 11, 12);
        MarketHistory b = ScenarioGenerator.generate(s, 11, 12);
        MarketHistory c = ScenarioGenerator.generate(s, 12, 12);
        assertEquals(a.header(), b.header());
        boolean differs = false;
        for (int i = 0; i < a.samples().size(); i++) {
            MarketSample x = a.samples().get(i);
            MarketSample y = b.samples().get(i);
            assertTrue(Arrays.equals(x.market(), y.market()) && Arrays.equals(x.rate(), y.rate()) && x.gasPriceGwei() == y.gasPriceGwei()
                    && Arrays.equals(x.status(), y.status()) && x.borrowApr() == y.borrowApr(), "sample " + i);
            differs |= !Arrays.equals(x.market(), c.samples().get(i).market());
        }
        assertTrue(differs, "another seed draws another history");
        assertEquals(12 * 86_400 / 12 / ScenarioGenerator.SAMPLE_EVERY_BLOCKS, a.samples().size());
        assertEquals(12, a.header().blockSeconds());
    }

    @Test
    void lrtDepegIsTwentyPercentWithinHoursAndRecoversOverDays() {
        MarketHistory h = ScenarioGenerator.generate(Scenario.LRT_DEPEG, 1);
        assertEquals(0.20, discount(h, "ezETH", 10 + 5 / 24.0), 0.003);
        assertTrue(discount(h, "ezETH", 10 - 1 / 24.0) < 0.005);
        assertTrue(discount(h, "ezETH", 15) < 0.01);
    }

    @Test
    void lstDiscountBuildsToSixPercentOverWeeks() {
        MarketHistory h = ScenarioGenerator.generate(Scenario.LST_DISCOUNT, 1);
        assertEquals(0.03, discount(h, "wstETH", 24), 0.002);
        assertEquals(0.06, discount(h, "wstETH", 45), 0.002);
        assertEquals("market", h.header().lendingOracle());
    }

    @Test
    void borrowRateSpikesAboveFifteenPercentForDays() {
        MarketHistory h = ScenarioGenerator.generate(Scenario.BORROW_SPIKE, 1);
        for (double day = 10.1; day < 15; day += 0.5) {
            assertTrue(Fixed.toDouble(sample(h, day).borrowApr()) >= 0.15, "day " + day);
        }
        assertTrue(Fixed.toDouble(sample(h, 20).borrowApr()) < 0.03);
    }

    @Test
    void slashingCutsTheRateByOnePercent() {
        MarketHistory h = ScenarioGenerator.generate(Scenario.RESTAKING_SLASHING, 1);
        int w = h.assetIndex("weETH");
        double before = Fixed.toDouble(sample(h, 9.999).rate()[w]);
        double after = Fixed.toDouble(sample(h, 10.001).rate()[w]);
        assertEquals(0.99, after / before, 1e-5);
    }

    @Test
    void oracleOutageMarksOneFeedStaleForTwoDays() {
        MarketHistory h = ScenarioGenerator.generate(Scenario.ORACLE_OUTAGE, 1);
        int w = h.assetIndex("wstETH");
        assertEquals(PriceStatus.STALE, sample(h, 11).status()[w]);
        assertEquals(PriceStatus.OK, sample(h, 12.5).status()[w]);
        assertEquals(PriceStatus.OK, sample(h, 11).status()[h.assetIndex("rETH")]);
    }

    @Test
    void unknownScenarioListsTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Scenario.of("moon"));
        assertTrue(e.getMessage().contains("calm-year"), e.getMessage());
        assertFalse(e.getMessage().contains("null"));
    }

    static MarketSample sample(MarketHistory h, double day) {
        return h.at(h.header().startBlock() + (long) (day * 86_400 / h.header().blockSeconds()));
    }

    static double discount(MarketHistory h, String asset, double day) {
        MarketSample s = sample(h, day);
        int a = h.assetIndex(asset);
        return 1 - (double) s.market()[a] / s.rate()[a];
    }
}
