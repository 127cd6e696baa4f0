package io.lrtyield.rebalancer.execution;

import io.lrtyield.rebalancer.execution.chain.ExecutionChain;
import io.lrtyield.rebalancer.execution.chain.ExecutionChain.CallResult;
import io.lrtyield.rebalancer.execution.chain.ExecutionChain.GasEstimate;

import java.io.IOException;
import java.math.BigInteger;
import java.util.List;

/**
 * Simulates vault transactions exactly as they will be sent — from the strategist, to the vault, against the pending
 * state — and sizes their gas limit: the node's estimate plus a margin. A revert in either step is a
 * {@link SimulationFailedException}.
 */
public final class TransactionSimulator {

    private static final BigInteger BPS = BigInteger.valueOf(10_000);

    private final ExecutionChain chain;
    private final int gasMarginBps;

    public TransactionSimulator(ExecutionChain chain, int gasMarginBps) {
        if (gasMarginBps < 0) {
            throw new IllegalArgumentException("gas margin " + gasMarginBps);
        }
        this.chain = chain;
        this.gasMarginBps = gasMarginBps;
    }

    /** The gas estimate and the limit to sign with. */
    public record Simulation(BigInteger gasEstimate, BigInteger gasLimit) {
    }

    /** The whole plan in one {@code eth_call} of the vault's batch {@code manage}: would every step succeed in order? */
    public void preflight(String strategist, String vault, List<ContractCall> calls) throws IOException {
        CallResult r = chain.call(strategist, vault, VaultManage.manageBatch(calls), BigInteger.ZERO);
        if (r.reverted()) {
            throw new SimulationFailedException("the plan (" + calls.size() + " calls)", r.revertReason());
        }
    }

    /** One vault transaction: {@code eth_call}, then {@code eth_estimateGas}; the limit is the estimate plus the margin. */
    public Simulation simulate(String strategist, String vault, ContractCall call) throws IOException {
        String data = VaultManage.manage(call);
        CallResult r = chain.call(strategist, vault, data, BigInteger.ZERO);
        if (r.reverted()) {
            throw new SimulationFailedException(call.signature() + " on " + call.target(), r.revertReason());
        }
        GasEstimate estimate = chain.estimateGas(strategist, vault, data, BigInteger.ZERO);
        if (estimate.reverted()) {
            throw new SimulationFailedException(call.signature() + " on " + call.target() + " (gas estimate)", estimate.revertReason());
        }
        BigInteger limit = estimate.gas().multiply(BPS.add(BigInteger.valueOf(gasMarginBps))).add(BPS.subtract(BigInteger.ONE)).divide(BPS);
        return new Simulation(estimate.gas(), limit);
    }
}
