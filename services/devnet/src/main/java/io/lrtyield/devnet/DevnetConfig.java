package io.lrtyield.devnet;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Devnet deployer and simulator settings. The default keys are Anvil's public, well-known dev accounts. */
@ConfigMapping(prefix = "devnet")
public interface DevnetConfig {

    /** Private key that deploys the replicas and seeds them (Anvil account 0 by default). Dev chains only. */
    String deployerKey();

    /** Private key of the protocols' oracle role: the simulator reports rewards with it (Anvil account 1). */
    String oracleKey();

    /** Private key of the market maker that seeds the pools and the lending market and moves them (Anvil account 7). */
    String marketMakerKey();

    /** The strategy vault's strategist, the rebalancer's signer (Anvil account 2 by default). */
    String strategistAddress();

    /** Whether the markets (feeds, Curve, Aave, Pendle, EigenLayer, vault) are deployed after the tokens. */
    @WithDefault("true")
    boolean deployMarkets();

    /** Where the devnet catalogue is written once deployed, for services that load it from a file. */
    String catalogueFile();

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

        /** APR each token's fundamental rate accrues at, by asset symbol (stETH, rETH, cbETH, eETH, ezETH, rsETH, pufETH, rswETH). */
        Map<String, BigDecimal> aprs();

        /**
         * How often the simulator looks for a new block; it reports rewards and moves the markets at most once per block
         * (mainnet reports daily; the devnet compresses it). Below the block time, every block gets its report.
         */
        @WithDefault("2s")
        Duration reportInterval();

        /** Chain seconds per block: 0 = real time; above 0, Anvil's block timestamp interval (compressed time). */
        @WithDefault("0")
        long secondsPerBlock();

        /** Whether the simulator moves the markets (pool random walk, utilisation drift, feed updates). */
        @WithDefault("true")
        boolean marketMoves();

        /** A market feed publishes at least this often (chain time), as Chainlink's heartbeat. */
        @WithDefault("1h")
        Duration feedHeartbeat();

        /** A market feed publishes when its target moves more than this fraction from the last answer. */
        @WithDefault("0.005")
        BigDecimal feedDeviation();

        /** The RedStone-style market feeds publish at least this often (chain time): their own heartbeat. */
        @WithDefault("6h")
        Duration redstoneHeartbeat();

        /** The RedStone-style market feeds publish when their target moves more than this fraction from the last answer. */
        @WithDefault("0.01")
        BigDecimal redstoneDeviation();

        /** Bound of the Curve pools' random walk around the peg, in basis points (outside scenarios). */
        @WithDefault("20")
        int pegBandBps();

        /** Standard deviation of ETH/USD's random step per tick, in basis points (0 = ETH/USD stays put). */
        @WithDefault("5")
        int ethUsdStepBps();

        /** How far ETH/USD may walk from its deployed level, in basis points (outside scenarios). */
        @WithDefault("2000")
        int ethUsdBandBps();

        /** Seed of the market moves (pools, utilisation, ETH/USD), to replay a run; absent = a new seed each start, logged. */
        Optional<Long> seed();
    }
}
