package io.lrtyield.common.restaking;

import io.lrtyield.common.catalogue.Restaking;
import io.lrtyield.common.chain.Multicall3;
import io.lrtyield.common.event.Provenance;
import io.lrtyield.common.event.RestakingExposure;
import io.lrtyield.common.event.RiskAlert;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The exposure part of the snapshot decoded from ABI words, and the slashing alerts on the next block's exposure. */
class ExposureReadsTest {

    static final BigInteger E18 = BigInteger.TEN.pow(18);
    static final String OP_A = "0x00000000000000000000000000000000000000a1";
    static final String OP_B = "0x00000000000000000000000000000000000000b2";
    static final String ACC_1 = "0x0000000000000000000000000000000000000c01";
    static final String ACC_2 = "0x0000000000000000000000000000000000000c02";
    static final Restaking GRAPH = new Restaking("0x00000000000000000000000000000000000000d0", "0x00000000000000000000000000000000000000e0",
            "0xbeac0eeeeeeeeeeeeeeeeeeeeeeeeeeeeeebeac0",
            List.of(new Restaking.Operator("operator-a", OP_A), new Restaking.Operator("operator-b", OP_B)),
            List.of(new Restaking.OperatorSet("da-avs/0", "0x00000000000000000000000000000000000000f0", 0),
                    new Restaking.OperatorSet("oracle-avs/1", "0x00000000000000000000000000000000000000f1", 1)),
            List.of(new Restaking.Lrt("weETH", new Restaking.Backing("0x00000000000000000000000000000000000000aa", "getTotalPooledEther",
                    List.of()), List.of(ACC_1, ACC_2), "catalogue")));

    @Test
    void decodesTheGraphIntoSlashableSharesPerSet() {
        ExposureReads reads = new ExposureReads(GRAPH);
        assertEquals(1 + 2 * 4 + 1 + 2 * 3, reads.calls().size(),
                "delay; per operator allocated sets, max magnitude and 2 sets; backing; per account 3");
        RestakingExposure e = reads.decode(results(E18, 1000)::next).get("weETH");
        assertTrue(e.complete(), e.errors().toString());
        assertEquals(0, new BigDecimal("1000").compareTo(e.backingEth()));
        assertEquals(0, new BigDecimal("900").compareTo(e.restakedEth()), "600 + 300 restaked");
        Map<String, BigDecimal> share = e.slashableShareBySet();
        // da: 600 × 0.5 + 300 × 0.4 = 420 → 0.42; oracle: 600 × 0.3 = 180 → 0.18
        assertEquals(0, new BigDecimal("0.42").compareTo(share.get("da-avs/0")), share.toString());
        assertEquals(0, new BigDecimal("0.18").compareTo(share.get("oracle-avs/1")), share.toString());
        assertEquals("operator-a", e.delegations().get(0).operatorName());
        assertEquals(0, new BigDecimal("0.6").compareTo(e.shareByOperator().get(OP_A)));
    }

    @Test
    void aSlashOfTheOperatorRaisesOneCriticalAndFallingSharesPerAccount() {
        ExposureReads reads = new ExposureReads(GRAPH);
        SlashingWatch watch = new SlashingWatch();
        Provenance p1 = new Provenance(31337, 10, "0x01", 1000);
        Provenance p2 = new Provenance(31337, 11, "0x02", 1001);
        assertTrue(watch.check("weETH", reads.decode(results(E18, 1000)::next).get("weETH"), p1).isEmpty(), "nothing to compare with yet");
        // operator-a slashed 5 % of its 0.5 in da-avs: max magnitude 0.975, its account's withdrawable 600 → 585
        List<RiskAlert> alerts = watch.check("weETH", reads.decode(results(new BigInteger("975000000000000000"), 1000)::next).get("weETH"), p2);
        assertEquals(2, alerts.size(), alerts.toString());
        RiskAlert slashed = alerts.get(0);
        assertEquals("OPERATOR_SLASHED", slashed.kind());
        assertEquals("CRITICAL", slashed.severity());
        assertEquals("weETH", slashed.subject());
        assertEquals(0, new BigDecimal("250").compareTo(slashed.value()), "−250 bps of max magnitude");
        assertEquals("WITHDRAWABLE_SHARES_DECREASE", alerts.get(1).kind());
        assertEquals("CRITICAL", alerts.get(1).severity());
        assertTrue(alerts.get(1).message().contains(ACC_1));
        assertTrue(watch.check("weETH", reads.decode(results(new BigInteger("975000000000000000"), 1000)::next).get("weETH"),
                new Provenance(31337, 12, "0x03", 1002)).isEmpty(), "an incident is raised once");
    }

