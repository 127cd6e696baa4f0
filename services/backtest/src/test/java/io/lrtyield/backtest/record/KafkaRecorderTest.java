package io.lrtyield.backtest.record;

import io.lrtyield.backtest.config.BacktestCatalogue;
import io.lrtyield.backtest.market.MarketView;
import io.lrtyield.backtest.scenario.Scenario;
import io.lrtyield.backtest.scenario.ScenarioGenerator;
import io.lrtyield.backtest.history.MarketHistory;
import io.lrtyield.common.codec.EventCodec;
import io.lrtyield.common.event.PriceTick;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code make run} keeps Kafka's topics over devnet restarts: a recording keeps the latest chain's events only. */
class KafkaRecorderTest {

    @Test
    void onlyTheLatestChainIsKept() {
        List<Object> partition = new ArrayList<>();
        for (long b = 100; b < 400; b += 10) {
            partition.add(at(b));                  // an earlier chain that reached block 390
        }
        for (long b = 1; b <= 5; b++) {
            partition.add(at(b));                  // the devnet restarted: block numbers start again
        }
        partition.add(at(3));                      // a late duplicate of the same chain is not a restart
        partition.add(at(6));
        assertEquals(30, KafkaRecorder.latestChainStart(partition));
        assertEquals(0, KafkaRecorder.latestChainStart(partition.subList(0, 30)));
        assertEquals(0, KafkaRecorder.latestChainStart(List.of()));
    }

    private static PriceTick at(long block) {
        MarketHistory h = ScenarioGenerator.generate(Scenario.CALM_YEAR, 3, 0.01);
        PriceTick t = new MarketView(h, h.samples().get(0), BacktestCatalogue.CHAIN_ID).prices().get("wstETH");
        return EventCodec.fromJson(EventCodec.toJson(t).replace("\"blockNumber\":" + t.provenance().blockNumber(), "\"blockNumber\":" + block),
                PriceTick.class);
    }
}
