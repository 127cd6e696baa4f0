package io.lrtyield.rebalancer.execution.journal;

import io.lrtyield.rebalancer.execution.ActionOutcome;
import io.lrtyield.rebalancer.execution.ExecutionListener;
import io.lrtyield.rebalancer.execution.ExecutionPlan;
import io.lrtyield.rebalancer.execution.ExecutionReport;
import io.lrtyield.rebalancer.execution.PlannedAction;
import io.lrtyield.rebalancer.execution.chain.ExecutionChain;
import io.lrtyield.rebalancer.execution.sign.SignedTransaction;

import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Journals every state change of a plan's transactions, fenced by the executor's lease token: PLANNED for every
 * action before the first signature, SIGNED (raw bytes + hash) <em>before</em> the broadcast — a failed write
 * throws and the bytes are never sent — then SENT, MINED, CONFIRMED or FAILED; actions left unrun end FAILED.
 */
public final class JournalingListener implements ExecutionListener {

    private final ExecutionJournal journal;
    private final String vault;
    private final LongSupplier fencingToken;
    private final Map<String, Map<Integer, JournalEntry>> entries = new HashMap<>();

    public JournalingListener(ExecutionJournal journal, String vault, LongSupplier fencingToken) {
        this.journal = journal;
        this.vault = vault;
        this.fencingToken = fencingToken;
    }

    @Override
    public void planned(ExecutionPlan plan, int fromIndex) {
        Map<Integer, JournalEntry> known = load(plan.planId());
        for (int i = 0; i < plan.actions().size(); i++) {
            if (!known.containsKey(i)) {
                PlannedAction a = plan.actions().get(i);
                put(JournalEntry.planned(plan.planId(), i, a.kind(), a.venueId(), a.call()));
            }
        }
    }

    @Override
    public void signed(String planId, int index, SignedTransaction tx) {
        JournalEntry entry = load(planId).get(index);
        if (entry.status().signed()) {
            throw new IllegalStateException("action " + planId + "#" + index + " is already signed (" + entry.txHash() + "): never sign it again");
        }
        put(entry.signed(tx.tx().nonce(), tx.hash(), tx.rawHex()));
    }

    @Override
    public void sent(String planId, int index, SignedTransaction tx) {
        put(load(planId).get(index).with(TxStatus.SENT, null, null));
    }

    @Override
    public void replaced(String planId, int index, SignedTransaction stuck, SignedTransaction replacement) {
        put(load(planId).get(index).replacedBy(replacement.hash(), replacement.rawHex()));
    }

    @Override
    public void mined(String planId, int index, SignedTransaction tx, ExecutionChain.Receipt receipt) {
        put(load(planId).get(index).minedAs(tx.hash(), TxStatus.MINED, receipt.blockNumber(), null));
    }

    @Override
    public void confirmed(String planId, int index, SignedTransaction tx, ExecutionChain.Receipt receipt) {
        put(load(planId).get(index).minedAs(tx.hash(), TxStatus.CONFIRMED, receipt.blockNumber(), null));
    }

    @Override
    public void failed(String planId, int index, String txHash, String error) {
        JournalEntry entry = load(planId).get(index);
        if (entry != null) {
            put(entry.with(TxStatus.FAILED, entry.blockNumber(), error));
        }
    }

    @Override
    public void finished(ExecutionPlan plan, ExecutionReport report) {
        Map<Integer, JournalEntry> known = load(plan.planId());
        if (known.isEmpty()) {
            return; // refused before anything was journaled
        }
        for (ActionOutcome o : report.outcomes()) {
            JournalEntry e = known.get(o.index());
            if (e != null && e.status() == TxStatus.PLANNED) {
                put(e.with(TxStatus.FAILED, null, "not run: " + (report.error() == null ? report.status() : report.error())));
            }
        }
        if (known.values().stream().allMatch(e -> e.status().terminal())) {
            journal.closePlan(vault, fencingToken.getAsLong(), plan.planId());
        }
    }

    private Map<Integer, JournalEntry> load(String planId) {
        return entries.computeIfAbsent(planId, id -> {
            Map<Integer, JournalEntry> m = new HashMap<>();
            journal.entries(vault, id).forEach(e -> m.put(e.index(), e));
            return m;
        });
    }

    private void put(JournalEntry entry) {
        journal.write(vault, fencingToken.getAsLong(), entry);
        load(entry.planId()).put(entry.index(), entry);
    }
}
