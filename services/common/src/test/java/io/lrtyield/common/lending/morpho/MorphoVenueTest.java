package io.lrtyield.common.lending.morpho;

import io.lrtyield.common.catalogue.Asset;
import io.lrtyield.common.catalogue.Catalogue;
import io.lrtyield.common.catalogue.CatalogueLoader;
import io.lrtyield.common.catalogue.Venue;
import io.lrtyield.common.codec.EventCodec;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A Morpho lending venue resolved from the catalogue, and the accrual that values a position at a block. */
class MorphoVenueTest {

    static final String WETH = "0x000000000000000000000000000000000000aa01";
    static final String WSTETH = "0x000000000000000000000000000000000000aa02";
    static final MarketParams PARAMS = new MarketParams(WETH, WSTETH, "0x000000000000000000000000000000000000aa03",
            "0x000000000000000000000000000000000000aa04", new BigInteger("945000000000000000"));

    static Catalogue catalogue(Map<String, String> params) {
        return new Catalogue("test", 31337, Map.of("multicall3", "0x00000000000000000000000000000000000000c1", "morphoBlue",
                "0x00000000000000000000000000000000000000b1", "oracle", PARAMS.oracle(), "irm", PARAMS.irm()),
                List.of(new Asset("WETH", WETH, 18, "ETH", null), new Asset("wstETH", WSTETH, 18, "stETH", null)),
                List.of(new Venue("m", "LENDING_SUPPLY", "WETH", "morpho-blue", 2, 0, 0.0, params),
                        new Venue("aave", "LENDING_SUPPLY", "WETH", "aave", 2, 0, 0.0, Map.of("pool", "0x00000000000000000000000000000000000000b2"))),
                List.of());
    }

    static Map<String, String> params() {
        Map<String, String> p = new HashMap<>(Map.of("morpho", "morphoBlue", "collateral", "wstETH", "oracle", "oracle", "irm", "irm",
                "lltv", "0.945", "marketId", PARAMS.id()));
        return p;
    }

    @Test
    void aMorphoVenueResolvesItsMarketFromTheCatalogue() {
        Catalogue c = catalogue(params());
        MorphoVenue m = MorphoVenue.of(c.venue("m").orElseThrow(), c);
        assertEquals(PARAMS, m.params(), "loan token = the venue's asset, names resolved, lltv 0.945 = 945e15 WAD");
        assertEquals(PARAMS.id(), m.marketId());
        assertEquals("0x00000000000000000000000000000000000000b1", m.morpho());
        assertTrue(MorphoVenue.isMorpho(c.venue("m").orElseThrow()));
        assertFalse(MorphoVenue.isMorpho(c.venue("aave").orElseThrow()), "a lending venue with a pool is Aave's");
        assertTrue(MorphoVenue.find(c.venue("aave").orElseThrow(), c).isEmpty());
    }

    @Test
    void aMarketIdThatIsNotTheParametersIdIsRefusedAlsoByTheLoader() {
        Map<String, String> wrong = params();
        wrong.put("lltv", "0.86");
        Catalogue c = catalogue(wrong);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MorphoVenue.of(c.venue("m").orElseThrow(), c));
        assertTrue(e.getMessage().contains("is not the id of its parameters"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CatalogueLoader.parse(EventCodec.toJson(c)));
        Map<String, String> noId = params();
        noId.remove("marketId");
        assertThrows(IllegalArgumentException.class, () -> CatalogueLoader.parse(EventCodec.toJson(catalogue(noId))));
        assertEquals(2, CatalogueLoader.parse(EventCodec.toJson(catalogue(params()))).venues().size());
        Map<String, String> tooFine = params();
        tooFine.put("lltv", "0.9450000000000000001");
        assertThrows(IllegalArgumentException.class, () -> MorphoVenue.of(catalogue(tooFine).venue("m").orElseThrow(), catalogue(tooFine)));
    }

    @Test
    void anAccruedMarketIsTheStoredOneBroughtForwardWithTheIrmsAverageRate() {
        BigInteger e18 = MorphoMath.WAD;
        MarketState stored = new MarketState(e18.multiply(BigInteger.valueOf(10_000)), e18.multiply(BigInteger.valueOf(10_000_000_000L)),
                e18.multiply(BigInteger.valueOf(8_000)), e18.multiply(BigInteger.valueOf(8_000_000_000L)), 1_000_000, BigInteger.ZERO);
        BigInteger rateAtTarget = AdaptiveCurveIrmModel.INITIAL_RATE_AT_TARGET;
        AccruedMarket a = AccruedMarket.at(stored, rateAtTarget, 1_000_000 + 86_400);
        AdaptiveCurveIrmModel.Rates r = AdaptiveCurveIrmModel.rates(rateAtTarget, stored, 1_000_000 + 86_400);
        assertEquals(InterestAccrual.accrue(stored, r.avgBorrowRate(), 1_000_000 + 86_400), a.state());
        assertEquals(r.endRateAtTarget(), a.rateAtTarget());
        assertTrue(a.rateAtTarget().compareTo(rateAtTarget) < 0, "80 % < the 90 % target: the rate at target drifted down");
        // the rate from then on: the curve at the accrued utilisation with the new rate at target, no averaging
        assertEquals(AdaptiveCurveIrmModel.curve(a.rateAtTarget(), err(a.state())), a.borrowRate());
        BigInteger shares = e18.multiply(BigInteger.valueOf(1_000_000_000));
        assertEquals(MorphoMath.toAssetsDown(shares, a.state().totalSupplyAssets(), a.state().totalSupplyShares()), a.supplyAssets(shares));
        assertTrue(a.supplyAssets(shares).compareTo(e18.multiply(BigInteger.valueOf(1_000))) > 0, "a day's interest on 1,000 WETH");
        // no time elapsed: nothing accrues, the stored rate at target stays
        AccruedMarket same = AccruedMarket.at(stored, rateAtTarget, 1_000_000);
        assertEquals(stored, same.state());
        assertEquals(rateAtTarget, same.rateAtTarget());
    }

    private static BigInteger err(MarketState m) {
        BigInteger u = m.utilization();
        BigInteger target = AdaptiveCurveIrmModel.TARGET_UTILIZATION;
        BigInteger norm = u.compareTo(target) > 0 ? MorphoMath.WAD.subtract(target) : target;
        return u.subtract(target).multiply(MorphoMath.WAD).divide(norm);
    }
}
