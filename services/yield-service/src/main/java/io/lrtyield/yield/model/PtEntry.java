package io.lrtyield.yield.model;

import io.lrtyield.common.dex.pendle.PendleAmm;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.Optional;

/**
 * Buying a Pendle PT with a given amount and holding it to expiry: the fixed APY locked in at that size.
 *
 * <p>Entry: {@code size} units of the market's asset (ETH for an ETH-denominated market; on the devnet the replica's
 * underlying, weETH, is its own asset) go in as SY ({@code assetToSy} at the market's index) and buy the PT that the
 * AMM gives for them ({@link PendleAmm#ptOutForExactSyIn}: fee and price impact included). Exit: held to expiry, each PT
 * redeems for one unit of the asset, so there is no exit trade and no exit slippage (selling before expiry would pay
 * the AMM again; not assumed). The APY is the implied one of the effective price paid,
 * {@code (ptOut / size)^(365 days / timeToExpiry) − 1} — reference §10.6's {@code effectiveImpliedApy}, which at zero
 * size is {@code e^lastLnImpliedRate − 1} less the fee.
 */
public final class PtEntry {

    private static final MathContext MC = YieldMath.MC;

    /**
     * @param ptOut PT bought, wei
     * @param apy the fixed APY held to expiry at the effective price
     */
    public record Result(BigInteger ptOut, BigDecimal effectivePtPrice, BigDecimal apy) {
    }

    private PtEntry() {
    }

    /** Empty when the market cannot take the whole amount (its PT, or the exchange rate's floor of 1, runs out first). */
    public static Optional<Result> buy(MarketState.PendleMarketState market, long blockTime, BigDecimal sizeAsset) {
        long toExpiry = market.expiry() - blockTime;
        if (toExpiry <= 0) {
            throw new IllegalArgumentException("the market has expired");
        }
        BigInteger in = YieldMath.wei(sizeAsset);
        BigInteger syIn = PendleAmm.assetToSy(market.syIndex(), in);
        Optional<BigInteger> out;
        try {
            out = PendleAmm.ptOutForExactSyIn(market.amm(), blockTime, syIn);
        } catch (PendleAmm.Revert | ArithmeticException e) {
            return Optional.empty();
        }
        return out.filter(n -> n.signum() > 0).map(n -> {
            BigDecimal growth = new BigDecimal(n).divide(new BigDecimal(in), MC);
            BigDecimal apy = YieldMath.pow(growth, YieldMath.YEAR.divide(BigDecimal.valueOf(toExpiry), MC)).subtract(BigDecimal.ONE, MC);
            return new Result(n, YieldMath.scale(BigDecimal.ONE.divide(growth, MC)), YieldMath.scale(apy));
        });
    }
}
