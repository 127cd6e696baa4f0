package io.lrtyield.devnet;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;

/** Devnet deployer and simulator settings. The default keys are Anvil's public, well-known dev accounts. */
@ConfigMapping(prefix = "devnet")
public interface DevnetConfig {

    /** Private key that deploys the replicas and seeds them (Anvil account 0 by default). Dev chains only. */
    String deployerKey();

    /** Private key of the protocols' oracle role: the simulator reports rewards with it (Anvil account 1). */
    String oracleKey();

    /** ETH staked into stETH at deployment, so the pool has mainnet-like depth. */
    @WithDefault("1000")
    BigDecimal seedStakeEth();

    /** ETH wrapped into wstETH at deployment. */
    @WithDefault("500")
    BigDecimal seedWrapEth();

    /** Market simulator settings. */
    Simulator simulator();

    interface Simulator {
        /** Whether the simulator runs. */
        @WithDefault("true")
        boolean enabled();

        /** APR each token's fundamental rate accrues at, by asset symbol (stETH, rETH, cbETH, eETH, ezETH, rsETH, pufETH). */
        Map<String, BigDecimal> aprs();

        /** How often an oracle report is sent (mainnet: daily; the devnet compresses it). */
        @WithDefault("2s")
        Duration reportInterval();
    }
}
