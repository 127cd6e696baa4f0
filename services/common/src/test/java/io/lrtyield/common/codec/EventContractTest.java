package io.lrtyield.common.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lrtyield.common.event.Event;
import io.lrtyield.common.event.EventIds;
import io.lrtyield.common.event.ExecutionEvent;
import io.lrtyield.common.event.PriceStatus;
import io.lrtyield.common.event.PriceTick;
import io.lrtyield.common.event.Provenance;
import io.lrtyield.common.event.RatePoint;
import io.lrtyield.common.event.RebalancePlan;
import io.lrtyield.common.event.RiskAlert;
import io.lrtyield.common.event.SizePoint;
import io.lrtyield.common.event.SourceValue;
import io.lrtyield.common.event.WindowYield;
import io.lrtyield.common.event.YieldComponent;
import io.lrtyield.common.event.YieldQuote;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The wire contract of every event on our topics: exact numbers as strings, tolerant reader, strict envelope. */
class EventContractTest {

    private static final Provenance PROV = new Provenance(31337, 100, "0xabc", 1_700_000_000L);
    private static final BigInteger WEI = new BigInteger("123456789012345678901234567890");

    static PriceTick priceTick() {
        return new PriceTick(1, PriceTick.idFor("wstETH", PROV), "wstETH", new BigDecimal("1E-8"), new BigDecimal("3456.78"),
                new BigDecimal("1.181234567890123456"), new BigDecimal("-12.5"), PriceStatus.DEGRADED, new BigDecimal("0.97"),
                List.of(new SourceValue("wstETH.stEthPerToken", "FUNDAMENTAL", new BigDecimal("1.181234567890123456"), true, null),
                        new SourceValue("wstETH.curve", "DEX", null, false, "pool paused")),
                List.of("no market source configured"), PROV, new io.lrtyield.common.event.RestakingExposure(new BigDecimal("1000.5"),
                        List.of(new io.lrtyield.common.event.RestakingExposure.Delegation("0xc01", "0xa1", "operator-a",
                                new BigDecimal("600.000000000000000001"), new BigDecimal("0.975"),
                                List.of(new io.lrtyield.common.event.RestakingExposure.Allocation("da-avs/0", "0xf0", new BigDecimal("0.475"),
                                        new BigDecimal("292.3"))))), false, List.of("0xc02: call reverted")));
    }

    static YieldQuote yieldQuote() {
        RatePoint start = new RatePoint(90, 1_699_913_600L, new BigDecimal("1.180000000000000000"));
        RatePoint end = new RatePoint(100, 1_700_000_000L, new BigDecimal("1.181234567890123456"));
        return new YieldQuote(1, YieldQuote.idFor("lido-wsteth", PROV), "lido-wsteth", "NATIVE_STAKING", "wstETH",
                new BigDecimal("0.031234567890123456"), "7d",
                List.of(new YieldComponent("staking", new BigDecimal("0.0347"), "7d"),
                        new YieldComponent("protocol-fee", new BigDecimal("-0.00347"), "catalogue")),
                List.of(new WindowYield("7d", new BigDecimal("0.0341"), new BigDecimal("0.0347"), start, end, true)),
                List.of(new SizePoint(new BigDecimal("1000"), new BigDecimal("0.0312"))), 42, List.of("short-history: 7200 s"), PROV);
    }

    static RiskAlert riskAlert() {
        return new RiskAlert(1, RiskAlert.idFor("stETH", "DEPEG", true, PROV), "stETH", "DEPEG", "CRITICAL",
                "stETH trades 150 bps under its fundamental rate", new BigDecimal("150.25"), new BigDecimal("100"), true, PROV);
    }

    static RebalancePlan rebalancePlan() {
        return new RebalancePlan(1, RebalancePlan.idFor("0xvault", "plan-1", "PROPOSED"), "0xvault", "plan-1", "PROPOSED",
                List.of(new RebalancePlan.Allocation("lido-wsteth", new BigDecimal("999.999999999999999999"), new BigDecimal("1"))),
                List.of(new RebalancePlan.Action(0, "lido-wsteth", "DEPOSIT", "0x7f39c581f595b53c5cb19bd0b3f8da6c935e2ca0",
                        "0xdeadbeef", WEI, new BigDecimal("845.2"), new BigDecimal("841.0"))),
                new BigDecimal("0.00000001"), new BigDecimal("0.0021"), "+288 bps", PROV);
    }

    static ExecutionEvent executionEvent() {
        return new ExecutionEvent(1, ExecutionEvent.idFor("0xvault", "0xtx", "SENT"), "0xvault", "plan-1", 0, "SENT", "0xtx",
                BigInteger.valueOf(7), "0x7f39c581f595b53c5cb19bd0b3f8da6c935e2ca0", WEI, new BigInteger("30000000000"),
                new BigInteger("1000000000"), null, PROV);
    }

    private static <T extends Event> void assertRoundTrip(T event, Class<T> type) {
        T decoded = EventCodec.decode(EventCodec.toBytes(event), type, 1);
        assertEquals(event, decoded);
        assertEquals(event.key(), decoded.key());
    }

