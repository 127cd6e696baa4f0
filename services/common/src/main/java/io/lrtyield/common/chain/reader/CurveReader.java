package io.lrtyield.common.chain.reader;

import io.lrtyield.common.chain.Multicall3;
import org.web3j.abi.datatypes.generated.Int128;
import org.web3j.abi.datatypes.generated.Uint256;

import java.math.BigInteger;
import java.util.List;

/**
 * Curve StableSwap (reference §6): {@code get_dy(int128,int128,uint256)}, {@code price_oracle()} (older
 * oracle-enabled pools; absent in the 2020 stETH pool) and the NG {@code price_oracle(uint256)},
 * {@code balances(uint256)}, {@code get_virtual_price()}.
 */
public final class CurveReader {

    static final ViewFunction<BigInteger> GET_DY = ViewFunction.uint256("get_dy", List.of(Int128.class, Int128.class, Uint256.class));
    static final ViewFunction<BigInteger> PRICE_ORACLE = ViewFunction.uint256("price_oracle", List.of());
    static final ViewFunction<BigInteger> PRICE_ORACLE_NG = ViewFunction.uint256("price_oracle", List.of(Uint256.class));
    static final ViewFunction<BigInteger> BALANCES = ViewFunction.uint256("balances", List.of(Uint256.class));
    static final ViewFunction<BigInteger> GET_VIRTUAL_PRICE = ViewFunction.uint256("get_virtual_price", List.of());
    static final ViewFunction<BigInteger> A = ViewFunction.uint256("A", List.of());
    static final ViewFunction<BigInteger> FEE = ViewFunction.uint256("fee", List.of());

    private CurveReader() {
    }

    /** Output amount of coin {@code j} for {@code dx} of coin {@code i}, after fee. */
    public static Multicall3.Call getDyCall(String pool, int i, int j, BigInteger dx) {
        return GET_DY.call(pool, new Int128(i), new Int128(j), new Uint256(dx));
    }

    public static Read<BigInteger> decodeGetDy(Multicall3.Result result) {
        return GET_DY.decode(result);
    }

    /** {@code price_oracle()}: EMA price of coin 1 in coin 0, 1e18-scaled. */
    public static Multicall3.Call priceOracleCall(String pool) {
        return PRICE_ORACLE.call(pool);
    }

    /** StableSwap-NG {@code price_oracle(uint256 i)}: EMA price of {@code coins[i+1]} in {@code coins[0]}, 1e18-scaled. */
    public static Multicall3.Call priceOracleCall(String pool, long i) {
        return PRICE_ORACLE_NG.call(pool, new Uint256(i));
    }

    public static Read<FixedPoint> decodePriceOracle(Multicall3.Result result) {
        return PRICE_ORACLE.decode(result).map(FixedPoint::wad);
    }

    public static Read<FixedPoint> decodePriceOracleNg(Multicall3.Result result) {
        return PRICE_ORACLE_NG.decode(result).map(FixedPoint::wad);
    }

    public static Multicall3.Call balancesCall(String pool, long i) {
        return BALANCES.call(pool, new Uint256(i));
    }

    public static Read<BigInteger> decodeBalances(Multicall3.Result result) {
        return BALANCES.decode(result);
    }

    /** LP token value in D units, 1e18-scaled. */
    public static Multicall3.Call getVirtualPriceCall(String pool) {
        return GET_VIRTUAL_PRICE.call(pool);
    }

    public static Read<FixedPoint> decodeGetVirtualPrice(Multicall3.Result result) {
        return GET_VIRTUAL_PRICE.decode(result).map(FixedPoint::wad);
    }

    /** {@code A()}: the amplification coefficient, without {@code A_PRECISION}. */
    public static Multicall3.Call aCall(String pool) {
        return A.call(pool);
    }

    public static Read<BigInteger> decodeA(Multicall3.Result result) {
        return A.decode(result);
    }

    /** {@code fee()}: the swap fee, 1e10-scaled (4000000 = 4 bps). */
    public static Multicall3.Call feeCall(String pool) {
        return FEE.call(pool);
    }

    public static Read<BigInteger> decodeFee(Multicall3.Result result) {
        return FEE.decode(result);
    }
}
