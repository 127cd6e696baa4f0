package io.lrtyield.common.chain.reader;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Objects;

/**
 * The ezETH rate from one block's {@code calculateTVLs()} and ezETH {@code totalSupply()}:
 * {@code rate = totalTVL * 1e18 / totalSupply}, ETH per ezETH, 1e18-scaled. The division truncates (rounds DOWN,
 * i.e. Solidity integer division, as the Balancer rate provider computes it), so {@link #rate()} is exact at 18
 * decimals and equals {@code totalTvl / totalSupply} rounded {@link java.math.RoundingMode#DOWN} to scale 18.
 */
public record EzEthRate(BigInteger totalTvl, BigInteger totalSupply, FixedPoint rate) {

    private static final BigInteger WAD = BigInteger.TEN.pow(FixedPoint.WAD_DECIMALS);

    public EzEthRate {
        Objects.requireNonNull(totalTvl, "totalTvl");
        Objects.requireNonNull(totalSupply, "totalSupply");
        Objects.requireNonNull(rate, "rate");
    }

    /** Computes the rate; throws if the supply is not positive (the caller turns that into an unavailable read). */
    public static EzEthRate of(BigInteger totalTvl, BigInteger totalSupply) {
        if (totalSupply.signum() <= 0) {
            throw new ArithmeticException("ezETH totalSupply is zero: no rate");
        }
        return new EzEthRate(totalTvl, totalSupply, FixedPoint.wad(totalTvl.multiply(WAD).divide(totalSupply)));
    }

    /** ETH per ezETH, scale 18, exact (already truncated). */
    public BigDecimal rateDecimal() {
        return rate.toBigDecimal();
    }
}
