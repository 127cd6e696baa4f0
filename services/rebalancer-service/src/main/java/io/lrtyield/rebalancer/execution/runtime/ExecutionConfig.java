package io.lrtyield.rebalancer.execution.runtime;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** rebalancer-service execution settings (signing, allowlist, simulation, fees). */
@ConfigMapping(prefix = "rebalancer.execution")
public interface ExecutionConfig {

    /** Whether this instance may sign and send transactions at all; off, it only decides. */
    @WithDefault("false")
    boolean enabled();

    /** The encrypted (Ethereum v3) keystore file of the vault's strategist. */
    Optional<String> keystoreFile();

    /** Name of the environment variable holding the keystore password (a Kubernetes secret). */
    @WithDefault("SIGNER_KEYSTORE_PASSWORD")
    String keystorePasswordEnv();

    /** The off-chain allowlist: {@code classpath:…} or a file path (JSON, see AllowlistLoader). */
    @WithDefault("classpath:allowlists/devnet.json")
    String allowlist();

    /** Address-book entries the catalogue does not name (e.g. deposit pools), name → address. */
    Map<String, String> addresses();

    /** First block to read the vault's AllowedSet events from (its deployment block on mainnet). */
    @WithDefault("0")
    long allowlistFromBlock();

    /** Stop the service when the off-chain and on-chain allowlists differ (otherwise: never sign, readiness down). */
    @WithDefault("true")
    boolean exitOnAllowlistMismatch();

    /** Margin added to every gas estimate, in basis points. */
    @WithDefault("2000")
    int gasMarginBps();

    /** Blocks of eth_feeHistory behind each fee quote. */
    @WithDefault("10")
    int feeHistoryBlocks();

    /** Priority-fee percentile of those blocks to pay. */
    @WithDefault("50")
    double feeRewardPercentile();

    /** Tip floor, gwei. */
    @WithDefault("0.01")
    BigDecimal minPriorityFeeGwei();

    /** Tip ceiling, gwei. */
    @WithDefault("3")
    BigDecimal maxPriorityFeeGwei();

    /** Hard cap on maxFeePerGas, gwei: nothing is signed above it. */
    @WithDefault("200")
    BigDecimal maxFeeGwei();

    /** The per-vault executor lease: a standby instance takes over at most this long after the active one dies. */
    @WithDefault("PT15S")
    Duration leaseTtl();

    /** A sent transaction not mined within this many new blocks is replaced at the same nonce with bumped fees. */
    @WithDefault("5")
    int stuckAfterBlocks();

    /** Fee bump of each replacement, basis points (nodes require at least 1000). */
    @WithDefault("1250")
    int replacementBumpBps();

    /** Replacements per transaction, at most (each also capped by max-fee-gwei). */
    @WithDefault("3")
    int maxReplacements();

    /** Blocks deep a receipt must be (unchanged by a reorg) before its action is CONFIRMED and the next one starts. */
    @WithDefault("2")
    int confirmations();

    /** Last resort only (receipts are followed per block): how long a receipt may take before an action is not mined. */
    @WithDefault("PT3M")
    Duration receiptTimeout();
}
