package io.lrtyield.common.dex.pendle;

import java.math.BigInteger;
import java.util.Optional;

/**
 * Pendle v2's market AMM ({@code MarketMathCore}) on {@code int256} fixed point, step for step: the same order of
 * operations, the same truncations ({@code divDown}, {@code mulDown}, Solidity's {@code /} toward zero) and the same
 * checks, which here throw {@link Revert} with the contract's error name.
 *
 * <ul>
 *   <li>{@code rateScalar = scalarRoot × 365 days / timeToExpiry} — the curve steepens as expiry nears;</li>
 *   <li>{@code rateAnchor} is solved so that today's {@code lastLnImpliedRate} holds at today's PT proportion
 *       (trades move the rate, time alone does not);</li>
 *   <li>exchange rate (PT per asset) {@code = ln(p/(1−p)) / rateScalar + rateAnchor}, p the PT proportion
 *       <em>after</em> the trade, priced on the whole trade; never below 1, p at most 96 %;</li>
 *   <li>fee {@code feeRate = e^(lnFeeRateRoot × timeToExpiry / 365 days)}: a buyer pays {@code × feeRate}, a seller
 *       receives {@code ÷ feeRate}; {@code reserveFeePercent} of the fee goes to the treasury, the rest stays with LPs;</li>
 *   <li>SY ↔ asset through the SY index ({@code PYIndex}: down, or up where the market is owed).</li>
 * </ul>
 *
 * <p>ln and exp are the market's own ({@link PendleLogExp}), so a quote equals the real market's to the wei
 * ({@code PendleV2RealMarketIT}, against {@code @pendle/core-v2}'s bytecode; the devnet replica's ln/exp differ from them
 * by at most a wei now and then). Where it departs from mainnet, and why: the index is the SY's {@code exchangeRate()}
 * (the market uses the YT's {@code pyIndexCurrent}, the larger of it and the stored PY index — equal unless the SY has
 * lost value); and exact-input buys are solved exactly ({@link #ptOutForExactSyIn}: the most PT whose cost fits the
 * input, to the wei) where the Router approximates the same amount by its {@code ApproxParams} search and stops within
 * its {@code eps} of the input (5e-5 when no off-chain guess is passed; our amount as the guess is taken as is).
 */
public final class PendleAmm {

    static final BigInteger ONE = PendleLogExp.WAD;
    static final BigInteger YEAR = BigInteger.valueOf(365L * 86_400L);
    static final BigInteger MAX_MARKET_PROPORTION = ONE.multiply(BigInteger.valueOf(96)).divide(BigInteger.valueOf(100));
    private static final BigInteger HUNDRED = BigInteger.valueOf(100);

    /** A {@code require}/custom error of the on-chain code: the trade would revert. */
    public static final class Revert extends RuntimeException {
        public Revert(String error) {
            super(error, null, false, false);
        }
    }

    /**
     * A market's {@code readState} plus the SY index.
     *
     * @param syIndex asset per SY, 1e18 ({@code 1e18} when the SY is the asset itself, as on the devnet)
     */
    public record Market(BigInteger totalPt, BigInteger totalSy, BigInteger scalarRoot, long expiry, BigInteger lnFeeRateRoot,
                         BigInteger reserveFeePercent, BigInteger lastLnImpliedRate, BigInteger syIndex) {
    }

    /** {@code MarketPreCompute}, with the time to expiry it was computed for. */
    public record PreCompute(BigInteger rateScalar, BigInteger totalAsset, BigInteger rateAnchor, BigInteger feeRate, long timeToExpiry) {
    }

    /** {@code calcTrade}'s result: SY to the account (negative: paid to the market), fee and the treasury's share. */
    public record Trade(BigInteger netSyToAccount, BigInteger netSyFee, BigInteger netSyToReserve) {
    }

    private PendleAmm() {
    }

    public static PreCompute preCompute(Market m, long blockTime) {
        if (blockTime >= m.expiry()) {
            throw new Revert("MarketExpired");
        }
        long timeToExpiry = m.expiry() - blockTime;
        BigInteger t = BigInteger.valueOf(timeToExpiry);
        BigInteger rateScalar = m.scalarRoot().multiply(YEAR).divide(t);
        if (rateScalar.signum() <= 0) {
            throw new Revert("MarketRateScalarBelowZero");
        }
        BigInteger totalAsset = syToAsset(m.syIndex(), m.totalSy());
        if (m.totalPt().signum() == 0 || totalAsset.signum() == 0) {
            throw new Revert("MarketZeroTotalPtOrTotalAsset");
        }
        BigInteger rateAnchor = rateAnchor(m.totalPt(), m.lastLnImpliedRate(), totalAsset, rateScalar, timeToExpiry);
        BigInteger feeRate = exchangeRateFromImpliedRate(m.lnFeeRateRoot(), timeToExpiry);
        return new PreCompute(rateScalar, totalAsset, rateAnchor, feeRate, timeToExpiry);
    }

