package io.lrtyield.devnet.simulator;

import java.math.BigInteger;
import java.util.Map;

/**
 * One read of the simulated markets at {@code block}.
 *
 * @param rates fundamental rate per asset, 1e18
 * @param feeds per asset: the Chainlink-style market feed's latest answer (1e18) and its updatedAt
 * @param redStoneFeeds per asset: the RedStone-style market feed's latest answer (1e18) and its updatedAt
 * @param ethUsd the ETH/USD feed's latest answer (8 decimals) and its updatedAt
 * @param pools per pool asset (stETH, weETH): balances [WETH, token] and the spot price of the token in WETH (1e18)
 * @param uniPools per asset: its Uniswap-v3-style WETH pool's sqrtPriceX96 and the asset's price in WETH (1e18)
 * @param aave the WETH reserve: borrow and supply APR (ray), utilisation (1e18)
 */
public record MarketSnapshot(long block, long timestamp, Map<String, BigInteger> rates, Map<String, Feed> feeds,
                             Map<String, Feed> redStoneFeeds, Feed ethUsd, Map<String, Pool> pools, Map<String, UniPool> uniPools,
                             Aave aave) {

    public record Feed(String address, BigInteger answer, long updatedAt) { }

    public record Pool(String address, BigInteger balance0, BigInteger balance1, BigInteger price) { }

    /** @param assetIsToken0 whether the asset is the pool's token0; {@code price} is WETH per asset either way */
    public record UniPool(String address, BigInteger sqrtPriceX96, boolean assetIsToken0, BigInteger price) { }

    /** @param prices the pool oracle's USD prices (8 decimals) of WETH, wstETH and weETH */
    public record Aave(BigInteger borrowRate, BigInteger supplyRate, BigInteger utilisation, BigInteger debt, BigInteger available,
                       Map<String, BigInteger> prices) { }
}
