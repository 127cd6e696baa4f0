package io.lrtyield.rebalancer.execution;

import io.lrtyield.common.event.ExecutionEvent;
import io.lrtyield.common.event.Provenance;
import io.lrtyield.rebalancer.execution.chain.ExecutionChain;
import io.lrtyield.rebalancer.execution.sign.SignedTransaction;
import org.jboss.logging.Logger;

import java.util.function.Consumer;

/**
 * Every state change of every transaction as an {@link ExecutionEvent} for {@code executions.v1}: hash, nonce, fees,
 * never the raw bytes. Best effort after the journal: a failed publish is logged and never stops execution (the
 * journal, not the topic, is the record that matters for exactly-once).
 */
public final class ExecutionEventPublisher implements ExecutionListener {

    private static final Logger LOG = Logger.getLogger(ExecutionEventPublisher.class);

    private final String vault;
    private final long chainId;
    private final Consumer<ExecutionEvent> sink;

    public ExecutionEventPublisher(String vault, long chainId, Consumer<ExecutionEvent> sink) {
        this.vault = vault;
        this.chainId = chainId;
        this.sink = sink;
    }

    @Override
    public void signed(String planId, int index, SignedTransaction tx) {
        publish(planId, index, "SIGNED", tx, 0, null);
    }

    @Override
    public void sent(String planId, int index, SignedTransaction tx) {
        publish(planId, index, "SENT", tx, 0, null);
    }

    @Override
    public void replaced(String planId, int index, SignedTransaction stuck, SignedTransaction replacement) {
        publish(planId, index, "REPLACED", stuck, 0, "replaced by " + replacement.hash());
    }

    @Override
    public void mined(String planId, int index, SignedTransaction tx, ExecutionChain.Receipt receipt) {
        publish(planId, index, "MINED", tx, receipt.blockNumber(), receipt.success() ? null : "reverted on chain");
    }

    @Override
    public void confirmed(String planId, int index, SignedTransaction tx, ExecutionChain.Receipt receipt) {
        publish(planId, index, "CONFIRMED", tx, receipt.blockNumber(), null);
    }

    @Override
    public void failed(String planId, int index, String txHash, String error) {
        send(new ExecutionEvent(ExecutionEvent.SCHEMA_VERSION, ExecutionEvent.idFor(vault, String.valueOf(txHash), "FAILED"), vault,
                planId, index, "FAILED", txHash, null, null, null, null, null, error, new Provenance(chainId, 0, null, 0)));
    }

    private void publish(String planId, int index, String status, SignedTransaction tx, long block, String error) {
        send(new ExecutionEvent(ExecutionEvent.SCHEMA_VERSION, ExecutionEvent.idFor(vault, tx.hash(), status), vault, planId, index,
                status, tx.hash(), tx.tx().nonce(), tx.tx().to(), tx.tx().valueWei(), tx.tx().maxFeePerGas(),
                tx.tx().maxPriorityFeePerGas(), error, new Provenance(chainId, block, null, 0)));
    }

    private void send(ExecutionEvent event) {
        try {
            sink.accept(event);
        } catch (io.smallrye.mutiny.TimeoutException e) {
            // the record stays with the Kafka producer, which keeps trying until its delivery timeout: it usually arrives
            LOG.warnf("execution event %s %s not acknowledged by Kafka in time (broker unreachable?); the producer keeps "
                    + "retrying it and execution goes on", event.status(), event.txHash());
        } catch (RuntimeException e) {
            LOG.warnf("execution event %s %s not published: %s", event.status(), event.txHash(),
                    e.getMessage() == null ? e.getClass().getName() : e.getMessage());
        }
    }
}
