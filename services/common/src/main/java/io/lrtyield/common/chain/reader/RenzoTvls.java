package io.lrtyield.common.chain.reader;

import java.math.BigInteger;
import java.util.List;
import java.util.Objects;

/**
 * Renzo RestakeManager {@code calculateTVLs()}: per operator delegator and token TVLs, per operator delegator TVLs,
 * and the total TVL, all in ETH wei.
 */
public record RenzoTvls(List<List<BigInteger>> operatorDelegatorTokenTvls, List<BigInteger> operatorDelegatorTvls,
                        BigInteger totalTvl) {

    public RenzoTvls {
        operatorDelegatorTokenTvls = operatorDelegatorTokenTvls.stream().map(List::copyOf).toList();
        operatorDelegatorTvls = List.copyOf(operatorDelegatorTvls);
        Objects.requireNonNull(totalTvl, "totalTvl");
    }
}
