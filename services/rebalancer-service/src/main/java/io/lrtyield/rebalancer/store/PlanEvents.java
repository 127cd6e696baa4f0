package io.lrtyield.rebalancer.store;

import io.lrtyield.common.event.RebalancePlan;
import io.lrtyield.common.event.Topics;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;

/**
 * Every change of a plan goes to {@code rebalance-plans.v1}, keyed by vault (its order kept per vault). One publisher
 * for the decision pipeline, the dispatcher and the admin actions alike; the send is awaited by the caller.
 */
@ApplicationScoped
public class PlanEvents {

    private final MutinyEmitter<Record<String, RebalancePlan>> emitter;

    PlanEvents(@Channel(Topics.REBALANCE_PLANS_CHANNEL) MutinyEmitter<Record<String, RebalancePlan>> emitter) {
        this.emitter = emitter;
    }

    public Uni<Void> publish(RebalancePlan plan) {
        return emitter.send(Record.of(plan.vault(), plan));
    }
}
