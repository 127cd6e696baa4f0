package io.lrtyield.backtest.history;

import java.math.BigDecimal;
import java.util.List;

/**
 * What a history is and how to read it.
 *
 * @param name              scenario name or the recording's label
 * @param seed              the generator's seed (0 for a recording)
 * @param startBlock        block of the first sample
 * @param startTimestamp    its block time, seconds
 * @param blockSeconds      seconds per block (12 on mainnet)
 * @param sampleEveryBlocks blocks between two samples; the market state holds in between
 * @param samples           how many samples follow (a shorter file is truncated)
 * @param lendingOracle     how the lending market prices loop collateral: {@code fundamental} (an exchange-rate
 *                          oracle, Aave v3's) or {@code market} (a market feed, Aave v2's stETH/ETH in 2022)
 * @param liquidationBonus  the lending market's liquidation bonus, fraction (Aave eMode: 0.01)
 * @param dexFeeBps         fee of the DEX pools exits sell into, bps
 * @param assets            priced assets, the column groups of each sample in this order
 * @param description       the scenario's documented shape, one line
 */
public record HistoryHeader(String name, long seed, long startBlock, long startTimestamp, int blockSeconds, int sampleEveryBlocks,
                            int samples, String lendingOracle, BigDecimal liquidationBonus, BigDecimal dexFeeBps, List<String> assets,
                            String description) {

    public static final String FUNDAMENTAL = "fundamental";
    public static final String MARKET = "market";

    public HistoryHeader {
        assets = List.copyOf(assets);
        if (blockSeconds <= 0 || sampleEveryBlocks <= 0 || samples <= 0) {
            throw new IllegalArgumentException("blockSeconds, sampleEveryBlocks and samples must be positive");
        }
        if (!FUNDAMENTAL.equals(lendingOracle) && !MARKET.equals(lendingOracle)) {
            throw new IllegalArgumentException("lendingOracle must be fundamental or market, got " + lendingOracle);
        }
    }

    /** Blocks the history spans (the last sample's state holds for one sample interval). */
    public long blocks() {
        return (long) samples * sampleEveryBlocks;
    }

    public long blockOf(int sample) {
        return startBlock + (long) sample * sampleEveryBlocks;
    }

    public long timestampOf(long block) {
        return startTimestamp + (block - startBlock) * blockSeconds;
    }

    public double days() {
        return blocks() * (double) blockSeconds / 86_400.0;
    }
}