    @Test
    void everyEventTypeRoundTrips() {
        assertRoundTrip(priceTick(), PriceTick.class);
        assertRoundTrip(yieldQuote(), YieldQuote.class);
        assertRoundTrip(riskAlert(), RiskAlert.class);
        assertRoundTrip(rebalancePlan(), RebalancePlan.class);
        assertRoundTrip(executionEvent(), ExecutionEvent.class);
        assertRoundTrip(ExecutionEvent.admin("0xvault", new ExecutionEvent.AdminAction("alice", "plan.approve", "plan-1", "OK",
                1_700_000_000_000L), "approved", PROV), ExecutionEvent.class);
    }

    /** A backfilled tick is the same schema (one reason more, same eventId): old consumers read it unchanged. */
    @Test
    void aBackfilledTickKeepsTheSchemaAndItsEventId() throws Exception {
        PriceTick tick = priceTick();
        PriceTick late = tick.backfilledAt(240);
        assertRoundTrip(late, PriceTick.class);
        assertTrue(late.backfilled());
        assertTrue(!tick.backfilled());
        assertEquals(tick.eventId(), late.eventId());
        assertEquals(PriceTick.BACKFILLED + 240, late.reasons().get(late.reasons().size() - 1));
        var fields = new java.util.TreeSet<String>();
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(EventCodec.toBytes(late)).fieldNames().forEachRemaining(fields::add);
        var expected = new java.util.TreeSet<String>();
        for (var c : PriceTick.class.getRecordComponents()) {
            expected.add(c.getName());
        }
        assertEquals(expected, fields, "no property beyond the record's components");
    }

    @Test
    void exactNumbersTravelAsPlainStrings() throws Exception {
        JsonNode tick = EventCodec.mapper().readTree(EventCodec.toBytes(priceTick()));
        assertTrue(tick.get("marketPriceEth").isTextual());
        assertEquals("0.00000001", tick.get("marketPriceEth").asText());
        assertEquals("1.181234567890123456", tick.get("fundamentalRate").asText());
        assertEquals("-12.5", tick.get("discountBps").asText());
        assertEquals("DEGRADED", tick.get("status").asText());
        assertTrue(tick.get("priceUsd").isTextual());

        String planJson = EventCodec.toJson(rebalancePlan());
        assertTrue(planJson.contains("\"valueWei\":\"123456789012345678901234567890\""), planJson);
        assertTrue(planJson.contains("\"expectedGainEth\":\"0.00000001\""), planJson);
        assertFalse(planJson.contains("E-"), planJson);

        JsonNode exec = EventCodec.mapper().readTree(EventCodec.toJson(executionEvent()));
        assertTrue(exec.get("nonce").isTextual());
        assertEquals("7", exec.get("nonce").asText());
        assertEquals("30000000000", exec.get("maxFeePerGas").asText());
        assertTrue(exec.get("error").isNull(), "nulls are written, not dropped");
    }

    @Test
    void largeExponentsAreWrittenPlain() {
        String json = EventCodec.toJson(new SizePoint(new BigDecimal("1E+3"), new BigDecimal("1.5E-20")));
        assertEquals("{\"sizeEth\":\"1000\",\"netApy\":\"0.000000000000000000015\",\"exit\":null}", json);
    }

    @Test
    void aSizePointsExitRouteRoundTrips() {
        SizePoint p = new SizePoint(new BigDecimal("10000"), new BigDecimal("0.028"), new io.lrtyield.common.exit.ExitRoute(
                io.lrtyield.common.exit.ExitRoute.Kind.QUEUE, new BigDecimal("0.000712"), new BigDecimal("5"), new BigDecimal("0.002889")));
        String json = EventCodec.toJson(p);
        assertTrue(json.contains("\"kind\":\"QUEUE\"") && json.contains("\"delayDays\":\"5\""), json);
        assertEquals(p, EventCodec.fromJson(json, SizePoint.class));
        assertEquals(new SizePoint(BigDecimal.TEN, BigDecimal.ONE), EventCodec.fromJson("{\"sizeEth\":\"10\",\"netApy\":\"1\"}", SizePoint.class),
                "a point from a producer without exit routes reads as none");
    }

    @Test
    void unknownFieldsAreIgnored() {
        ObjectNode node = EventCodec.mapper().valueToTree(riskAlert());
        node.put("addedInV1_1", "whatever");
        node.putObject("nested").put("x", 1);
        RiskAlert decoded = EventCodec.decode(node.toString().getBytes(StandardCharsets.UTF_8), RiskAlert.class, 1);
        assertEquals(riskAlert(), decoded);
    }

    @Test
    void wrongSchemaVersionIsRejected() {
        ObjectNode node = EventCodec.mapper().valueToTree(priceTick());
        node.put("schemaVersion", 2);
        EventDecodingException e = assertThrows(EventDecodingException.class,
                () -> EventCodec.decode(node.toString().getBytes(StandardCharsets.UTF_8), PriceTick.class, 1));
        assertTrue(e.getMessage().contains("schemaVersion 2 is not supported (expected 1)"), e.getMessage());
    }

