package io.lrtyield.common.catalogue;

/**
 * A token the system prices.
 *
 * @param underlying the asset this token is denominated in ({@code ETH} for LSTs; the LST for wrapped forms)
 * @param fundamentalRate how ETH per token is read on chain; null for ETH itself and for rebasing tokens, which are
 *                        redeemable 1:1 for their underlying (stETH, eETH)
 * @param market where the token's market price comes from and how it is checked; null when it has none
 */
public record Asset(String symbol, String address, int decimals, String underlying, RateSource fundamentalRate, MarketPricing market) {

    /** An asset without market sources. */
    public Asset(String symbol, String address, int decimals, String underlying, RateSource fundamentalRate) {
        this(symbol, address, decimals, underlying, fundamentalRate, null);
    }

    /** Has market sources to price. */
    public boolean marketPriced() {
        return market != null && !market.sources().isEmpty();
    }

    /** The price service publishes a tick for it: it has a fundamental rate, or is priced at par. */
    public boolean priced() {
        return fundamentalRate != null || atPar();
    }

    /** Rebasing token priced at par against its underlying (no rate view of its own, but market sources). */
    public boolean atPar() {
        return fundamentalRate == null && marketPriced();
    }
}
