package io.lrtyield.price;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** price-service settings. */
@ConfigMapping(prefix = "price")
public interface PriceConfig {

    /** Ticks kept per asset in the Redis history (one per block). */
    @WithDefault("50000")
    int historyRetention();

    /** Default and maximum page size of the history API. */
    @WithDefault("1000")
    int historyMaxLimit();
}
