package io.lrtyield.rebalancer;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.math.BigDecimal;

/** rebalancer-service settings. */
@ConfigMapping(prefix = "rebalancer")
public interface RebalancerConfig {

    /** The vault this instance manages (its address once the StrategyVault is deployed). */
    @WithDefault("devnet-vault")
    String vault();

    /** Venue the vault's ETH sits in until the on-chain portfolio reader takes over. */
    @WithDefault("idle-eth")
    String currentVenue();

    /** The catalogue venue that holds plain ETH and earns nothing. */
    @WithDefault("idle-eth")
    String idleVenue();

    /** A move is proposed only when the best venue beats the current one by at least this many basis points. */
    @WithDefault("10")
    BigDecimal minGainBps();

    /** Decisions kept per vault in Redis. */
    @WithDefault("1000")
    int decisionsKept();
}
