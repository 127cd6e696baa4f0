package io.lrtyield.common.chain;

/**
 * Decides whether a fetched block is a new head and whether it means a reorg. Pure logic, no I/O, so the
 * rules are tested directly; polling and the WebSocket subscription share one tracker per stream.
 * <p>
 * A head that skips heights (polling missed blocks, or the source switched) cannot be checked by parent hash:
 * its parent is a block we never saw. The caller then re-reads the block at the last seen height
 * ({@link #skippedFrom}) and tells {@link #accept(long, String, String, long, boolean)} whether it was replaced.
 */
public final class BlockHeadTracker {

    /** The last head's height and hash. */
    public record Seen(long number, String hash) {
    }

    private long lastNumber = -1;
    private String lastHash;

    /** Returns the head to emit, or null when the block is not new. */
    public synchronized BlockHead accept(long number, String hash, String parentHash, long timestamp) {
        return accept(number, hash, parentHash, timestamp, false);
    }

    /**
     * Like {@link #accept(long, String, String, long)}, for a head that skips heights.
     *
     * @param lastReplaced the block at the last seen height now has another hash: the skipped blocks sit on
     *                     another branch, so the head is a reorg. Ignored unless heights were skipped.
     */
    public synchronized BlockHead accept(long number, String hash, String parentHash, long timestamp, boolean lastReplaced) {
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
        boolean reorg = (number == lastNumber + 1 && !parentHash.equals(lastHash))
                || number == lastNumber
                || (number > lastNumber + 1 && lastReplaced);
        remember(number, hash);
        return new BlockHead(number, hash, parentHash, timestamp, reorg);
    }

    /** The last head when a head at {@code number} would skip heights after it (its block must be re-read); else null. */
    public synchronized Seen skippedFrom(long number) {
        return lastHash != null && number > lastNumber + 1 ? new Seen(lastNumber, lastHash) : null;
    }

    private void remember(long number, String hash) {
        lastNumber = number;
        lastHash = hash;
    }
}
