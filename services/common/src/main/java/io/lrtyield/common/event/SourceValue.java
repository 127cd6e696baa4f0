package io.lrtyield.common.event;

import java.math.BigDecimal;

/**
 * One source's reading for an asset.
 *
 * @param source id of the source in the catalogue (e.g. {@code wstETH.stEthPerToken})
 * @param kind FUNDAMENTAL (protocol exchange rate), ORACLE, DEX or HTTP
 * @param value the reading in ETH per token, or null when unavailable
 * @param available false when the read failed; {@code detail} says why
 */
public record SourceValue(String source, String kind, BigDecimal value, boolean available, String detail) {
}
