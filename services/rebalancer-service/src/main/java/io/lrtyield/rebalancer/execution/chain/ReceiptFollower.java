package io.lrtyield.rebalancer.execution.chain;

import org.jboss.logging.Logger;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Follows one nonce's transaction from broadcast to CONFIRMED, one look per new block: at each head it looks for a
 * receipt of any copy (the original and its fee-bumped replacements); once one is mined it waits until that receipt
 * is {@code confirmations} blocks deep (1: in a block), reading it again at every head, so a reorg that drops or
 * moves it sends the follower back to waiting for a receipt. The executor and crash recovery both settle through it:
 * one depth rule. The wall-clock {@code timeout} is only the last resort, for a node that stopped producing blocks.
 */
public final class ReceiptFollower {

    private static final Logger LOG = Logger.getLogger(ReceiptFollower.class);

    /** How a follow ended. */
    public enum Outcome {
        /** Mined successfully and {@code confirmations} blocks deep. */
        CONFIRMED,
        /** Mined, and reverted (final: a revert is not waited on for depth). */
        REVERTED,
        /** The timeout passed: not mined, or mined but not deep enough yet ({@code receipt} then says where). */
        TIMED_OUT
    }

    /**
     * @param receipt the receipt the follow ended with; null when nothing was mined
     * @param head    the last head seen
     */
    public record Result(Outcome outcome, ExecutionChain.Receipt receipt, long head) {
    }

    /** The caller's side of one follow. */
    public interface Watch {

        /** The hashes that settle this nonce, oldest copy first; {@link #pending} may add one (a replacement). */
        List<String> hashes();

        /** A copy was mined (again, if a reorg had moved it). */
        void mined(ExecutionChain.Receipt receipt) throws IOException;

        /** The mined copy left its block (a reorg): its bytes go back to the mempool. */
        void reorged(ExecutionChain.Receipt receipt) throws IOException;

        /** A head at which no copy is mined; the first call carries the head the copy was sent at. */
        default void pending(long head) throws IOException {
        }
    }

    private final ExecutionChain chain;
    private final int confirmations;
    private final Duration timeout;

    public ReceiptFollower(ExecutionChain chain, int confirmations, Duration timeout) {
        if (confirmations < 1) {
            throw new IllegalArgumentException("confirmations " + confirmations);
        }
        this.chain = chain;
        this.confirmations = confirmations;
        this.timeout = timeout;
    }

    public int confirmations() {
        return confirmations;
    }

    public Duration timeout() {
        return timeout;
    }

    /** Whether a receipt mined in {@code block} is deep enough at {@code head}. */
    public boolean deepEnough(long block, long head) {
        return head >= block + confirmations - 1;
    }

    /** Follows the watched copies until one is CONFIRMED or REVERTED, or the timeout passes. Blocking. */
    public Result follow(Watch watch) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long head = chain.blockNumber();
        ExecutionChain.Receipt mined = null;
        while (true) {
            if (mined != null) {
                Optional<ExecutionChain.Receipt> again = chain.receipt(mined.txHash());
                if (again.isEmpty() || again.get().blockNumber() != mined.blockNumber()) {
                    LOG.warnf("%s left block %d (reorg at head %d); following it again", mined.txHash(), mined.blockNumber(), head);
                    watch.reorged(mined);
                    mined = null;
                }
            }
            if (mined == null) {
                mined = firstReceipt(watch.hashes()).orElse(null);
                if (mined == null) {
                    watch.pending(head);
                } else {
                    watch.mined(mined);
                    if (!mined.success()) {
                        return new Result(Outcome.REVERTED, mined, head);
                    }
                }
            }
            if (mined != null && deepEnough(mined.blockNumber(), head)) {
                return new Result(Outcome.CONFIRMED, mined, head);
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return new Result(Outcome.TIMED_OUT, mined, head);
            }
            head = chain.awaitBlockAfter(head, Duration.ofNanos(left));
        }
    }

    private Optional<ExecutionChain.Receipt> firstReceipt(List<String> hashes) throws IOException {
        for (String hash : List.copyOf(hashes)) {
            Optional<ExecutionChain.Receipt> r = chain.receipt(hash);
            if (r.isPresent()) {
                return r;
            }
        }
        return Optional.empty();
    }
}
