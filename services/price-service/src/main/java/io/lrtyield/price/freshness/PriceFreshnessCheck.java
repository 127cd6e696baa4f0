package io.lrtyield.price.freshness;

import io.lrtyield.common.chain.BlockHead;
import io.lrtyield.common.runtime.ChainHeads;
import io.lrtyield.price.PriceConfig;
import io.lrtyield.price.pipeline.PricePipeline;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Not ready while the newest priced block is {@code price.stale-after-blocks} behind the head: says how far, and why. */
@Readiness
@ApplicationScoped
public class PriceFreshnessCheck implements HealthCheck {

    private final ChainHeads heads;
    private final PricePipeline pipeline;
    private final Freshness freshness;

    PriceFreshnessCheck(ChainHeads heads, PricePipeline pipeline, PriceConfig config) {
        this.heads = heads;
        this.pipeline = pipeline;
        this.freshness = new Freshness(config.staleAfterBlocks());
    }

    @Override
    public HealthCheckResponse call() {
        BlockHead head = heads.last();
        Long last = pipeline.lastProcessedBlock();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("prices");
        if (head != null) {
            response.withData("head", head.number());
        }
        if (last != null) {
            response.withData("lastProcessedBlock", last);
        }
        String behind = freshness.behind(last, head == null ? null : head.number());
        return behind == null ? response.up().build() : response.down().withData("reason", behind).build();
    }
}
