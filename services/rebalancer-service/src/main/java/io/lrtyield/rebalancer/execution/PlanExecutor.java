package io.lrtyield.rebalancer.execution;

import io.lrtyield.rebalancer.execution.allowlist.Allowlist;
import io.lrtyield.rebalancer.execution.allowlist.NotAllowlistedException;
import io.lrtyield.rebalancer.execution.chain.ExecutionChain;
import io.lrtyield.rebalancer.execution.chain.ReceiptFollower;
import io.lrtyield.rebalancer.execution.sign.SignedTransaction;
import io.lrtyield.rebalancer.execution.sign.TransactionSigner;
import io.lrtyield.rebalancer.execution.sign.UnsignedTransaction;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a plan through the vault, one transaction per action, in order. Before anything is signed: every call must
 * pass the off-chain allowlist and the whole plan must succeed in one simulated batch {@code manage}. Then, per
 * action: simulate and estimate gas against the pending state, price fees (capped), sign, hand the signed bytes to
 * the listener (journal) before broadcasting, and follow the receipt block by block ({@link ReceiptFollower}) until
 * it is deep enough, replacing a copy that stays unmined too many blocks; a revert or failure stops the plan.
 * Blocking: run it on a worker thread. Logs carry hashes and nonces, never raw transactions or key material.
 */
public final class PlanExecutor {

    private static final Logger LOG = Logger.getLogger(PlanExecutor.class);

    private final ExecutionChain chain;
    private final Allowlist allowlist;
    private final TransactionSimulator simulator;
    private final FeeOracle fees;
    private final TransactionSigner signer;
    private final String vault;
    private final Duration receiptTimeout;
    private final ExecutionListener listener;
    private final NonceSource nonces;
    private ReplacementPolicy replacement = ReplacementPolicy.NONE;
    private int confirmations = 1;
    private java.util.function.BooleanSupplier paused = () -> false;

    /** Where the first nonce of a run comes from (the nonce manager: never below a journaled one). */
    @FunctionalInterface
    public interface NonceSource {
        BigInteger next(String address) throws IOException;
    }

    public PlanExecutor(ExecutionChain chain, Allowlist allowlist, TransactionSimulator simulator, FeeOracle fees,
                        TransactionSigner signer, String vault, Duration receiptTimeout, ExecutionListener listener) {
        this(chain, allowlist, simulator, fees, signer, vault, receiptTimeout, listener, chain::pendingNonce);
    }

    public PlanExecutor(ExecutionChain chain, Allowlist allowlist, TransactionSimulator simulator, FeeOracle fees,
                        TransactionSigner signer, String vault, Duration receiptTimeout, ExecutionListener listener,
                        NonceSource nonces) {
        this.nonces = nonces;
        this.chain = chain;
        this.allowlist = allowlist;
        this.simulator = simulator;
        this.fees = fees;
        this.signer = signer;
        this.vault = vault;
        this.receiptTimeout = receiptTimeout;
        this.listener = listener;
    }

    /** Replaces transactions unmined for more blocks than the policy allows (default: never). */
    public PlanExecutor withReplacement(ReplacementPolicy policy) {
        this.replacement = policy;
        return this;
    }

    /**
     * The admin kill switch, read before each signature: once it says paused, nothing more is signed and the plan
     * returns {@link ExecutionReport#PENDING} with its remaining actions still PLANNED in the journal — resumed from the
     * first of them after the vault is resumed. Transactions already signed are followed to their end first.
     */
    public PlanExecutor withPause(java.util.function.BooleanSupplier paused) {
        this.paused = paused;
        return this;
    }

    /** An action is CONFIRMED once its receipt is {@code blocks} deep (1: in a block) and unchanged by a reorg. */
    public PlanExecutor withConfirmations(int blocks) {
        if (blocks < 1) {
            throw new IllegalArgumentException("confirmations " + blocks);
        }
        this.confirmations = blocks;
        return this;
    }

    /** Blocks deep a receipt must be for CONFIRMED; crash recovery settles journaled transactions by the same depth. */
    public int confirmations() {
        return confirmations;
    }

    public ExecutionReport execute(ExecutionPlan plan) throws IOException {
        return execute(plan, 0);
    }

    /** Runs actions {@code fromIndex…} (a plan resumed after a crash: earlier actions are already confirmed). */
    public ExecutionReport execute(ExecutionPlan plan, int fromIndex) throws IOException {
        ExecutionReport report = run(plan, fromIndex);
        listener.finished(plan, report);
        return report;
    }

