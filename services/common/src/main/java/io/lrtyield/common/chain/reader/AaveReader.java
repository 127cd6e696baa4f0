package io.lrtyield.common.chain.reader;

import io.lrtyield.common.chain.Multicall3;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.generated.Uint128;
import org.web3j.abi.datatypes.generated.Uint16;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint40;

import java.util.List;

/**
 * Aave v3 <b>Pool</b> {@code getReserveData(address)} and {@code getUserAccountData(address)} (reference §7).
 * The AaveProtocolDataProvider has a {@code getReserveData(address)} with the same selector but a different return
 * tuple: do not point these calls at it.
 *
 * <p>{@code ReserveDataLegacy} is all static (its {@code configuration} is a one-word struct), so it is ABI-encoded
 * as its 15 fields in order and is declared flattened, with Aave's field widths ({@code uint128} indexes and rates,
 * {@code uint40} timestamp, {@code uint16} id).
 */
public final class AaveReader {

    static final ViewFunction<ReserveData> GET_RESERVE_DATA = ViewFunction.of("getReserveData", List.of(Address.class),
            List.of(new TypeReference<Uint256>() { // configuration (ReserveConfigurationMap.data)
                     },
                    new TypeReference<Uint128>() { // liquidityIndex
                    },
                    new TypeReference<Uint128>() { // currentLiquidityRate
                    },
                    new TypeReference<Uint128>() { // variableBorrowIndex
                    },
                    new TypeReference<Uint128>() { // currentVariableBorrowRate
                    },
                    new TypeReference<Uint128>() { // currentStableBorrowRate
                    },
                    new TypeReference<Uint40>() { // lastUpdateTimestamp
                    },
                    new TypeReference<Uint16>() { // id
                    },
                    new TypeReference<Address>() { // aTokenAddress
                    },
                    new TypeReference<Address>() { // stableDebtTokenAddress
                    },
                    new TypeReference<Address>() { // variableDebtTokenAddress
                    },
                    new TypeReference<Address>() { // interestRateStrategyAddress
                    },
                    new TypeReference<Uint128>() { // accruedToTreasury
                    },
                    new TypeReference<Uint128>() { // unbacked
                    },
                    new TypeReference<Uint128>() { // isolationModeTotalDebt
                    }),
            out -> new ReserveData(out.uint(0), out.uint(1), out.uint(2), out.uint(3), out.uint(4), out.uint(5),
                    out.timestamp(6), out.smallInt(7), out.address(8), out.address(9), out.address(10), out.address(11),
                    out.uint(12), out.uint(13), out.uint(14)));

    static final ViewFunction<UserAccountData> GET_USER_ACCOUNT_DATA = ViewFunction.of("getUserAccountData",
            List.of(Address.class),
            List.of(new TypeReference<Uint256>() {
                     },
                    new TypeReference<Uint256>() {
                    },
                    new TypeReference<Uint256>() {
                    },
                    new TypeReference<Uint256>() {
                    },
                    new TypeReference<Uint256>() {
                    },
                    new TypeReference<Uint256>() {
                    }),
            out -> new UserAccountData(out.uint(0), out.uint(1), out.uint(2), out.uint(3), out.uint(4), out.uint(5)));

    private AaveReader() {
    }

    public static Multicall3.Call getReserveDataCall(String pool, String asset) {
        return GET_RESERVE_DATA.call(pool, ViewFunction.address(asset));
    }

    public static Read<ReserveData> decodeReserveData(Multicall3.Result result) {
        return GET_RESERVE_DATA.decode(result);
    }

    public static Multicall3.Call getUserAccountDataCall(String pool, String user) {
        return GET_USER_ACCOUNT_DATA.call(pool, ViewFunction.address(user));
    }

    public static Read<UserAccountData> decodeUserAccountData(Multicall3.Result result) {
        return GET_USER_ACCOUNT_DATA.decode(result);
    }
}
