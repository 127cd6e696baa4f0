// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// A price replica of a Uniswap v3 pool (e.g. mainnet wstETH/WETH 0.01 %): token0 < token1 by address as the
/// factory orders them, fee, tickSpacing, liquidity() and slot0() with mainnet's exact return tuple
/// (uint160 sqrtPriceX96, int24 tick, uint16 observationIndex, uint16 observationCardinality,
/// uint16 observationCardinalityNext, uint8 feeProtocol, bool unlocked). It holds no reserves and cannot swap:
/// the devnet market maker sets the price with setSqrtPriceX96 (sqrt(token1/token0) * 2^96, and the tick that
/// goes with it), so readers of slot0 see a moving market without concentrated-liquidity math.
contract UniswapV3PoolReplica {
    address public immutable token0;
    address public immutable token1;
    uint24 public immutable fee;
    int24 public immutable tickSpacing;
    address public immutable marketMaker;
    uint128 public liquidity;

    uint160 private sqrtPriceX96;
    int24 private tick;

    event Initialize(uint160 sqrtPriceX96, int24 tick);
    event PriceSet(uint160 sqrtPriceX96, int24 tick);

    constructor(address tokenA, address tokenB, uint24 fee_, int24 tickSpacing_, uint128 liquidity_, address marketMaker_,
                uint160 sqrtPriceX96_, int24 tick_) {
        require(tokenA != tokenB, "UniswapV3PoolReplica: same token");
        (token0, token1) = tokenA < tokenB ? (tokenA, tokenB) : (tokenB, tokenA);
        fee = fee_;
        tickSpacing = tickSpacing_;
        liquidity = liquidity_;
        marketMaker = marketMaker_;
        require(sqrtPriceX96_ > 0, "UniswapV3PoolReplica: zero price");
        sqrtPriceX96 = sqrtPriceX96_;
        tick = tick_;
        emit Initialize(sqrtPriceX96_, tick_);
    }

    function slot0() external view returns (uint160, int24, uint16, uint16, uint16, uint8, bool) {
        return (sqrtPriceX96, tick, 0, 1, 1, 0, true);
    }

    /// Market maker only: the pool's new price, sqrt(token1/token0) * 2^96, and its tick (floor(log_1.0001 price)).
    function setSqrtPriceX96(uint160 sqrtPriceX96_, int24 tick_) external {
        require(msg.sender == marketMaker, "UniswapV3PoolReplica: caller is not the market maker");
        require(sqrtPriceX96_ > 0, "UniswapV3PoolReplica: zero price");
        sqrtPriceX96 = sqrtPriceX96_;
        tick = tick_;
        emit PriceSet(sqrtPriceX96_, tick_);
    }
}
