package io.lrtyield.common.chain.reader;

import io.lrtyield.common.chain.Multicall3;
import org.web3j.abi.datatypes.generated.Uint256;

import java.math.BigInteger;
import java.util.List;

/**
 * ERC-4626 vaults (sfrxETH, pufETH …): {@code convertToAssets(uint256)} and {@code totalAssets()}, in the asset's
 * base units. {@code convertToAssets(1e18)} of an 18-decimal vault is the assets per share, 1e18-scaled.
 */
public final class Erc4626Reader {

    static final ViewFunction<BigInteger> CONVERT_TO_ASSETS = ViewFunction.uint256("convertToAssets", List.of(Uint256.class));
    static final ViewFunction<BigInteger> TOTAL_ASSETS = ViewFunction.uint256("totalAssets", List.of());

    private Erc4626Reader() {
    }

    public static Multicall3.Call convertToAssetsCall(String vault, BigInteger shares) {
        return CONVERT_TO_ASSETS.call(vault, new Uint256(shares));
    }

    public static Read<BigInteger> decodeConvertToAssets(Multicall3.Result result) {
        return CONVERT_TO_ASSETS.decode(result);
    }

    public static Multicall3.Call totalAssetsCall(String vault) {
        return TOTAL_ASSETS.call(vault);
    }

    public static Read<BigInteger> decodeTotalAssets(Multicall3.Result result) {
        return TOTAL_ASSETS.decode(result);
    }
}
