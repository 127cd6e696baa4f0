package io.lrtyield.devnet.deploy;

import io.lrtyield.common.dex.uniswap.TickMath;
import org.web3j.abi.TypeEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.generated.Uint24;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

import java.math.BigInteger;
import java.util.List;
import java.util.Locale;

/**
 * The devnet's real Uniswap v3 markets (npm {@code @uniswap/v3-core} bytecode): where the factory puts a pool, and the
 * liquidity the market maker's trader mints around the starting price. Three nested ranges add up to
 * {@link #IN_RANGE_LIQUIDITY} at the price, the nominal depth the former price replicas reported; beyond ±40 % the pool
 * is empty, so a swap with a price limit still reaches any target.
 */
public final class UniswapV3Market {

    private static final BigInteger E18 = BigInteger.TEN.pow(18);
    /** Liquidity in range at the starting price: the sum of the three positions. */
    public static final BigInteger IN_RANGE_LIQUIDITY = BigInteger.valueOf(50_000).multiply(E18);
    /** The pool's creation code hash, from the artifact itself (mainnet's POOL_INIT_CODE_HASH for v3-core 1.0.1). */
    private static final String POOL_INIT_CODE_HASH = Hash.sha3(ContractArtifacts.bytecode("UniswapV3Pool"));

    private UniswapV3Market() {
    }

    /** A liquidity position [lower, upper) of the trader. */
    public record Position(int lower, int upper, BigInteger liquidity) {
    }

    /** ±0.5 %, ±5 % and ±40 % around the price's tick, deepest in the middle (tick spacing 1, the 0.01 % tier). */
    public static List<Position> positions(BigInteger sqrtPriceX96) {
        int t = TickMath.getTickAtSqrtRatio(sqrtPriceX96);
        return List.of(
                new Position(t - 50, t + 50, BigInteger.valueOf(30_000).multiply(E18)),
                new Position(t - 500, t + 500, BigInteger.valueOf(15_000).multiply(E18)),
                new Position(t - 3_400, t + 3_400, BigInteger.valueOf(5_000).multiply(E18)));
    }

    /**
     * The factory's CREATE2 address of the (tokenA, tokenB, fee) pool: keccak256(0xff ++ factory ++
     * keccak256(abi.encode(token0, token1, fee)) ++ init code hash)[12:], so a batch can initialize it before it is mined.
     */
    public static String poolAddress(String factory, String tokenA, String tokenB, long fee) {
        boolean aFirst = UniswapV3Price.assetIsToken0(tokenA, tokenB);
        String salt = Hash.sha3(TypeEncoder.encode(new Address(aFirst ? tokenA : tokenB)) + TypeEncoder.encode(new Address(aFirst ? tokenB : tokenA))
                + TypeEncoder.encode(new Uint24(fee)));
        String preimage = "0xff" + Numeric.cleanHexPrefix(factory) + Numeric.cleanHexPrefix(salt) + Numeric.cleanHexPrefix(POOL_INIT_CODE_HASH);
        return ("0x" + Hash.sha3(preimage).substring(26)).toLowerCase(Locale.ROOT);
    }
}