    @Test
    void aBackingViewTakingAnAddressIsEncodedWithTheAddress() {
        // Kelp: getTotalAssetDeposits(address asset) with LRTConstants.ETH_TOKEN
        String data = ExposureReads.backingCall(new Restaking.Backing("0x00000000000000000000000000000000000000aa", "getTotalAssetDeposits",
                List.of("0xEeeeeEeeeEeEeeEeEeEeeEEEeeeeEeeeeeeeEEeE")));
        assertEquals(org.web3j.crypto.Hash.sha3String("getTotalAssetDeposits(address)").substring(0, 10)
                + "000000000000000000000000eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee", data);
    }

    @Test
    void anUnreadableBackingMakesTheExposureIncompleteAndTheRestakedEthTheDenominator() {
        ExposureReads reads = new ExposureReads(GRAPH);
        List<Multicall3.Result> r = new ArrayList<>();
        results(E18, 1000).forEachRemaining(r::add);
        r.set(9, new Multicall3.Result(false, new byte[0]));
        RestakingExposure e = reads.decode(r.iterator()::next).get("weETH");
        assertFalse(e.complete());
        assertNull(e.backingEth());
        // as if all of it were restaked: da (300 + 120) / 900, the larger share
        assertEquals(0, new BigDecimal("420").divide(new BigDecimal("900"), java.math.MathContext.DECIMAL128)
                .compareTo(e.slashableShareBySet().get("da-avs/0")));
    }

    /**
     * Results in call order: the withdrawal delay (100 blocks); operator-a (its allocated sets, max, da 0.5, oracle 0.3
     * scaled by max/WAD), operator-b (sets, WAD, da 0.4, none), backing, per account delegatedTo, shares, no queued withdrawals.
     */
    static Iterator<Multicall3.Result> results(BigInteger maxA, long backingEth) {
        BigInteger daA = BigInteger.valueOf(475).multiply(E18).divide(BigInteger.valueOf(1000));
        BigInteger allocDaA = maxA.equals(E18) ? E18.divide(BigInteger.TWO) : daA;
        BigInteger acc1 = BigInteger.valueOf(600).multiply(E18).multiply(maxA).divide(E18);
        List<Multicall3.Result> r = List.of(ok(word(BigInteger.valueOf(100))),
                ok(EigenLayerAbi.sets(SET_DA, SET_ORACLE)),
                ok(word(maxA)), ok(word(allocDaA), word(BigInteger.ZERO), word(BigInteger.ZERO)),
                ok(word(new BigInteger("300000000000000000")), word(BigInteger.ZERO), word(BigInteger.ZERO)),
                ok(EigenLayerAbi.sets(SET_DA)),
                ok(word(E18)), ok(word(new BigInteger("400000000000000000")), word(BigInteger.ZERO), word(BigInteger.ZERO)),
                ok(word(BigInteger.ZERO), word(BigInteger.ZERO), word(BigInteger.ZERO)),
                ok(word(BigInteger.valueOf(backingEth).multiply(E18))),
                ok(address(OP_A)), ok(shares(acc1, BigInteger.valueOf(600).multiply(E18))), ok(EigenLayerAbi.noQueuedWithdrawals()),
                ok(address(OP_B)), ok(shares(BigInteger.valueOf(300).multiply(E18), BigInteger.valueOf(300).multiply(E18))),
                ok(EigenLayerAbi.noQueuedWithdrawals()));
        return r.iterator();
    }

    static final String[] SET_DA = {"0x00000000000000000000000000000000000000f0", "0"};
    static final String[] SET_ORACLE = {"0x00000000000000000000000000000000000000f1", "1"};

    static Multicall3.Result ok(String... words) {
        return new Multicall3.Result(true, org.web3j.utils.Numeric.hexStringToByteArray(String.join("", words)));
    }

    static String word(BigInteger v) {
        return String.format("%64s", v.toString(16)).replace(' ', '0');
    }

    static String address(String a) {
        return String.format("%64s", a.substring(2)).replace(' ', '0');
    }

    /** (uint256[] withdrawable, uint256[] deposit), one element each. */
    static String shares(BigInteger withdrawable, BigInteger deposit) {
        return word(BigInteger.valueOf(64)) + word(BigInteger.valueOf(128)) + word(BigInteger.ONE) + word(withdrawable)
                + word(BigInteger.ONE) + word(deposit);
    }
}
