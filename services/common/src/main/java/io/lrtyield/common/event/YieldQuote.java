package io.lrtyield.common.event;

import java.math.BigDecimal;
import java.util.List;

/**
 * What one venue pays, on {@code yields.v1}, keyed by venue id.
 *
 * @param netApy headline net APY, decimal fraction, after fees, for the reference size
 * @param basis the window the headline comes from ({@code 7d}, or the longest available while history is short)
 * @param components every part of the yield, fees as negative components
 * @param windows the 1d / 7d / 30d windows
 * @param sizeCurve net APY at several position sizes
 * @param samples how many rate observations the windows rest on
 * @param flags sanity-guard flags (clamped, jump, short-history …)
 */
public record YieldQuote(
        int schemaVersion,
        String eventId,
        String venueId,
        String venueKind,
        String asset,
        BigDecimal netApy,
        String basis,
        List<YieldComponent> components,
        List<WindowYield> windows,
        List<SizePoint> sizeCurve,
        int samples,
        List<String> flags,
        Provenance provenance) implements Event {

    public static final int SCHEMA_VERSION = 1;

    public YieldQuote {
        components = components == null ? List.of() : List.copyOf(components);
        windows = windows == null ? List.of() : List.copyOf(windows);
        sizeCurve = sizeCurve == null ? List.of() : List.copyOf(sizeCurve);
        flags = flags == null ? List.of() : List.copyOf(flags);
    }

    public static String idFor(String venueId, Provenance p) {
        return EventIds.of("YieldQuote", p.chainId(), p.blockNumber(), p.blockHash(), venueId);
    }

    @Override
    public String key() {
        return venueId;
    }
}
