package io.lrtyield.common.chain.reader;

import io.lrtyield.common.chain.Multicall3;
import org.web3j.abi.datatypes.generated.Uint256;

import java.math.BigInteger;
import java.util.List;

/** Lido: wstETH {@code stEthPerToken()} and stETH {@code getPooledEthByShares(uint256)} (reference §1). */
public final class LidoReader {

    static final ViewFunction<BigInteger> STETH_PER_TOKEN = ViewFunction.uint256("stEthPerToken", List.of());
    static final ViewFunction<BigInteger> POOLED_ETH_BY_SHARES = ViewFunction.uint256("getPooledEthByShares", List.of(Uint256.class));

    private LidoReader() {
    }

    /** stETH per 1 wstETH, 1e18-scaled. */
    public static Multicall3.Call stEthPerTokenCall(String wstEth) {
        return STETH_PER_TOKEN.call(wstEth);
    }

    public static Read<FixedPoint> decodeStEthPerToken(Multicall3.Result result) {
        return STETH_PER_TOKEN.decode(result).map(FixedPoint::wad);
    }

    /** stETH (wei) for {@code shares}; with 1e18 shares it is the ETH per share, 1e18-scaled. */
    public static Multicall3.Call getPooledEthBySharesCall(String stEth, BigInteger shares) {
        return POOLED_ETH_BY_SHARES.call(stEth, new Uint256(shares));
    }

    public static Read<BigInteger> decodeGetPooledEthByShares(Multicall3.Result result) {
        return POOLED_ETH_BY_SHARES.decode(result);
    }
}
