package io.lrtyield.rebalancer.risk;

import io.lrtyield.common.event.Provenance;
import io.lrtyield.common.event.RiskAlert;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The incident state machine and what the rebalancer announces of it: one alert per state change (opened, held,
 * acknowledged), none for a change that changes nothing, ids that identify the change, and its own alerts never opening
 * an incident when it reads them back from the shared topic.
 */
class IncidentAlertsTest {

    static final Provenance SLASH = new Provenance(31337, 120, "0xaa", 1_700_000_000L);
    static final Provenance LATER = new Provenance(31337, 125, "0xbb", 1_700_000_060L);
    static final List<String> VENUES = List.of("renzo-ezeth");

    static RiskAlert slashed(String id, Provenance at) {
        return new RiskAlert(RiskAlert.SCHEMA_VERSION, id, "ezETH", "OPERATOR_SLASHED", "CRITICAL", "operator-a in da-avs/0 slashed 5 %",
                new BigDecimal("500"), BigDecimal.ZERO, true, at);
    }

    /** Drives the machine as the service does and collects what it would announce. */
    static final class Announcer {
        final Incidents incidents = new Incidents(BigDecimal.ONE);
        final List<RiskAlert> announced = new ArrayList<>();

        void alert(RiskAlert a) {
            incidents.onAlert(a).ifPresent(i -> announced.add(IncidentAlerts.of(IncidentAlerts.Change.OPENED, i, "vault-1", VENUES, null, null,
                    i.provenance())));
        }

        void hold(String by, String reason) {
            Incidents.Held h = incidents.hold("ezETH", by);
            if (h.changed()) {
                announced.add(IncidentAlerts.of(IncidentAlerts.Change.HELD, h.incident(), "vault-1", VENUES, by, reason, LATER));
            }
        }

        void acknowledge(String by) {
            announced.add(IncidentAlerts.of(IncidentAlerts.Change.ACKNOWLEDGED, incidents.acknowledge("ezETH"), "vault-1", VENUES, by, null, LATER));
        }
    }

    @Test
    void eachStateChangeIsAnnouncedOnceAndARepeatIsNot() {
        Announcer a = new Announcer();
        a.alert(slashed("e1", SLASH));
        a.alert(slashed("e2", SLASH)); // the withdrawable-shares alert of the same slash: counts, changes nothing
        a.hold("alice", "unwinding by hand");
        a.hold("bob", null); // held already
        a.acknowledge("carol");

        assertEquals(List.of("VENUE_CAPPED", "INCIDENT_HELD", "INCIDENT_ACKNOWLEDGED"), a.announced.stream().map(RiskAlert::kind).toList());
        RiskAlert capped = a.announced.get(0);
        assertEquals(List.of("ezETH", "CRITICAL", true), List.of(capped.subject(), capped.severity(), capped.active()));
        assertEquals(SLASH, capped.provenance(), "announced at the slash's block");
        assertEquals(0, BigDecimal.ZERO.compareTo(capped.value()), "the venues' cap");
        assertEquals("vault vault-1: renzo-ezeth capped to 0 and exited by the cheapest route after CRITICAL OPERATOR_SLASHED on ezETH at "
                + "block 120, until an admin acknowledges it or holds the positions", capped.message());

        RiskAlert held = a.announced.get(1);
        assertEquals(List.of("WARN", true), List.of(held.severity(), held.active()));
        assertEquals(LATER, held.provenance());
        assertEquals("vault vault-1: positions on ezETH held by alice (unwinding by hand): no forced exit, renzo-ezeth still capped to 0 "
                + "for new entries until acknowledged", held.message());

        RiskAlert acknowledged = a.announced.get(2);
        assertEquals(List.of("INFO", false), List.of(acknowledged.severity(), acknowledged.active()), "it clears the two before");
        assertNull(acknowledged.value());
        assertEquals("vault vault-1: OPERATOR_SLASHED incident on ezETH acknowledged by carol: renzo-ezeth back under its cap",
                acknowledged.message());
        assertEquals(3, a.announced.stream().map(RiskAlert::eventId).distinct().count(), "one id per change");
    }

    @Test
    void aSecondHoldChangesNothingAndTheFirstHolderStays() {
        Incidents incidents = new Incidents(BigDecimal.ONE);
        incidents.onAlert(slashed("e1", SLASH));
        Incidents.Held first = incidents.hold("ezETH", "alice");
        Incidents.Held second = incidents.hold("ezeth", "bob");
        assertTrue(first.changed());
        assertFalse(second.changed());
        assertEquals("alice", second.incident().heldBy());
        assertEquals(first.incident(), incidents.acknowledge("EZETH"), "closed as it was held");
    }

