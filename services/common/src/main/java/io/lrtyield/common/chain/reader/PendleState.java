package io.lrtyield.common.chain.reader;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Objects;

/**
 * Pendle market {@code readState(address router)} {@code MarketState} (reference §8), in order:
 * {@code (int256 totalPt, int256 totalSy, int256 totalLp, address treasury, int256 scalarRoot, uint256 expiry,
 * uint256 lnFeeRateRoot, uint256 reserveFeePercent, uint256 lastLnImpliedRate)}. {@code lastLnImpliedRate} is
 * 1e18-scaled, continuously compounded over 365 days; {@code reserveFeePercent} is base 100.
 */
public record PendleState(BigInteger totalPt, BigInteger totalSy, BigInteger totalLp, String treasury,
                          BigInteger scalarRoot, Instant expiry, BigInteger lnFeeRateRoot, BigInteger reserveFeePercent,
                          BigInteger lastLnImpliedRate) {

    public PendleState {
        Objects.requireNonNull(totalPt, "totalPt");
        Objects.requireNonNull(totalSy, "totalSy");
        Objects.requireNonNull(totalLp, "totalLp");
        Objects.requireNonNull(treasury, "treasury");
        Objects.requireNonNull(scalarRoot, "scalarRoot");
        Objects.requireNonNull(expiry, "expiry");
        Objects.requireNonNull(lnFeeRateRoot, "lnFeeRateRoot");
        Objects.requireNonNull(reserveFeePercent, "reserveFeePercent");
        Objects.requireNonNull(lastLnImpliedRate, "lastLnImpliedRate");
    }

    /** {@code lastLnImpliedRate / 1e18}, exact, scale 18 (the APY is {@code e^this − 1}). */
    public BigDecimal lastLnImpliedRateDecimal() {
        return FixedPoint.wad(lastLnImpliedRate).toBigDecimal();
    }

    public boolean isExpiredAt(Instant time) {
        return !time.isBefore(expiry);
    }
}
