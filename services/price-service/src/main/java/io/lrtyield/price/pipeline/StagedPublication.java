package io.lrtyield.price.pipeline;

import io.lrtyield.common.chain.BlockHead;
import io.lrtyield.common.event.PriceTick;
import io.lrtyield.common.event.RiskAlert;
import io.smallrye.mutiny.Uni;

import java.util.List;

/**
 * One block's publication in stages — computed, alerts sent, ticks sent, stored — remembered for the block in flight,
 * so that a retry after a partial failure (Kafka acknowledged the ticks, then Redis failed) redoes only what did not
 * complete: no tick sent twice, and the aggregation (which keeps state: growth cap, depeg levels, previous rates) runs
 * once per block. A retry of another block, or of the same height with another hash (reorg), starts afresh.
 */
public final class StagedPublication {

    /** What one block's publication is made of. */
    public interface Stages {
        /** Read the block's snapshot and aggregate it; the ticks already marked backfilled when they are. */
        Uni<Computed> compute(BlockHead block, Long backfilledAt);

        Uni<Void> sendAlerts(List<RiskAlert> alerts);

        Uni<Void> sendTicks(List<PriceTick> ticks);

        /** Store the ticks and the block as the last one fully published. */
        Uni<Void> store(BlockHead block, List<PriceTick> ticks);
    }

    /** One block's ticks and the alerts they raised. */
    public record Computed(List<PriceTick> ticks, List<RiskAlert> alerts) {
    }

    private record Progress(long number, String hash, Computed computed, boolean alertsSent, boolean ticksSent) {

        boolean of(BlockHead block) {
            return number == block.number() && hash.equalsIgnoreCase(block.hash());
        }
    }

    private final Stages stages;
    /** The block in flight; one publication at a time. */
    private volatile Progress progress;

    public StagedPublication(Stages stages) {
        this.stages = stages;
    }

    /** Publishes the block's ticks, resuming after the last stage completed if the previous try was this block's. */
    public Uni<List<PriceTick>> publish(BlockHead block, Long backfilledAt) {
        return publish(block, backfilledAt, () -> { });
    }

    /**
     * As {@link #publish(BlockHead, Long)}; {@code acknowledged} runs once Kafka acknowledged every tick of the block
     * (before they are stored: that moment is when consumers can have them), not when a retry finds them sent already.
     */
    public Uni<List<PriceTick>> publish(BlockHead block, Long backfilledAt, Runnable acknowledged) {
        Progress resumed = progress != null && progress.of(block) ? progress : null;
        Uni<Progress> computed = resumed != null ? Uni.createFrom().item(resumed)
                : stages.compute(block, backfilledAt).map(c -> remember(new Progress(block.number(), block.hash(), c, false, false)));
        return computed
                .chain(p -> p.alertsSent() ? Uni.createFrom().item(p) : stages.sendAlerts(p.computed().alerts())
                        .map(x -> remember(new Progress(p.number(), p.hash(), p.computed(), true, false))))
                .chain(p -> p.ticksSent() ? Uni.createFrom().item(p) : stages.sendTicks(p.computed().ticks())
                        .invoke(acknowledged)
                        .map(x -> remember(new Progress(p.number(), p.hash(), p.computed(), true, true))))
                .chain(p -> stages.store(block, p.computed().ticks()).map(x -> {
                    progress = null;
                    return p.computed().ticks();
                }));
    }

    private Progress remember(Progress p) {
        progress = p;
        return p;
    }
}
