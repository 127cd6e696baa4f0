package io.lrtyield.common.event;

import java.math.BigDecimal;
import java.util.List;

/**
 * Price of one asset at one block, on {@code prices.v1}, keyed by asset.
 *
 * @param marketPriceEth what the token trades for, in ETH; null when no market source is configured or healthy
 * @param priceUsd market (or, without one, fundamental) price in USD; null without an ETH/USD source
 * @param fundamentalRate ETH redeemable per token according to the protocol's own contract
 * @param discountBps 1 − market / fundamental, in basis points; null without a market price
 * @param confidence 0 … 1: 1 when every configured market source is used and they agree exactly; lower with
 *                   dispersion (weighted mean absolute deviation from the median) and with sources left out; null
 *                   without a market price
 * @param reasons why the status is not OK, one line each; a tick priced late, while the price service caught up after a
 *                stall, says so in one of them ({@link #BACKFILLED}): its block was not the head when it was priced
 * @param exposure where a restaking token's ETH is restaked at this block (operators, AVS operator sets, magnitudes,
 *                 withdrawable shares), read in the same snapshot; null for tokens the catalogue gives no restaking graph
 * @param positions the exposure of the vault's own EigenLayer deposits of this asset, by venue id, read in the same snapshot
 *                  (added to schema version 1: absent in older ticks, read as empty)
 */
public record PriceTick(
        int schemaVersion,
        String eventId,
        String asset,
        BigDecimal marketPriceEth,
        BigDecimal priceUsd,
        BigDecimal fundamentalRate,
        BigDecimal discountBps,
        PriceStatus status,
        BigDecimal confidence,
        List<SourceValue> sources,
        List<String> reasons,
        Provenance provenance,
        RestakingExposure exposure,
        java.util.Map<String, RestakingExposure> positions) implements Event {

    public static final int SCHEMA_VERSION = 1;
    /** Start of the reason that marks a backfilled tick: {@code "backfilled at block <head when priced>"}. */
    public static final String BACKFILLED = "backfilled at block ";

    @com.fasterxml.jackson.annotation.JsonCreator
    public PriceTick {
        sources = sources == null ? List.of() : List.copyOf(sources);
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
        positions = positions == null ? java.util.Map.of() : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(positions));
    }

    /** A tick without positions of the vault. */
    public PriceTick(int schemaVersion, String eventId, String asset, BigDecimal marketPriceEth, BigDecimal priceUsd,
                     BigDecimal fundamentalRate, BigDecimal discountBps, PriceStatus status, BigDecimal confidence,
                     List<SourceValue> sources, List<String> reasons, Provenance provenance, RestakingExposure exposure) {
        this(schemaVersion, eventId, asset, marketPriceEth, priceUsd, fundamentalRate, discountBps, status, confidence, sources,
                reasons, provenance, exposure, null);
    }

    /** A tick without a restaking exposure. */
    public PriceTick(int schemaVersion, String eventId, String asset, BigDecimal marketPriceEth, BigDecimal priceUsd,
                     BigDecimal fundamentalRate, BigDecimal discountBps, PriceStatus status, BigDecimal confidence,
                     List<SourceValue> sources, List<String> reasons, Provenance provenance) {
        this(schemaVersion, eventId, asset, marketPriceEth, priceUsd, fundamentalRate, discountBps, status, confidence, sources,
                reasons, provenance, null, null);
    }

    /** This tick with the exposure read in the same snapshot. */
    public PriceTick withExposure(RestakingExposure e) {
        return new PriceTick(schemaVersion, eventId, asset, marketPriceEth, priceUsd, fundamentalRate, discountBps, status, confidence,
                sources, reasons, provenance, e, positions);
    }

    /** This tick with the vault's EigenLayer positions in this asset read in the same snapshot. */
    public PriceTick withPositions(java.util.Map<String, RestakingExposure> p) {
        return new PriceTick(schemaVersion, eventId, asset, marketPriceEth, priceUsd, fundamentalRate, discountBps, status, confidence,
                sources, reasons, provenance, exposure, p);
    }

    public static String idFor(String asset, Provenance p) {
        return EventIds.of("PriceTick", p.chainId(), p.blockNumber(), p.blockHash(), asset);
    }

    /** Was this tick priced late, while catching up (its block was not the head then)? */
    public boolean backfilled() {
        return reasons.stream().anyMatch(r -> r.startsWith(BACKFILLED));
    }

    /** This tick marked as priced while the head was {@code head}: same eventId, same values, one reason more. */
    public PriceTick backfilledAt(long head) {
        List<String> more = new java.util.ArrayList<>(reasons);
        more.add(BACKFILLED + head);
        return new PriceTick(schemaVersion, eventId, asset, marketPriceEth, priceUsd, fundamentalRate, discountBps, status, confidence,
                sources, more, provenance, exposure, positions);
    }

    @Override
    public String key() {
        return asset;
    }
}
