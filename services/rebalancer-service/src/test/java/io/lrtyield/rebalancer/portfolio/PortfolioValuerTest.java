package io.lrtyield.rebalancer.portfolio;

import io.lrtyield.common.catalogue.Asset;
import io.lrtyield.common.catalogue.Catalogue;
import io.lrtyield.common.catalogue.Venue;
import io.lrtyield.common.event.PriceStatus;
import io.lrtyield.common.event.PriceTick;
import io.lrtyield.common.event.Provenance;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

public class PortfolioValuerTest {

    public static final BigInteger E18 = BigInteger.TEN.pow(18);
    public static final Provenance P = new Provenance(1, 10, "0x", 100);

    static String addr(int n) {
        return String.format("0x%040x", n);
    }

    public static final Catalogue CATALOGUE = new Catalogue("t", 1, Map.of(),
            List.of(new Asset("ETH", null, 18, "ETH", null), new Asset("WETH", addr(1), 18, "ETH", null),
                    new Asset("stETH", addr(2), 18, "ETH", null), new Asset("wstETH", addr(3), 18, "stETH", null),
                    new Asset("weETH", addr(5), 18, "eETH", null)),
            List.of(new Venue("idle-eth", "IDLE", "ETH", "vault", 1, 0, 0.0),
                    new Venue("lido-wsteth", "NATIVE_STAKING", "wstETH", "lido", 1, 0, 0.0),
                    new Venue("etherfi-weeth", "RESTAKING_TOKEN", "weETH", "etherfi", 3, 0, 0.0),
                    new Venue("aave-weth-supply", "LENDING_SUPPLY", "WETH", "aave", 2, 0, 0.0),
                    new Venue("aave-wsteth-loop", "LEVERAGED_LOOP", "wstETH", "aave", 3, 0, 0.0, Map.of("borrowAsset", "WETH")),
                    new Venue("pendle-pt-weeth", "FIXED_YIELD_PT", "weETH", "pendle", 3, 0, 0.0)));

    public static PriceTick tick(String asset, String fundamental, String market) {
        return new PriceTick(1, "t", asset, market == null ? null : new BigDecimal(market), null, new BigDecimal(fundamental), null,
                PriceStatus.OK, null, List.of(), List.of(), P);
    }

    public static BigInteger eth(String v) {
        return new BigDecimal(v).movePointRight(18).toBigIntegerExact();
    }

    @Test
    void balancesLandInTheirVenuesAndAreValuedAtFundamentalAndMarket() {
        AaveAccount aave = new AaveAccount(BigInteger.ONE, BigInteger.ONE, new BigDecimal("0.95"), new BigDecimal("1.055"),
                Map.of("wstETH", eth("100"), "WETH", eth("5")), Map.of("WETH", eth("108")));
        RawSnapshot raw = new RawSnapshot(10, 100, eth("7"), Map.of("WETH", eth("3"), "wstETH", eth("2"), "stETH", eth("0.5"),
                "weETH", BigInteger.ZERO), aave, Map.of("pendle-pt-weeth", List.of(new Holding("PT balance", "weETH", eth("4"), false))), 0, List.of(), Map.of());
        Map<String, PriceTick> prices = Map.of("wstETH", tick("wstETH", "1.2", "1.19"), "weETH", tick("weETH", "1.05", null));
        Portfolio p = new PortfolioValuer(CATALOGUE).value("vault", raw, prices);

        assertEquals(0, new BigDecimal("10").compareTo(p.amountIn("idle-eth")), "7 ETH + 3 WETH");
        assertEquals(0, new BigDecimal("2.4").compareTo(p.amountIn("lido-wsteth")));
        assertEquals(0, new BigDecimal("12").compareTo(p.amountIn("aave-wsteth-loop")), "100 × 1.2 − 108");
        assertEquals(0, new BigDecimal("5").compareTo(p.amountIn("aave-weth-supply")));
        assertEquals(0, new BigDecimal("4.2").compareTo(p.amountIn("pendle-pt-weeth")));
        assertEquals(0, new BigDecimal("0.5").compareTo(p.amountIn(Portfolio.UNASSIGNED)), "loose stETH");
        VenuePosition loop = p.position("aave-wsteth-loop").orElseThrow();
        assertEquals(new BigDecimal("1.055"), loop.healthFactor());
        assertEquals(0, new BigDecimal("11").compareTo(loop.valueMarket()), "100 × 1.19 − 108");
        assertNull(p.position("pendle-pt-weeth").orElseThrow().valueMarket(), "weETH has no market price");
        assertNull(p.totalMarket());
        assertEquals(0, new BigDecimal("34.1").compareTo(p.totalFundamental()));
        assertTrue(p.position("pendle-pt-weeth").orElseThrow().notes().get(0).startsWith("PT valued at redemption value"));
    }
}
