package io.lrtyield.devnet.deploy;

import io.lrtyield.common.catalogue.Asset;
import io.lrtyield.common.catalogue.Catalogue;
import io.lrtyield.common.catalogue.CatalogueLoader;
import io.lrtyield.common.catalogue.RateSource;
import io.lrtyield.common.catalogue.Venue;
import io.lrtyield.common.catalogue.VenueKind;
import io.lrtyield.common.codec.EventCodec;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class DevnetCatalogueTest {

    private static final String MULTICALL3 = "0xcA11bde05977b3631167028862bE2a173976CA11";
    private static final String STETH = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
    private static final String WSTETH = "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512";
    private static final String ORACLE = "0x9fE46736679d2D9a65F0992F2272dE9f3c7fa6e0";

    private final Catalogue catalogue = DevnetCatalogue.of(new DevnetDeployment(31337, MULTICALL3, STETH, WSTETH, ORACLE, 7));

    @Test
    void namesTheDeployedContracts() {
        assertEquals("devnet", catalogue.network());
        assertEquals(31337, catalogue.chainId());
        assertEquals(MULTICALL3, catalogue.multicall3());
        assertEquals(List.of("ETH", "stETH", "wstETH"), catalogue.assets().stream().map(Asset::symbol).toList());
        assertNull(catalogue.asset("ETH").orElseThrow().fundamentalRate());
    }

    @Test
    void rateSourcesReadTheReplicas() {
        Asset wstEth = catalogue.asset("wstETH").orElseThrow();
        assertEquals(WSTETH, wstEth.address());
        assertEquals("stETH", wstEth.underlying());
        assertEquals(new RateSource(WSTETH, "stEthPerToken", List.of(), 18, 0.15), wstEth.fundamentalRate());

        Asset stEth = catalogue.asset("stETH").orElseThrow();
        assertEquals(STETH, stEth.address());
        assertEquals(null, stEth.fundamentalRate(), "stETH rebases 1:1 with ETH; its yield is read through wstETH");
    }

    @Test
    void venues() {
        Venue lido = catalogue.venue("lido-wsteth").orElseThrow();
        assertEquals(VenueKind.NATIVE_STAKING, lido.venueKind());
        assertEquals("wstETH", lido.asset());
        assertEquals("lido", lido.protocol());
        assertEquals(432_000, lido.withdrawalDelaySeconds());
        assertEquals(0.0, lido.protocolFee());
        assertEquals(VenueKind.IDLE, catalogue.venue("idle-eth").orElseThrow().venueKind());
        assertEquals(List.of(lido), catalogue.venuesOf("wstETH"));
    }

    @Test
    void servedJsonPassesTheLoaderAndRoundTrips() {
        String json = EventCodec.toJson(catalogue);
        assertTrue(json.contains("\"function\":\"stEthPerToken\",\"args\":[]"), json);
        assertEquals(catalogue, CatalogueLoader.parse(json));
    }
}
