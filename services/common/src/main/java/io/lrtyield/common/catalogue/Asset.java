package io.lrtyield.common.catalogue;

/**
 * A token the system prices.
 *
 * @param underlying the asset this token is denominated in ({@code ETH} for LSTs; the LST for wrapped forms)
 * @param fundamentalRate how ETH per token is read on chain; null for ETH itself
 */
public record Asset(String symbol, String address, int decimals, String underlying, RateSource fundamentalRate) {
}
