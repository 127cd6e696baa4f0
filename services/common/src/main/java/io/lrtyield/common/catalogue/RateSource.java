package io.lrtyield.common.catalogue;

import java.math.BigInteger;
import java.util.List;

/**
 * A fundamental rate read as one uint256 view.
 *
 * @param contract address to call
 * @param function view name, e.g. {@code stEthPerToken}
 * @param args uint256 arguments, e.g. {@code [1000000000000000000]} for {@code getPooledEthByShares}
 * @param decimals fixed-point decimals of the answer (18 for every rate in the reference)
 * @param maxAnnualGrowth cap on annualised rate growth (CAPO-style), decimal fraction
 */
public record RateSource(String contract, String function, List<BigInteger> args, int decimals, double maxAnnualGrowth) {

    public RateSource {
        args = args == null ? List.of() : List.copyOf(args);
    }
}
