package io.lrtyield.common.chain.reader;

import io.lrtyield.common.chain.Multicall3;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.generated.Uint256;

import java.math.BigInteger;
import java.util.List;

/**
 * EigenLayer (post-slashing release, reference §4): Strategy {@code sharesToUnderlyingView(uint256)} and
 * StrategyManager {@code stakerDepositShares(address user, address strategy)}. The legacy M2 name
 * {@code stakerStrategyShares} is not used.
 */
public final class EigenLayerReader {

    static final ViewFunction<BigInteger> SHARES_TO_UNDERLYING_VIEW = ViewFunction.uint256("sharesToUnderlyingView", List.of(Uint256.class));
    static final ViewFunction<BigInteger> STAKER_DEPOSIT_SHARES = ViewFunction.uint256("stakerDepositShares", List.of(Address.class, Address.class));

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
}
