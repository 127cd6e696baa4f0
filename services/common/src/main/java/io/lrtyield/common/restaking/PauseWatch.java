package io.lrtyield.common.restaking;

import io.lrtyield.common.event.Provenance;
import io.lrtyield.common.event.RiskAlert;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Watches the {@code paused()} flag of each LRT issuer's pausable contracts, read in the snapshot every block, and raises
 * a CRITICAL {@code VENUE_PAUSED} on the asset when a flag goes from false to true. Mainnet Renzo's RestakeManager pauses
 * without an event, so this read is the only way to see it; where the contract also emits {@code Paused(address)} the
 * event watch ({@link io.lrtyield.common.chain.ContractEventLogs}) raises the same alert in the same block — the same
 * subject, kind and block give the same {@code eventId}, so the price service publishes it once.
 *
 * <p>A flag first seen true raises nothing (the transition happened before this service watched it); an unpause raises
 * nothing (an incident ends when an admin acknowledges it).
 */
public final class PauseWatch {

    public static final String KIND = "VENUE_PAUSED";

    private final Map<String, Boolean> last = new HashMap<>();

    /** @param flags contract → its {@code paused()} this block (contracts whose flag was unreadable are absent) */
    public List<RiskAlert> check(String asset, Map<String, Boolean> flags, Provenance p) {
        List<RiskAlert> alerts = new ArrayList<>();
        flags.forEach((contract, paused) -> {
            Boolean before = last.put(asset + "/" + contract.toLowerCase(Locale.ROOT), paused);
            if (Boolean.FALSE.equals(before) && paused) {
                alerts.add(new RiskAlert(RiskAlert.SCHEMA_VERSION, RiskAlert.idFor(asset, KIND, true, p), asset, KIND, "CRITICAL",
                        "contract " + contract + " behind " + asset + " paused: paused() read true at block " + p.blockNumber()
                                + ", false at the block before", null, null, true, p));
            }
        });
        return alerts;
    }
}
