/**
 * Uniswap v3 swap math in exact integer arithmetic, as v3-core 1.0.x computes it: {@link TickMath},
 * {@link FullMath}, {@link SqrtPriceMath}, {@link SwapMath} and {@link SwapSimulator}, which replays the pool's swap
 * loop over a {@link PoolState} (price, active liquidity, initialized ticks) and so quotes a swap to the wei. Plain
 * Java: the chain read that fills a {@link PoolState} lives in {@code common.chain.reader.UniswapV3PoolStateReader}.
 *
 * <p>Every {@code require} of the Solidity libraries is an {@link ArithmeticException} here (a revert on chain);
 * unsigned 256-bit overflow that the contracts detect is detected the same way.
 */
package io.lrtyield.common.dex.uniswap;
