package io.lrtyield.price;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** price-service settings. */
@ConfigMapping(prefix = "price")
public interface PriceConfig {

    /** Ticks kept per asset in the Redis history (one per block). */
    @WithDefault("50000")
    int historyRetention();

    /** How long (chain time) the growth cap's reference snapshot is kept before it follows the rate forward. */
    @WithDefault("7d")
    java.time.Duration growthCapRefresh();

    /** Default and maximum page size of the history API. */
    @WithDefault("1000")
    int historyMaxLimit();
}
