package io.lrtyield.rebalancer.execution.journal;

import io.lrtyield.rebalancer.execution.ContractCall;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * One action of a plan as journaled: the venue call (so the plan can be resumed after a crash), and once signed the
 * nonce, hash and exact raw bytes. The raw bytes are a signed transaction, not key material; they are never logged.
 */
public record JournalEntry(String planId, int index, String kind, String venueId, ContractCall call, TxStatus status,
                           BigInteger nonce, String txHash, String rawTx, List<String> replacedHashes, Long blockNumber,
                           String error) {

    /**
     * @param replacedHashes earlier copies at the same nonce, superseded by fee bumps (REPLACED) but still watched:
     *                       any of them may be the one mined
     */
    public JournalEntry {
        replacedHashes = replacedHashes == null ? List.of() : List.copyOf(replacedHashes);
    }

    public static JournalEntry planned(String planId, int index, String kind, String venueId, ContractCall call) {
        return new JournalEntry(planId, index, kind, venueId, call, TxStatus.PLANNED, null, null, null, List.of(), null, null);
    }

    public JournalEntry signed(BigInteger nonce, String txHash, String rawTx) {
        return new JournalEntry(planId, index, kind, venueId, call, TxStatus.SIGNED, nonce, txHash, rawTx, replacedHashes, null, null);
    }

    /** The current copy is REPLACED by a fee-bumped one (same nonce): the new bytes become the ones to re-broadcast. */
    public JournalEntry replacedBy(String newHash, String newRaw) {
        List<String> replaced = new ArrayList<>(replacedHashes);
        replaced.add(txHash);
        return new JournalEntry(planId, index, kind, venueId, call, TxStatus.SIGNED, nonce, newHash, newRaw, replaced, null, null);
    }

    /** Every hash that may settle this action: the current copy and the ones it replaced. */
    public List<String> candidateHashes() {
        List<String> all = new ArrayList<>(replacedHashes);
        all.add(txHash);
        return all;
    }

    public JournalEntry with(TxStatus next, Long block, String why) {
        return new JournalEntry(planId, index, kind, venueId, call, next, nonce, txHash, rawTx, replacedHashes, block, why);
    }

    /** Settled by {@code minedHash} (perhaps an earlier copy). */
    public JournalEntry minedAs(String minedHash, TxStatus next, Long block, String why) {
        return new JournalEntry(planId, index, kind, venueId, call, next, nonce, minedHash, rawTx, replacedHashes, block, why);
    }

    @Override
    public String toString() {
        return "JournalEntry[" + planId + "#" + index + " " + status + " nonce=" + nonce + " hash=" + txHash + "]";
    }
}
