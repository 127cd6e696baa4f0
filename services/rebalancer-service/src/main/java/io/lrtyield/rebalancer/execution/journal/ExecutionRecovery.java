package io.lrtyield.rebalancer.execution.journal;

import io.lrtyield.rebalancer.execution.ExecutionListener;
import io.lrtyield.rebalancer.execution.sign.SignedTransaction;
import io.lrtyield.rebalancer.execution.ExecutionPlan;
import io.lrtyield.rebalancer.execution.ExecutionReport;
import io.lrtyield.rebalancer.execution.PlanExecutor;
import io.lrtyield.rebalancer.execution.PlannedAction;
import io.lrtyield.rebalancer.execution.chain.ExecutionChain;
import io.lrtyield.rebalancer.execution.chain.ReceiptFollower;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Crash recovery, run by the lease holder before anything new: every open plan is resumed. Signed entries are
 * re-broadcast byte for byte (a node that already has them says so; that is fine) and followed to their receipt —
 * never signed again; then the plan continues from its first unsigned action, with nonces never below a journaled one.
 * A resumed transaction is CONFIRMED by the same rule as in the executor ({@link ReceiptFollower} with the executor's
 * {@link PlanExecutor#confirmations}: the receipt that many blocks deep and still in its block), not by its first
 * receipt. Every state it journals is also told to the {@code events} listener (executions.v1), as the executor's own
 * path does: a takeover or a restart leaves no MINED / CONFIRMED / FAILED unpublished.
 */
public final class ExecutionRecovery {

    private static final Logger LOG = Logger.getLogger(ExecutionRecovery.class);

    private final ExecutionJournal journal;
    private final ExecutionChain chain;
    private final String vault;
    private final LongSupplier fencingToken;
    private final Duration receiptTimeout;
    private final ExecutionListener events;

    public ExecutionRecovery(ExecutionJournal journal, ExecutionChain chain, String vault, LongSupplier fencingToken,
                             Duration receiptTimeout) {
        this(journal, chain, vault, fencingToken, receiptTimeout, ExecutionListener.NONE);
    }

    public ExecutionRecovery(ExecutionJournal journal, ExecutionChain chain, String vault, LongSupplier fencingToken,
                             Duration receiptTimeout, ExecutionListener events) {
        this.events = events;
        this.journal = journal;
        this.chain = chain;
        this.vault = vault;
        this.fencingToken = fencingToken;
        this.receiptTimeout = receiptTimeout;
    }

    /** The next nonce to sign with: the node's pending count, but never at or below a journaled nonce. */
    public BigInteger nextNonce(String strategist) throws IOException {
        BigInteger next = chain.pendingNonce(strategist);
        for (String planId : journal.openPlans(vault)) {
            for (JournalEntry e : journal.entries(vault, planId)) {
                if (e.nonce() != null) {
                    next = next.max(e.nonce().add(BigInteger.ONE));
                }
            }
        }
        return next;
    }

    /** Resumes every open plan with {@code executor} (which must journal through the same journal and token). */
    public List<ExecutionReport> resumeAll(PlanExecutor executor) throws IOException {
        List<ExecutionReport> reports = new ArrayList<>();
        for (String planId : journal.openPlans(vault)) {
            reports.add(resume(planId, executor));
        }
        return reports;
    }

    private ExecutionReport resume(String planId, PlanExecutor executor) throws IOException {
        List<JournalEntry> entries = journal.entries(vault, planId);
        LOG.infof("resuming plan %s (%d actions)", planId, entries.size());
        List<JournalEntry> inFlight = entries.stream().filter(e -> e.status().signed() && !e.status().terminal())
                .sorted(Comparator.comparing(JournalEntry::nonce)).toList();
        // the executor's depth rule, through the same follower class: a resumed transaction is not CONFIRMED sooner
        ReceiptFollower receipts = new ReceiptFollower(chain, executor.confirmations(), receiptTimeout);
        for (JournalEntry e : inFlight) {
            JournalEntry settled = settle(e, receipts);
            if (settled.status() != TxStatus.CONFIRMED) {
                // reverted, or still pending: nothing after it may be signed now
                return failRest(planId, settled.status() == TxStatus.FAILED ? "action " + e.index() + " failed on resume" : null);
            }
        }
        entries = journal.entries(vault, planId);
        if (entries.stream().anyMatch(e -> e.status() == TxStatus.FAILED || e.status() == TxStatus.REPLACED)) {
            return failRest(planId, "an earlier action failed");
        }
        Optional<JournalEntry> next = entries.stream().filter(e -> e.status() == TxStatus.PLANNED).findFirst();
        if (next.isEmpty()) {
            journal.closePlan(vault, fencingToken.getAsLong(), planId);
            return new ExecutionReport(planId, ExecutionReport.DONE, List.of(), null);
        }
        List<PlannedAction> actions = entries.stream().map(e -> PlannedAction.of(e.venueId(), e.kind(), e.call())).toList();
        return executor.execute(new ExecutionPlan(planId, actions), next.get().index());
    }

    /**
     * Re-broadcasts the journaled bytes and follows them (and any copy they replaced) until a receipt is deep enough:
     * CONFIRMED, FAILED (reverted), MINED (on chain, not deep enough yet) or SENT (nothing mined yet) when the wait ends.
     */
    private JournalEntry settle(JournalEntry e, ReceiptFollower receipts) throws IOException {
        JournalEntry[] current = {e};
        if (receiptOf(e).isEmpty()) {
            rebroadcast(e);
            if (e.status() == TxStatus.SIGNED) {
                // signed, then the process died before it was known to be sent: the re-broadcast is its sending
                current[0] = e.with(TxStatus.SENT, null, null);
                journal.write(vault, fencingToken.getAsLong(), current[0]);
                publish(() -> events.sent(e.planId(), e.index(), SignedTransaction.fromRaw(e.rawTx(), e.txHash())));
            }
        }
        ReceiptFollower.Result result = receipts.follow(new ReceiptFollower.Watch() {
            @Override
            public List<String> hashes() {
                return e.candidateHashes();
            }

            @Override
            public void mined(ExecutionChain.Receipt receipt) {
                boolean changed = current[0].status() != TxStatus.MINED || !receipt.txHash().equalsIgnoreCase(current[0].txHash());
                current[0] = e.minedAs(receipt.txHash(), TxStatus.MINED, receipt.blockNumber(), null);
                journal.write(vault, fencingToken.getAsLong(), current[0]);
                if (changed) {
                    publish(() -> events.mined(e.planId(), e.index(), SignedTransaction.fromRaw(e.rawTx(), receipt.txHash()), receipt));
                }
            }

            @Override
            public void reorged(ExecutionChain.Receipt receipt) {
                rebroadcast(e);
            }
        });
        ExecutionChain.Receipt r = result.receipt();
        JournalEntry settled = switch (result.outcome()) {
            case CONFIRMED -> e.minedAs(r.txHash(), TxStatus.CONFIRMED, r.blockNumber(), null);
            case REVERTED -> e.minedAs(r.txHash(), TxStatus.FAILED, r.blockNumber(), "reverted on chain");
            case TIMED_OUT -> r != null ? current[0] : e.with(TxStatus.SENT, null, null);
        };
        if (settled != current[0]) {
            journal.write(vault, fencingToken.getAsLong(), settled);
            switch (settled.status()) {
                case CONFIRMED -> publish(() -> events.confirmed(e.planId(), e.index(), SignedTransaction.fromRaw(e.rawTx(), r.txHash()), r));
                case FAILED -> {
                    if (current[0].status() != TxStatus.MINED) {
                        // the executor's path tells MINED (reverted) before FAILED
                        publish(() -> events.mined(e.planId(), e.index(), SignedTransaction.fromRaw(e.rawTx(), r.txHash()), r));
                    }
                    publish(() -> events.failed(e.planId(), e.index(), r.txHash(), "reverted on chain"));
                }
                default -> {
                }
            }
        }
        return settled;
    }

    /** An event after the journal: best effort, as in the executor (the journal is the record). */
    private void publish(Runnable event) {
        try {
            event.run();
        } catch (RuntimeException ex) {
            LOG.warnf("recovery event not published: %s", ex.getMessage());
        }
    }

    /** The journaled bytes back to the node (one that already has them says so; that is fine). */
    private void rebroadcast(JournalEntry e) {
        try {
            chain.sendRawTransaction(e.rawTx());
            LOG.infof("re-broadcast %s (nonce %s) of plan %s", e.txHash(), e.nonce(), e.planId());
        } catch (IOException alreadyKnownOrMined) {
            LOG.infof("re-broadcast of %s answered: %s", e.txHash(), alreadyKnownOrMined.getMessage());
        }
    }

    private Optional<ExecutionChain.Receipt> receiptOf(JournalEntry e) throws IOException {
        for (String hash : e.candidateHashes()) {
            Optional<ExecutionChain.Receipt> r = chain.receipt(hash);
            if (r.isPresent()) {
                return r;
            }
        }
        return Optional.empty();
    }

    private ExecutionReport failRest(String planId, String why) {
        if (why == null) {
            return new ExecutionReport(planId, ExecutionReport.PENDING, List.of(), "a journaled transaction is still pending");
        }
        for (JournalEntry e : journal.entries(vault, planId)) {
            if (e.status() == TxStatus.PLANNED) {
                journal.write(vault, fencingToken.getAsLong(), e.with(TxStatus.FAILED, null, "not run: " + why));
            }
        }
        journal.closePlan(vault, fencingToken.getAsLong(), planId);
        return new ExecutionReport(planId, ExecutionReport.FAILED, List.of(), why);
    }
}