    @Test
    void missingSchemaVersionIsRejected() {
        ObjectNode node = EventCodec.mapper().valueToTree(priceTick());
        node.remove("schemaVersion");
        assertThrows(EventDecodingException.class,
                () -> EventCodec.decode(node.toString().getBytes(StandardCharsets.UTF_8), PriceTick.class, 1));
    }

    @Test
    void missingOrBlankEventIdIsRejected() {
        ObjectNode node = EventCodec.mapper().valueToTree(yieldQuote());
        node.remove("eventId");
        EventDecodingException e = assertThrows(EventDecodingException.class,
                () -> EventCodec.decode(node.toString().getBytes(StandardCharsets.UTF_8), YieldQuote.class, 1));
        assertEquals("YieldQuote without eventId", e.getMessage());
        node.put("eventId", "  ");
        assertThrows(EventDecodingException.class,
                () -> EventCodec.decode(node.toString().getBytes(StandardCharsets.UTF_8), YieldQuote.class, 1));
    }

    @Test
    void malformedEmptyAndNullPayloadsAreRejected() {
        EventDecodingException e = assertThrows(EventDecodingException.class,
                () -> EventCodec.decode("{\"schemaVersion\":1,".getBytes(StandardCharsets.UTF_8), PriceTick.class, 1));
        assertTrue(e.getMessage().startsWith("malformed PriceTick"), e.getMessage());
        assertNotNull(e.getCause());
        assertThrows(EventDecodingException.class, () -> EventCodec.decode(new byte[0], PriceTick.class, 1));
        assertThrows(EventDecodingException.class, () -> EventCodec.decode("null".getBytes(StandardCharsets.UTF_8), PriceTick.class, 1));
        assertThrows(EventDecodingException.class,
                () -> EventCodec.decode("{\"schemaVersion\":1,\"eventId\":\"x\",\"fundamentalRate\":\"abc\"}"
                        .getBytes(StandardCharsets.UTF_8), PriceTick.class, 1));
    }

    @Test
    void eventIdsAreDeterministicSha256Prefixes() {
        // echo -n 'PriceTick|31337|100|0xabc|wstETH' | sha256sum → first 16 bytes
        assertEquals("58dd48785eb58848370ad115adc52cc4", PriceTick.idFor("wstETH", PROV));
        assertEquals(EventIds.of("PriceTick", 31337L, 100L, "0xabc", "wstETH"), PriceTick.idFor("wstETH", PROV));
        assertEquals(EventIds.of("X", 1, "a"), EventIds.of("X", 1, "a"));
        assertNotEquals(EventIds.of("X", 1, "a"), EventIds.of("Y", 1, "a"));
        assertEquals(32, EventIds.of("X").length());

        Provenance otherHash = new Provenance(31337, 100, "0xabd", 1_700_000_000L);
        assertNotEquals(PriceTick.idFor("wstETH", PROV), PriceTick.idFor("wstETH", otherHash));
        assertNotEquals(PriceTick.idFor("wstETH", PROV), PriceTick.idFor("stETH", PROV));
        assertNotEquals(RiskAlert.idFor("stETH", "DEPEG", true, PROV), RiskAlert.idFor("stETH", "DEPEG", false, PROV));
    }

    @Test
    void kafkaSerdeRoundTrips() {
        try (EventSerializer serializer = new EventSerializer();
             EventDeserializer<RebalancePlan> deserializer = new EventDeserializer<>(RebalancePlan.class, RebalancePlan.SCHEMA_VERSION)) {
            byte[] bytes = serializer.serialize("rebalance-plans.v1", rebalancePlan());
            assertArrayEquals(EventCodec.toBytes(rebalancePlan()), bytes);
            assertEquals(rebalancePlan(), deserializer.deserialize("rebalance-plans.v1", bytes));
            assertNull(serializer.serialize("rebalance-plans.v1", null));
            assertNull(deserializer.deserialize("rebalance-plans.v1", null));
            assertThrows(EventDecodingException.class,
                    () -> deserializer.deserialize("rebalance-plans.v1", "garbage".getBytes(StandardCharsets.UTF_8)));
            // a status that is no PlanStatus is a malformed event (dead-lettered), not a plan in an unknown state
            byte[] unknown = new String(bytes, StandardCharsets.UTF_8).replace("\"PROPOSED\"", "\"PENDING\"").getBytes(StandardCharsets.UTF_8);
            assertThrows(EventDecodingException.class, () -> deserializer.deserialize("rebalance-plans.v1", unknown));
            assertEquals(io.lrtyield.common.event.PlanStatus.PROPOSED, rebalancePlan().planStatus());
        }
        try (EventDeserializer<PriceTick> v2 = new EventDeserializer<>(PriceTick.class, 2)) {
            assertThrows(EventDecodingException.class, () -> v2.deserialize("prices.v1", EventCodec.toBytes(priceTick())));
        }
    }
}
