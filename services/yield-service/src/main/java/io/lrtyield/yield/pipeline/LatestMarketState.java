package io.lrtyield.yield.pipeline;

import io.lrtyield.yield.model.MarketState;
import jakarta.enterprise.context.ApplicationScoped;

/** The newest block's market snapshot, shared from the market pipeline to the staking quotes (exit pools). */
@ApplicationScoped
public class LatestMarketState {

    private volatile MarketState state;

    void set(MarketState state) {
        this.state = state;
    }

    /** Null until the first snapshot. */
    public MarketState get() {
        return state;
    }
}
