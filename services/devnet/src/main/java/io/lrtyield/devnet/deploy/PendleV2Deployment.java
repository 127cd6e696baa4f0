package io.lrtyield.devnet.deploy;

import java.util.Map;

/**
 * Where {@link PendleV2Deployer} put the real Pendle v2 contracts. The factories are {@code Erc1967Proxy}s (the
 * addresses to call); Router and RouterStatic dispatch each selector to a facet.
 *
 * @param origin               npm package and version of the bytecode, e.g. {@code @pendle/core-v2@6.11.0}
 * @param sy                   our WeEthSY (1 SY = 1 weETH; exchangeRate = weETH.getRate(), asset eETH)
 * @param yieldContractFactory PendleYieldContractFactoryUpg proxy (creates PT and YT)
 * @param marketFactory        PendleMarketFactoryV7Upg proxy (creates markets; treasury and reserve fee)
 * @param market               the PendleMarketV7 of PT/SY
 * @param pt                   PendlePrincipalToken
 * @param yt                   PendleYieldToken
 * @param router               PendleRouterV4 (facets: ActionStorageV4, ActionSwapPTV3, ActionSimple)
 * @param routerStatic         PendleRouterStatic (facets: ActionStorageStatic, ActionMarketCoreStatic,
 *                             ActionMarketAuxStatic, ActionMintRedeemStatic)
 * @param contracts            every other contract deployed, by artifact name (implementations, facets, code halves,
 *                             OracleLib, the gauge controller replica, the PENDLE token)
 * @param params               what the market was created with
 * @param deployedAtBlock      block of the last deployment transaction (the first liquidity's mint)
 */
public record PendleV2Deployment(String origin, String sy, String yieldContractFactory, String marketFactory, String market,
                                 String pt, String yt, String router, String routerStatic, Map<String, String> contracts,
                                 PendleV2Market params, long deployedAtBlock) {

    public PendleV2Deployment {
        contracts = Map.copyOf(contracts);
    }
}
