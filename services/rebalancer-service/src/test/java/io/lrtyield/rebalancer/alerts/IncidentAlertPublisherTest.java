package io.lrtyield.rebalancer.alerts;

import io.lrtyield.common.codec.EventCodec;
import io.lrtyield.common.event.Provenance;
import io.lrtyield.common.event.RiskAlert;
import io.lrtyield.common.event.Topics;
import io.lrtyield.rebalancer.admin.AdminActions;
import io.lrtyield.rebalancer.api.RebalancerTestServices;
import io.lrtyield.rebalancer.lease.DecisionLeader;
import io.lrtyield.rebalancer.pipeline.MarketCache;
import io.lrtyield.rebalancer.risk.Incidents;
import io.lrtyield.rebalancer.store.IncidentStore;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.value.SetArgs;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.Record;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.smallrye.reactive.messaging.memory.InMemorySource;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The rebalancer's incident alerts through the service: an alert read from risk-alerts.v1 opens an incident, an admin
 * holds and acknowledges it, and risk-alerts.v1 gets VENUE_CAPPED, INCIDENT_HELD, INCIDENT_ACKNOWLEDGED — each once,
 * keyed by the subject, although the opening alert is redelivered, a second alert counts, an admin holds twice and the
 * service reads its own alerts back (which open nothing). A standby queues its change and publishes nothing; the leader
 * publishes it once it leads. An admin's hold and acknowledgement through another instance reach this one
 * ({@link IncidentSync}); an alert read again after its incident was acknowledged opens nothing.
 */
@QuarkusTest
@WithTestResource(RebalancerTestServices.class)
class IncidentAlertPublisherTest {

    private static final String LEASE = "rebalancer:{test-vault}:decider";
    private static final Provenance AT = new Provenance(31337, 300, "0x03", 1_700_000_300L);

    @Inject
    @Any
    InMemoryConnector connector;

    @Inject
    MarketCache cache;

    @Inject
    AdminActions actions;

    @Inject
    DecisionLeader leader;

    @Inject
    IncidentAlertOutbox outbox;

    @Inject
    RedisDataSource redis;

    @Inject
    IncidentAlertPublisher publisher;

    @Inject
    IncidentStore store;

    @Test
    void theLeaderPublishesEachStateChangeOnceAndTheServiceReadingItsOwnAlertsBackOpensNothing() throws Exception {
        await("the only instance leads", leader::leads);
        String subject = "ezETH-" + UUID.randomUUID().toString().substring(0, 8);
        InMemorySource<byte[]> in = connector.source(Topics.RISK_ALERTS_CHANNEL);
        RiskAlert slashed = alert(subject, "OPERATOR_SLASHED");
        in.send(EventCodec.toBytes(slashed));
        in.send(EventCodec.toBytes(slashed)); // redelivered
        in.send(EventCodec.toBytes(alert(subject, "WITHDRAWABLE_SHARES_DECREASE"))); // the same slash, seen another way: counts
        await("VENUE_CAPPED on " + subject, () -> kinds(subject).contains("VENUE_CAPPED"));
        assertEquals(2, cache.alerts().incidents().of(subject).orElseThrow().alerts());

        actions.hold("root", subject, "unwinding by hand").await().atMost(Duration.ofSeconds(5));
        actions.hold("root-2", subject, null).await().atMost(Duration.ofSeconds(5)); // held already: no change
        actions.acknowledge("root", subject, "looked").await().atMost(Duration.ofSeconds(5));
        await("INCIDENT_ACKNOWLEDGED on " + subject, () -> kinds(subject).contains("INCIDENT_ACKNOWLEDGED"));

        for (Record<String, RiskAlert> own : sent(subject)) {
            in.send(EventCodec.toBytes(own.value())); // the service reads the topic it writes
        }
        Thread.sleep(1_500); // a drain interval and more: anything else would have been published by now
        assertTrue(cache.alerts().incidents().of(subject).isEmpty(), "its own alerts open no incident");

        List<Record<String, RiskAlert>> sent = sent(subject);
        assertEquals(List.of("VENUE_CAPPED", "INCIDENT_HELD", "INCIDENT_ACKNOWLEDGED"), kinds(subject), "each change once, in order");
        sent.forEach(r -> assertEquals(subject, r.key(), "keyed by the subject"));
        RiskAlert capped = sent.get(0).value();
        assertEquals(List.of("CRITICAL", true, AT), List.of(capped.severity(), capped.active(), capped.provenance()));
        assertTrue(capped.message().startsWith("vault test-vault: the venues on " + subject + " capped to 0"), capped.message());
        RiskAlert held = sent.get(1).value();
        assertTrue(held.message().contains("held by root (unwinding by hand)"), held.message());
        RiskAlert acknowledged = sent.get(2).value();
        assertEquals(List.of("INFO", false), List.of(acknowledged.severity(), acknowledged.active()));
        assertTrue(acknowledged.message().contains("acknowledged by root (looked)"), acknowledged.message());
        assertTrue(pending(subject).isEmpty(), "nothing left in the outbox");
    }

