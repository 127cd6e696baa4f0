package io.lrtyield.price.snapshot;

import java.math.BigDecimal;

/** An asset's fundamental rate as read in one snapshot; {@code rate} is null when the read failed. */
public record RateReading(String asset, String source, BigDecimal rate, String error) {

    public boolean available() {
        return rate != null;
    }
}