    private ExecutionReport run(ExecutionPlan plan, int fromIndex) throws IOException {
        List<PlannedAction> actions = plan.actions();
        try {
            for (PlannedAction action : actions) {
                allowlist.require(action.call());
            }
            simulator.preflight(signer.address(), vault, plan.calls().subList(fromIndex, actions.size()));
        } catch (NotAllowlistedException | SimulationFailedException e) {
            LOG.warnf("plan %s refused before signing: %s", plan.planId(), e.getMessage());
            return new ExecutionReport(plan.planId(), ExecutionReport.REFUSED, notRun(fromIndex, actions.size()), e.getMessage());
        }
        listener.planned(plan, fromIndex);
        long chainId = chain.chainId();
        BigInteger nonce = nonces.next(signer.address());
        List<ActionOutcome> outcomes = new ArrayList<>();
        for (int i = fromIndex; i < actions.size(); i++) {
            PlannedAction action = actions.get(i);
            if (paused.getAsBoolean()) {
                LOG.warnf("plan %s paused by an admin before action %d: nothing more is signed until the vault is resumed",
                        plan.planId(), i);
                return new ExecutionReport(plan.planId(), ExecutionReport.PENDING, outcomes,
                        "paused by an admin before action " + i + "; it resumes there once the vault is resumed");
            }
            SignedTransaction signed;
            try {
                TransactionSimulator.Simulation sim = simulator.simulate(signer.address(), vault, action.call());
                FeeQuote fee = fees.quote();
                signed = signer.sign(new UnsignedTransaction(chainId, nonce, sim.gasLimit(), vault, BigInteger.ZERO,
                        VaultManage.manage(action.call()), fee.maxPriorityFeePerGas(), fee.maxFeePerGas()));
            } catch (SimulationFailedException | FeeCapExceededException e) {
                return stop(plan, outcomes, i, new ActionOutcome(i, ActionOutcome.NOT_RUN, null, null, null, null, e.getMessage()),
                        i == fromIndex ? ExecutionReport.REFUSED : ExecutionReport.FAILED);
            }
            listener.signed(plan.planId(), i, signed);
            ActionOutcome outcome = broadcastAndAwait(plan.planId(), i, action, signed);
            outcomes.add(outcome);
            if (!ActionOutcome.CONFIRMED.equals(outcome.status())) {
                return stop(plan, outcomes, i + 1, null, ExecutionReport.FAILED);
            }
            nonce = nonce.add(BigInteger.ONE);
        }
        LOG.infof("plan %s done: %d transactions", plan.planId(), outcomes.size());
        return new ExecutionReport(plan.planId(), ExecutionReport.DONE, outcomes, null);
    }

    private ActionOutcome broadcastAndAwait(String planId, int i, PlannedAction action, SignedTransaction signed) throws IOException {
        BigInteger nonce = signed.tx().nonce();
        try {
            chain.sendRawTransaction(signed.rawHex());
        } catch (IOException e) {
            listener.failed(planId, i, signed.hash(), e.getMessage());
            return new ActionOutcome(i, ActionOutcome.FAILED, signed.hash(), nonce, null, null, e.getMessage());
        }
        listener.sent(planId, i, signed);
        LOG.infof("plan %s action %d (%s) sent: %s nonce %s", planId, i, action.kind(), signed.hash(), nonce);
        Following following = new Following(planId, i, signed);
        ReceiptFollower.Result result = receiptFollower().follow(following);
        ExecutionChain.Receipt receipt = result.receipt();
        switch (result.outcome()) {
            case CONFIRMED -> {
                SignedTransaction mined = following.copy(receipt.txHash());
                listener.confirmed(planId, i, mined, receipt);
                return new ActionOutcome(i, ActionOutcome.CONFIRMED, mined.hash(), nonce, receipt.blockNumber(), receipt.gasUsed(), null);
            }
            case REVERTED -> {
                listener.failed(planId, i, receipt.txHash(), "reverted on chain");
                return new ActionOutcome(i, ActionOutcome.FAILED, receipt.txHash(), nonce, receipt.blockNumber(), receipt.gasUsed(),
                        "reverted on chain");
            }
            default -> {
                if (receipt != null) {
                    // on chain but not deep yet: it is not failed; the journal keeps it MINED for recovery to settle
                    throw new IOException("receipt of " + receipt.txHash() + " not " + confirmations + " blocks deep within "
                            + receiptTimeout.toSeconds() + " s");
                }
                String error = "not mined within " + receiptTimeout.toSeconds() + " s";
                listener.failed(planId, i, following.newest().hash(), error);
                return new ActionOutcome(i, ActionOutcome.FAILED, following.newest().hash(), nonce, null, null, error);
            }
        }
    }

