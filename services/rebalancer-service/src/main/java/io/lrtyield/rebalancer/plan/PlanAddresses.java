package io.lrtyield.rebalancer.plan;

import io.lrtyield.common.catalogue.Asset;
import io.lrtyield.common.catalogue.Catalogue;
import io.lrtyield.common.lending.morpho.MorphoVenue;
import io.lrtyield.rebalancer.execution.EntryRoutes;

import java.util.Map;

/**
 * Contracts the plan builder routes through, from the catalogue (null where the catalogue has none).
 *
 * @param rETH                   Rocket Pool's rETH (its {@code burn} is the exit)
 * @param pendleMarket           the PT market on weETH; {@code pendlePt} its principal token
 * @param eigenStrategyManager   EigenLayer deposits; {@code eigenDelegationManager} queues withdrawals
 * @param eigenStEthStrategy     the stETH strategy
 * @param lidoWithdrawalQueue    Lido's WithdrawalQueueERC721 (catalogue contract {@code lidoWithdrawalQueue})
 * @param ezETH                  Renzo's ezETH; {@code renzoWithdrawQueue} its WithdrawQueue
 * @param rsETH                  Kelp's rsETH; {@code kelpWithdrawalManager} its LRTWithdrawalManager
 * @param etherfiWithdrawRequestNFT ether.fi's WithdrawRequestNFT (requests made through {@code etherfiLiquidityPool})
 * @param morphoMarkets          the Morpho Blue market of each Morpho lending venue, by venue id ({@link MorphoVenue})
 */
