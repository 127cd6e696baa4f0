package io.lrtyield.rebalancer.execution.journal;

import io.lrtyield.rebalancer.execution.ContractCall;

import java.math.BigInteger;

/**
 * One action of a plan as journaled: the venue call (so the plan can be resumed after a crash), and once signed the
 * nonce, hash and exact raw bytes. The raw bytes are a signed transaction, not key material; they are never logged.
 */
public record JournalEntry(String planId, int index, String kind, String venueId, ContractCall call, TxStatus status,
                           BigInteger nonce, String txHash, String rawTx, Long blockNumber, String error) {

    public static JournalEntry planned(String planId, int index, String kind, String venueId, ContractCall call) {
        return new JournalEntry(planId, index, kind, venueId, call, TxStatus.PLANNED, null, null, null, null, null);
    }

    public JournalEntry signed(BigInteger nonce, String txHash, String rawTx) {
        return new JournalEntry(planId, index, kind, venueId, call, TxStatus.SIGNED, nonce, txHash, rawTx, null, null);
    }

    public JournalEntry with(TxStatus next, Long block, String why) {
        return new JournalEntry(planId, index, kind, venueId, call, next, nonce, txHash, rawTx, block, why);
    }

    @Override
    public String toString() {
        return "JournalEntry[" + planId + "#" + index + " " + status + " nonce=" + nonce + " hash=" + txHash + "]";
    }
}
