package io.lrtyield.yield.model;

import io.lrtyield.common.dex.pendle.PendleAmm;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Locale;
import java.util.Map;

/**
 * Everything the market venues' quotes need from one block, decoded (the snapshot's domain form). Keys are
 * lower-case addresses; a reserve is keyed {@code pool/asset}, a Morpho market by its id. What could not be read is in {@code unavailable} with
 * the reason, keyed like the value it stands for.
 *
 * @param blockTimestamp the block's timestamp (time to expiry, windows)
 */
public record MarketState(long blockTimestamp, Map<String, AaveReserve> reserves, Map<String, StablePool> pools,
                          Map<String, PendleMarketState> pendleMarkets, Map<String, MorphoMarket> morphoMarkets,
                          Map<String, String> unavailable) {

    public MarketState {
        reserves = Map.copyOf(reserves);
        pools = Map.copyOf(pools);
        pendleMarkets = Map.copyOf(pendleMarkets);
        morphoMarkets = Map.copyOf(morphoMarkets);
        unavailable = Map.copyOf(unavailable);
    }

    /** Without Morpho Blue markets. */
    public MarketState(long blockTimestamp, Map<String, AaveReserve> reserves, Map<String, StablePool> pools,
                       Map<String, PendleMarketState> pendleMarkets, Map<String, String> unavailable) {
        this(blockTimestamp, reserves, pools, pendleMarkets, Map.of(), unavailable);
    }

    /**
     * A Morpho Blue market as read at the block, keyed by its id (lower-case hex): {@code market(id)} as stored (stale
     * since its last accrual) and its IRM's stored {@code rateAtTarget(id)}; the quote brings both forward to the block
     * ({@link io.lrtyield.common.lending.morpho.AccruedMarket}).
     */
    public record MorphoMarket(io.lrtyield.common.lending.morpho.MarketState stored, BigInteger rateAtTarget) {
    }

    /**
     * One Aave reserve.
     *
     * @param liquidityRateRay {@code currentLiquidityRate}
     * @param variableBorrowRateRay {@code currentVariableBorrowRate}
     * @param reserveFactor from the configuration bitmap (bits 64–79, bps), fraction
     * @param totalDebtEth variable debt token total supply, in tokens
     * @param availableEth aToken total supply minus debt: what suppliers could withdraw / borrowers borrow
     */
    public record AaveReserve(BigInteger liquidityRateRay, BigInteger variableBorrowRateRay, BigDecimal reserveFactor,
                              BigDecimal totalDebtEth, BigDecimal availableEth) {
        public BigDecimal usage() {
            return AaveRateModel.usage(totalDebtEth, availableEth);
        }
    }

    /**
     * A Pendle market's {@code readState} (implied rate, expiry in seconds since epoch, reserves and the AMM's
     * parameters) and the SY index its AMM converts SY to asset with.
     *
     * @param syIndex asset per SY, 1e18: the SY's {@code exchangeRate()}, or 1e18 when the catalogue names no SY
     *                (the devnet replica, whose underlying plays the SY)
     */
    public record PendleMarketState(BigInteger lastLnImpliedRateWad, long expiry, BigInteger totalPt, BigInteger totalSy,
                                    BigInteger scalarRoot, BigInteger lnFeeRateRoot, BigInteger reserveFeePercent, BigInteger syIndex) {

        /** The state as {@link PendleAmm} takes it. */
        public PendleAmm.Market amm() {
            return new PendleAmm.Market(totalPt, totalSy, scalarRoot, expiry, lnFeeRateRoot, reserveFeePercent, lastLnImpliedRateWad, syIndex);
        }
    }

    public static String reserveKey(String pool, String asset) {
        return pool.toLowerCase(Locale.ROOT) + "/" + asset.toLowerCase(Locale.ROOT);
    }

    /** Aave's reserve factor: bits 64–79 of the reserve configuration, in bps. */
    public static BigDecimal reserveFactorOf(BigInteger configuration) {
        int bps = configuration.shiftRight(64).and(BigInteger.valueOf(0xFFFF)).intValue();
        return BigDecimal.valueOf(bps, 4);
    }
}
