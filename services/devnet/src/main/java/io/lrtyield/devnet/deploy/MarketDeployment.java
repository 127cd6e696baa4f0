package io.lrtyield.devnet.deploy;

import java.util.Map;

/**
 * The market replicas the deployer adds after the tokens: two families of market feeds, DEX pools (Curve, Uniswap v3),
 * lending, fixed yield, restaking and the strategy vault.
 *
 * @param marketMaker account that seeds liquidity and moves the markets (Anvil account 7 by default)
 * @param strategist the vault's strategist (the rebalancer's signer; Anvil account 2 by default)
 * @param ethFeeds Chainlink-style X/ETH market feeds (18 decimals) by asset symbol ({@link FundamentalRates#FEED_ASSETS})
 * @param curveStEthPool Curve-style pool, coins [WETH, stETH]
 * @param curveEEthPool Curve-style pool, coins [WETH, eETH]
 * @param aaveOracle the pool's price oracle (USD, 8 decimals)
 * @param usdc USDC-style stablecoin (6 decimals), an Aave reserve
 * @param pendleMarket PT market on weETH; {@code pendlePt} its principal token, expiring at {@code pendleExpiry} (unix s)
 * @param eigenWithdrawalDelayBlocks the DelegationManager's minimum withdrawal delay
 * @param strategyVault BoringVault-style vault holding the strategy's ETH, with its on-chain allowlist
 * @param redStoneFeeds a second, independent push-oracle family: RedStone-style X/ETH feeds (18 decimals), same assets
 * @param uniV3Pools Uniswap v3 asset/WETH pools (the audited npm bytecode) by asset symbol ({@link FundamentalRates#UNI_V3_ASSETS})
 * @param lidoWithdrawalQueue Lido WithdrawalQueueERC721-style queue (unstETH requests, finalized by the oracle role);
 *                            null in deployments made before it existed
 * @param renzoWithdrawQueue Renzo WithdrawQueue-style queue (ezETH → ETH claimable after the cooldown); null before it existed
 * @param kelpWithdrawalManager Kelp LRTWithdrawalManager-style queue (rsETH → ETH, unlocked by the oracle role as operator,
 *                              completable after the delay in blocks); null before it existed
 * @param etherfiWithdrawRequestNFT ether.fi WithdrawRequestNFT-style queue (eETH → ETH by the LiquidityPool's requestWithdraw,
 *                                  finalized by the oracle role as admin); null before it existed
 * @param uniV3Factory the Uniswap v3 factory that created {@code uniV3Pools}; null in deployments with the old price replicas
 * @param uniV3Trader the market maker's {@code UniswapV3Trader}: owns the pools' liquidity and swaps them to a price; null
 *                    with the old price replicas
 * @param morpho Morpho Blue (the audited npm bytecode) with its IRM and WETH markets; null in deployments made before it existed
 */
