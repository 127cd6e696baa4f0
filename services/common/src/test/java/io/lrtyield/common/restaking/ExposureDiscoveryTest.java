package io.lrtyield.common.restaking;

import io.lrtyield.common.catalogue.Restaking;
import io.lrtyield.common.chain.Multicall3;
import io.lrtyield.common.chain.reader.EigenLayerQueueReader;
import io.lrtyield.common.event.Provenance;
import io.lrtyield.common.event.RestakingExposure;
import io.lrtyield.common.event.RiskAlert;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static io.lrtyield.common.restaking.FakeEigenLayer.E18;
import static io.lrtyield.common.restaking.FakeEigenLayer.eth;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Queued withdrawals, operators and sets discovered on chain, the vault's own position and the pause flags, on a fake chain. */
class ExposureDiscoveryTest {

    static final String DM = "0x00000000000000000000000000000000000000d0";
    static final String AM = "0x00000000000000000000000000000000000000e0";
    static final String BEACON = "0xbeac0eeeeeeeeeeeeeeeeeeeeeeeeeeeeeebeac0";
    static final String STETH_STRATEGY = "0x00000000000000000000000000000000000005e7";
    static final String OP_A = "0x00000000000000000000000000000000000000a1";
    static final String OP_B = "0x00000000000000000000000000000000000000b2";
    static final String OP_NEW = "0x00000000000000000000000000000000000000c3";
    static final String ACC_1 = "0x0000000000000000000000000000000000000c01";
    static final String ACC_2 = "0x0000000000000000000000000000000000000c02";
    static final String VAULT = "0x0000000000000000000000000000000000000f00";
    static final String ISSUER = "0x00000000000000000000000000000000000000aa";
    static final String DA = "0x00000000000000000000000000000000000000f0";
    static final String ORACLE = "0x00000000000000000000000000000000000000f1";
    static final String NEW_AVS = "0x00000000000000000000000000000000000000f7";
    static final MathContext MC = MathContext.DECIMAL128;

    static final Restaking GRAPH = new Restaking(DM, AM, BEACON,
            List.of(new Restaking.Operator("operator-a", OP_A), new Restaking.Operator("operator-b", OP_B)),
            List.of(new Restaking.OperatorSet("da-avs/0", DA, 0), new Restaking.OperatorSet("oracle-avs/1", ORACLE, 1)),
            List.of(new Restaking.Lrt("weETH", new Restaking.Backing(ISSUER, "getTotalPooledEther", List.of()), List.of(ACC_1, ACC_2),
                    "catalogue", List.of(ISSUER))),
            List.of(new Restaking.Position("eigenlayer-steth", "stETH", VAULT, STETH_STRATEGY)));

    /** operator-a: da 0.5, oracle 0.3; operator-b: da 0.4 — in both strategies; acc1 600 ETH on a, acc2 300 on b. */
    static FakeEigenLayer chain() {
        FakeEigenLayer c = new FakeEigenLayer();
        c.allocation.put(OP_A + "/" + DA + "/0", eth("0.5"));
        c.allocation.put(OP_A + "/" + ORACLE + "/1", eth("0.3"));
        c.allocation.put(OP_B + "/" + DA + "/0", eth("0.4"));
        c.allocatedSets.put(OP_A, List.of(new String[] {DA, "0"}, new String[] {ORACLE, "1"}));
        c.allocatedSets.put(OP_B, List.<String[]>of(new String[] {DA, "0"}));
        c.delegatedTo.put(ACC_1, OP_A);
        c.delegatedTo.put(ACC_2, OP_B);
        c.withdrawable.put(ACC_1, eth("600"));
        c.withdrawable.put(ACC_2, eth("300"));
        c.withdrawable.put(VAULT, eth("50"));
        return c;
    }

    static ExposureReads.Reading read(ExposureReads reads, FakeEigenLayer chain, long block) {
        ExposureReads.Plan plan = reads.plan();
        Iterator<Multicall3.Result> it = chain.answer(plan.calls()).iterator();
        ExposureReads.Reading r = plan.decode(it::next, block);
        assertFalse(it.hasNext(), "every result consumed");
        return r;
    }

