package io.lrtyield.backtest.record;

import io.lrtyield.backtest.config.BacktestCatalogue;
import io.lrtyield.backtest.history.Fixed;
import io.lrtyield.backtest.history.MarketHistory;
import io.lrtyield.backtest.history.MarketSample;
import io.lrtyield.backtest.market.MarketView;
import io.lrtyield.backtest.market.QuoteModel;
import io.lrtyield.backtest.scenario.Scenario;
import io.lrtyield.backtest.scenario.ScenarioGenerator;
import io.lrtyield.common.catalogue.Catalogue;
import io.lrtyield.common.codec.EventCodec;
import io.lrtyield.common.event.PriceStatus;
import io.lrtyield.common.event.PriceTick;
import io.lrtyield.common.event.YieldQuote;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Recording round trip: the ticks and quotes a history implies, sent through the JSON codec as they travel on
 * prices.v1 and yields.v1, rebuild that history — rates, prices, statuses and APRs exactly, depths and the borrow APR
 * through their inversions.
 */
class RecordedHistoryTest {

    static final Catalogue CATALOGUE = BacktestCatalogue.devnet();

    @Test
    void eventsOfAHistoryRebuildIt() {
        MarketHistory h = ScenarioGenerator.generate(Scenario.LRT_DEPEG, 5, 0.2);
        RecordedHistory rec = new RecordedHistory(CATALOGUE, ScenarioGenerator.assets());
        QuoteModel model = new QuoteModel(CATALOGUE);
        for (MarketSample s : h.samples()) {
            MarketView m = new MarketView(h, s, BacktestCatalogue.CHAIN_ID);
            m.prices().values().forEach(t -> rec.add(EventCodec.fromJson(EventCodec.toJson(t), PriceTick.class)));
            model.quotes(m).values().forEach(q -> rec.add(EventCodec.fromJson(EventCodec.toJson(q), YieldQuote.class)));
        }
        MarketHistory back = rec.build("recorded", h.header().sampleEveryBlocks(), new BigDecimal("20"), BigDecimal.ONE);
        assertEquals(h.header().samples(), back.header().samples());
        assertEquals(12, back.header().blockSeconds());
        for (int i = 0; i < h.samples().size(); i++) {
            MarketSample a = h.samples().get(i);
            MarketSample b = back.samples().get(i);
            assertEquals(a.block(), b.block());
            assertEquals(a.timestamp(), b.timestamp());
            assertArrayEquals(a.rate(), b.rate());
            assertArrayEquals(a.market(), b.market());
            assertArrayEquals(a.status(), b.status());
            assertEquals(Fixed.toDouble(a.borrowApr()), Fixed.toDouble(b.borrowApr()), 1e-9);
            assertEquals(Fixed.toDouble(a.supplyApr()), Fixed.toDouble(b.supplyApr()), 1e-9);
            for (String asset : new String[]{"wstETH", "weETH", "ezETH", "rsETH", "rswETH", "cbETH"}) {
                int x = h.assetIndex(asset);
                assertEquals(a.stakingApr()[x], b.stakingApr()[x], asset);
                double d = Fixed.toDouble(a.depth()[x]);
                assertEquals(d, Fixed.toDouble(b.depth()[x]), d * 1e-4, asset + " depth at sample " + i);
            }
        }
    }

    @Test
    void aTickOlderThanTenBlocksIsStaleAndAnUnpricedAssetIsRefused() {
        MarketHistory h = ScenarioGenerator.generate(Scenario.CALM_YEAR, 5, 0.05);
        RecordedHistory rec = new RecordedHistory(CATALOGUE, ScenarioGenerator.assets());
        for (int i = 0; i < h.samples().size(); i++) {
            MarketView m = new MarketView(h, h.samples().get(i), BacktestCatalogue.CHAIN_ID);
            int sample = i;
            m.prices().values().stream().filter(t -> sample < 3 || !t.asset().equals("rETH")).forEach(rec::add);
        }
        MarketHistory back = rec.build("recorded", h.header().sampleEveryBlocks(), new BigDecimal("20"), BigDecimal.ONE);
        int r = h.assetIndex("rETH");
        assertEquals(PriceStatus.OK, back.samples().get(2).status()[r]);
        assertEquals(PriceStatus.STALE, back.samples().get(3).status()[r]);
        assertTrue(back.samples().get(3).rate()[r] == back.samples().get(2).rate()[r], "the last tick carries forward");

        RecordedHistory partial = new RecordedHistory(CATALOGUE, ScenarioGenerator.assets());
        new MarketView(h, h.samples().get(0), BacktestCatalogue.CHAIN_ID).prices().values().stream()
                .filter(t -> !t.asset().equals("pufETH")).forEach(partial::add);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> partial.build("x", 25, BigDecimal.TEN, BigDecimal.ONE))
                .getMessage().contains("pufETH"));
    }
}
