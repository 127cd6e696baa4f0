package io.lrtyield.devnet.deploy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * One reserve of the real Aave v3 pool as {@link AaveV3Deployer} lists it: the token, its starting USD price (8
 * decimals, the market's base currency as on Ethereum Core), risk parameters in bps and the two-slope variable rate
 * model as fractions (ray on chain).
 *
 * @param symbol        asset symbol, e.g. {@code wstETH}
 * @param asset         the token (the devnet's replica)
 * @param priceUsd8     starting answer of its USD feed, 8 decimals
 * @param ltv           loan to value, bps (0: not usable as collateral)
 * @param lt            liquidation threshold, bps
 * @param bonus         liquidation bonus, bps over 10 000 (10 500 = 5 %)
 * @param reserveFactor share of interest to the treasury, bps
 * @param borrowable    variable borrowing enabled
 * @param eMode         true: in the ETH-correlated eMode category
 * @param optimal       optimal usage ratio (the kink)
 * @param base          base variable borrow rate
 * @param slope1        variable rate slope below the kink
 * @param slope2        variable rate slope above the kink
 */
public record AaveV3Reserve(String symbol, String asset, BigInteger priceUsd8, int ltv, int lt, int bonus, int reserveFactor,
                            boolean borrowable, boolean eMode, BigDecimal optimal, BigDecimal base, BigDecimal slope1,
                            BigDecimal slope2) {

    /**
     * WETH, wstETH, weETH and ezETH with Ethereum Core's parameters of the v3.0/3.1 era (LTV/LT/bonus, reserve factor,
     * rate model); only WETH borrowable; WETH and wstETH in the eMode category. Prices: ETH/USD × each token's
     * fundamental rate ({@link FundamentalRates}), as Aave's CAPO adapters price LSTs and LRTs.
     */
    public static List<AaveV3Reserve> devnetDefaults(DevnetDeployment d, Map<String, BigInteger> rates, BigInteger ethUsd8) {
        return List.of(
                new AaveV3Reserve("WETH", d.weth(), ethUsd8, 8050, 8300, 10500, 1500, true, true,
                        frac("0.9"), frac("0"), frac("0.027"), frac("0.8")),
                new AaveV3Reserve("wstETH", d.wstETH(), price(ethUsd8, rates.get("wstETH")), 7850, 8100, 10600, 1500, false, true,
                        frac("0.45"), frac("0"), frac("0.045"), frac("0.8")),
                new AaveV3Reserve("weETH", d.weETH(), price(ethUsd8, rates.get("weETH")), 7250, 7500, 10700, 4500, false, false,
                        frac("0.35"), frac("0"), frac("0.07"), frac("3")),
                new AaveV3Reserve("ezETH", d.ezETH(), price(ethUsd8, rates.get("ezETH")), 7250, 7500, 10750, 1500, false, false,
                        frac("0.45"), frac("0"), frac("0.07"), frac("3")));
    }

    private static BigInteger price(BigInteger ethUsd8, BigInteger rateE18) {
        return ethUsd8.multiply(rateE18).divide(BigInteger.TEN.pow(18));
    }

    private static BigDecimal frac(String s) {
        return new BigDecimal(s);
    }
}
