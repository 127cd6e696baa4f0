package io.lrtyield.devnet.deploy;

import java.util.Map;

/**
 * The market replicas the deployer adds after the tokens: market feeds, DEX pools, lending, fixed yield, restaking
 * and the strategy vault.
 *
 * @param marketMaker account that seeds liquidity and moves the markets (Anvil account 7 by default)
 * @param strategist the vault's strategist (the rebalancer's signer; Anvil account 2 by default)
 * @param ethFeeds Chainlink-style X/ETH market feeds (18 decimals) by asset symbol (stETH, rETH, cbETH, weETH, ezETH, rsETH)
 * @param curveStEthPool Curve-style pool, coins [WETH, stETH]
 * @param curveEEthPool Curve-style pool, coins [WETH, eETH]
 * @param aaveOracle the pool's price oracle (USD, 8 decimals)
 * @param usdc USDC-style stablecoin (6 decimals), an Aave reserve
 * @param pendleMarket PT market on weETH; {@code pendlePt} its principal token, expiring at {@code pendleExpiry} (unix s)
 * @param eigenWithdrawalDelayBlocks the DelegationManager's minimum withdrawal delay
 * @param strategyVault BoringVault-style vault holding the strategy's ETH, with its on-chain allowlist
 */
public record MarketDeployment(String marketMaker, String strategist, Map<String, String> ethFeeds, String curveStEthPool,
                               String curveEEthPool, String aavePool, String aaveOracle, String usdc, String pendleMarket,
                               String pendlePt, String pendleOracle, long pendleExpiry, String eigenStrategyManager,
                               String eigenDelegationManager, String eigenStEthStrategy, long eigenWithdrawalDelayBlocks,
                               String strategyVault) {

    public MarketDeployment {
        ethFeeds = Map.copyOf(ethFeeds);
    }
}
