package io.lrtyield.common.chain;

import io.smallrye.mutiny.Uni;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Gap-free block processing: remembers the last block fully processed and, for each new head, processes every block
 * after it up to the head, in order, then waits for the next head. A block whose read fails is retried with a bounded
 * back-off and the blocks after it wait behind it; it becomes a {@link BlockGap} only when the node says it cannot
 * serve that block's state ("missing trie node", "header not found" …) {@code historyAttempts} times while it is behind
 * the newest head (for the newest head itself that is a lagging node, retried), or when
 * it falls more than {@code maxBackfillBlocks} behind the newest head (the window that bounds the backlog).
 * No framework: the chain reads, the per-block work and the gap sink are passed in, so the tests mock them. The one
 * per-block loop of every pipeline that must see each block: prices, market quotes, decisions.
 */
public final class CatchUp {

    private static final Logger LOG = Logger.getLogger(CatchUp.class);

    /** The block's own header (hash, timestamp) at a height: {@code eth_getBlockByNumber}. */
    public interface Headers {
        Uni<BlockHead> header(long number);
    }

    /**
     * One block's whole work (read pinned to it, publish, store); {@code backfilledAtHead} is the newest head when a newer
     * one than the block exists, null when the block is the head.
     */
    public interface BlockWork {
        Uni<Void> process(BlockHead block, Long backfilledAtHead);
    }

    /** Where gaps are reported (metric, log, store). */
    public interface GapSink {
        Uni<Void> gap(BlockGap gap);
    }

    /**
     * @param maxBackfillBlocks how far behind the newest head a block may be and still be processed
     * @param what              what the work makes of a block, for the log ("priced", "quoted", "decided")
     * @param historyAttempts   tries before a block the node says it cannot serve becomes a gap
     * @param firstBackoff      wait after a first failure; doubles per failure up to {@code maxBackoff}
     */
    public record Settings(long maxBackfillBlocks, int historyAttempts, Duration firstBackoff, Duration maxBackoff, String what) {

        public Settings {
            if (maxBackfillBlocks < 0 || historyAttempts < 1) {
                throw new IllegalArgumentException("need max-backfill-blocks >= 0 and history-attempts >= 1");
            }
        }
    }

    private final Settings settings;
    private final Headers headers;
    private final BlockWork work;
    private final GapSink gaps;
    private final LongSupplier newestHead;
    private volatile long last;
    /** Failed tries of the block in flight, in a row (steps run one at a time, on whichever thread resumes them). */
    private volatile int failures;
    /** Of those, the node's "no such state" answers for a block behind the newest head. */
    private volatile int historyFailures;

    /**
     * @param lastProcessed the last block fully processed (e.g. before a restart), or -1: the first head is then
     *                      processed alone, nothing before it
     * @param newestHead    the newest head seen so far (-1 if none): a block too far behind it is out of the window
     */
    public CatchUp(long lastProcessed, Settings settings, Headers headers, BlockWork work, GapSink gaps, LongSupplier newestHead) {
        this.last = lastProcessed;
        this.settings = settings;
        this.headers = headers;
        this.work = work;
        this.gaps = gaps;
        this.newestHead = newestHead;
    }

    /** The last block processed or reported as a gap; -1 before the first. */
    public long last() {
        return last;
    }

    /**
     * Goes back to {@code block}: the next head processes every block after it again. Only backwards, and only between
     * heads (not while {@link #onHead} runs): an instance that takes over another's work resumes where that one stopped.
     */
    public void rewindTo(long block) {
        if (block >= 0 && block < last) {
            last = block;
        }
    }

    /** Processes every block after the last one up to {@code head}; completes once the head is processed. */
    public Uni<Void> onHead(BlockHead head) {
        if (last >= head.number()) {
            if (!head.reorg()) {
                return Uni.createFrom().voidItem();
            }
            // a reorg replaced blocks already processed: from the new head's height on, they are processed again (new
            // hashes; the store replaces a block's ticks), with the same retries as any block
            last = head.number() - 1;
        }
        if (last < 0) {
            last = head.number() - 1;
        }
        return Uni.createFrom().deferred(() -> step(head))
                .repeat().whilst(more -> more)
                .collect().last().replaceWithVoid();
    }

    /** One block (or one gap, or one failed try); true while blocks up to the head remain. */
    private Uni<Boolean> step(BlockHead head) {
        long next = last + 1;
        if (next > head.number()) {
            return Uni.createFrom().item(false);
        }
        long floor = Math.max(head.number(), newestHead.getAsLong()) - settings.maxBackfillBlocks();
        if (next < floor) {
            return report(new BlockGap(next, floor - 1, "more than " + settings.maxBackfillBlocks() + " blocks behind the head "
                    + (floor + settings.maxBackfillBlocks()) + " (max-backfill-blocks): not backfilled"))
                    .map(x -> last < head.number());
        }
        // a failed try leaves last where it was: the same block again, after the back-off
        return withRetry(next, head).map(x -> last < head.number());
    }

    /** Processes block {@code number}, or waits and returns without advancing so the next step tries it again. */
    private Uni<Void> withRetry(long number, BlockHead head) {
        Uni<BlockHead> block = number == head.number() ? Uni.createFrom().item(head) : headers.header(number);
        // backfilled = priced while a newer head exists (also the head a failure held until newer ones arrived)
        return block.chain(b -> {
                    long newest = Math.max(head.number(), newestHead.getAsLong());
                    return work.process(b, number < newest ? newest : null);
                })
                .invoke(() -> {
                    last = Math.max(last, number);
                    failures = 0;
                    historyFailures = 0;
                })
                .onFailure().recoverWithUni(e -> failed(number, e));
    }

    private Uni<Void> failed(long number, Throwable e) {
        failures++;
        String message = String.valueOf(e.getMessage());
        // "header not found" for the newest head is a node behind the chain (load balancing), not a pruned one: retried
        if (historyUnavailable(message) && number < newestHead.getAsLong() && ++historyFailures >= settings.historyAttempts()) {
            return report(new BlockGap(number, number, "the node cannot serve block " + number + " after " + historyFailures + " tries: "
                    + message));
        }
        Duration wait = backoff(failures);
        LOG.warnf("block %d not %s yet (try %d, again in %d ms; later blocks wait): %s", number, settings.what(), failures, wait.toMillis(),
                message);
        return Uni.createFrom().voidItem().onItem().delayIt().by(wait);
    }

    private Uni<Void> report(BlockGap gap) {
        failures = 0;
        historyFailures = 0;
        return gaps.gap(gap).invoke(() -> last = Math.max(last, gap.toBlock()));
    }

    /** The wait after the n-th failure in a row: first, doubled per failure, at most the maximum. */
    Duration backoff(int failures) {
        long first = Math.max(1, settings.firstBackoff().toMillis());
        long millis = first << Math.min(failures - 1, 20);
        return Duration.ofMillis(Math.min(millis, settings.maxBackoff().toMillis()));
    }

    /** Does the error say the node has no state (or no header) for that block — a pruned or non-archive node? */
    static boolean historyUnavailable(String message) {
        return RpcErrors.historyUnavailable(message);
    }
}