public record MarketDeployment(String marketMaker, String strategist, Map<String, String> ethFeeds, String curveStEthPool,
                               String curveEEthPool, String aavePool, String aaveOracle, String usdc, String pendleMarket,
                               String pendlePt, String pendleOracle, long pendleExpiry, String eigenStrategyManager,
                               String eigenDelegationManager, String eigenStEthStrategy, long eigenWithdrawalDelayBlocks,
                               String strategyVault, Map<String, String> redStoneFeeds, Map<String, String> uniV3Pools,
                               String lidoWithdrawalQueue, String renzoWithdrawQueue, String kelpWithdrawalManager,
                               String etherfiWithdrawRequestNFT, String uniV3Factory, String uniV3Trader, MorphoDeployment morpho) {

    public MarketDeployment {
        ethFeeds = Map.copyOf(ethFeeds);
        redStoneFeeds = Map.copyOf(redStoneFeeds);
        uniV3Pools = Map.copyOf(uniV3Pools);
    }

    /** Without Morpho Blue. */
    public MarketDeployment(String marketMaker, String strategist, Map<String, String> ethFeeds, String curveStEthPool,
                            String curveEEthPool, String aavePool, String aaveOracle, String usdc, String pendleMarket,
                            String pendlePt, String pendleOracle, long pendleExpiry, String eigenStrategyManager,
                            String eigenDelegationManager, String eigenStEthStrategy, long eigenWithdrawalDelayBlocks,
                            String strategyVault, Map<String, String> redStoneFeeds, Map<String, String> uniV3Pools,
                            String lidoWithdrawalQueue, String renzoWithdrawQueue, String kelpWithdrawalManager,
                            String etherfiWithdrawRequestNFT, String uniV3Factory, String uniV3Trader) {
        this(marketMaker, strategist, ethFeeds, curveStEthPool, curveEEthPool, aavePool, aaveOracle, usdc, pendleMarket, pendlePt,
                pendleOracle, pendleExpiry, eigenStrategyManager, eigenDelegationManager, eigenStEthStrategy, eigenWithdrawalDelayBlocks,
                strategyVault, redStoneFeeds, uniV3Pools, lidoWithdrawalQueue, renzoWithdrawQueue, kelpWithdrawalManager,
                etherfiWithdrawRequestNFT, uniV3Factory, uniV3Trader, null);
    }

    /** Without the real Uniswap v3 factory and trader. */
    public MarketDeployment(String marketMaker, String strategist, Map<String, String> ethFeeds, String curveStEthPool,
                            String curveEEthPool, String aavePool, String aaveOracle, String usdc, String pendleMarket,
                            String pendlePt, String pendleOracle, long pendleExpiry, String eigenStrategyManager,
                            String eigenDelegationManager, String eigenStEthStrategy, long eigenWithdrawalDelayBlocks,
                            String strategyVault, Map<String, String> redStoneFeeds, Map<String, String> uniV3Pools,
                            String lidoWithdrawalQueue, String renzoWithdrawQueue, String kelpWithdrawalManager,
                            String etherfiWithdrawRequestNFT) {
        this(marketMaker, strategist, ethFeeds, curveStEthPool, curveEEthPool, aavePool, aaveOracle, usdc, pendleMarket, pendlePt,
                pendleOracle, pendleExpiry, eigenStrategyManager, eigenDelegationManager, eigenStEthStrategy, eigenWithdrawalDelayBlocks,
                strategyVault, redStoneFeeds, uniV3Pools, lidoWithdrawalQueue, renzoWithdrawQueue, kelpWithdrawalManager,
                etherfiWithdrawRequestNFT, null, null, null);
    }

    /** Without ether.fi's withdrawal queue. */
    public MarketDeployment(String marketMaker, String strategist, Map<String, String> ethFeeds, String curveStEthPool,
                            String curveEEthPool, String aavePool, String aaveOracle, String usdc, String pendleMarket,
                            String pendlePt, String pendleOracle, long pendleExpiry, String eigenStrategyManager,
                            String eigenDelegationManager, String eigenStEthStrategy, long eigenWithdrawalDelayBlocks,
                            String strategyVault, Map<String, String> redStoneFeeds, Map<String, String> uniV3Pools,
                            String lidoWithdrawalQueue, String renzoWithdrawQueue, String kelpWithdrawalManager) {
        this(marketMaker, strategist, ethFeeds, curveStEthPool, curveEEthPool, aavePool, aaveOracle, usdc, pendleMarket, pendlePt,
                pendleOracle, pendleExpiry, eigenStrategyManager, eigenDelegationManager, eigenStEthStrategy, eigenWithdrawalDelayBlocks,
                strategyVault, redStoneFeeds, uniV3Pools, lidoWithdrawalQueue, renzoWithdrawQueue, kelpWithdrawalManager, (String) null);
    }

    /** Without the LRT withdrawal queues. */
    public MarketDeployment(String marketMaker, String strategist, Map<String, String> ethFeeds, String curveStEthPool,
                            String curveEEthPool, String aavePool, String aaveOracle, String usdc, String pendleMarket,
                            String pendlePt, String pendleOracle, long pendleExpiry, String eigenStrategyManager,
                            String eigenDelegationManager, String eigenStEthStrategy, long eigenWithdrawalDelayBlocks,
                            String strategyVault, Map<String, String> redStoneFeeds, Map<String, String> uniV3Pools,
                            String lidoWithdrawalQueue) {
        this(marketMaker, strategist, ethFeeds, curveStEthPool, curveEEthPool, aavePool, aaveOracle, usdc, pendleMarket, pendlePt,
                pendleOracle, pendleExpiry, eigenStrategyManager, eigenDelegationManager, eigenStEthStrategy, eigenWithdrawalDelayBlocks,
                strategyVault, redStoneFeeds, uniV3Pools, lidoWithdrawalQueue, null, null, null);
    }

    /** Without the Lido withdrawal queue. */
    public MarketDeployment(String marketMaker, String strategist, Map<String, String> ethFeeds, String curveStEthPool,
                            String curveEEthPool, String aavePool, String aaveOracle, String usdc, String pendleMarket,
                            String pendlePt, String pendleOracle, long pendleExpiry, String eigenStrategyManager,
                            String eigenDelegationManager, String eigenStEthStrategy, long eigenWithdrawalDelayBlocks,
                            String strategyVault, Map<String, String> redStoneFeeds, Map<String, String> uniV3Pools) {
        this(marketMaker, strategist, ethFeeds, curveStEthPool, curveEEthPool, aavePool, aaveOracle, usdc, pendleMarket, pendlePt,
                pendleOracle, pendleExpiry, eigenStrategyManager, eigenDelegationManager, eigenStEthStrategy, eigenWithdrawalDelayBlocks,
                strategyVault, redStoneFeeds, uniV3Pools, null, null, null, null);
    }
}