    @Test
    void aQueuedWithdrawalStaysSlashableByItsOperatorUntilItsDelayEnds() {
        FakeEigenLayer c = chain();
        // acc2 (on operator-b) queued 100 ETH at block 50 while on operator-a; delay 100 → slashable through block 150
        c.queued.put(ACC_2, List.of(new EigenLayerAbi.Withdrawal(OP_A, 50, List.of(BEACON), List.of(eth("100")))));
        ExposureReads reads = new ExposureReads(GRAPH);
        RestakingExposure at120 = read(reads, c, 120).exposures().get("weETH");
        assertTrue(at120.complete(), at120.errors().toString());
        RestakingExposure.QueuedWithdrawal q = at120.delegations().get(1).queued().get(0);
        assertEquals(OP_A, q.operator());
        assertEquals("operator-a", q.operatorName());
        assertEquals(150, q.slashableUntilBlock());
        assertEquals(0, new BigDecimal("100").compareTo(at120.queuedEth()));
        // da: 600 × 0.5 + 300 × 0.4 + 100 × 0.5 = 470; oracle: 600 × 0.3 + 100 × 0.3 = 210; of a backing of 1000
        assertEquals(0, new BigDecimal("0.47").compareTo(at120.slashableShareBySet().get("da-avs/0")));
        assertEquals(0, new BigDecimal("0.21").compareTo(at120.slashableShareBySet().get("oracle-avs/1")));
        assertEquals(0, new BigDecimal("0.7").compareTo(at120.shareByOperator().get(OP_A)), "600 delegated + 100 queued");

        RestakingExposure at151 = read(reads, c, 151).exposures().get("weETH");
        assertTrue(at151.delegations().get(1).queued().get(0).allocations().isEmpty(), "past its delay: no longer slashable");
        assertEquals(0, new BigDecimal("0.42").compareTo(at151.slashableShareBySet().get("da-avs/0")));
        assertEquals(0, new BigDecimal("0.6").compareTo(at151.shareByOperator().get(OP_A)));
    }

    @Test
    void anOperatorOutsideTheCatalogueIsDiscoveredAndItsSetsReadFromTheNextBlocks() {
        FakeEigenLayer c = chain();
        c.delegatedTo.put(ACC_2, OP_NEW);
        c.allocation.put(OP_NEW + "/" + DA + "/0", eth("0.2"));
        c.allocation.put(OP_NEW + "/" + NEW_AVS + "/7", eth("0.6"));
        c.allocatedSets.put(OP_NEW, List.of(new String[] {DA, "0"}, new String[] {NEW_AVS, "7"}));
        ExposureReads reads = new ExposureReads(GRAPH);
        int before = reads.plan().calls().size();

        RestakingExposure first = read(reads, c, 10).exposures().get("weETH");
        assertFalse(first.complete());
        assertTrue(first.errors().get(0).contains(OP_NEW + " discovered this block"), first.errors().toString());
        assertEquals(OP_NEW, first.delegations().get(1).operator());
        assertNull(first.delegations().get(1).operatorName());

        // the next block reads its max magnitude, allocated sets and the catalogue's sets, and finds a set the catalogue lacks
        assertEquals(before + 1 + 2 * 3, reads.plan().calls().size(), "allocated sets + (max + 2 sets) per strategy");
        RestakingExposure second = read(reads, c, 11).exposures().get("weETH");
        assertFalse(second.complete());
        assertTrue(second.errors().get(0).contains("not read this block") && second.errors().get(0).contains(NEW_AVS + "/7"),
                second.errors().toString());

        RestakingExposure third = read(reads, c, 12).exposures().get("weETH");
        assertTrue(third.complete(), third.errors().toString());
        // da: 600 × 0.5 + 300 × 0.2 = 360; the new set: 300 × 0.6 = 180, named by its address and id
        assertEquals(0, new BigDecimal("0.36").compareTo(third.slashableShareBySet().get("da-avs/0")));
        assertEquals(0, new BigDecimal("0.18").compareTo(third.slashableShareBySet().get(NEW_AVS + "/7")));
    }

