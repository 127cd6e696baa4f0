package io.lrtyield.backtest.history;

import java.util.List;

/** A header and its samples, one per {@link HistoryHeader#sampleEveryBlocks()} blocks, in block order. */
public record MarketHistory(HistoryHeader header, List<MarketSample> samples) {

    public MarketHistory {
        samples = List.copyOf(samples);
        if (samples.size() != header.samples()) {
            throw new IllegalArgumentException("header announces " + header.samples() + " samples, got " + samples.size());
        }
    }

    public int assetIndex(String asset) {
        int i = header.assets().indexOf(asset);
        if (i < 0) {
            throw new IllegalArgumentException("history prices no " + asset);
        }
        return i;
    }

    /** The sample in force at {@code block}. */
    public MarketSample at(long block) {
        int i = (int) Math.min(samples.size() - 1, Math.max(0, (block - header.startBlock()) / header.sampleEveryBlocks()));
        return samples.get(i);
    }
}
