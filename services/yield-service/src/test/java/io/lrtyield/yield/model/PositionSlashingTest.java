package io.lrtyield.yield.model;

import io.lrtyield.common.event.Provenance;
import io.lrtyield.common.event.RestakingExposure;
import io.lrtyield.common.event.SizePoint;
import io.lrtyield.common.event.YieldComponent;
import io.lrtyield.common.event.YieldQuote;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The vault's EigenLayer deposit: no loss undelegated (the flat term stays the rebalancer's), the graph's loss delegated. */
class PositionSlashingTest {

    static YieldQuote eigenQuote() {
        return new YieldQuote(YieldQuote.SCHEMA_VERSION, "q1", "eigenlayer-steth", "EIGENLAYER_STRATEGY", "stETH", new BigDecimal("0.0320"),
                "spot", List.of(new YieldComponent("staking", new BigDecimal("0.0320"), "wstETH staking APY")), List.of(),
                List.of(new SizePoint(BigDecimal.TEN, new BigDecimal("0.0320"))), 1, List.of(), new Provenance(31337, 5, "0x05", 100),
                Map.of("withdrawalDelaySeconds", "100"));
    }

    @Test
    void undelegatedTheQuoteKeepsItsNetApyAndCarriesNoExpectedLoss() {
        RestakingExposure e = new RestakingExposure(new BigDecimal("51"), List.of(new RestakingExposure.Delegation("0xf00", null, null,
                new BigDecimal("51"), null, List.of())), true, List.of());
        YieldQuote q = PositionSlashing.adjust(eigenQuote(), e, SlashingRiskTest.RISK);
        assertEquals(0, new BigDecimal("0.032").compareTo(q.netApy()));
        assertEquals("none", q.risk().get("delegatedTo"));
        assertTrue(!q.risk().containsKey("expectedSlashingLoss"), "the rebalancer's flat term applies");
        assertSame(eigenQuote().getClass(), PositionSlashing.adjust(eigenQuote(), null, SlashingRiskTest.RISK).getClass());
    }

    @Test
    void delegatedTheExpectedLossOfItsOperatorsSetsComesOff() {
        // 51 ETH delegated to operator-b (max 0.8): da 0.4 → share 0.5, bridge 0.2 → 0.25
        BigDecimal w = new BigDecimal("51");
        RestakingExposure e = new RestakingExposure(w, List.of(new RestakingExposure.Delegation("0xf00", "0xb2", "operator-b", w,
                new BigDecimal("0.8"), List.of(SlashingRiskTest.alloc("da-avs/0", "0.4", "51", "0.8"),
                SlashingRiskTest.alloc("bridge-avs/2", "0.2", "51", "0.8")))), true, List.of());
        YieldQuote q = PositionSlashing.adjust(eigenQuote(), e, SlashingRiskTest.RISK);
        // loss = 0.5 × 0.01 × 0.1 + 0.25 × 0.04 × 0.5 = 0.0005 + 0.005 = 0.0055
        SlashingRiskTest.near("0.0055", new BigDecimal(q.risk().get("expectedSlashingLoss")));
        SlashingRiskTest.near("0.0265", q.netApy());
        SlashingRiskTest.near("0.0265", q.sizeCurve().get(0).netApy());
        assertEquals("operator-b", q.risk().get("delegatedTo"));
        SlashingRiskTest.near("0.5", new BigDecimal(q.risk().get("exposure.avs.da-avs/0")));
        assertEquals(SlashingRisk.COMPONENT, q.components().get(q.components().size() - 1).name());
    }
}
