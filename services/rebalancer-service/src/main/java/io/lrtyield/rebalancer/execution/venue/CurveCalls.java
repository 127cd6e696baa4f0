package io.lrtyield.rebalancer.execution.venue;

import io.lrtyield.rebalancer.execution.ContractCall;
import org.web3j.abi.datatypes.generated.Int128;
import org.web3j.abi.datatypes.generated.Uint256;

import java.math.BigInteger;

import static io.lrtyield.rebalancer.execution.venue.LidoCalls.positive;

/**
 * Curve StableSwap {@code exchange(int128 i, int128 j, uint256 dx, uint256 min_dy)}. {@code min_dy} comes from the
 * price service's fundamental price less the plan's slippage bound, never from the pool being traded against.
 */
public final class CurveCalls {

    private CurveCalls() {
    }

    public static ContractCall exchange(String pool, int i, int j, BigInteger dx, BigInteger minDy) {
        if (i == j || i < 0 || j < 0) {
            throw new IllegalArgumentException("bad coin indices " + i + " -> " + j);
        }
        return ContractCall.of(pool, BigInteger.ZERO, "exchange", new Int128(i), new Int128(j), new Uint256(positive(dx)),
                new Uint256(positive(minDy)));
    }
}