    @Test
    void theVaultsPositionIsUnexposedUndelegatedAndTakesItsOperatorsAllocationsInItsStrategyWhenDelegated() {
        FakeEigenLayer c = chain();
        c.underlyingPerShare = eth("1.02");
        ExposureReads reads = new ExposureReads(GRAPH);
        RestakingExposure undelegated = read(reads, c, 10).positions().get("stETH").get("eigenlayer-steth");
        assertFalse(undelegated.delegated());
        assertTrue(undelegated.slashableShareBySet().isEmpty());
        assertEquals(0, new BigDecimal("51").compareTo(undelegated.backingEth()), "50 shares × 1.02");

        // delegated to operator-b, which allocated 0.4 of its stETH-strategy stake to da (a slash of 0.1 left max 0.8)
        c.delegatedTo.put(VAULT, OP_B);
        c.maxMagnitude.put(OP_B, eth("0.8"));
        RestakingExposure delegated = read(reads, c, 11).positions().get("stETH").get("eigenlayer-steth");
        assertTrue(delegated.complete(), delegated.errors().toString());
        assertTrue(delegated.delegated());
        assertEquals(0, new BigDecimal("0.5").compareTo(delegated.slashableShareBySet().get("da-avs/0")), "0.4 / 0.8");
        assertEquals(Map.of("stETH", Map.of("eigenlayer-steth", delegated)), Map.of("stETH", read(reads, c, 11).positions().get("stETH")));
    }

    @Test
    void aPauseFlagTurningTrueRaisesOneCriticalAlertWithTheEventWatchsId() {
        FakeEigenLayer c = chain();
        ExposureReads reads = new ExposureReads(GRAPH);
        PauseWatch watch = new PauseWatch();
        Provenance p1 = new Provenance(31337, 10, "0x0a", 1000);
        Provenance p2 = new Provenance(31337, 11, "0x0b", 1001);
        assertTrue(watch.check("weETH", read(reads, c, 10).paused().get("weETH"), p1).isEmpty());
        c.paused.put(ISSUER, true);
        List<RiskAlert> alerts = watch.check("weETH", read(reads, c, 11).paused().get("weETH"), p2);
        assertEquals(1, alerts.size());
        RiskAlert a = alerts.get(0);
        assertEquals(List.of("VENUE_PAUSED", "CRITICAL", "weETH"), List.of(a.kind(), a.severity(), a.subject()));
        assertEquals(RiskAlert.idFor("weETH", "VENUE_PAUSED", true, p2), a.eventId(), "the Paused event's alert has the same id");
        assertTrue(watch.check("weETH", Map.of(ISSUER, true), new Provenance(31337, 12, "0x0c", 1002)).isEmpty(), "once");
        assertTrue(new PauseWatch().check("weETH", Map.of(ISSUER, true), p2).isEmpty(), "a flag first seen true is no transition");
    }

    @Test
    void malformedQueuedWithdrawalsAreAnUnavailableReadNotAnAllocation() {
        // an array length far past the data
        String hex = FakeEigenLayer.word(java.math.BigInteger.valueOf(64)) + FakeEigenLayer.word(java.math.BigInteger.valueOf(96))
                + FakeEigenLayer.word(java.math.BigInteger.valueOf(1_000_000_000));
        var r = EigenLayerQueueReader.decodeQueuedWithdrawals(new Multicall3.Result(true, org.web3j.utils.Numeric.hexStringToByteArray(hex)),
                BEACON);
        assertFalse(r.available());
        assertTrue(r.error().startsWith("getQueuedWithdrawals(address): malformed return data"), r.error());
        var ok = EigenLayerQueueReader.decodeQueuedWithdrawals(new Multicall3.Result(true, org.web3j.utils.Numeric.hexStringToByteArray(
                EigenLayerAbi.queued(new EigenLayerAbi.Withdrawal(OP_A, 7, List.of(STETH_STRATEGY, BEACON), List.of(E18, eth("2")))))), BEACON);
        assertEquals(List.of(new EigenLayerQueueReader.QueuedWithdrawal(OP_A, 7, eth("2"))), ok.value(), "only the strategy asked for");
        assertEquals(MC.getPrecision(), 34);
    }
}
