package io.lrtyield.rebalancer.execution.chain;

import io.lrtyield.common.chain.BlockHead;
import io.smallrye.mutiny.Multi;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The chain's head as a worker thread waits on it. Fed by a head stream (the service's shared {@code ChainHeads})
 * when there is one; the node's block number is asked for whenever no head came for {@code pollInterval} (no stream,
 * the WebSocket down, a devnet that follows no heads), so a silent stream delays a wait but never stalls it. A reorg
 * head wakes every waiter even when it is not higher: receipts must be looked at again.
 */
final class NewHeads {

    private static final Logger LOG = Logger.getLogger(NewHeads.class);

    /** The node's latest block number (one JSON-RPC call). */
    @FunctionalInterface
    interface BlockNumber {
        long latest() throws IOException;
    }

    private final BlockNumber node;
    private final long pollNanos;
    private final boolean streamed;
    private final Object lock = new Object();
    private long latest = -1;
    private long reorgs;

    NewHeads(BlockNumber node, Duration pollInterval, Multi<BlockHead> heads) {
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("poll interval " + pollInterval);
        }
        this.node = node;
        this.pollNanos = pollInterval.toNanos();
        this.streamed = heads != null;
        if (heads != null) {
            heads.subscribe().with(h -> offer(h.number(), h.reorg()), failure -> LOG.warnf(
                    "head stream ended (%s): the executor polls the node's block number", failure.getMessage()));
        }
    }

    void offer(long number, boolean reorg) {
        synchronized (lock) {
            if (reorg) {
                reorgs++;
                latest = number; // the new branch may be shorter
            } else {
                latest = Math.max(latest, number);
            }
            lock.notifyAll();
        }
    }

    /** See {@link ExecutionChain#awaitBlockAfter}. */
    long awaitAfter(long block, Duration max) throws IOException {
        long deadline = System.nanoTime() + max.toNanos();
        long reorgsBefore;
        long nextAsk;
        synchronized (lock) {
            reorgsBefore = reorgs;
            nextAsk = streamed && latest >= 0 ? System.nanoTime() + pollNanos : System.nanoTime();
        }
        while (true) {
            if (System.nanoTime() - nextAsk >= 0) {
                offer(node.latest(), false);
                nextAsk = System.nanoTime() + pollNanos;
            }
            synchronized (lock) {
                if (latest > block || reorgs != reorgsBefore) {
                    return latest;
                }
                long now = System.nanoTime();
                if (now - deadline >= 0) {
                    return latest;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(lock, Math.min(deadline - now, nextAsk - now));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted waiting for a block after " + block, e);
                }
            }
        }
    }
}
