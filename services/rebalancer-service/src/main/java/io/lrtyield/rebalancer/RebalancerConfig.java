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

    /**
     * First block to search ether.fi's WithdrawRequestNFT {@code Transfer} logs for the request NFTs minted to the vault
     * (the NFT cannot list an owner's tokens): the vault's deployment block on mainnet, 0 on the devnet.
     */
    @WithDefault("0")
    long withdrawalLogsFromBlock();

    /**
     * The decision lease: of the instances running for one vault only the holder decides and moves plans; a standby
     * takes over at most this long after the holder dies ({@link io.lrtyield.rebalancer.lease.DecisionLeader}).
     */
    @WithDefault("PT10S")
    java.time.Duration decisionLeaseTtl();

    /** Widest block range asked in one {@code eth_getLogs} (RPC providers cap it); a wider search is split. */
    @WithDefault("10000")
    long logsMaxBlockRange();

    /**
     * How often the decision leader publishes the incident alerts other instances queued (an admin's acknowledgement
     * served by a standby); what the leader queues itself goes out at once.
     */
    @WithDefault("PT1S")
    java.time.Duration incidentAlertInterval();
}
