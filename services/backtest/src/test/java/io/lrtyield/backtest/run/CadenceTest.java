package io.lrtyield.backtest.run;

import io.lrtyield.backtest.ToyHistories;
import io.lrtyield.backtest.ToyHistories.Toy;
import io.lrtyield.backtest.config.BacktestCatalogue;
import io.lrtyield.backtest.contender.Contender;
import io.lrtyield.backtest.contender.Decision;
import io.lrtyield.backtest.contender.DecisionInput;
import io.lrtyield.backtest.history.HistoryHeader;
import io.lrtyield.backtest.history.MarketHistory;
import io.lrtyield.backtest.sim.Executor;
import io.lrtyield.common.event.PriceStatus;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Decisions come every N blocks, and at the first sample where an input moved beyond its threshold. */
class CadenceTest {

    /** Records the blocks it was asked at. */
    static final class Recorder implements Contender {
        final List<Long> blocks = new ArrayList<>();

        @Override
        public String name() {
            return "recorder";
        }

        @Override
        public Decision decide(DecisionInput in) {
            blocks.add(in.market().block());
            return null;
        }
    }

    @Test
    void everyNBlocksAndOnAMoveBeyondTheThresholds() {
        // 40 samples of 25 blocks; wstETH's discount moves 30 bps at sample 5, its status turns STALE at sample 21
        MarketHistory h = ToyHistories.of(40, 25, HistoryHeader.FUNDAMENTAL, i -> new Toy(1.2, i >= 5 ? 1.2 * (1 - 0.003) : 1.2,
                1_000_000, 10, 0.02, i >= 21 ? PriceStatus.STALE : PriceStatus.OK));
        Recorder r = new Recorder();
        new Backtest(BacktestCatalogue.devnet(), new Executor(BacktestCatalogue.devnet(), 250_000), new Cadence(300, 25, 25, 50, 1.05),
                BigInteger.TEN.pow(21), null).run(h, List.of(r));
        long b0 = ToyHistories.START_BLOCK;
        // start; the 30-bp move at sample 5 (block +125); then every 300 blocks from there; the status change at sample 21
        assertEquals(List.of(b0, b0 + 125, b0 + 425, b0 + 525, b0 + 825), r.blocks);
    }
}
