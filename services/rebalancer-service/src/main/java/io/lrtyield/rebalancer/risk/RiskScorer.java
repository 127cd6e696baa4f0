package io.lrtyield.rebalancer.risk;

import io.lrtyield.common.catalogue.Venue;
import io.lrtyield.common.catalogue.VenueKind;
import io.lrtyield.common.event.YieldQuote;

import java.util.ArrayList;
import java.util.List;

/**
 * A venue's risk score in APY units, the sum of: tier · tierWeight; depeg alerts on its asset in the window ·
 * depegAlertWeight; illiquidityWeight · the share of the position the quoted exit liquidity cannot take;
 * withdrawal delay in days · delayWeightPerDay; slashingExposure for restaking venues (restaking tokens, EigenLayer) whose
 * quote does not price its expected slashing loss from an on-chain exposure already.
 * The optimizer charges λ · score. Idle ETH scores 0.
 */
public final class RiskScorer {

    /** The score and its parts, for the risk API. */
    public record Score(String venueId, double score, List<String> parts) {
    }

    private final RiskSettings settings;

    public RiskScorer(RiskSettings settings) {
        this.settings = settings;
    }

    public Score score(Venue venue, YieldQuote quote, int depegAlerts, double positionEth) {
        List<String> parts = new ArrayList<>();
        if (venue.venueKind() == VenueKind.IDLE) {
            // idle ETH is the reserve, not an asset: it carries no risk and earns nothing
            return new Score(venue.id(), 0, List.of("idle ETH: no risk"));
        }
        double tier = settings.tierWeight() * venue.riskTier();
        parts.add("tier " + venue.riskTier() + ": " + fmt(tier));
        double depeg = settings.depegAlertWeight() * depegAlerts;
        if (depegAlerts > 0) {
            parts.add(depegAlerts + " depeg alert(s): " + fmt(depeg));
        }
        double illiquid = 0;
        String exit = quote == null ? null : quote.risk().get("exitLiquidityEth");
        if (exit != null && positionEth > 0) {
            double cover = Math.min(1.0, Double.parseDouble(exit) / positionEth);
            illiquid = settings.illiquidityWeight() * (1 - cover);
            if (illiquid > 0) {
                parts.add("exit liquidity " + exit + " ETH: " + fmt(illiquid));
            }
        }
        double days = venue.withdrawalDelaySeconds() / 86_400.0;
        double delay = settings.delayWeightPerDay() * days;
        if (delay > 0) {
            parts.add(String.format(java.util.Locale.ROOT, "withdrawal delay %.2f d: %s", days, fmt(delay)));
        }
        double slashing = 0;
        VenueKind kind = venue.venueKind();
        String priced = quote == null ? null : quote.risk().get("expectedSlashingLoss");
        if (priced != null) {
            // the quote's net APY already takes off the expected loss of the exposure read on chain: not counted twice
            parts.add("slashing: expected loss " + priced + " priced in the net APY (on-chain exposure)");
        } else if (kind == VenueKind.RESTAKING_TOKEN || kind == VenueKind.EIGENLAYER_STRATEGY) {
            slashing = settings.slashingExposure();
            parts.add("slashing exposure: " + fmt(slashing));
        }
        return new Score(venue.id(), tier + depeg + illiquid + delay + slashing, parts);
    }

    private static String fmt(double v) {
        return String.format(java.util.Locale.ROOT, "%.5f", v);
    }
}