    @Test
    void aStandbyQueuesItsChangeAndPublishesNothingTheLeaderPublishesItOnce() throws Exception {
        await("the only instance leads", leader::leads);
        String subject = "rsETH-" + UUID.randomUUID().toString().substring(0, 8);
        cache.onAlert(alert(subject, "PROXY_UPGRADED")).await().atMost(Duration.ofSeconds(5));
        await("VENUE_CAPPED on " + subject, () -> kinds(subject).contains("VENUE_CAPPED"));

        redis.value(String.class).set(LEASE, "another-instance", new SetArgs().px(60_000)); // another instance takes the lease
        try {
            await("this instance stands by", () -> !leader.leads());
            actions.acknowledge("root", subject, null).await().atMost(Duration.ofSeconds(5));
            Thread.sleep(2_500);
            assertEquals(List.of("VENUE_CAPPED"), kinds(subject), "a standby publishes nothing");
            assertEquals(List.of("INCIDENT_ACKNOWLEDGED"), pending(subject).stream().map(RiskAlert::kind).toList(), "it is queued for the leader");
        } finally {
            redis.key().del(LEASE); // the other instance is gone: this one takes the lease back
        }
        await("this instance leads again", leader::leads);
        await("INCIDENT_ACKNOWLEDGED on " + subject, () -> kinds(subject).contains("INCIDENT_ACKNOWLEDGED"));
        Thread.sleep(1_500);
        assertEquals(List.of("VENUE_CAPPED", "INCIDENT_ACKNOWLEDGED"), kinds(subject), "published once");
        assertTrue(pending(subject).isEmpty());
    }

    @Test
    void anAdminsHoldAndAcknowledgementThroughAnotherInstanceReachThisOne() throws Exception {
        await("the only instance leads", leader::leads);
        String subject = "weETH-" + UUID.randomUUID().toString().substring(0, 8);
        cache.onAlert(alert(subject, "VENUE_PAUSED")).await().atMost(Duration.ofSeconds(5));
        Incidents.Incident open = cache.alerts().incidents().of(subject).orElseThrow();

        // another instance's AdminActions.hold: announced (queued in the shared outbox) and stored held; not in this one's memory
        Incidents.Incident held = new Incidents.Incident(open.subject(), open.kind(), open.severity(), open.message(), open.blockNumber(),
                open.eventId(), true, "other-admin", open.alerts(), open.provenance());
        publisher.held(held, "other-admin", null).chain(() -> store.save(held)).await().atMost(Duration.ofSeconds(5));
        await("held here too", () -> cache.alerts().incidents().of(subject).map(Incidents.Incident::hold).orElse(false));
        assertEquals("other-admin", cache.alerts().incidents().of(subject).orElseThrow().heldBy());

        // its AdminActions.acknowledge: announced, then removed from the store
        publisher.acknowledged(held, "other-admin", null).chain(() -> store.remove(subject)).await().atMost(Duration.ofSeconds(5));
        await("closed here too", () -> cache.alerts().incidents().of(subject).isEmpty());
        await("INCIDENT_ACKNOWLEDGED on " + subject, () -> kinds(subject).contains("INCIDENT_ACKNOWLEDGED"));
        assertEquals(List.of("VENUE_CAPPED", "INCIDENT_HELD", "INCIDENT_ACKNOWLEDGED"), kinds(subject));
    }

    @Test
    void anAlertReadAgainAfterItsIncidentWasAcknowledgedOpensNothing() throws Exception {
        String subject = "pufETH-" + UUID.randomUUID().toString().substring(0, 8);
        RiskAlert upgraded = alert(subject, "PROXY_UPGRADED");
        // the incident this alert opened was acknowledged before (its acknowledgement recorded), as a new instance finds it
        // when it reads the topic from its start
        Incidents.Incident before = new Incidents.Incident(subject, upgraded.kind(), upgraded.severity(), upgraded.message(),
                AT.blockNumber(), upgraded.eventId(), false, null, 1, AT);
        publisher.acknowledged(before, "earlier-admin", null).await().atMost(Duration.ofSeconds(5));

        connector.<byte[]>source(Topics.RISK_ALERTS_CHANNEL).send(EventCodec.toBytes(upgraded));
        Thread.sleep(1_500);
        assertTrue(cache.alerts().incidents().of(subject).isEmpty(), "not open");
        assertTrue(store.all().await().atMost(Duration.ofSeconds(5)).stream().noneMatch(i -> i.subject().equals(subject)), "not stored");
        assertEquals(List.of("INCIDENT_ACKNOWLEDGED"), kinds(subject), "not announced again");
    }

    private static RiskAlert alert(String subject, String kind) {
        return new RiskAlert(RiskAlert.SCHEMA_VERSION, RiskAlert.idFor(subject, kind, true, AT), subject, kind, "CRITICAL",
                kind + " behind " + subject, new BigDecimal("500"), BigDecimal.ZERO, true, AT);
    }

    @SuppressWarnings("unchecked")
    private List<Record<String, RiskAlert>> sent(String subject) {
        return connector.sink(Topics.RISK_ALERTS_OUT_CHANNEL).received().stream().map(Message::getPayload)
                .map(p -> (Record<String, RiskAlert>) p).filter(r -> r.value().subject().equals(subject)).toList();
    }

    private List<String> kinds(String subject) {
        return sent(subject).stream().map(r -> r.value().kind()).toList();
    }

    private List<RiskAlert> pending(String subject) {
        return outbox.pending().await().atMost(Duration.ofSeconds(5)).stream().filter(a -> a.subject().equals(subject)).toList();
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 15 s: " + what);
            }
            Thread.sleep(100);
        }
    }
}
