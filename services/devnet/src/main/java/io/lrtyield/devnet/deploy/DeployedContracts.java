package io.lrtyield.devnet.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every contract of a deployment with the artifact it runs and where that bytecode comes from: audited code as published
 * on npm (package and version, from {@link ContractArtifacts}) or one of our Solidity replicas. The deployment API lists
 * them, so a reader of the devnet knows which venues are the real thing.
 */
public final class DeployedContracts {

    /** Artifact name → its npm source (empty: our replica); read once per artifact. */
    private static final Map<String, Optional<ContractArtifacts.NpmSource>> SOURCES = new ConcurrentHashMap<>();

    private DeployedContracts() {
    }

    /**
     * @param name the deployment's field, with the asset for a per-asset map ({@code uniV3Pools.wstETH})
     * @param bytecode {@code "npm"} for audited published bytecode, {@code "replica"} for ours
     * @param npmPackage and {@code version}: the npm package the bytecode is taken from; null for a replica
     */
    public record DeployedContract(String name, String address, String artifact, String bytecode, String npmPackage, String version) {
    }

    public static List<DeployedContract> of(DevnetDeployment d) {
        List<DeployedContract> out = new ArrayList<>();
        add(out, "multicall3", d.multicall3(), "Multicall3");
        add(out, "stETH", d.stETH(), "LidoStETH");
        add(out, "wstETH", d.wstETH(), "WstETH");
        add(out, "weth", d.weth(), "WETH9");
        add(out, "rETH", d.rETH(), "RocketTokenRETH");
        add(out, "rethDepositPool", d.rethDepositPool(), "RocketDepositPool");
        add(out, "cbETH", d.cbETH(), "CoinbaseCbETH");
        add(out, "etherfiPool", d.etherfiPool(), "EtherFiLiquidityPool");
        add(out, "eETH", d.eETH(), "EETH");
        add(out, "weETH", d.weETH(), "WeETH");
        add(out, "renzoRestakeManager", d.renzoRestakeManager(), "RenzoRestakeManager");
        add(out, "ezETH", d.ezETH(), "EzEthToken");
        add(out, "kelpDepositPool", d.kelpDepositPool(), "LRTDepositPool");
        add(out, "kelpOracle", d.kelpOracle(), "LRTOracle");
        add(out, "rsETH", d.rsETH(), "RSETH");
        add(out, "pufETH", d.pufETH(), "PufferVault");
        add(out, "rswETH", d.rswETH(), "RswETH");
        add(out, "ethUsdFeed", d.ethUsdFeed(), "ChainlinkAggregator");
        MarketDeployment m = d.markets();
        if (m == null) {
            return out;
        }
        addAll(out, "ethFeeds", m.ethFeeds(), "ChainlinkAggregator");
        add(out, "curveStEthPool", m.curveStEthPool(), "CurveStableSwap");
        add(out, "curveEEthPool", m.curveEEthPool(), "CurveStableSwap");
        add(out, "aavePool", m.aavePool(), "AaveV3Pool");
        add(out, "aaveOracle", m.aaveOracle(), "AaveReplicaOracle");
        add(out, "usdc", m.usdc(), "StableToken");
        add(out, "pendleMarket", m.pendleMarket(), "PendleMarket");
        add(out, "pendlePt", m.pendlePt(), "PendlePT");
        add(out, "pendleOracle", m.pendleOracle(), "PendlePYLpOracle");
        add(out, "eigenStrategyManager", m.eigenStrategyManager(), "EigenStrategyManager");
        add(out, "eigenDelegationManager", m.eigenDelegationManager(), "EigenDelegationManager");
        add(out, "eigenStEthStrategy", m.eigenStEthStrategy(), "EigenStrategyBase");
        add(out, "strategyVault", m.strategyVault(), "StrategyVault");
        addAll(out, "redStoneFeeds", m.redStoneFeeds(), "ChainlinkAggregator");
        add(out, "uniV3Factory", m.uniV3Factory(), "UniswapV3Factory");
        addAll(out, "uniV3Pools", m.uniV3Pools(), "UniswapV3Pool");
        add(out, "uniV3Trader", m.uniV3Trader(), "UniswapV3Trader");
        add(out, "lidoWithdrawalQueue", m.lidoWithdrawalQueue(), "LidoWithdrawalQueue");
        add(out, "renzoWithdrawQueue", m.renzoWithdrawQueue(), "RenzoWithdrawQueue");
        add(out, "kelpWithdrawalManager", m.kelpWithdrawalManager(), "LRTWithdrawalManager");
        add(out, "etherfiWithdrawRequestNFT", m.etherfiWithdrawRequestNFT(), "EtherFiWithdrawRequestNFT");
        MorphoDeployment morpho = m.morpho();
        if (morpho != null) {
            add(out, "morpho", morpho.morpho(), "Morpho");
            add(out, "morphoIrm", morpho.irm(), "MorphoAdaptiveCurveIrm");
            morpho.markets().entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(e -> add(out, "morphoOracles." + e.getKey(), e.getValue().oracle(), "MorphoFixedPriceOracle"));
        }
        return out;
    }

    /**
     * The real Pendle v2 deployment ({@link PendleV2Deployer}, not part of the default devnet): the market, PT, YT,
     * routers and factory implementations as npm bytecode; our SY, factory proxies, gauge controller and PENDLE token
     * as replicas; each code half of a split creation code under the artifact it holds.
     */
    public static List<DeployedContract> of(PendleV2Deployment p) {
        List<DeployedContract> out = new ArrayList<>();
        add(out, "pendleV2.market", p.market(), "PendleMarketV7");
        add(out, "pendleV2.pt", p.pt(), "PendlePrincipalToken");
        add(out, "pendleV2.yt", p.yt(), "PendleYieldToken");
        add(out, "pendleV2.sy", p.sy(), "WeEthSY");
        add(out, "pendleV2.router", p.router(), "PendleRouterV4");
        add(out, "pendleV2.routerStatic", p.routerStatic(), "PendleRouterStatic");
        add(out, "pendleV2.yieldContractFactory", p.yieldContractFactory(), "Erc1967Proxy");
        add(out, "pendleV2.marketFactory", p.marketFactory(), "Erc1967Proxy");
        p.contracts().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            String artifact = e.getKey().equals("PENDLE") ? "ReplicaERC20" : e.getKey().replaceFirst("\\..*", "");
            add(out, "pendleV2." + e.getKey(), e.getValue(), artifact);
        });
        return out;
    }

    private static void addAll(List<DeployedContract> out, String field, Map<String, String> byAsset, String artifact) {
        // a stable order: the record keeps an unordered copy of the map
        byAsset.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> add(out, field + "." + e.getKey(), e.getValue(), artifact));
    }

    private static void add(List<DeployedContract> out, String name, String address, String artifact) {
        if (address == null) {
            return; // not in this deployment (made before the contract existed)
        }
        Optional<ContractArtifacts.NpmSource> npm = SOURCES.computeIfAbsent(artifact, a -> ContractArtifacts.artifact(a).npm());
        out.add(npm.map(n -> new DeployedContract(name, address, artifact, "npm", n.packageName(), n.version()))
                .orElseGet(() -> new DeployedContract(name, address, artifact, "replica", null, null)));
    }
}
