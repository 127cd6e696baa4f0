package io.lrtyield.common.chain.reader;

import io.lrtyield.common.chain.Multicall3;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.generated.Uint256;

import java.math.BigInteger;
import java.util.List;

/**
 * Renzo (reference §3): RestakeManager {@code calculateTVLs() returns (uint256[][], uint256[], uint256)} and ezETH
 * {@code totalSupply()}. Put both calls into the same {@code aggregate3} and combine them with
 * {@link #decodeEzEthRate}: one reading from one block.
 */
public final class RenzoReader {

    static final ViewFunction<RenzoTvls> CALCULATE_TVLS = ViewFunction.of("calculateTVLs", List.of(),
            List.of(new TypeReference<DynamicArray<DynamicArray<Uint256>>>() {
                     },
                    new TypeReference<DynamicArray<Uint256>>() {
                    },
                    new TypeReference<Uint256>() {
                    }),
            out -> new RenzoTvls(out.uintMatrix(0), out.uintList(1), out.uint(2)));

    private RenzoReader() {
    }

    public static Multicall3.Call calculateTvlsCall(String restakeManager) {
        return CALCULATE_TVLS.call(restakeManager);
    }

    public static Read<RenzoTvls> decodeCalculateTvls(Multicall3.Result result) {
        return CALCULATE_TVLS.decode(result);
    }

    public static Multicall3.Call ezEthTotalSupplyCall(String ezEth) {
        return Erc20Reader.totalSupplyCall(ezEth);
    }

    public static Read<BigInteger> decodeEzEthTotalSupply(Multicall3.Result result) {
        return Erc20Reader.decodeTotalSupply(result);
    }

    /** The two calls' results as one reading; unavailable if either read is, or if the supply is zero. */
    public static Read<EzEthRate> decodeEzEthRate(Multicall3.Result calculateTvls, Multicall3.Result ezEthTotalSupply) {
        return Read.combine(decodeCalculateTvls(calculateTvls), decodeEzEthTotalSupply(ezEthTotalSupply),
                (tvls, supply) -> EzEthRate.of(tvls.totalTvl(), supply));
    }
}
