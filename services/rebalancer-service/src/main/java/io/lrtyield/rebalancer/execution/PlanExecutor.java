package io.lrtyield.rebalancer.execution;

import io.lrtyield.rebalancer.execution.allowlist.Allowlist;
import io.lrtyield.rebalancer.execution.allowlist.NotAllowlistedException;
import io.lrtyield.rebalancer.execution.chain.ExecutionChain;
import io.lrtyield.rebalancer.execution.sign.SignedTransaction;
import io.lrtyield.rebalancer.execution.sign.TransactionSigner;
import io.lrtyield.rebalancer.execution.sign.UnsignedTransaction;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs a plan through the vault, one transaction per action, in order. Before anything is signed: every call must
 * pass the off-chain allowlist and the whole plan must succeed in one simulated batch {@code manage}. Then, per
 * action: simulate and estimate gas against the pending state, price fees (capped), sign, hand the signed bytes to
 * the listener (journal) before broadcasting, and wait for the receipt; a revert or failure stops the plan.
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

    /** Replaces transactions stuck longer than the policy allows (default: never). */
    public PlanExecutor withReplacement(ReplacementPolicy policy) {
        this.replacement = policy;
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
        List<SignedTransaction> copies = new ArrayList<>(List.of(signed));
        Mined mined = awaitAny(planId, i, copies);
        while (mined != null) {
            listener.mined(planId, i, mined.tx(), mined.receipt());
            if (!mined.receipt().success() || deepEnough(planId, i, mined)) {
                break;
            }
            // reorged out: the same bytes go back to the mempool and are followed again
            rebroadcast(copies.get(copies.size() - 1));
            mined = awaitAny(planId, i, copies);
        }
        if (mined == null) {
            String error = "not mined within " + receiptTimeout.toSeconds() + " s";
            listener.failed(planId, i, copies.get(copies.size() - 1).hash(), error);
            return new ActionOutcome(i, ActionOutcome.FAILED, copies.get(copies.size() - 1).hash(), nonce, null, null, error);
        }
        ExecutionChain.Receipt receipt = mined.receipt();
        if (!receipt.success()) {
            listener.failed(planId, i, mined.tx().hash(), "reverted on chain");
            return new ActionOutcome(i, ActionOutcome.FAILED, mined.tx().hash(), nonce, receipt.blockNumber(), receipt.gasUsed(),
                    "reverted on chain");
        }
        listener.confirmed(planId, i, mined.tx(), receipt);
        return new ActionOutcome(i, ActionOutcome.CONFIRMED, mined.tx().hash(), nonce, receipt.blockNumber(), receipt.gasUsed(), null);
    }

    /** Waits until the receipt is {@code confirmations} blocks deep; false when it vanished or moved (a reorg). */
    private boolean deepEnough(String planId, int i, Mined mined) throws IOException {
        long block = mined.receipt().blockNumber();
        long deadline = System.nanoTime() + receiptTimeout.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<ExecutionChain.Receipt> again = chain.receipt(mined.tx().hash());
            if (again.isEmpty() || again.get().blockNumber() != block) {
                LOG.warnf("plan %s action %d: %s left block %d (reorg); following it again", planId, i, mined.tx().hash(), block);
                return false;
            }
            if (chain.blockNumber() >= block + confirmations - 1) {
                return true;
            }
            pause();
        }
        throw new IOException("receipt of " + mined.tx().hash() + " not " + confirmations + " blocks deep within " + receiptTimeout);
    }

    private void rebroadcast(SignedTransaction tx) {
        try {
            chain.sendRawTransaction(tx.rawHex());
        } catch (IOException e) {
            LOG.infof("re-broadcast of %s after a reorg answered: %s", tx.hash(), e.getMessage());
        }
    }

    private static void pause() throws IOException {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private record Mined(SignedTransaction tx, ExecutionChain.Receipt receipt) {
    }

    /** Waits for any copy to be mined; replaces the newest with bumped fees each time it is stuck, within the policy. */
    private Mined awaitAny(String planId, int i, List<SignedTransaction> copies) throws IOException {
        long start = System.nanoTime();
        long deadline = start + receiptTimeout.toNanos();
        long replaceAt = start + replacement.stuckAfter().toNanos();
        while (System.nanoTime() < deadline) {
            for (SignedTransaction copy : copies) {
                Optional<ExecutionChain.Receipt> receipt = chain.receipt(copy.hash());
                if (receipt.isPresent()) {
                    return new Mined(copy, receipt.get());
                }
            }
            if (System.nanoTime() >= replaceAt && copies.size() <= replacement.maxReplacements()) {
                replaceAt = replace(planId, i, copies) ? System.nanoTime() + replacement.stuckAfter().toNanos() : deadline;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted waiting for " + copies.get(0).hash(), e);
            }
        }
        return null;
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
