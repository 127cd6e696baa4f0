package io.lrtyield.common.event;

import com.fasterxml.jackson.annotation.JsonCreator;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

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
 * @param risk risk inputs as exact decimal strings (leverage, healthFactor, liquidationDepeg, withdrawalDelaySeconds,
 *             exitLiquidityEth, pointsApyLow/High …); empty when the venue kind has none
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
        Provenance provenance,
        Map<String, String> risk) implements Event {

    public static final int SCHEMA_VERSION = 1;

    @JsonCreator
    public YieldQuote {
        components = components == null ? List.of() : List.copyOf(components);
        windows = windows == null ? List.of() : List.copyOf(windows);
        sizeCurve = sizeCurve == null ? List.of() : List.copyOf(sizeCurve);
        flags = flags == null ? List.of() : List.copyOf(flags);
        risk = risk == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(risk));
    }

    /** A quote without risk inputs. */
    public YieldQuote(int schemaVersion, String eventId, String venueId, String venueKind, String asset, BigDecimal netApy,
                      String basis, List<YieldComponent> components, List<WindowYield> windows, List<SizePoint> sizeCurve,
                      int samples, List<String> flags, Provenance provenance) {
        this(schemaVersion, eventId, venueId, venueKind, asset, netApy, basis, components, windows, sizeCurve, samples, flags,
                provenance, Map.of());
    }

    public static String idFor(String venueId, Provenance p) {
        return EventIds.of("YieldQuote", p.chainId(), p.blockNumber(), p.blockHash(), venueId);
    }

    @Override
    public String key() {
        return venueId;
    }
}
