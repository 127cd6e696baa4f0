package io.lrtyield.rebalancer.execution.sign;

/**
 * A signed transaction: the exact bytes to broadcast (and to re-broadcast after a crash) and their hash. The raw bytes
 * carry a signature, not the key; still, only the hash goes into logs and events.
 */
public record SignedTransaction(UnsignedTransaction tx, String rawHex, String hash) {

    /**
     * A journaled transaction rebuilt from its raw bytes (EIP-1559), for the events of a recovery: what was signed,
     * under the hash that was mined (a replaced copy may be the one that was).
     */
    public static SignedTransaction fromRaw(String rawHex, String hash) {
        org.web3j.crypto.RawTransaction raw = org.web3j.crypto.TransactionDecoder.decode(rawHex);
        if (!(raw.getTransaction() instanceof org.web3j.crypto.transaction.type.Transaction1559 t)) {
            throw new IllegalArgumentException("not an EIP-1559 transaction: " + raw.getTransaction().getType());
        }
        return new SignedTransaction(new UnsignedTransaction(t.getChainId(), t.getNonce(), t.getGasLimit(), t.getTo(), t.getValue(),
                t.getData(), t.getMaxPriorityFeePerGas(), t.getMaxFeePerGas()), rawHex, hash);
    }

    @Override
    public String toString() {
        return "SignedTransaction[hash=" + hash + ", nonce=" + tx.nonce() + "]";
    }
}
