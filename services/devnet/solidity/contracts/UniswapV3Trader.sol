// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// The slice of a Uniswap v3 pool the trader calls (v3-core IUniswapV3PoolActions / IUniswapV3PoolImmutables).
interface IUniswapV3TraderPool {
    function token0() external view returns (address);
    function token1() external view returns (address);
    function mint(address recipient, int24 tickLower, int24 tickUpper, uint128 amount, bytes calldata data)
        external returns (uint256 amount0, uint256 amount1);
    function swap(address recipient, bool zeroForOne, int256 amountSpecified, uint160 sqrtPriceLimitX96, bytes calldata data)
        external returns (int256 amount0, int256 amount1);
}

interface IUniswapV3TraderERC20 {
    function transfer(address to, uint256 amount) external returns (bool);
    function balanceOf(address account) external view returns (uint256);
}

/// Devnet and test helper for a real (npm v3-core bytecode) Uniswap v3 pool: mints liquidity positions and swaps,
/// exact input or exact output, with an optional price limit. It pays the pool from its own token balances in the
/// mint and swap callbacks and keeps what it receives; positions are owned by the trader. The callbacks pay only the
/// pool that this very call is acting on (held in transient storage), so no other contract can draw its balances.
contract UniswapV3Trader {
    /// TickMath.MIN_SQRT_RATIO + 1 and MAX_SQRT_RATIO - 1: the widest limits a pool accepts.
    uint160 internal constant MIN_LIMIT = 4295128740;
    uint160 internal constant MAX_LIMIT = 1461446703485210103287273052203988822378723970341;

    address public immutable owner;
    address transient activePool;

    constructor() {
        owner = msg.sender;
    }

    modifier onlyOwner() {
        require(msg.sender == owner, "UniswapV3Trader: not owner");
        _;
    }

    /// Adds `liquidity` to the position [tickLower, tickUpper) of the trader; returns the tokens paid.
    function mint(address pool, int24 tickLower, int24 tickUpper, uint128 liquidity)
        external onlyOwner returns (uint256 amount0, uint256 amount1)
    {
        activePool = pool;
        (amount0, amount1) = IUniswapV3TraderPool(pool).mint(address(this), tickLower, tickUpper, liquidity, "");
        activePool = address(0);
    }

    /// Sells exactly `amountIn` of token0 (zeroForOne) or token1, stopping early at `sqrtPriceLimitX96` (0: no limit).
    /// Returns the pool's deltas: positive what it received, negative what it paid.
    function swapExactInput(address pool, bool zeroForOne, uint256 amountIn, uint160 sqrtPriceLimitX96)
        external onlyOwner returns (int256 amount0, int256 amount1)
    {
        require(amountIn > 0 && amountIn <= uint256(type(int256).max), "UniswapV3Trader: amount");
        return _swap(pool, zeroForOne, int256(amountIn), sqrtPriceLimitX96);
    }

    /// Buys exactly `amountOut` of token1 (zeroForOne) or token0, or less if the price limit is reached first.
    function swapExactOutput(address pool, bool zeroForOne, uint256 amountOut, uint160 sqrtPriceLimitX96)
        external onlyOwner returns (int256 amount0, int256 amount1)
    {
        require(amountOut > 0 && amountOut <= uint256(type(int256).max), "UniswapV3Trader: amount");
        return _swap(pool, zeroForOne, -int256(amountOut), sqrtPriceLimitX96);
    }

    function uniswapV3MintCallback(uint256 amount0Owed, uint256 amount1Owed, bytes calldata) external {
        require(msg.sender == activePool, "UniswapV3Trader: not the active pool");
        if (amount0Owed > 0) _pay(IUniswapV3TraderPool(msg.sender).token0(), amount0Owed);
        if (amount1Owed > 0) _pay(IUniswapV3TraderPool(msg.sender).token1(), amount1Owed);
    }

    function uniswapV3SwapCallback(int256 amount0Delta, int256 amount1Delta, bytes calldata) external {
        require(msg.sender == activePool, "UniswapV3Trader: not the active pool");
        // exactly one side is owed to the pool (positive); the other was already sent to the trader
        if (amount0Delta > 0) _pay(IUniswapV3TraderPool(msg.sender).token0(), uint256(amount0Delta));
        if (amount1Delta > 0) _pay(IUniswapV3TraderPool(msg.sender).token1(), uint256(amount1Delta));
    }

    function _swap(address pool, bool zeroForOne, int256 amountSpecified, uint160 sqrtPriceLimitX96)
        internal returns (int256 amount0, int256 amount1)
    {
        uint160 limit = sqrtPriceLimitX96 != 0 ? sqrtPriceLimitX96 : (zeroForOne ? MIN_LIMIT : MAX_LIMIT);
        activePool = pool;
        (amount0, amount1) = IUniswapV3TraderPool(pool).swap(address(this), zeroForOne, amountSpecified, limit, "");
        activePool = address(0);
    }

    /// Pays the pool exactly `amount`. Share-based tokens (stETH, eETH) move whole shares, so a transfer may credit a wei
    /// or two less than asked and the pool would revert (its balance check): the shortfall is topped up, a few wei over.
    function _pay(address token, uint256 amount) internal {
        IUniswapV3TraderERC20 t = IUniswapV3TraderERC20(token);
        uint256 target = t.balanceOf(msg.sender) + amount;
        require(t.transfer(msg.sender, amount), "UniswapV3Trader: transfer failed");
        for (uint256 i = 0; i < 3; i++) {
            uint256 held = t.balanceOf(msg.sender);
            if (held >= target) return;
            require(t.transfer(msg.sender, target - held + 2), "UniswapV3Trader: transfer failed");
        }
        require(t.balanceOf(msg.sender) >= target, "UniswapV3Trader: short payment");
    }
}
