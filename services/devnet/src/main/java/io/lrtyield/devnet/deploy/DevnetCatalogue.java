package io.lrtyield.devnet.deploy;

import io.lrtyield.common.catalogue.Asset;
import io.lrtyield.common.catalogue.Catalogue;
import io.lrtyield.common.catalogue.MarketPricing;
import io.lrtyield.common.catalogue.PriceSource;
import io.lrtyield.common.catalogue.RateSource;
import io.lrtyield.common.catalogue.Venue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The devnet catalogue: the same shape and views as mainnet's, with the addresses the deployer just created. */
public final class DevnetCatalogue {

    /** CAPO-style bounds: no sane staking rate grows faster than this per year. */
    private static final double LST_MAX_ANNUAL_GROWTH = 0.15;
    private static final double LRT_MAX_ANNUAL_GROWTH = 0.20;
    private static final long DAY = 86_400L;

    private DevnetCatalogue() {
    }

    /** The catalogue with the simulator's default feed heartbeat (1 h). */
    public static Catalogue of(DevnetDeployment d) {
        return of(d, 3_600);
    }

    /** @param feedHeartbeatSeconds how often the simulator publishes each market feed at the least (chain time) */
    public static Catalogue of(DevnetDeployment d, long feedHeartbeatSeconds) {
        MarketDeployment m = d.markets();
        // a feed is stale once it has missed its heartbeat by more than a tenth (Chainlink updates land a little late)
        long heartbeat = feedHeartbeatSeconds + feedHeartbeatSeconds / 10;
        List<Asset> assets = List.of(
                new Asset("ETH", null, 18, "ETH", null),
                new Asset("WETH", d.weth(), 18, "ETH", null),
                // stETH and eETH rebase: 1 token is redeemable for 1 ETH (priced at par); their yield shows in wstETH's and weETH's rate
                new Asset("stETH", d.stETH(), 18, "ETH", null, m == null ? null : stEthMarket(m, heartbeat, false)),
                new Asset("wstETH", d.wstETH(), 18, "stETH", rate(d.wstETH(), "stEthPerToken", LST_MAX_ANNUAL_GROWTH),
                        m == null ? null : stEthMarket(m, heartbeat, true)),
                new Asset("rETH", d.rETH(), 18, "ETH", rate(d.rETH(), "getExchangeRate", LST_MAX_ANNUAL_GROWTH), feedOnly(m, "rETH", heartbeat)),
                new Asset("cbETH", d.cbETH(), 18, "ETH", rate(d.cbETH(), "exchangeRate", LST_MAX_ANNUAL_GROWTH), feedOnly(m, "cbETH", heartbeat)),
                new Asset("eETH", d.eETH(), 18, "ETH", null, m == null ? null : MarketPricing.of(curve(m.curveEEthPool(), "eETH", false))),
                new Asset("weETH", d.weETH(), 18, "eETH", rate(d.weETH(), "getRate", LRT_MAX_ANNUAL_GROWTH), m == null ? null
                        : MarketPricing.of(concat(feed(m, "weETH", heartbeat, false), curve(m.curveEEthPool(), "eETH", true)))),
                // ezETH's rate is calculateTVLs().totalTVL / ezETH.totalSupply(): two reads of the same block
                new Asset("ezETH", d.ezETH(), 18, "ETH", new RateSource(d.renzoRestakeManager(), "calculateTVLs", List.of(), 18,
                        LRT_MAX_ANNUAL_GROWTH, RateSource.TVL_PER_SUPPLY, d.ezETH()), feedOnly(m, "ezETH", heartbeat)),
                new Asset("rsETH", d.rsETH(), 18, "ETH", rate(d.kelpOracle(), "rsETHPrice", LRT_MAX_ANNUAL_GROWTH), feedOnly(m, "rsETH", heartbeat)),
                new Asset("pufETH", d.pufETH(), 18, "WETH",
                        new RateSource(d.pufETH(), "convertToAssets", List.of(BigInteger.TEN.pow(18)), 18, LRT_MAX_ANNUAL_GROWTH)));
        List<Venue> venues = new ArrayList<>(List.of(
                new Venue("idle-eth", "IDLE", "ETH", "vault", 1, 0, 0.0),
                new Venue("lido-wsteth", "NATIVE_STAKING", "wstETH", "lido", 1, 5 * DAY, 0.0),
                new Venue("rocketpool-reth", "NATIVE_STAKING", "rETH", "rocketpool", 1, 0, 0.0),
                new Venue("coinbase-cbeth", "NATIVE_STAKING", "cbETH", "coinbase", 2, 7 * DAY, 0.0),
                new Venue("etherfi-weeth", "RESTAKING_TOKEN", "weETH", "etherfi", 3, 7 * DAY, 0.0),
                new Venue("renzo-ezeth", "RESTAKING_TOKEN", "ezETH", "renzo", 3, 7 * DAY, 0.0),
                new Venue("kelp-rseth", "RESTAKING_TOKEN", "rsETH", "kelp", 3, 9 * DAY, 0.0),
                new Venue("puffer-pufeth", "RESTAKING_TOKEN", "pufETH", "puffer", 3, 14 * DAY, 0.0)));
        Map<String, String> contracts = new LinkedHashMap<>();
        contracts.put("multicall3", d.multicall3());
        contracts.put("ethUsdFeed", d.ethUsdFeed());
        // where ETH deposits mint the LSTs/LRTs: the rebalancer's allowlist names them
        contracts.put("rocketDepositPool", d.rethDepositPool());
        contracts.put("etherfiLiquidityPool", d.etherfiPool());
        contracts.put("renzoRestakeManager", d.renzoRestakeManager());
        contracts.put("kelpDepositPool", d.kelpDepositPool());
        if (m != null) {
            m.ethFeeds().forEach((asset, feed) -> contracts.put(asset + "EthFeed", feed));
            contracts.put("curveStEthWethPool", m.curveStEthPool());
            contracts.put("curveEEthWethPool", m.curveEEthPool());
            contracts.put("aavePool", m.aavePool());
            contracts.put("aaveOracle", m.aaveOracle());
            contracts.put("usdc", m.usdc());
            contracts.put("pendleMarketWeEth", m.pendleMarket());
            contracts.put("pendlePtWeEth", m.pendlePt());
            contracts.put("pendleOracle", m.pendleOracle());
            contracts.put("eigenStrategyManager", m.eigenStrategyManager());
            contracts.put("eigenDelegationManager", m.eigenDelegationManager());
            contracts.put("eigenStEthStrategy", m.eigenStEthStrategy());
            contracts.put("strategyVault", m.strategyVault());
            // the rate models are the deployer's (MarketDeployer.initReserve): the size curve's rate impact follows them
            String wethRates = String.join(",", MarketDeployer.WETH_RATES);
            venues.add(new Venue("aave-weth-supply", "LENDING_SUPPLY", "WETH", "aave", 2, 0, 0.0,
                    Map.of("pool", "aavePool", "rateModel", wethRates)));
            // eMode 1 (ETH-correlated): LTV 93 %, liquidation threshold 95 %; the loop keeps 90 % (L = 10)
            venues.add(new Venue("aave-wsteth-loop", "LEVERAGED_LOOP", "wstETH", "aave", 3, 0, 0.0,
                    Map.of("pool", "aavePool", "borrowAsset", "WETH", "targetLtv", "0.9", "liquidationThreshold", "0.95",
                            "borrowRateModel", wethRates, "collateralRateModel", "0,0.045,0.8,0.45", "stakingAsset", "wstETH")));
            // the PT can be sold back to the market any time before expiry; held to expiry it redeems 1:1
            venues.add(new Venue("pendle-pt-weeth", "FIXED_YIELD_PT", "weETH", "pendle", 3, 0, 0.0, Map.of("market", "pendleMarketWeEth")));
            venues.add(new Venue("curve-steth-weth-lp", "LP", "stETH", "curve", 2, 0, 0.0,
                    Map.of("pool", "curveStEthWethPool", "ethCoin", "0")));
            // devnet blocks are 1 s apart, so the delay in blocks is the delay in seconds
            // EigenLayer points: 1 per ETH per hour; the price per point is a configured band, shown apart from the base
            venues.add(new Venue("eigenlayer-steth", "EIGENLAYER_STRATEGY", "stETH", "eigenlayer", 3, m.eigenWithdrawalDelayBlocks(), 0.0,
                    Map.of("stakingAsset", "wstETH", "pointsPerEthPerDay", "24", "pointPriceEthLow", "0.0000005", "pointPriceEthHigh", "0.000002")));
        }
        List<PriceSource> ethUsd = List.of(PriceSource.chainlink("chainlink-ETH-USD", d.ethUsdFeed(), 8, heartbeat, 1.0, false));
        return new Catalogue("devnet", d.chainId(), contracts, assets, venues, ethUsd);
    }

