package io.lrtyield.common.chain;

/**
 * Decides whether a fetched block is a new head and whether it means a reorg. Pure logic, no I/O, so the
 * rules are tested directly; the poller and (later) the WebSocket subscriber share it.
 */
public final class BlockHeadTracker {

    private long lastNumber = -1;
    private String lastHash;

    /** Returns the head to emit, or null when the block is not new. */
    public synchronized BlockHead accept(long number, String hash, String parentHash, long timestamp) {
        if (lastHash == null) {
            remember(number, hash);
            return new BlockHead(number, hash, parentHash, timestamp, false);
        }
        if (number == lastNumber && hash.equals(lastHash)) {
            return null;
        }
        if (number < lastNumber) {
            return null; // a lagging endpoint after failover: ignore, the chain has moved past it
        }
        boolean reorg = (number == lastNumber + 1 && !parentHash.equals(lastHash)) || number == lastNumber;
        remember(number, hash);
        return new BlockHead(number, hash, parentHash, timestamp, reorg);
    }

    private void remember(long number, String hash) {
        lastNumber = number;
        lastHash = hash;
    }
}
