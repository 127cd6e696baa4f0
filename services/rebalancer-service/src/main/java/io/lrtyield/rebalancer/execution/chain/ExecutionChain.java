package io.lrtyield.rebalancer.execution.chain;

import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What the execution engine needs from the node, in domain terms (no raw JSON-RPC past this interface). Blocking:
 * called from worker threads only.
 */
public interface ExecutionChain {

    long chainId() throws IOException;

    /** {@code eth_call} against the pending state; a revert is a result, not an exception. */
    CallResult call(String from, String to, String data, BigInteger valueWei) throws IOException;

    /** {@code eth_estimateGas} against the pending state; a revert is a result, not an exception. */
    GasEstimate estimateGas(String from, String to, String data, BigInteger valueWei) throws IOException;

    /** {@code eth_feeHistory} over the last {@code blocks} blocks, rewards at {@code percentile}. */
    FeeHistory feeHistory(int blocks, double percentile) throws IOException;

    /** The next nonce of {@code address} counting pending transactions. */
    BigInteger pendingNonce(String address) throws IOException;

    /** Broadcasts signed bytes; returns the node's transaction hash. */
    String sendRawTransaction(String signedHex) throws IOException;

    Optional<Receipt> receipt(String txHash) throws IOException;

    /** The latest block number. */
    long blockNumber() throws IOException;

    /**
     * Blocks until the chain's head is above {@code block} and returns the new head, or returns the head as it is
     * (maybe still {@code block}) once {@code max} has passed without a new block. What the executor follows receipts
     * by: one look per new block, not per slice of wall-clock time.
     */
    long awaitBlockAfter(long block, Duration max) throws IOException;

    /** Outcome of a simulated call: {@code reverted} with the node's reason, or the return data. */
    record CallResult(boolean reverted, String returnData, String revertReason) {
    }

    /** Outcome of a gas estimate: {@code gas}, or {@code revertReason} when the call would revert. */
    record GasEstimate(BigInteger gas, String revertReason) {
        public boolean reverted() {
            return gas == null;
        }
    }

    /**
     * @param baseFeePerGas base fees of the blocks asked for, plus the next block's (last element), as eth_feeHistory returns
     * @param rewards       per block, the priority fee paid at the asked percentile
     */
    record FeeHistory(List<BigInteger> baseFeePerGas, List<BigInteger> rewards) {
    }

    record Receipt(String txHash, boolean success, long blockNumber, BigInteger gasUsed) {
    }
}