    private ReceiptFollower receiptFollower() {
        return new ReceiptFollower(chain, confirmations, receiptTimeout);
    }

    /**
     * One action's copies as the follower sees them: journals MINED, re-broadcasts the mined copy's bytes after a
     * reorg, and replaces the newest copy once it has gone {@link ReplacementPolicy#stuckAfterBlocks} blocks unmined.
     */
    private final class Following implements ReceiptFollower.Watch {
        private final String planId;
        private final int i;
        private final List<SignedTransaction> copies = new ArrayList<>();
        private long sentAt = -1;

        Following(String planId, int i, SignedTransaction first) {
            this.planId = planId;
            this.i = i;
            copies.add(first);
        }

        SignedTransaction newest() {
            return copies.get(copies.size() - 1);
        }

        SignedTransaction copy(String hash) {
            return copies.stream().filter(c -> c.hash().equalsIgnoreCase(hash)).findFirst().orElse(newest());
        }

        @Override
        public List<String> hashes() {
            return copies.stream().map(SignedTransaction::hash).toList();
        }

        @Override
        public void mined(ExecutionChain.Receipt receipt) {
            listener.mined(planId, i, copy(receipt.txHash()), receipt);
        }

        @Override
        public void reorged(ExecutionChain.Receipt receipt) {
            SignedTransaction tx = copy(receipt.txHash());
            try {
                chain.sendRawTransaction(tx.rawHex());
            } catch (IOException e) {
                LOG.infof("re-broadcast of %s after a reorg answered: %s", tx.hash(), e.getMessage());
            }
        }

        @Override
        public void pending(long head) {
            if (sentAt < 0) {
                sentAt = head;
            } else if (replacement.stuck(sentAt, head) && copies.size() <= replacement.maxReplacements()) {
                LOG.infof("plan %s action %d: %s not mined in %d blocks (sent at head %d, head %d)", planId, i, newest().hash(),
                        head - sentAt, sentAt, head);
                sentAt = replace(planId, i, copies) ? head : Long.MAX_VALUE;
            }
        }
    }

    /** Signs the newest copy again with bumped fees, journals it, broadcasts it; false when the fee cap forbids it. */
    private boolean replace(String planId, int i, List<SignedTransaction> copies) {
        SignedTransaction last = copies.get(copies.size() - 1);
        UnsignedTransaction tx = last.tx();
        FeeQuote bumped;
        try {
            bumped = fees.bump(new FeeQuote(tx.maxFeePerGas(), tx.maxPriorityFeePerGas(), null), replacement.bumpBps());
        } catch (FeeCapExceededException | IOException e) {
            LOG.warnf("plan %s action %d stuck at nonce %s, not replaced: %s", planId, i, tx.nonce(), e.getMessage());
            return false;
        }
        SignedTransaction next = signer.sign(new UnsignedTransaction(tx.chainId(), tx.nonce(), tx.gasLimit(), tx.to(), tx.valueWei(),
                tx.data(), bumped.maxPriorityFeePerGas(), bumped.maxFeePerGas()));
        listener.replaced(planId, i, last, next);
        copies.add(next);
        try {
            chain.sendRawTransaction(next.rawHex());
        } catch (IOException e) {
            LOG.warnf("replacement %s of %s rejected (the original may be mined): %s", next.hash(), last.hash(), e.getMessage());
        }
        LOG.infof("plan %s action %d: %s replaced by %s at nonce %s (maxFee %s wei)", planId, i, last.hash(), next.hash(),
                tx.nonce(), bumped.maxFeePerGas());
        return true;
    }

    private ExecutionReport stop(ExecutionPlan plan, List<ActionOutcome> done, int from, ActionOutcome current, String status) {
        List<ActionOutcome> all = new ArrayList<>(done);
        String error = current != null ? current.error() : done.get(done.size() - 1).error();
        if (current != null) {
            all.add(current);
            from++;
        }
        all.addAll(notRun(from, plan.actions().size()));
        LOG.warnf("plan %s stopped (%s) at action %d: %s", plan.planId(), status, from - 1, error);
        return new ExecutionReport(plan.planId(), status, all, error);
    }

    private static List<ActionOutcome> notRun(int from, int to) {
        List<ActionOutcome> list = new ArrayList<>();
        for (int i = from; i < to; i++) {
            list.add(new ActionOutcome(i, ActionOutcome.NOT_RUN, null, null, null, null, null));
        }
        return list;
    }
}
