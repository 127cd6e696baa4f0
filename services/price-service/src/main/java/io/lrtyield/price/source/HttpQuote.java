package io.lrtyield.price.source;

import java.math.BigDecimal;

/**
 * The latest ETH/USD answer of the HTTP price API.
 *
 * @param usdPerEth the price; exact as the API wrote it
 * @param fetchedAtMillis wall-clock time of the successful fetch (staleness of off-chain sources is wall-clock)
 * @param lastUpdatedAt the API's own {@code last_updated_at} (unix seconds), 0 when it does not say
 */
public record HttpQuote(BigDecimal usdPerEth, long fetchedAtMillis, long lastUpdatedAt) {
}
