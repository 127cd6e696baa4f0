package io.lrtyield.common.lending.morpho;

import java.math.BigInteger;

/** A user's position in one market as {@code position(id, user)} returns it: shares on both sides, collateral in tokens. */
public record Position(BigInteger supplyShares, BigInteger borrowShares, BigInteger collateral) {
}
