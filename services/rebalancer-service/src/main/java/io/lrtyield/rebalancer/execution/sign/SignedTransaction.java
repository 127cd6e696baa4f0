package io.lrtyield.rebalancer.execution.sign;

/**
 * A signed transaction: the exact bytes to broadcast (and to re-broadcast after a crash) and their hash. The raw bytes
 * carry a signature, not the key; still, only the hash goes into logs and events.
 */
public record SignedTransaction(UnsignedTransaction tx, String rawHex, String hash) {

    @Override
    public String toString() {
        return "SignedTransaction[hash=" + hash + ", nonce=" + tx.nonce() + "]";
    }
}
