package io.lrtyield.common.chain;

import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint256;

import java.math.BigInteger;
import java.util.List;

/**
 * A view that takes uint256 arguments and returns one uint256: {@code stEthPerToken()}, {@code getExchangeRate()},
 * {@code getRate()}, {@code getPooledEthByShares(1e18)}, {@code convertToAssets(1e18)} … — most fundamental rates.
 */
public record UintViewCall(String function, List<BigInteger> args) {

    public UintViewCall {
        args = args == null ? List.of() : List.copyOf(args);
    }

    public String encode() {
        List<Type> inputs = args.stream().<Type>map(Uint256::new).toList();
        return FunctionEncoder.encode(new Function(function, inputs, List.of(new TypeReference<Uint256>() {
        })));
    }

    /** The canonical signature, e.g. {@code getPooledEthByShares(uint256)}. */
    public String signature() {
        return function + "(" + String.join(",", args.stream().map(a -> "uint256").toList()) + ")";
    }

    public static BigInteger decode(byte[] returnData) {
        if (returnData == null || returnData.length < 32) {
            throw new IllegalArgumentException("expected a uint256, got " + (returnData == null ? 0 : returnData.length) + " bytes");
        }
        return new BigInteger(1, java.util.Arrays.copyOfRange(returnData, 0, 32));
    }

}
