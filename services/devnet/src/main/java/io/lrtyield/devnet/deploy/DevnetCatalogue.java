package io.lrtyield.devnet.deploy;

import io.lrtyield.common.catalogue.Asset;
import io.lrtyield.common.catalogue.Catalogue;
import io.lrtyield.common.catalogue.Restaking;
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
    /** lido-wsteth's withdrawal delay: the simulator finalizes queued requests this old (chain time), as mainnet's ~5 days. */
    public static final long LIDO_WITHDRAWAL_DELAY_SECONDS = 5 * DAY;
    /** Renzo WithdrawQueue's coolDownPeriod (mainnet: 7 days). */
    public static final long RENZO_COOLDOWN_SECONDS = 7 * DAY;
    /** Kelp's withdrawal delay: LRTWithdrawalManager.withdrawalDelayBlocks on the devnet's 1-s blocks (mainnet ~8–10 days of 12-s blocks). */
    public static final long KELP_WITHDRAWAL_DELAY_SECONDS = 9 * DAY;
    /** ether.fi's withdrawal delay: the simulator finalizes WithdrawRequestNFT requests this old (chain time), as mainnet's ~7 days. */
    public static final long ETHERFI_WITHDRAWAL_DELAY_SECONDS = 7 * DAY;
    /** The simulator's default RedStone-style feed heartbeat (6 h). */
    private static final long REDSTONE_HEARTBEAT = 21_600;

    /** The Morpho Blue lending venue (WETH supplied to the wstETH/WETH market) and the catalogue names of its contracts. */
    public static final String MORPHO_VENUE = "morpho-weth-supply";
    static final String MORPHO = "morphoBlue";
    static final String MORPHO_IRM = "morphoAdaptiveCurveIrm";

    /** The catalogue name of a Morpho market's oracle, e.g. {@code morphoOracleWstEthWeth}. */
    static String morphoOracle(String collateral) {
        return "morphoOracle" + Character.toUpperCase(collateral.charAt(0)) + collateral.substring(1).replace("ETH", "Eth") + "Weth";
    }

    private DevnetCatalogue() {
    }

    /** The catalogue with the simulator's default feed heartbeats (1 h; RedStone-style 6 h). */
    public static Catalogue of(DevnetDeployment d) {
        return of(d, 3_600);
    }

    /** @param feedHeartbeatSeconds how often the simulator publishes each market feed at the least (chain time) */
    public static Catalogue of(DevnetDeployment d, long feedHeartbeatSeconds) {
        return of(d, feedHeartbeatSeconds, REDSTONE_HEARTBEAT);
    }

    /**
     * @param feedHeartbeatSeconds how often the simulator publishes each Chainlink-style market feed at the least (chain time)
     * @param redStoneHeartbeatSeconds the same for the RedStone-style feeds
     */
    public static Catalogue of(DevnetDeployment d, long feedHeartbeatSeconds, long redStoneHeartbeatSeconds) {
        MarketDeployment m = d.markets();
        // a feed is stale once it has missed its heartbeat by more than a tenth (Chainlink updates land a little late)
        long heartbeat = feedHeartbeatSeconds + feedHeartbeatSeconds / 10;
        Heartbeats hb = new Heartbeats(heartbeat, redStoneHeartbeatSeconds + redStoneHeartbeatSeconds / 10);
        List<Asset> assets = List.of(
                new Asset("ETH", null, 18, "ETH", null),
                new Asset("WETH", d.weth(), 18, "ETH", null),
                // stETH and eETH rebase: 1 token is redeemable for 1 ETH (priced at par); their yield shows in wstETH's and weETH's rate
                new Asset("stETH", d.stETH(), 18, "ETH", null, m == null ? null : stEthMarket(d, hb, false)),
                // wstETH: stETH's feeds and Curve pool scaled by wstETH's rate, and a Uniswap pool of wstETH itself
                new Asset("wstETH", d.wstETH(), 18, "stETH", rate(d.wstETH(), "stEthPerToken", LST_MAX_ANNUAL_GROWTH),
                        m == null ? null : stEthMarket(d, hb, true)),
                new Asset("rETH", d.rETH(), 18, "ETH", rate(d.rETH(), "getExchangeRate", LST_MAX_ANNUAL_GROWTH), feedsAndUni(d, "rETH", hb)),
                new Asset("cbETH", d.cbETH(), 18, "ETH", rate(d.cbETH(), "exchangeRate", LST_MAX_ANNUAL_GROWTH), feedsAndUni(d, "cbETH", hb)),
                new Asset("eETH", d.eETH(), 18, "ETH", null, m == null ? null
                        : MarketPricing.of(concat(curve(m.curveEEthPool(), "eETH", false), uni(d, "eETH")))),
                // weETH: its own feeds and Uniswap pool, and the Curve eETH pool scaled by weETH's rate
                new Asset("weETH", d.weETH(), 18, "eETH", rate(d.weETH(), "getRate", LRT_MAX_ANNUAL_GROWTH), m == null ? null
                        : MarketPricing.of(concat(concat(feeds(m, "weETH", hb, false), curve(m.curveEEthPool(), "eETH", true)), uni(d, "weETH")))),
                // ezETH's rate is calculateTVLs().totalTVL / ezETH.totalSupply(): two reads of the same block
                new Asset("ezETH", d.ezETH(), 18, "ETH", new RateSource(d.renzoRestakeManager(), "calculateTVLs", List.of(), 18,
                        LRT_MAX_ANNUAL_GROWTH, RateSource.TVL_PER_SUPPLY, d.ezETH()), feedsAndUni(d, "ezETH", hb)),
                new Asset("rsETH", d.rsETH(), 18, "ETH", rate(d.kelpOracle(), "rsETHPrice", LRT_MAX_ANNUAL_GROWTH), feedsAndUni(d, "rsETH", hb)),
                new Asset("pufETH", d.pufETH(), 18, "WETH",
                        new RateSource(d.pufETH(), "convertToAssets", List.of(BigInteger.TEN.pow(18)), 18, LRT_MAX_ANNUAL_GROWTH),
                        feedsAndUni(d, "pufETH", hb)),
                // rswETH is its own rate provider
                new Asset("rswETH", d.rswETH(), 18, "ETH", rate(d.rswETH(), "getRate", LRT_MAX_ANNUAL_GROWTH), feedsAndUni(d, "rswETH", hb)));
        List<Venue> venues = new ArrayList<>(List.of(
                new Venue("idle-eth", "IDLE", "ETH", "vault", 1, 0, 0.0),
                // an instant exit sells stETH (coin 1) into the Curve stETH/WETH pool: the size curve's cost
                // and, where the deployment has it, a large exit by Lido's withdrawal queue (finalized after the delay)
                new Venue("lido-wsteth", "NATIVE_STAKING", "wstETH", "lido", 1, LIDO_WITHDRAWAL_DELAY_SECONDS, 0.0, m == null || m.lidoWithdrawalQueue() == null
                        ? Map.of("exitPool", "curveStEthWethPool", "exitCoin", "1")
                        : Map.of("exitPool", "curveStEthWethPool", "exitCoin", "1", "withdrawalQueue", "lidoWithdrawalQueue")),
                new Venue("rocketpool-reth", "NATIVE_STAKING", "rETH", "rocketpool", 1, 0, 0.0),
                new Venue("coinbase-cbeth", "NATIVE_STAKING", "cbETH", "coinbase", 2, 7 * DAY, 0.0),
                // an instant exit sells eETH into the Curve eETH/WETH pool; a large one, where the deployment has it, by
                // ether.fi's WithdrawRequestNFT (finalized after the delay)
                new Venue("etherfi-weeth", "RESTAKING_TOKEN", "weETH", "etherfi", 3, ETHERFI_WITHDRAWAL_DELAY_SECONDS, 0.0,
                        m == null || m.etherfiWithdrawRequestNFT() == null
                        ? Map.of("exitPool", "curveEEthWethPool", "exitCoin", "1", "premiumOver", "wstETH")
                        : Map.of("exitPool", "curveEEthWethPool", "exitCoin", "1", "premiumOver", "wstETH",
                                "withdrawalQueue", "etherfiWithdrawRequestNFT")),
                // no DEX pool for ezETH / rsETH on the devnet: they exit by their protocols' withdrawal queues
                new Venue("renzo-ezeth", "RESTAKING_TOKEN", "ezETH", "renzo", 3, RENZO_COOLDOWN_SECONDS, 0.0, m == null || m.renzoWithdrawQueue() == null
                        ? Map.of("premiumOver", "wstETH") : Map.of("premiumOver", "wstETH", "withdrawalQueue", "renzoWithdrawQueue")),
                new Venue("kelp-rseth", "RESTAKING_TOKEN", "rsETH", "kelp", 3, KELP_WITHDRAWAL_DELAY_SECONDS, 0.0, m == null || m.kelpWithdrawalManager() == null
                        ? Map.of("premiumOver", "wstETH") : Map.of("premiumOver", "wstETH", "withdrawalQueue", "kelpWithdrawalManager")),
                new Venue("puffer-pufeth", "RESTAKING_TOKEN", "pufETH", "puffer", 3, 14 * DAY, 0.0, Map.of("premiumOver", "wstETH")),
                new Venue("swell-rsweth", "RESTAKING_TOKEN", "rswETH", "swell", 3, 12 * DAY, 0.0)));
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
            m.redStoneFeeds().forEach((asset, feed) -> contracts.put(asset + "RedStoneFeed", feed));
            m.uniV3Pools().forEach((asset, pool) -> contracts.put(asset + "UniV3Pool", pool));
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
            if (m.lidoWithdrawalQueue() != null) {
                contracts.put("lidoWithdrawalQueue", m.lidoWithdrawalQueue());
            }
            if (m.renzoWithdrawQueue() != null) {
                contracts.put("renzoWithdrawQueue", m.renzoWithdrawQueue());
            }
            if (m.kelpWithdrawalManager() != null) {
                contracts.put("kelpWithdrawalManager", m.kelpWithdrawalManager());
            }
            if (m.etherfiWithdrawRequestNFT() != null) {
                contracts.put("etherfiWithdrawRequestNFT", m.etherfiWithdrawRequestNFT());
            }
            if (m.morpho() != null) {
                contracts.put(MORPHO, m.morpho().morpho());
                contracts.put(MORPHO_IRM, m.morpho().irm());
                m.morpho().markets().forEach((collateral, market) -> contracts.put(morphoOracle(collateral), market.oracle()));
            }
            // the rate models are the deployer's (MarketDeployer.initReserve): the size curve's rate impact follows them
            String wethRates = String.join(",", MarketDeployer.WETH_RATES);
            venues.add(new Venue("aave-weth-supply", "LENDING_SUPPLY", "WETH", "aave", 2, 0, 0.0,
                    Map.of("pool", "aavePool", "rateModel", wethRates)));
            // eMode 1 (ETH-correlated): LTV 93 %, liquidation threshold 95 %; the loop keeps 90 % (L = 10). A turn of its
            // entry may borrow up to maxLtv 92 %: 1 % under the eMode LTV, because the plan counts collateral at the
            // fundamental rate and Aave at its oracle, which may lag it; it lands on the target in a few turns
            venues.add(new Venue("aave-wsteth-loop", "LEVERAGED_LOOP", "wstETH", "aave", 3, 0, 0.0,
                    Map.of("pool", "aavePool", "borrowAsset", "WETH", "targetLtv", "0.9", "maxLtv", "0.92", "liquidationThreshold", "0.95",
                            "borrowRateModel", wethRates, "collateralRateModel", "0,0.045,0.8,0.45", "stakingAsset", "wstETH",
                            "exitPool", "curveStEthWethPool", "exitCoin", "1")));
            // Morpho Blue's wstETH/WETH market at mainnet's 94.5 % LLTV (the others are on chain, not venues): the quote reads
            // market(id) and the IRM's rateAtTarget; its parameters here are checked against the id
            MorphoDeployment.Market wst = m.morpho() == null ? null : m.morpho().markets().get("wstETH");
            if (wst != null) {
                venues.add(new Venue(MORPHO_VENUE, "LENDING_SUPPLY", "WETH", "morpho-blue", 2, 0, 0.0, Map.of("morpho", MORPHO,
                        "collateral", "wstETH", "oracle", morphoOracle("wstETH"), "irm", MORPHO_IRM,
                        "lltv", new java.math.BigDecimal(wst.lltv(), 18).stripTrailingZeros().toPlainString(), "marketId", wst.id())));
            }
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
        return new Catalogue("devnet", d.chainId(), contracts, assets, venues, ethUsd, restaking(d));
    }

    /** The exposure graph of the devnet LRTs, from the restaking deployment; null without one. */
    static Restaking restaking(DevnetDeployment d) {
        RestakingDeployment r = d.restaking();
        if (r == null) {
            return null;
        }
        List<Restaking.Lrt> lrts = new ArrayList<>();
        for (String asset : r.issuers().keySet().stream().sorted().toList()) {
            List<String> accounts = r.delegators().stream().filter(x -> x.asset().equals(asset)).map(RestakingDeployment.Delegator::address).toList();
            String issuer = r.issuers().get(asset);
            // every issuer contract here has paused() (RestakeManager, LRTDepositPool, LiquidityPool): read each block
            List<String> pausable = List.of(issuer);
            Restaking.Lrt lrt = switch (asset) {
                case "ezETH" -> new Restaking.Lrt(asset, new Restaking.Backing(issuer, Restaking.Backing.RENZO_TVLS, List.of()), accounts,
                        "RestakeManager.operatorDelegators", pausable);
                case "rsETH" -> new Restaking.Lrt(asset, new Restaking.Backing(issuer, "getTotalAssetDeposits",
                        List.of(KELP_ETH_TOKEN)), accounts, "LRTDepositPool.getNodeDelegatorQueue", pausable);
                // ether.fi exposes no list of its EigenPod owners in one view: the catalogue names them
                default -> new Restaking.Lrt(asset, new Restaking.Backing(issuer, "getTotalPooledEther", List.of()), accounts, "catalogue",
                        pausable);
            };
            lrts.add(lrt);
        }
        return new Restaking(r.delegationManager(), r.allocationManager(), r.strategy(),
                r.operators().stream().map(o -> new Restaking.Operator(o.name(), o.address())).toList(),
                r.operatorSets().stream().map(s -> new Restaking.OperatorSet(s.name(), s.avs(), s.id())).toList(), lrts, positions(d));
    }

    /** The vault's EigenLayer deposit (stETH strategy): its delegation, if any, is read in the price snapshot. */
    private static List<Restaking.Position> positions(DevnetDeployment d) {
        MarketDeployment m = d.markets();
        if (m == null || m.strategyVault() == null || m.eigenStEthStrategy() == null) {
            return List.of();
        }
        return List.of(new Restaking.Position("eigenlayer-steth", "stETH", m.strategyVault(), m.eigenStEthStrategy()));
    }

    private static final String KELP_ETH_TOKEN = "0xEeeeeEeeeEeEeeEeEeEeeEEEeeeeEeeeeeeeEEeE";

    /** Stale thresholds (heartbeat + 10 %) of the two feed families, in seconds. */
    private record Heartbeats(long chainlink, long redStone) { }

    /**
     * stETH's feeds, the Curve stETH/WETH pool and its EMA, scaled by wstETH's rate when pricing wstETH; and the asset's own
     * Uniswap pool (stETH/WETH or wstETH/WETH), never scaled.
     */
    private static MarketPricing stEthMarket(DevnetDeployment d, Heartbeats hb, boolean wrapped) {
        MarketDeployment m = d.markets();
        return MarketPricing.of(concat(concat(feeds(m, "stETH", hb, wrapped), curve(m.curveStEthPool(), "stETH", wrapped)),
                uni(d, wrapped ? "wstETH" : "stETH")));
    }

    /** Both X/ETH feed families and the asset's Uniswap v3 pool; null without markets. */
    private static MarketPricing feedsAndUni(DevnetDeployment d, String asset, Heartbeats hb) {
        MarketDeployment m = d.markets();
        List<PriceSource> sources = m == null ? List.of() : concat(feeds(m, asset, hb, false), uni(d, asset));
        return sources.isEmpty() ? null : MarketPricing.of(sources);
    }

    /** The asset's Chainlink-style and RedStone-style X/ETH feeds, those the deployment has. */
    private static List<PriceSource> feeds(MarketDeployment m, String asset, Heartbeats hb, boolean scaled) {
        List<PriceSource> out = new ArrayList<>();
        String chainlink = m.ethFeeds().get(asset);
        if (chainlink != null) {
            out.add(PriceSource.chainlink("chainlink-" + asset + "-ETH", chainlink, 18, hb.chainlink(), 1.0, scaled));
        }
        String redStone = m.redStoneFeeds().get(asset);
        if (redStone != null) {
            out.add(PriceSource.chainlink("redstone-" + asset + "-ETH", redStone, 18, hb.redStone(), 1.0, scaled));
        }
        return out;
    }

    /** The asset's Uniswap v3 WETH pool, if deployed: slot0's spot, coinIndex the asset's side in the factory's token order. */
    private static List<PriceSource> uni(DevnetDeployment d, String asset) {
        String pool = d.markets().uniV3Pools().get(asset);
        if (pool == null) {
            return List.of();
        }
        int coinIndex = UniswapV3Price.coinIndex(MarketDeployer.token(d, asset), d.weth());
        return List.of(PriceSource.uniswapV3("uniswap-v3-" + asset + "-WETH", pool, coinIndex, 1.0, false));
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
