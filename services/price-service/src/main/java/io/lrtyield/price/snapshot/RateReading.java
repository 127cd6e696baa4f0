package io.lrtyield.price.snapshot;

import java.math.BigDecimal;

/**
 * An asset's fundamental rate as read in one snapshot; {@code rate} is null when the read failed.
 *
 * @param contract the contract the rate was read from (null for assets priced at par)
 */
public record RateReading(String asset, String source, BigDecimal rate, String error, String contract) {

    public RateReading(String asset, String source, BigDecimal rate, String error) {
        this(asset, source, rate, error, null);
    }

    public boolean available() {
        return rate != null;
    }
}
