package io.lrtyield.rebalancer.pipeline;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;

/** The per-block strategy: portfolio, risk, policy, plans. */
@ConfigMapping(prefix = "rebalancer.strategy")
public interface StrategyConfig {

    /** Run the per-block pipeline (portfolio → decision → plan). */
    @WithDefault("true")
    boolean enabled();

    /**
     * How long a head's decision waits for that block's price ticks before it reads the portfolio and decides with
     * whatever prices it has (0: never waits). Deciding on the block's own prices rather than the previous block's is
     * the point; that the portfolio read and the decision then no longer compete with the price service's reads and
     * sends for the node and the CPU at the head's arrival is a gain too. Past blocks decided while catching up never wait.
     */
    @WithDefault("PT0.3S")
    Duration awaitBlockPrices();

    /** λ: APY points charged per unit of risk score. */
    @WithDefault("1.0")
    double riskAversion();

    /**
     * Holding horizon over which yield gains are compared with one-off costs, days. A vault holds for months; 90 days is
     * also the yield service's amortisation horizon.
     */
    @WithDefault("90")
    double horizonDays();

    /** A plan must gain at least this much ETH over the horizon beyond its costs. */
    @WithDefault("0.01")
    BigDecimal minGainEth();

    /** … and gain ≥ costs · (1 + cost-margin). */
    @WithDefault("0.5")
    double costMargin();

    /** Least block time between two proposed plans (emergency deleverage excepted). */
    @WithDefault("PT1H")
    Duration cooldown();

    /**
     * Default cap of one venue, fraction of the vault: no single issuer's contract holds more than this (curators of
     * LST/LRT vaults commonly keep one issuer under a third).
     */
    @WithDefault("0.3")
    double venueCapFraction();

    /** Per-venue caps as fractions of the vault, e.g. {@code aave-wsteth-loop=0.2,idle-eth=1}. */
    Optional<String> venueCaps();

    /** Cap per protocol, fraction of the vault. */
    @WithDefault("0.6")
    double protocolCapFraction();

    /**
     * Cap on the vault's ETH delegated to one EigenLayer operator, summed over venues weighted by each one's share with that
     * operator (from the quotes' on-chain exposure), fraction of the vault.
     */
    @WithDefault("0.25")
    double operatorCapFraction();

    /** Cap on the vault's ETH one AVS operator set can slash, summed over venues weighted by their slashable share. */
    @WithDefault("0.2")
    double avsCapFraction();

    /** Cap per underlying staking token, fraction of the vault. */
    @WithDefault("0.7")
    double underlyingCapFraction();

    /** Caps per risk tier, fractions of the vault: {@code tier=fraction,…}. */
    @WithDefault("3=0.5,4=0.2,5=0")
    String tierCaps();

    /** Share of the vault redeemable within reserve-max-delay-days. */
    @WithDefault("0.1")
    double reserveFraction();

    /** D of the liquidity reserve, days. */
    @WithDefault("1")
    double reserveMaxDelayDays();

    /** Gas price the transition costs assume, gwei. */
    @WithDefault("20")
    double gasPriceGwei();

    /** Gas per vault action. */
    @WithDefault("250000")
    long gasPerAction();

    /** Spread charged per ETH traded on top of each route's own entry and exit costs, bps. */
    @WithDefault("1")
    double slippageBps();

    /**
     * Extra quadratic slippage per ETH traded (cost = k·t², ETH), on top of the routes' own exact costs (the size curves
     * and exit routes of the quotes); 0 by default.
     */
    @WithDefault("0")
    double quadraticCost();

    /** Smallest trade worth making, ETH. */
    @WithDefault("0.1")
    double minTradeEth();

    /**
     * Leverage rungs each loop is offered at, fractions of its liquidation threshold (LTV = rung × LT, capped at the
     * venue's maxLtv and targetLtv); empty: the catalogue's targetLtv only.
     */
    @WithDefault("0.5,0.7,0.8,0.88")
    String loopRungs();

    /**
     * After a stall (Redis, RPC, a restart) every missed block is decided, in order; a block further behind the newest
     * head than this is not (logged, counted in {@code rebalancer_decision_gap_blocks_total}).
     */
    @WithDefault("256")
    long maxBackfillBlocks();

    /** A price older than this many blocks is treated as stale, whatever its status said. */
    @WithDefault("10")
    long maxPriceAgeBlocks();

    /** A PROPOSED or APPROVED plan not started within this many blocks expires: its min-outs are never older. */
    @WithDefault("20")
    long planExpiryBlocks();

    /** A loop below this health factor is deleveraged at once. */
    @WithDefault("1.03")
    BigDecimal hfTrigger();

    /** No plan step may leave a loop below this health factor. */
    @WithDefault("1.01")
    BigDecimal minHealthFactor();

    /** A deleverage stops at this health factor. */
    @WithDefault("1.06")
    BigDecimal targetHealthFactor();

    /** min-out = expected at the fundamental price less this many bps. */
    @WithDefault("50")
    int maxSlippageBps();

    /** Most unwind steps in one plan. */
    @WithDefault("40")
    int maxSteps();

    /** Plan approval: {@code auto} (proposed plans are approved at once) or {@code manual} (POST …/approve). */
    @WithDefault("manual")
    String approval();

    /** Depeg history window for the risk score. */
    @WithDefault("P30D")
    Duration alertWindow();

    /** A fundamental-rate decrease of at least this many bps opens an incident (venue capped to 0 until acknowledged). */
    @WithDefault("1")
    java.math.BigDecimal incidentMinRateDecreaseBps();

    /** Stress: each restaking token depegs by this fraction. */
    @WithDefault("0.10")
    BigDecimal lrtDepeg();

    /** Stress: all staking tokens depeg together by this fraction. */
    @WithDefault("0.05")
    BigDecimal lstDepeg();

    /** Stress: borrow APR of the rate-spike scenario. */
    @WithDefault("0.25")
    BigDecimal borrowAprSpike();

    /** A loop whose HF at target leverage falls below this in any stress scenario is capped at 0. */
    @WithDefault("1.0")
    BigDecimal minStressedHealthFactor();

    /** Risk score per tier, APY units. */
    @WithDefault("0.002")
    double tierWeight();

    /** Risk score per depeg alert in the window, APY units. */
    @WithDefault("0.002")
    double depegAlertWeight();

    /** Risk score at zero exit liquidity, APY units. */
    @WithDefault("0.01")
    double illiquidityWeight();

    /** Risk score per day of withdrawal delay, APY units. */
    @WithDefault("0.0002")
    double delayWeightPerDay();

    /** Slashing exposure of restaking venues, APY units. */
    @WithDefault("0.003")
    double slashingExposure();
}
