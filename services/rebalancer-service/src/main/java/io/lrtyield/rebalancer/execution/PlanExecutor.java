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
        ExecutionChain.Receipt receipt = awaitReceipt(signed.hash());
        if (receipt == null) {
            String error = "not mined within " + receiptTimeout.toSeconds() + " s";
            listener.failed(planId, i, signed.hash(), error);
            return new ActionOutcome(i, ActionOutcome.FAILED, signed.hash(), nonce, null, null, error);
        }
        listener.mined(planId, i, signed, receipt);
        if (!receipt.success()) {
            listener.failed(planId, i, signed.hash(), "reverted on chain");
            return new ActionOutcome(i, ActionOutcome.FAILED, signed.hash(), nonce, receipt.blockNumber(), receipt.gasUsed(),
                    "reverted on chain");
        }
        return new ActionOutcome(i, ActionOutcome.CONFIRMED, signed.hash(), nonce, receipt.blockNumber(), receipt.gasUsed(), null);
    }

    private ExecutionChain.Receipt awaitReceipt(String hash) throws IOException {
        long deadline = System.nanoTime() + receiptTimeout.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<ExecutionChain.Receipt> receipt = chain.receipt(hash);
            if (receipt.isPresent()) {
                return receipt.get();
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted waiting for " + hash, e);
            }
        }
        return null;
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
