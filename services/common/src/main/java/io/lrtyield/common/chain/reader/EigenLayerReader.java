package io.lrtyield.common.chain.reader;

import io.lrtyield.common.chain.Multicall3;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.StaticStruct;
import org.web3j.abi.datatypes.generated.Int128;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint32;
import org.web3j.abi.datatypes.generated.Uint64;

import java.math.BigInteger;
import java.util.List;

/**
 * EigenLayer (post-slashing release, reference §4): Strategy {@code sharesToUnderlyingView(uint256)} and
 * StrategyManager {@code stakerDepositShares(address user, address strategy)}. The legacy M2 name
 * {@code stakerStrategyShares} is not used. Slashing: DelegationManager {@code delegatedTo(address)} and
 * {@code getWithdrawableShares(address staker, address[] strategies)} (withdrawable net of slashing, deposit);
 * AllocationManager {@code getMaxMagnitude(address operator, address strategy)} and
 * {@code getAllocation(address operator, (address avs, uint32 id) operatorSet, address strategy)} returning
 * {@code (uint64 currentMagnitude, int128 pendingDiff, uint32 effectBlock)}.
 */
public final class EigenLayerReader {

    static final ViewFunction<BigInteger> SHARES_TO_UNDERLYING_VIEW = ViewFunction.uint256("sharesToUnderlyingView", List.of(Uint256.class));
    static final ViewFunction<BigInteger> STAKER_DEPOSIT_SHARES = ViewFunction.uint256("stakerDepositShares", List.of(Address.class, Address.class));

    static final ViewFunction<String> DELEGATED_TO = ViewFunction.of("delegatedTo", List.of(Address.class),
            List.of(new TypeReference<Address>() {
            }), out -> out.address(0));
    static final ViewFunction<StakerShares> WITHDRAWABLE_SHARES = ViewFunction.of("getWithdrawableShares", "address,address[]",
            List.of(Address.class, DynamicArray.class), List.of(new TypeReference<DynamicArray<Uint256>>() {
            }, new TypeReference<DynamicArray<Uint256>>() {
            }), out -> {
                List<BigInteger> withdrawable = out.uintList(0);
                List<BigInteger> deposit = out.uintList(1);
                if (withdrawable.size() != 1 || deposit.size() != 1) {
                    throw new IllegalArgumentException("expected 1 strategy, got " + withdrawable.size() + " and " + deposit.size());
                }
                return new StakerShares(withdrawable.get(0), deposit.get(0));
            });
    static final ViewFunction<BigInteger> MAX_MAGNITUDE = ViewFunction.of("getMaxMagnitude", List.of(Address.class, Address.class),
            List.of(new TypeReference<Uint64>() {
            }), out -> out.uint(0));
    /** The Allocation struct is all static: declared flattened; only the current magnitude is kept. */
    static final ViewFunction<BigInteger> ALLOCATION = ViewFunction.of("getAllocation", "address,(address,uint32),address",
            List.of(Address.class, StaticStruct.class, Address.class), List.of(new TypeReference<Uint64>() {
            }, new TypeReference<Int128>() {
            }, new TypeReference<Uint32>() {
            }), out -> out.uint(0));

    private EigenLayerReader() {
    }

    /** Underlying token amount for {@code shares} of the strategy. */
    public static Multicall3.Call sharesToUnderlyingViewCall(String strategy, BigInteger shares) {
        return SHARES_TO_UNDERLYING_VIEW.call(strategy, new Uint256(shares));
    }

    public static Read<BigInteger> decodeSharesToUnderlyingView(Multicall3.Result result) {
        return SHARES_TO_UNDERLYING_VIEW.decode(result);
    }

    /** Deposit shares of {@code staker} in {@code strategy} (not net of slashing). */
    public static Multicall3.Call stakerDepositSharesCall(String strategyManager, String staker, String strategy) {
        return STAKER_DEPOSIT_SHARES.call(strategyManager, ViewFunction.address(staker), ViewFunction.address(strategy));
    }

    public static Read<BigInteger> decodeStakerDepositShares(Multicall3.Result result) {
        return STAKER_DEPOSIT_SHARES.decode(result);
    }

    /** The operator {@code staker} is delegated to (the zero address when none). */
    public static Multicall3.Call delegatedToCall(String delegationManager, String staker) {
        return DELEGATED_TO.call(delegationManager, ViewFunction.address(staker));
    }

    public static Read<String> decodeDelegatedTo(Multicall3.Result result) {
        return DELEGATED_TO.decode(result);
    }

    /** Withdrawable shares of {@code staker} in one strategy, net of slashing. */
    public static Multicall3.Call withdrawableSharesCall(String delegationManager, String staker, String strategy) {
        return WITHDRAWABLE_SHARES.call(delegationManager, ViewFunction.address(staker),
                new DynamicArray<>(Address.class, List.of(ViewFunction.address(strategy))));
    }

    /** The one strategy's withdrawable (net of slashing) and deposit shares. */
    public static Read<StakerShares> decodeWithdrawableShares(Multicall3.Result result) {
        return WITHDRAWABLE_SHARES.decode(result);
    }

    /** A staker's shares in one strategy: {@code withdrawable} net of slashing, {@code deposit} as deposited. */
    public record StakerShares(BigInteger withdrawable, BigInteger deposit) {
    }

    public static Multicall3.Call maxMagnitudeCall(String allocationManager, String operator, String strategy) {
        return MAX_MAGNITUDE.call(allocationManager, ViewFunction.address(operator), ViewFunction.address(strategy));
    }

    public static Read<BigInteger> decodeMaxMagnitude(Multicall3.Result result) {
        return MAX_MAGNITUDE.decode(result);
    }

    /** The operator's current magnitude in the operator set {@code (avs, id)} for the strategy. */
    public static Multicall3.Call allocationCall(String allocationManager, String operator, String avs, long operatorSetId, String strategy) {
        return ALLOCATION.call(allocationManager, ViewFunction.address(operator),
                new StaticStruct(ViewFunction.address(avs), new Uint32(operatorSetId)), ViewFunction.address(strategy));
    }

    public static Read<BigInteger> decodeAllocation(Multicall3.Result result) {
        return ALLOCATION.decode(result);
    }
}