    /** {@code calcTrade}: the SY side of a trade of {@code netPtToAccount} PT (positive: the account buys PT). */
    public static Trade calcTrade(Market m, PreCompute c, BigInteger netPtToAccount) {
        if (m.totalPt().compareTo(netPtToAccount) <= 0) {
            throw new Revert("MarketInsufficientPtForTrade");
        }
        BigInteger preFeeExchangeRate = exchangeRate(m.totalPt(), c.totalAsset(), c.rateScalar(), c.rateAnchor(), netPtToAccount);
        BigInteger preFeeAssetToAccount = divDown(netPtToAccount, preFeeExchangeRate).negate();
        BigInteger fee = c.feeRate();
        if (netPtToAccount.signum() > 0) {
            BigInteger postFeeExchangeRate = divDown(preFeeExchangeRate, fee);
            if (postFeeExchangeRate.compareTo(ONE) < 0) {
                throw new Revert("MarketExchangeRateBelowOne");
            }
            fee = mulDown(preFeeAssetToAccount, ONE.subtract(fee));
        } else {
            fee = preFeeAssetToAccount.multiply(ONE.subtract(fee)).divide(fee).negate();
        }
        BigInteger netAssetToReserve = fee.multiply(m.reserveFeePercent()).divide(HUNDRED);
        BigInteger netAssetToAccount = preFeeAssetToAccount.subtract(fee);
        BigInteger netSyToAccount = netAssetToAccount.signum() < 0
                ? assetToSyUp(m.syIndex(), netAssetToAccount) : assetToSy(m.syIndex(), netAssetToAccount);
        return new Trade(netSyToAccount, assetToSy(m.syIndex(), fee), assetToSy(m.syIndex(), netAssetToReserve));
    }

    /** {@code executeTradeCore}: the market after the trade, with its new {@code lastLnImpliedRate}. */
    public static Market afterTrade(Market m, long blockTime, BigInteger netPtToAccount) {
        PreCompute c = preCompute(m, blockTime);
        Trade trade = calcTrade(m, c, netPtToAccount);
        BigInteger totalPt = subNoNeg(m.totalPt(), netPtToAccount);
        BigInteger totalSy = subNoNeg(m.totalSy(), trade.netSyToAccount().add(trade.netSyToReserve()));
        BigInteger lnImplied = lnImpliedRate(totalPt, syToAsset(m.syIndex(), totalSy), c.rateScalar(), c.rateAnchor(), c.timeToExpiry());
        if (lnImplied.signum() == 0) {
            throw new Revert("MarketZeroLnImpliedRate");
        }
        return new Market(totalPt, totalSy, m.scalarRoot(), m.expiry(), m.lnFeeRateRoot(), m.reserveFeePercent(), lnImplied, m.syIndex());
    }

