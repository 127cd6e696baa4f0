package io.lrtyield.common.event;

import java.math.BigDecimal;

/**
 * One source's reading for an asset.
 *
 * @param source id of the source in the catalogue (e.g. {@code wstETH.stEthPerToken}, {@code chainlink-weETH-ETH})
 * @param kind FUNDAMENTAL (protocol exchange rate), CHAINLINK, CURVE, CURVE_EMA, UNISWAP_V3 or HTTP
 * @param value the reading in ETH per token, or null when unavailable
 * @param available false when the read failed; {@code detail} says why
 * @param detail why the source is unavailable or was not used
 * @param status OK (used), UNAVAILABLE, STALE (older than its heartbeat), JUMP (moved beyond the per-block bound,
 *               not yet corroborated), OUTLIER (too far from the median), IMPLAUSIBLE (premium over the fundamental
 *               rate beyond the bound)
 * @param weight the source's weight in the median (0 when not used)
 * @param contract the contract read (FUNDAMENTAL: the rate view's contract), so a consumer can tell which deployment a
 *                 reading came from; null when not stated
 */
public record SourceValue(String source, String kind, BigDecimal value, boolean available, String detail, String status, double weight,
                          String contract) {

    public static final String OK = "OK";
    public static final String UNAVAILABLE = "UNAVAILABLE";
    public static final String STALE = "STALE";
    public static final String JUMP = "JUMP";
    public static final String OUTLIER = "OUTLIER";
    public static final String IMPLAUSIBLE = "IMPLAUSIBLE";

    /** A reading whose status follows from its availability. */
    public SourceValue(String source, String kind, BigDecimal value, boolean available, String detail) {
        this(source, kind, value, available, detail, available ? OK : UNAVAILABLE, 0, null);
    }

    /** A reading without the contract stated. */
    public SourceValue(String source, String kind, BigDecimal value, boolean available, String detail, String status, double weight) {
        this(source, kind, value, available, detail, status, weight, null);
    }

    public boolean used() {
        return OK.equals(status);
    }
}
