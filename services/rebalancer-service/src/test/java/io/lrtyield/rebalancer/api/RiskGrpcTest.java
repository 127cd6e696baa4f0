package io.lrtyield.rebalancer.api;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.lrtyield.common.event.Provenance;
import io.lrtyield.common.event.RiskAlert;
import io.lrtyield.grpc.rebalancer.v1.GetRiskRequest;
import io.lrtyield.grpc.rebalancer.v1.Incident;
import io.lrtyield.grpc.rebalancer.v1.RebalancerServiceGrpc;
import io.lrtyield.grpc.rebalancer.v1.Risk;
import io.lrtyield.grpc.rebalancer.v1.StressEntry;
import io.lrtyield.rebalancer.admin.AdminActions;
import io.lrtyield.rebalancer.policy.PolicyOutcome;
import io.lrtyield.rebalancer.portfolio.Portfolio;
import io.lrtyield.rebalancer.portfolio.VenuePosition;
import io.lrtyield.rebalancer.risk.RiskScorer;
import io.lrtyield.rebalancer.risk.StressRow;
import io.lrtyield.rebalancer.pipeline.MarketCache;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * gRPC {@code GetRisk} over a real client on the HTTP port: the same view as REST {@code /api/v1/risk}, because it is
 * the same code path ({@link RiskResource#risk()}), and the same refusal before the first snapshot. Other test classes
 * of the same application may leave incidents open: assertions pick this test's subjects.
 */
@QuarkusTest
@WithTestResource(RebalancerTestServices.class)
class RiskGrpcTest {

    private static final String LOOP = "aave-wsteth-loop";
    private static final String LIDO = "lido-wsteth";

    @GrpcClient("rebalancer")
    RebalancerServiceGrpc.RebalancerServiceBlockingStub rebalancer;

    @Inject
    MarketCache cache;

    @Inject
    AdminActions admin;

    @Test
    void getRiskIsUnavailableBeforeTheFirstSnapshotThenServesTheRestView() throws Exception {
        snapshot(null, List.of(), null);
        StatusRuntimeException none = assertThrows(StatusRuntimeException.class, () -> rebalancer.getRisk(GetRiskRequest.getDefaultInstance()));
        assertEquals(Status.Code.UNAVAILABLE, none.getStatus().getCode());
        assertEquals("no portfolio snapshot has been read yet", none.getStatus().getDescription());
        given().get("/api/v1/risk").then().statusCode(503);

        snapshot(portfolio(), List.of(
                        new StressRow("eth-depeg-5pct", LOOP, new BigDecimal("10.25"), new BigDecimal("8.75"), new BigDecimal("1.50"),
                                new BigDecimal("1.0123")),
                        new StressRow("eth-depeg-5pct", LIDO, new BigDecimal("4.00"), new BigDecimal("3.80"), new BigDecimal("0.20"), null)),
                outcome(Map.of(LOOP, new RiskScorer.Score(LOOP, 0.42, List.of("tier 3", "loop")),
                        LIDO, new RiskScorer.Score(LIDO, 0.1, List.of("tier 1")))));

        Risk risk = rebalancer.getRisk(GetRiskRequest.getDefaultInstance());
        assertEquals(19_000_123L, risk.getBlockNumber());
        assertEquals(Map.of(LOOP, "1.0650"), risk.getHealthFactorsMap(), "loops only: the Lido position has no health factor");
        assertEquals(2, risk.getStressCount());
        StressEntry loop = risk.getStress(0);
        assertEquals("eth-depeg-5pct", loop.getScenario());
        assertEquals(LOOP, loop.getVenueId());
        assertEquals("10.25", loop.getValueBeforeEth());
        assertEquals("8.75", loop.getValueAfterEth());
        assertEquals("1.50", loop.getLossEth());
        assertEquals("1.0123", loop.getHealthFactor());
        assertEquals("", risk.getStress(1).getHealthFactor());
        assertEquals(0.42, risk.getScoresOrThrow(LOOP).getScore());
        assertEquals(List.of("tier 3", "loop"), risk.getScoresOrThrow(LOOP).getPartsList());
        assertEquals(0.1, risk.getScoresOrThrow(LIDO).getScore());

        JsonPath rest = given().get("/api/v1/risk").then().statusCode(200).extract().jsonPath()
                .using(new JsonPathConfig(JsonPathConfig.NumberReturnType.BIG_DECIMAL));
        assertEquals(risk.getBlockNumber(), rest.getLong("blockNumber"));
        assertEquals(0, new BigDecimal(risk.getHealthFactorsOrThrow(LOOP)).compareTo(rest.getObject("healthFactors.'" + LOOP + "'", BigDecimal.class)));
        assertEquals(risk.getStressCount(), rest.getList("stress").size());
        for (int i = 0; i < risk.getStressCount(); i++) {
            StressEntry e = risk.getStress(i);
            assertEquals(e.getVenueId(), rest.getString("stress[" + i + "].venueId"));
            assertEquals(0, new BigDecimal(e.getLossEth()).compareTo(rest.getObject("stress[" + i + "].loss", BigDecimal.class)));
        }
        assertEquals(risk.getScoresOrThrow(LOOP).getScore(), rest.getObject("scores.'" + LOOP + "'.score", BigDecimal.class).doubleValue());
    }

    @Test
    void getRiskListsTheOpenIncidentsLikeRestUntilAcknowledged() throws Exception {
        snapshot(portfolio(), List.of(), null);
        String subject = "ezETH-" + UUID.randomUUID().toString().substring(0, 8);
        Provenance at = new Provenance(31337, 19_000_100L, "0x03", 1_750_000_000L);
        RiskAlert slashed = new RiskAlert(RiskAlert.SCHEMA_VERSION, RiskAlert.idFor(subject, "OPERATOR_SLASHED", true, at), subject,
                "OPERATOR_SLASHED", "CRITICAL", "operator-c behind " + subject + " was slashed", new BigDecimal("150"), BigDecimal.ZERO, true, at);
        cache.onAlert(slashed).await().indefinitely();
        RiskAlert again = new RiskAlert(RiskAlert.SCHEMA_VERSION, slashed.eventId() + "-2", subject, "OPERATOR_SLASHED", "CRITICAL",
                "again", new BigDecimal("10"), BigDecimal.ZERO, true, at);
        cache.onAlert(again).await().indefinitely();

        Incident open = incident(rebalancer.getRisk(GetRiskRequest.getDefaultInstance()), subject);
        assertEquals(Incident.newBuilder().setSubject(subject).setKind("OPERATOR_SLASHED").setSeverity("CRITICAL")
                .setMessage("operator-c behind " + subject + " was slashed").setBlockNumber(19_000_100L).setEventId(slashed.eventId())
                .setHold(false).setHeldBy("").setAlerts(2).build(), open, "the first alert is kept, later ones count");

        JsonPath rest = given().get("/api/v1/risk").then().statusCode(200).extract().jsonPath();
        String path = "incidents.'" + subject + "'.";
        assertEquals(open.getKind(), rest.getString(path + "kind"));
        assertEquals(open.getSeverity(), rest.getString(path + "severity"));
        assertEquals(open.getMessage(), rest.getString(path + "message"));
        assertEquals(open.getBlockNumber(), rest.getLong(path + "blockNumber"));
        assertEquals(open.getEventId(), rest.getString(path + "eventId"));
        assertEquals(open.getAlerts(), rest.getInt(path + "alerts"));
        Risk risk = rebalancer.getRisk(GetRiskRequest.getDefaultInstance());
        assertEquals(rest.getMap("incidents").size(), risk.getIncidentsCount(), "every open incident, not only this test's");

        admin.hold("root", subject, null).await().indefinitely();
        Incident held = incident(rebalancer.getRisk(GetRiskRequest.getDefaultInstance()), subject);
        assertTrue(held.getHold());
        assertEquals("root", held.getHeldBy());

        admin.acknowledge("root", subject, null).await().indefinitely();
        assertTrue(rebalancer.getRisk(GetRiskRequest.getDefaultInstance()).getIncidentsList().stream()
                .noneMatch(i -> i.getSubject().equals(subject)), "an acknowledged incident is no longer listed");
    }

    private static Incident incident(Risk risk, String subject) {
        return risk.getIncidentsList().stream().filter(i -> i.getSubject().equals(subject)).findFirst()
                .orElseThrow(() -> new AssertionError("no incident on " + subject + " in " + risk.getIncidentsList()));
    }

    private static Portfolio portfolio() {
        return new Portfolio("0x00000000000000000000000000000000000000aa", 19_000_123L, 1_750_000_000L, List.of(
                new VenuePosition(LOOP, List.of(), new BigDecimal("10.25"), new BigDecimal("10.20"), new BigDecimal("1.0650"), List.of()),
                new VenuePosition(LIDO, List.of(), new BigDecimal("4.00"), new BigDecimal("3.99"), null, List.of())),
                null, new BigDecimal("14.25"), new BigDecimal("14.19"), List.of());
    }

    private static PolicyOutcome outcome(Map<String, RiskScorer.Score> scores) {
        return new PolicyOutcome(PolicyOutcome.HOLD, "test", Map.of(), null, null, 0, 0, scores, null, List.of());
    }

    /** MarketCache keeps the snapshot the pipeline computed; this test plays the pipeline. */
    private void snapshot(Portfolio p, List<StressRow> rows, PolicyOutcome o) throws Exception {
        Method snapshot = MarketCache.class.getDeclaredMethod("snapshot", Portfolio.class, List.class, PolicyOutcome.class);
        snapshot.setAccessible(true);
        snapshot.invoke(io.quarkus.arc.ClientProxy.unwrap(cache), p, rows, o);
    }
}