    /** stETH's feed, the Curve stETH/WETH pool and its EMA; scaled by wstETH's rate when pricing wstETH. */
    private static MarketPricing stEthMarket(MarketDeployment m, long heartbeat, boolean wrapped) {
        return MarketPricing.of(concat(feed(m, "stETH", heartbeat, wrapped), curve(m.curveStEthPool(), "stETH", wrapped)));
    }

    private static MarketPricing feedOnly(MarketDeployment m, String asset, long heartbeat) {
        List<PriceSource> feed = m == null ? List.of() : feed(m, asset, heartbeat, false);
        return feed.isEmpty() ? null : MarketPricing.of(feed);
    }

    /** The asset's X/ETH feed, if the deployment has one. */
    private static List<PriceSource> feed(MarketDeployment m, String asset, long heartbeat, boolean scaled) {
        String address = m.ethFeeds().get(asset);
        return address == null ? List.of() : List.of(PriceSource.chainlink("chainlink-" + asset + "-ETH", address, 18, heartbeat, 1.0, scaled));
    }

    /** Spot at 1 token with 100 and 500 token depth probes, and the EMA oracle (half weight: it lags by design). */
    private static List<PriceSource> curve(String pool, String token, boolean scaled) {
        BigInteger one = BigInteger.TEN.pow(18);
        return List.of(
                PriceSource.curve("curve-" + token + "-WETH", pool, 1, one, List.of(one.multiply(BigInteger.valueOf(100)),
                        one.multiply(BigInteger.valueOf(500))), 1.0, scaled),
                PriceSource.curveEma("curve-ema-" + token + "-WETH", pool, 1, 0.5, scaled));
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static RateSource rate(String contract, String view, double maxAnnualGrowth) {
        return new RateSource(contract, view, List.of(), 18, maxAnnualGrowth);
    }
}