    /**
     * The most PT that {@code exactSyIn} SY buys: the largest n whose cost ({@code −netSyToAccount}) fits the input,
     * found by bisection over wei (the cost rises with n: each PT is dearer as the PT proportion falls). Empty when
     * the market cannot take the whole input (the PT, or the exchange rate's floor of 1, runs out first). The devnet
     * replica's {@code swapExactTokenForPt} runs this very search.
     */
    public static Optional<BigInteger> ptOutForExactSyIn(Market m, long blockTime, BigInteger exactSyIn) {
        if (exactSyIn.signum() <= 0) {
            return Optional.of(BigInteger.ZERO);
        }
        PreCompute c = preCompute(m, blockTime);
        BigInteger spot = exchangeRate(m.totalPt(), c.totalAsset(), c.rateScalar(), c.rateAnchor(), BigInteger.ZERO);
        // cost(n) ≥ n / spot, so 2 × input × spot already costs more than the input
        BigInteger hi = m.totalPt().min(BigInteger.TWO.multiply(exactSyIn).multiply(spot).divide(ONE).add(BigInteger.TWO));
        BigInteger lo = BigInteger.ZERO;
        while (hi.subtract(lo).compareTo(BigInteger.ONE) > 0) {
            BigInteger mid = lo.add(hi).shiftRight(1);
            Optional<BigInteger> cost = buyCost(m, c, mid);
            if (cost.isPresent() && cost.get().compareTo(exactSyIn) <= 0) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        // one more wei must be a trade the market can make, or the input was not all spendable
        if (lo.signum() == 0 || buyCost(m, c, lo.add(BigInteger.ONE)).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(lo);
    }

    /** SY paid for exactly {@code exactPtIn} PT sold (the seller's proceeds, fee deducted). */
    public static BigInteger syOutForExactPtIn(Market m, long blockTime, BigInteger exactPtIn) {
        return calcTrade(m, preCompute(m, blockTime), exactPtIn.negate()).netSyToAccount();
    }

    /** What buying {@code netPt} PT costs in SY, or empty when the market would revert. */
    static Optional<BigInteger> buyCost(Market m, PreCompute c, BigInteger netPt) {
        try {
            return Optional.of(calcTrade(m, c, netPt).netSyToAccount().negate());
        } catch (Revert | ArithmeticException e) {
            return Optional.empty();
        }
    }

    // ---- MarketMathCore internals ----

    static BigInteger rateAnchor(BigInteger totalPt, BigInteger lastLnImpliedRate, BigInteger totalAsset, BigInteger rateScalar, long timeToExpiry) {
        BigInteger newExchangeRate = exchangeRateFromImpliedRate(lastLnImpliedRate, timeToExpiry);
        if (newExchangeRate.compareTo(ONE) < 0) {
            throw new Revert("MarketExchangeRateBelowOne");
        }
        BigInteger proportion = divDown(totalPt, totalPt.add(totalAsset));
        return newExchangeRate.subtract(divDown(logProportion(proportion), rateScalar));
    }

    static BigInteger lnImpliedRate(BigInteger totalPt, BigInteger totalAsset, BigInteger rateScalar, BigInteger rateAnchor, long timeToExpiry) {
        BigInteger exchangeRate = exchangeRate(totalPt, totalAsset, rateScalar, rateAnchor, BigInteger.ZERO);
        return PendleLogExp.ln(exchangeRate).multiply(YEAR).divide(BigInteger.valueOf(timeToExpiry));
    }

    /** {@code e^(lnRate × t / 365 days)}, the product truncated to a wad first. */
    static BigInteger exchangeRateFromImpliedRate(BigInteger lnImpliedRate, long timeToExpiry) {
        BigInteger rt = lnImpliedRate.multiply(BigInteger.valueOf(timeToExpiry)).divide(YEAR);
        return PendleLogExp.exp(rt);
    }

    static BigInteger exchangeRate(BigInteger totalPt, BigInteger totalAsset, BigInteger rateScalar, BigInteger rateAnchor, BigInteger netPtToAccount) {
        BigInteger numerator = subNoNeg(totalPt, netPtToAccount);
        BigInteger proportion = divDown(numerator, totalPt.add(totalAsset));
        if (proportion.compareTo(MAX_MARKET_PROPORTION) > 0) {
            throw new Revert("MarketProportionTooHigh");
        }
        BigInteger exchangeRate = divDown(logProportion(proportion), rateScalar).add(rateAnchor);
        if (exchangeRate.compareTo(ONE) < 0) {
            throw new Revert("MarketExchangeRateBelowOne");
        }
        return exchangeRate;
    }

    static BigInteger logProportion(BigInteger proportion) {
        if (proportion.equals(ONE)) {
            throw new Revert("MarketProportionMustNotEqualOne");
        }
        BigInteger logitP = divDown(proportion, ONE.subtract(proportion));
        return PendleLogExp.ln(logitP);
    }

    // ---- PMath and PYIndex ----

    static BigInteger divDown(BigInteger a, BigInteger b) {
        return a.multiply(ONE).divide(b);
    }

    static BigInteger mulDown(BigInteger a, BigInteger b) {
        return a.multiply(b).divide(ONE);
    }

    static BigInteger subNoNeg(BigInteger a, BigInteger b) {
        if (a.compareTo(b) < 0) {
            throw new Revert("negative");
        }
        return a.subtract(b);
    }

    public static BigInteger syToAsset(BigInteger index, BigInteger sy) {
        return signed(sy, sy.abs().multiply(index).divide(ONE));
    }

    public static BigInteger assetToSy(BigInteger index, BigInteger asset) {
        return signed(asset, asset.abs().multiply(ONE).divide(index));
    }

    public static BigInteger assetToSyUp(BigInteger index, BigInteger asset) {
        return signed(asset, asset.abs().multiply(ONE).add(index).subtract(BigInteger.ONE).divide(index));
    }

    private static BigInteger signed(BigInteger sign, BigInteger magnitude) {
        return sign.signum() < 0 ? magnitude.negate() : magnitude;
    }
}
