package io.lrtyield.price.snapshot;

import io.lrtyield.common.catalogue.PriceSource;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;

/**
 * One market source's reading in one snapshot, before any check.
 *
 * @param value price of the source's token in ETH (or USD per ETH for ETH/USD feeds), not yet scaled by the
 *              asset's fundamental rate; null when the read failed
 * @param updatedAt CHAINLINK: the answer's {@code updatedAt} (unix seconds); 0 for pools, which are live
 * @param depthSlippageBps CURVE: size (token base units) → slippage of a sale of that size against the reference
 *                         quote, in bps
 */
public record MarketReading(String asset, PriceSource source, BigDecimal value, long updatedAt,
                            Map<BigInteger, BigDecimal> depthSlippageBps, String error) {

    public MarketReading {
        depthSlippageBps = depthSlippageBps == null ? Map.of() : Map.copyOf(depthSlippageBps);
    }

    public static MarketReading unavailable(String asset, PriceSource source, String error) {
        return new MarketReading(asset, source, null, 0, Map.of(), error);
    }

    public boolean available() {
        return value != null;
    }
}
