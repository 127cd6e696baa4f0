package io.lrtyield.backtest.history;

import io.lrtyield.common.event.PriceStatus;

/**
 * The market at one sample block, 12-place fixed-point figures ({@link Fixed}); arrays are indexed like
 * {@link HistoryHeader#assets()}.
 *
 * @param gasPriceGwei    base fee plus tip paid by a transaction
 * @param borrowApr       WETH variable borrow APR of the lending market
 * @param supplyApr       WETH supply APR
 * @param wethAvailable   WETH the lending market can still lend, ETH
 * @param rate            fundamental rate, ETH per token (1 for rebasing tokens)
 * @param market          market price, ETH per token
 * @param depth           effective ETH depth of the asset's main DEX pool (constant-product equivalent)
 * @param stakingApr      the asset's staking (and restaking) APR the rate grows by
 * @param status          the price service's verdict on the asset's price
 */
public record MarketSample(long block, long timestamp, long gasPriceGwei, long borrowApr, long supplyApr, long wethAvailable,
                           long[] rate, long[] market, long[] depth, long[] stakingApr, PriceStatus[] status) {
}
