package io.lrtyield.rebalancer.execution.journal;

import io.lrtyield.rebalancer.execution.ActionOutcome;
import io.lrtyield.rebalancer.execution.ExecutionListener;
import io.lrtyield.rebalancer.execution.ExecutionPlan;
import io.lrtyield.rebalancer.execution.ExecutionReport;
import io.lrtyield.rebalancer.execution.PlanExecutor;
import io.lrtyield.rebalancer.execution.chain.ExecutionChain;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * One instance's seat in the per-vault executor election. {@link #tick} (every third of the lease TTL) takes or
 * renews the lease; the instance that gains it first resumes every open plan from the journal, then accepts new
 * plans. A standby instance refuses to execute; an instance that loses the lease is fenced out of the journal, so it
 * cannot broadcast even if it has not noticed yet.
 */
public final class ActiveExecutor {

    private static final Logger LOG = Logger.getLogger(ActiveExecutor.class);

    /** Builds a plan executor around a listener and nonce source (the signing parts stay with the caller). */
    @FunctionalInterface
    public interface ExecutorFactory {
        PlanExecutor create(ExecutionListener listener, PlanExecutor.NonceSource nonces);
    }

    private final ExecutionJournal journal;
    private final ExecutionChain chain;
    private final String vault;
    private final String instanceId;
    private final Duration leaseTtl;
    private final Duration receiptTimeout;
    private final ExecutorFactory factory;
    private final Object running = new Object();
    private volatile long token = -1;
    private final ExecutionListener events;

    public ActiveExecutor(ExecutionJournal journal, ExecutionChain chain, String vault, String instanceId, Duration leaseTtl,
                          Duration receiptTimeout, ExecutorFactory factory) {
        this(journal, chain, vault, instanceId, leaseTtl, receiptTimeout, factory, ExecutionListener.NONE);
    }

    /** @param events told every state the recovery journals (the executor's own events come through the factory's listener) */
    public ActiveExecutor(ExecutionJournal journal, ExecutionChain chain, String vault, String instanceId, Duration leaseTtl,
                          Duration receiptTimeout, ExecutorFactory factory, ExecutionListener events) {
        this.events = events;
        this.journal = journal;
        this.chain = chain;
        this.vault = vault;
        this.instanceId = instanceId;
        this.leaseTtl = leaseTtl;
        this.receiptTimeout = receiptTimeout;
        this.factory = factory;
    }

    /**
     * Takes or renews the lease (never waits for a running plan, so a long plan cannot let the lease lapse); on taking
     * it, resumes the journal. Blocking. Returns whether this instance is active.
     */
    public boolean tick() throws IOException {
        OptionalLong lease = journal.acquireLease(vault, instanceId, leaseTtl);
        if (lease.isEmpty()) {
            if (token >= 0) {
                LOG.warnf("executor %s lost the lease of vault %s: standby", instanceId, vault);
            }
            token = -1;
            return false;
        }
        boolean gained = token != lease.getAsLong();
        token = lease.getAsLong();
        if (gained) {
            LOG.infof("executor %s is active for vault %s (fencing token %d): resuming the journal", instanceId, vault, token);
            synchronized (running) {
                ExecutionRecovery recovery = recovery();
                recovery.resumeAll(executor(recovery));
            }
        }
        return true;
    }

    /**
     * Runs a plan exactly once whatever happened before: a plan the journal has never seen is executed; one it holds
     * open (this or an earlier process died part-way, or a transaction was still pending) is resumed from the journal
     * — signed bytes re-broadcast, never signed again; one it has closed is only reported. The report is
     * {@link ExecutionReport#PENDING} while a journaled transaction is still in flight. Journaled and fenced; blocking;
     * refused on a standby instance.
     */
    public ExecutionReport execute(ExecutionPlan plan) throws IOException {
        synchronized (running) {
            if (token < 0) {
                throw new IllegalStateException("executor " + instanceId + " is on standby for vault " + vault);
            }
            List<JournalEntry> entries = journal.entries(vault, plan.planId());
            if (entries.isEmpty()) {
                ExecutionRecovery recovery = recovery();
                return executor(recovery).execute(plan);
            }
            if (journal.openPlans(vault).contains(plan.planId())) {
                ExecutionRecovery recovery = recovery();
                recovery.resumeAll(executor(recovery));
                entries = journal.entries(vault, plan.planId());
                if (journal.openPlans(vault).contains(plan.planId())) {
                    return new ExecutionReport(plan.planId(), ExecutionReport.PENDING, List.of(), "a journaled transaction is still pending");
                }
            }
            return fromJournal(plan.planId(), entries);
        }
    }

    /** A closed plan's report, rebuilt from its journal entries. */
    static ExecutionReport fromJournal(String planId, List<JournalEntry> entries) {
        List<ActionOutcome> outcomes = new ArrayList<>();
        String error = null;
        for (JournalEntry e : entries) {
            String status = switch (e.status()) {
                case CONFIRMED -> ActionOutcome.CONFIRMED;
                case PLANNED -> ActionOutcome.NOT_RUN;
                default -> e.txHash() == null ? ActionOutcome.NOT_RUN : ActionOutcome.FAILED;
            };
            if (!ActionOutcome.CONFIRMED.equals(status) && error == null) {
                error = "action " + e.index() + " (" + e.kind() + ") " + e.status() + (e.error() == null ? "" : ": " + e.error());
            }
            outcomes.add(new ActionOutcome(e.index(), status, e.txHash(), e.nonce(), e.blockNumber(), null, e.error()));
        }
        return new ExecutionReport(planId, error == null ? ExecutionReport.DONE : ExecutionReport.FAILED, outcomes, error);
    }

    /** The newest plans' journal entries, newest plan first (read-only; any instance may answer). */
    public java.util.Map<String, java.util.List<JournalEntry>> recent(int limit) {
        java.util.Map<String, java.util.List<JournalEntry>> plans = new java.util.LinkedHashMap<>();
        for (String planId : journal.recentPlans(vault, limit)) {
            plans.put(planId, journal.entries(vault, planId));
        }
        return plans;
    }

    public boolean active() {
        return token >= 0;
    }

    /** Hands the lease back (graceful shutdown), so a standby takes over without waiting for the TTL. */
    public void release() {
        journal.releaseLease(vault, instanceId);
        token = -1;
    }

    private ExecutionRecovery recovery() {
        long fencing = token;
        return new ExecutionRecovery(journal, chain, vault, () -> fencing, receiptTimeout, events);
    }

    private PlanExecutor executor(ExecutionRecovery recovery) {
        long fencing = token;
        return factory.create(new JournalingListener(journal, vault, () -> fencing), recovery::nextNonce);
    }
}
