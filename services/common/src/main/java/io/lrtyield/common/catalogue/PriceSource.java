package io.lrtyield.common.catalogue;

import java.math.BigInteger;
import java.util.List;
import java.util.Set;

/**
 * One market source of an asset's price in ETH, read in the block's Multicall3 snapshot.
 *
 * <ul>
 *   <li>{@code CHAINLINK}: {@code latestRoundData()} of an AggregatorV3 feed answering ETH per token, with the feed's
 *       {@code decimals} and {@code heartbeatSeconds} (an answer older than the heartbeat is STALE);</li>
 *   <li>{@code CURVE}: {@code get_dy(i, j, referenceSize)} on a two-coin StableSwap pool, coin {@code coinIndex} the
 *       token and the other coin ETH or WETH; the pool's {@code fee()} is taken out so the figure is the pool's
 *       price, not a trade's proceeds. {@code depthSizes} are also quoted: the exit-liquidity probe;</li>
 *   <li>{@code CURVE_EMA}: the pool's {@code price_oracle()} EMA (price of coin 1 in coin 0);</li>
 *   <li>{@code UNISWAP_V3}: {@code slot0()} spot price of an 18/18-decimal pool, {@code coinIndex} the token's
 *       position (0 = token0).</li>
 * </ul>
 *
 * @param id unique within the asset, e.g. {@code chainlink-weETH-ETH}
 * @param weight weight in the weighted median (more for deeper, more independent sources)
 * @param heartbeatSeconds for CHAINLINK: the feed's heartbeat; 0 otherwise
 * @param decimals for CHAINLINK: the feed's decimals
 * @param coinIndex the token's index in the pool (CURVE, CURVE_EMA, UNISWAP_V3)
 * @param referenceSize CURVE: the quote size in token base units (small: the pool's price)
 * @param depthSizes CURVE: larger sizes quoted to measure exit slippage, token base units
 * @param scaleByFundamental the source prices the token this asset wraps (stETH for wstETH, eETH for weETH): the
 *                           reading is multiplied by this asset's fundamental rate of the same block
 */
public record PriceSource(String id, String kind, String contract, Double weight, Long heartbeatSeconds, Integer decimals,
                          Integer coinIndex, BigInteger referenceSize, List<BigInteger> depthSizes, Boolean scaleByFundamental) {

    public static final String CHAINLINK = "CHAINLINK";
    public static final String CURVE = "CURVE";
    public static final String CURVE_EMA = "CURVE_EMA";
    public static final String UNISWAP_V3 = "UNISWAP_V3";
    private static final Set<String> KINDS = Set.of(CHAINLINK, CURVE, CURVE_EMA, UNISWAP_V3);

    public PriceSource {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a price source needs an id");
        }
        if (!KINDS.contains(kind)) {
            throw new IllegalArgumentException("price source " + id + " has unknown kind " + kind + "; expected one of " + KINDS);
        }
        if (contract == null || contract.isBlank()) {
            throw new IllegalArgumentException("price source " + id + " needs a contract");
        }
        // optional in the catalogue JSON: absent means the default
        weight = weight == null || weight <= 0 ? 1.0 : weight;
        heartbeatSeconds = heartbeatSeconds == null ? 0L : heartbeatSeconds;
        decimals = decimals == null ? 18 : decimals;
        coinIndex = coinIndex == null ? 0 : coinIndex;
        scaleByFundamental = scaleByFundamental != null && scaleByFundamental;
        depthSizes = depthSizes == null ? List.of() : List.copyOf(depthSizes);
        if (kind.equals(CHAINLINK) && heartbeatSeconds <= 0) {
            throw new IllegalArgumentException("Chainlink source " + id + " needs its heartbeatSeconds");
        }
        if (kind.equals(CHAINLINK) && decimals <= 0) {
            throw new IllegalArgumentException("Chainlink source " + id + " needs its decimals");
        }
        if (coinIndex < 0 || coinIndex > 1) {
            throw new IllegalArgumentException("price source " + id + ": coinIndex must be 0 or 1 (two-coin pools)");
        }
        if (kind.equals(CURVE)) {
            referenceSize = referenceSize == null ? BigInteger.TEN.pow(18) : referenceSize;
            if (referenceSize.signum() <= 0 || depthSizes.stream().anyMatch(s -> s.signum() <= 0)) {
                throw new IllegalArgumentException("Curve source " + id + ": quote sizes must be positive");
            }
        }
    }

    /** A Chainlink-style feed. */
    public static PriceSource chainlink(String id, String feed, int decimals, long heartbeatSeconds, double weight, boolean scaleByFundamental) {
        return new PriceSource(id, CHAINLINK, feed, weight, heartbeatSeconds, decimals, 0, null, List.of(), scaleByFundamental);
    }

    /** A Curve pool quoted at a reference size and at depth-probe sizes. */
    public static PriceSource curve(String id, String pool, int coinIndex, BigInteger referenceSize, List<BigInteger> depthSizes,
                                    double weight, boolean scaleByFundamental) {
        return new PriceSource(id, CURVE, pool, weight, 0L, 18, coinIndex, referenceSize, depthSizes, scaleByFundamental);
    }

    /** A Uniswap v3 pool's spot price (18/18 decimals); {@code coinIndex} is the token's position. */
    public static PriceSource uniswapV3(String id, String pool, int coinIndex, double weight, boolean scaleByFundamental) {
        return new PriceSource(id, UNISWAP_V3, pool, weight, 0L, 18, coinIndex, null, List.of(), scaleByFundamental);
    }

    /** A Curve pool's EMA price oracle. */
    public static PriceSource curveEma(String id, String pool, int coinIndex, double weight, boolean scaleByFundamental) {
        return new PriceSource(id, CURVE_EMA, pool, weight, 0L, 18, coinIndex, null, List.of(), scaleByFundamental);
    }
}