    @Test
    void anotherInstancesChangeAppliesOnlyToTheSameIncident() {
        Incidents incidents = new Incidents(BigDecimal.ONE);
        incidents.onAlert(slashed("e1", SLASH));
        assertFalse(incidents.changedElsewhere("ezETH", "e0", true, null), "an earlier incident on the subject, closed long ago");
        assertTrue(incidents.changedElsewhere("ezETH", "e1", false, "alice"));
        assertFalse(incidents.changedElsewhere("ezETH", "e1", false, "bob"), "held already");
        assertEquals("alice", incidents.of("ezETH").orElseThrow().heldBy());
        assertTrue(incidents.changedElsewhere("EZETH", "e1", true, null));
        assertTrue(incidents.open().isEmpty());
        assertFalse(incidents.changedElsewhere("ezETH", "e1", true, null), "closed already");
    }

    @Test
    void idsIdentifyVaultIncidentAndChangeSoTwoInstancesAnnouncingOneChangeAreOneEvent() {
        Announcer one = new Announcer();
        Announcer two = new Announcer(); // a standby reading the same alert
        one.alert(slashed("e1", SLASH));
        two.alert(slashed("e1", SLASH));
        assertEquals(one.announced, two.announced, "the same alert, the same announcement");

        Incidents.Incident i = one.incidents.of("ezETH").orElseThrow();
        assertNotEquals(IncidentAlerts.idFor("vault-1", i, IncidentAlerts.Change.OPENED, 31337),
                IncidentAlerts.idFor("vault-2", i, IncidentAlerts.Change.OPENED, 31337), "another vault's rebalancer caps its own venues");

        // closed, then a new slash opens a new incident: a new announcement, not the first one again
        one.acknowledge("carol");
        one.alert(slashed("e3", LATER));
        assertEquals(List.of("VENUE_CAPPED", "INCIDENT_ACKNOWLEDGED", "VENUE_CAPPED"), one.announced.stream().map(RiskAlert::kind).toList());
        assertNotEquals(one.announced.get(0).eventId(), one.announced.get(2).eventId());
        assertEquals(LATER, one.announced.get(2).provenance());
    }

    @Test
    void theRebalancersOwnAlertsReadBackOpenNothingAndCloseNothing() {
        Announcer a = new Announcer();
        a.alert(slashed("e1", SLASH));
        a.hold("alice", null);
        a.acknowledge("carol");
        List<RiskAlert> own = List.copyOf(a.announced);

        AlertBook fresh = new AlertBook(86_400, new Incidents(BigDecimal.ONE));
        for (RiskAlert r : own) {
            assertEquals(Optional.empty(), fresh.onAlert(r), r.kind() + " opens nothing");
        }
        assertTrue(fresh.incidents().open().isEmpty());
        assertFalse(fresh.criticalDepeg("ezETH"));

        AlertBook open = new AlertBook(86_400, new Incidents(BigDecimal.ONE));
        open.onAlert(slashed("e9", SLASH));
        own.forEach(open::onAlert);
        assertTrue(open.incidents().of("ezETH").isPresent(), "only an admin closes an incident, never an alert");
        assertTrue(IncidentAlerts.KINDS.stream().noneMatch(Incidents.KINDS::contains));
    }

    @Test
    void withoutTheCatalogueTheMessageNamesTheSubjectsVenuesAndSeveralVenuesTheirCaps() {
        Incidents incidents = new Incidents(BigDecimal.ONE);
        Incidents.Incident i = incidents.onAlert(slashed("e1", SLASH)).orElseThrow();
        assertTrue(IncidentAlerts.of(IncidentAlerts.Change.OPENED, i, "v", List.of(), null, null, SLASH).message()
                .startsWith("vault v: the venues on ezETH capped to 0"));
        assertTrue(IncidentAlerts.of(IncidentAlerts.Change.ACKNOWLEDGED, incidents.acknowledge("ezETH"), "v", List.of("renzo-ezeth", "loop-ezeth"),
                "carol", " ", LATER).message().endsWith("acknowledged by carol: renzo-ezeth, loop-ezeth back under their caps"));
    }
}