public record PlanAddresses(String weth, String stETH, String wstETH, String eETH, String weETH, String aavePool,
                            String curveStEthPool, String curveEEthPool, String etherfiLiquidityPool,
                            String rocketDepositPool, String renzoRestakeManager, String kelpDepositPool, String pufETH,
                            String rETH, String pendleMarket, String pendlePt, String eigenStrategyManager,
                            String eigenDelegationManager, String eigenStEthStrategy, String lidoWithdrawalQueue,
                            String ezETH, String renzoWithdrawQueue, String rsETH, String kelpWithdrawalManager,
                            String etherfiWithdrawRequestNFT, Map<String, MorphoVenue> morphoMarkets) {

    public PlanAddresses {
        morphoMarkets = morphoMarkets == null ? Map.of() : Map.copyOf(morphoMarkets);
    }

    /** Without Morpho Blue markets. */
    public PlanAddresses(String weth, String stETH, String wstETH, String eETH, String weETH, String aavePool,
                         String curveStEthPool, String curveEEthPool, String etherfiLiquidityPool,
                         String rocketDepositPool, String renzoRestakeManager, String kelpDepositPool, String pufETH,
                         String rETH, String pendleMarket, String pendlePt, String eigenStrategyManager,
                         String eigenDelegationManager, String eigenStEthStrategy, String lidoWithdrawalQueue,
                         String ezETH, String renzoWithdrawQueue, String rsETH, String kelpWithdrawalManager,
                         String etherfiWithdrawRequestNFT) {
        this(weth, stETH, wstETH, eETH, weETH, aavePool, curveStEthPool, curveEEthPool, etherfiLiquidityPool, rocketDepositPool,
                renzoRestakeManager, kelpDepositPool, pufETH, rETH, pendleMarket, pendlePt, eigenStrategyManager,
                eigenDelegationManager, eigenStEthStrategy, lidoWithdrawalQueue, ezETH, renzoWithdrawQueue, rsETH, kelpWithdrawalManager,
                etherfiWithdrawRequestNFT, Map.of());
    }

    /** The Morpho Blue market of a lending venue, or null when the venue is none (or the catalogue describes it too little). */
    public MorphoVenue morpho(String venueId) {
        return morphoMarkets.get(venueId);
    }

    /** Without ether.fi's withdrawal queue: weETH then leaves through Curve only. */
    public PlanAddresses(String weth, String stETH, String wstETH, String eETH, String weETH, String aavePool,
                         String curveStEthPool, String curveEEthPool, String etherfiLiquidityPool,
                         String rocketDepositPool, String renzoRestakeManager, String kelpDepositPool, String pufETH,
                         String rETH, String pendleMarket, String pendlePt, String eigenStrategyManager,
                         String eigenDelegationManager, String eigenStEthStrategy, String lidoWithdrawalQueue,
                         String ezETH, String renzoWithdrawQueue, String rsETH, String kelpWithdrawalManager) {
        this(weth, stETH, wstETH, eETH, weETH, aavePool, curveStEthPool, curveEEthPool, etherfiLiquidityPool, rocketDepositPool,
                renzoRestakeManager, kelpDepositPool, pufETH, rETH, pendleMarket, pendlePt, eigenStrategyManager,
                eigenDelegationManager, eigenStEthStrategy, lidoWithdrawalQueue, ezETH, renzoWithdrawQueue, rsETH, kelpWithdrawalManager,
                null);
    }

    /** Without the restaking issuers' withdrawal queues: ezETH and rsETH then have no exit. */
    public PlanAddresses(String weth, String stETH, String wstETH, String eETH, String weETH, String aavePool,
                         String curveStEthPool, String curveEEthPool, String etherfiLiquidityPool,
                         String rocketDepositPool, String renzoRestakeManager, String kelpDepositPool, String pufETH,
                         String rETH, String pendleMarket, String pendlePt, String eigenStrategyManager,
                         String eigenDelegationManager, String eigenStEthStrategy, String lidoWithdrawalQueue) {
        this(weth, stETH, wstETH, eETH, weETH, aavePool, curveStEthPool, curveEEthPool, etherfiLiquidityPool, rocketDepositPool,
                renzoRestakeManager, kelpDepositPool, pufETH, rETH, pendleMarket, pendlePt, eigenStrategyManager,
                eigenDelegationManager, eigenStEthStrategy, lidoWithdrawalQueue, null, null, null, null);
    }

    /** Without Lido's withdrawal queue: wstETH then leaves through Curve only. */
    public PlanAddresses(String weth, String stETH, String wstETH, String eETH, String weETH, String aavePool,
                         String curveStEthPool, String curveEEthPool, String etherfiLiquidityPool,
                         String rocketDepositPool, String renzoRestakeManager, String kelpDepositPool, String pufETH,
                         String rETH, String pendleMarket, String pendlePt, String eigenStrategyManager,
                         String eigenDelegationManager, String eigenStEthStrategy) {
        this(weth, stETH, wstETH, eETH, weETH, aavePool, curveStEthPool, curveEEthPool, etherfiLiquidityPool, rocketDepositPool,
                renzoRestakeManager, kelpDepositPool, pufETH, rETH, pendleMarket, pendlePt, eigenStrategyManager,
                eigenDelegationManager, eigenStEthStrategy, null);
    }

    /** These addresses with Lido's withdrawal queue at {@code queue}. */
    public PlanAddresses withLidoWithdrawalQueue(String queue) {
        return new PlanAddresses(weth, stETH, wstETH, eETH, weETH, aavePool, curveStEthPool, curveEEthPool, etherfiLiquidityPool,
                rocketDepositPool, renzoRestakeManager, kelpDepositPool, pufETH, rETH, pendleMarket, pendlePt, eigenStrategyManager,
                eigenDelegationManager, eigenStEthStrategy, queue, ezETH, renzoWithdrawQueue, rsETH, kelpWithdrawalManager,
                etherfiWithdrawRequestNFT, morphoMarkets);
    }

    /** Without the exit-only and PT / EigenLayer contracts: those routes are then unavailable. */
    public PlanAddresses(String weth, String stETH, String wstETH, String eETH, String weETH, String aavePool,
                         String curveStEthPool, String curveEEthPool, String etherfiLiquidityPool,
                         String rocketDepositPool, String renzoRestakeManager, String kelpDepositPool, String pufETH) {
        this(weth, stETH, wstETH, eETH, weETH, aavePool, curveStEthPool, curveEEthPool, etherfiLiquidityPool, rocketDepositPool,
                renzoRestakeManager, kelpDepositPool, pufETH, null, null, null, null, null, null);
    }

    public static PlanAddresses from(Catalogue c) {
        return new PlanAddresses(token(c, "WETH"), token(c, "stETH"), token(c, "wstETH"), token(c, "eETH"), token(c, "weETH"),
                c.contracts().get("aavePool"), c.contracts().get("curveStEthWethPool"), c.contracts().get("curveEEthWethPool"),
                c.contracts().get("etherfiLiquidityPool"), c.contracts().get("rocketDepositPool"),
                c.contracts().get("renzoRestakeManager"), c.contracts().get("kelpDepositPool"), token(c, "pufETH"),
                token(c, "rETH"), c.contracts().get("pendleMarketWeEth"), c.contracts().get("pendlePtWeEth"),
                c.contracts().get("eigenStrategyManager"), c.contracts().get("eigenDelegationManager"),
                c.contracts().get("eigenStEthStrategy"), c.contracts().get("lidoWithdrawalQueue"),
                token(c, "ezETH"), c.contracts().get("renzoWithdrawQueue"), token(c, "rsETH"), c.contracts().get("kelpWithdrawalManager"),
                c.contracts().get("etherfiWithdrawRequestNFT"), morphoMarkets(c));
    }

    /** Each Morpho lending venue's market, by venue id; a venue the catalogue describes too little is left out (no route). */
    static Map<String, MorphoVenue> morphoMarkets(Catalogue c) {
        Map<String, MorphoVenue> out = new java.util.LinkedHashMap<>();
        for (io.lrtyield.common.catalogue.Venue v : c.venues()) {
            try {
                MorphoVenue.find(v, c).ifPresent(m -> out.put(v.id(), m));
            } catch (IllegalArgumentException e) {
                // the yield service reports the same venue as skipped; without its market there is no route to plan
            }
        }
        return out;
    }

    /** The subset {@link EntryRoutes} needs. */
    public EntryRoutes.Addresses entryRoutes() {
        return new EntryRoutes.Addresses(weth, stETH, wstETH, aavePool, etherfiLiquidityPool, eETH, weETH);
    }

    private static String token(Catalogue c, String symbol) {
        return c.asset(symbol).map(Asset::address).orElse(null);
    }
}
