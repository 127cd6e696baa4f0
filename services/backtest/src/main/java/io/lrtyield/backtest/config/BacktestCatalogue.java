package io.lrtyield.backtest.config;

import io.lrtyield.common.catalogue.Catalogue;
import io.lrtyield.devnet.deploy.DevnetCatalogue;
import io.lrtyield.devnet.deploy.DevnetDeployment;
import io.lrtyield.devnet.deploy.FundamentalRates;
import io.lrtyield.devnet.deploy.MarketDeployment;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The devnet's catalogue — its venues, parameters and routes, as {@code DevnetCatalogue} builds it — with
 * synthetic contract addresses (nothing is called; the plan builder only needs every route's contract to exist).
 * The EigenLayer withdrawal delay is 7 days of chain time.
 */
public final class BacktestCatalogue {

    public static final long CHAIN_ID = 31337;
    private static final long EIGEN_DELAY_SECONDS = 7 * 86_400L;

    private BacktestCatalogue() {
    }

    public static Catalogue devnet() {
        int[] n = {0x100};
        Map<String, String> chainlink = new LinkedHashMap<>();
        Map<String, String> redStone = new LinkedHashMap<>();
        Map<String, String> uni = new LinkedHashMap<>();
        for (String asset : FundamentalRates.FEED_ASSETS) {
            chainlink.put(asset, addr(n[0]++));
            redStone.put(asset, addr(n[0]++));
        }
        for (String asset : FundamentalRates.UNI_V3_ASSETS) {
            uni.put(asset, addr(n[0]++));
        }
        MarketDeployment m = new MarketDeployment(addr(20), addr(21), chainlink, addr(24), addr(25), addr(26), addr(27), addr(28),
                addr(29), addr(30), addr(31), 1_900_000_000L, addr(32), addr(33), addr(34), EIGEN_DELAY_SECONDS, addr(35), redStone, uni,
                addr(36));
        return DevnetCatalogue.of(new DevnetDeployment(CHAIN_ID, addr(1), addr(2), addr(3), addr(4), 1, addr(16), addr(5), addr(6),
                addr(7), addr(8), addr(9), addr(10), addr(11), addr(12), addr(13), addr(14), addr(15), addr(17), addr(18), addr(19), m));
    }

    /** The vault the catalogue names. */
    public static String vault(Catalogue c) {
        return c.contracts().get("strategyVault").toLowerCase();
    }

    private static String addr(int i) {
        return String.format("0x%040x", i);
    }
}
