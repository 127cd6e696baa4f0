package io.lrtyield.rebalancer;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** rebalancer-service settings. */
@ConfigMapping(prefix = "rebalancer")
public interface RebalancerConfig {

    /** The vault this instance manages (its address once the StrategyVault is deployed). */
    @WithDefault("devnet-vault")
    String vault();

    /** Decisions kept per vault in Redis. */
    @WithDefault("1000")
    int decisionsKept();
}
