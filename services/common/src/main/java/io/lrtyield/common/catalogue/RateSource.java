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
 * @param method how the rate is read: {@code uint-view} (default: one view returning the rate) or
 *               {@code tvl-per-supply} (Renzo: {@code calculateTVLs().totalTVL} on {@code contract} divided by the
 *               {@code supplyToken}'s {@code totalSupply()})
 * @param supplyToken the token whose supply divides the TVL, for {@code tvl-per-supply}
 */
public record RateSource(String contract, String function, List<BigInteger> args, int decimals, double maxAnnualGrowth,
                         String method, String supplyToken) {

    public static final String UINT_VIEW = "uint-view";
    public static final String TVL_PER_SUPPLY = "tvl-per-supply";

    public RateSource {
        args = args == null ? List.of() : List.copyOf(args);
        method = method == null ? UINT_VIEW : method;
        if (!method.equals(UINT_VIEW) && !method.equals(TVL_PER_SUPPLY)) {
            throw new IllegalArgumentException("unknown rate method " + method + "; expected " + UINT_VIEW + " or " + TVL_PER_SUPPLY);
        }
        if (method.equals(TVL_PER_SUPPLY) && supplyToken == null) {
            throw new IllegalArgumentException(TVL_PER_SUPPLY + " needs a supplyToken");
        }
    }

    /** A rate read as one uint256 view. */
    public RateSource(String contract, String function, List<BigInteger> args, int decimals, double maxAnnualGrowth) {
        this(contract, function, args, decimals, maxAnnualGrowth, UINT_VIEW, null);
    }
}
