package io.lrtyield.backtest.market;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * The DEX an instant exit sells into: a constant-product pool of effective ETH depth D at the market price p, with a
 * fee f. Selling tokens worth v = tokens · p at the market price returns v · (1 − f) · D / (D + v) ETH. The same
 * formula prices the exits in the quotes and fills the sales, so the decision sees the cost execution will pay.
 */
public final class PoolModel {

    private static final MathContext MC = MathContext.DECIMAL128;
    private static final BigDecimal BPS = BigDecimal.valueOf(10_000);

    private PoolModel() {
    }

    /** ETH out for {@code tokens} sold at market price {@code price} into depth {@code depthEth} with {@code feeBps}. */
    public static BigDecimal sell(BigDecimal tokens, BigDecimal price, BigDecimal depthEth, BigDecimal feeBps) {
        if (tokens.signum() <= 0) {
            return BigDecimal.ZERO;
        }
        BigDecimal v = tokens.multiply(price, MC);
        if (depthEth.signum() <= 0) {
            return BigDecimal.ZERO;
        }
        BigDecimal afterFee = v.multiply(BigDecimal.ONE.subtract(feeBps.divide(BPS, MC)), MC);
        return afterFee.multiply(depthEth, MC).divide(depthEth.add(v, MC), MC);
    }

    /**
     * Cost of selling a position of {@code sizeEth} (valued at the fundamental rate) as a fraction of that value:
     * 1 − ETH out / size.
     */
    public static double exitCost(double sizeEth, double fundamental, double market, double depthEth, double feeBps) {
        if (depthEth <= 0) {
            return 1;
        }
        double v = sizeEth * market / fundamental;
        double out = v * (1 - feeBps / 10_000) * depthEth / (depthEth + v);
        return 1 - out / sizeEth;
    }
}
