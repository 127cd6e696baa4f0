package io.lrtyield.devnet.deploy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Uniswap v3's price encoding for an asset/WETH pool of 18-decimal tokens: {@code sqrtPriceX96 = sqrt(token1/token0) × 2^96}.
 * Which side the asset is on follows the factory's order (token0 is the lower address), so the price of the asset in
 * WETH is the pool price when the asset is token0 and its inverse when it is token1.
 */
public final class UniswapV3Price {

    private static final BigInteger E18 = BigInteger.TEN.pow(18);
    private static final int Q192 = 192;
    private static final double LOG_TICK_BASE = Math.log(1.0001);

    private UniswapV3Price() {
    }

    /** Whether the asset is the pool's token0 (its address sorts below WETH's). */
    public static boolean assetIsToken0(String asset, String weth) {
        return address(asset).compareTo(address(weth)) < 0;
    }

    /** The asset's index in the pool: 0 when token0, 1 when token1 (a price source's coinIndex). */
    public static int coinIndex(String asset, String weth) {
        return assetIsToken0(asset, weth) ? 0 : 1;
    }

    /** sqrtPriceX96 for the asset priced at {@code wethPerAsset} (1e18), rounded down as integer sqrt rounds. */
    public static BigInteger sqrtPriceX96(BigInteger wethPerAsset, boolean assetIsToken0) {
        if (wethPerAsset.signum() <= 0) {
            throw new IllegalArgumentException("price must be positive: " + wethPerAsset);
        }
        // token1/token0 × 2^192, then the integer square root
        BigInteger ratioX192 = assetIsToken0 ? wethPerAsset.shiftLeft(Q192).divide(E18) : E18.shiftLeft(Q192).divide(wethPerAsset);
        return ratioX192.sqrt();
    }

    /** The asset's price in WETH that {@code sqrtPriceX96} encodes, to {@code scale} decimals. */
    public static BigDecimal wethPerAsset(BigInteger sqrtPriceX96, boolean assetIsToken0, int scale) {
        BigDecimal token1PerToken0 = new BigDecimal(sqrtPriceX96.pow(2)).divide(new BigDecimal(BigInteger.ONE.shiftLeft(Q192)),
                MathContext.DECIMAL128);
        return assetIsToken0 ? token1PerToken0.setScale(scale, RoundingMode.HALF_EVEN)
                : BigDecimal.ONE.divide(token1PerToken0, scale, RoundingMode.HALF_EVEN);
    }

    /** The tick whose price range holds the encoded price: floor(log_1.0001(token1/token0)), as TickMath.getTickAtSqrtRatio. */
    public static int tick(BigInteger sqrtPriceX96) {
        // log(p) = 2 × (log(sqrtPriceX96) − 96 log 2); doubles are ample for ticks near 0 (|tick| < 10^4 for these pools)
        double logSqrt = Math.log(sqrtPriceX96.doubleValue()) - 96 * Math.log(2);
        return (int) Math.floor(2 * logSqrt / LOG_TICK_BASE);
    }

    private static BigInteger address(String hex) {
        return new BigInteger(hex.startsWith("0x") || hex.startsWith("0X") ? hex.substring(2) : hex, 16);
    }
}
