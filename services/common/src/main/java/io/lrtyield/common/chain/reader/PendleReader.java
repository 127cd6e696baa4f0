package io.lrtyield.common.chain.reader;

import io.lrtyield.common.chain.Multicall3;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.generated.Int256;
import org.web3j.abi.datatypes.generated.Uint256;

import java.util.List;

/**
 * Pendle v2 market {@code readState(address router)} and {@code readTokens()} (reference §8). Pass the Router as
 * {@code router}: it selects the factory's fee overrides. {@code MarketState} is all static, so it is declared
 * flattened (9 words).
 */
public final class PendleReader {

    static final ViewFunction<PendleState> READ_STATE = ViewFunction.of("readState", List.of(Address.class),
            List.of(new TypeReference<Int256>() { // totalPt
                     },
                    new TypeReference<Int256>() { // totalSy
                    },
                    new TypeReference<Int256>() { // totalLp
                    },
                    new TypeReference<Address>() { // treasury
                    },
                    new TypeReference<Int256>() { // scalarRoot
                    },
                    new TypeReference<Uint256>() { // expiry
                    },
                    new TypeReference<Uint256>() { // lnFeeRateRoot
                    },
                    new TypeReference<Uint256>() { // reserveFeePercent
                    },
                    new TypeReference<Uint256>() { // lastLnImpliedRate
                    }),
            out -> new PendleState(out.signed(0), out.signed(1), out.signed(2), out.address(3), out.signed(4),
                    out.timestamp(5), out.uint(6), out.uint(7), out.uint(8)));

    static final ViewFunction<PendleTokens> READ_TOKENS = ViewFunction.of("readTokens", List.of(),
            List.of(new TypeReference<Address>() {
                     },
                    new TypeReference<Address>() {
                    },
                    new TypeReference<Address>() {
                    }),
            out -> new PendleTokens(out.address(0), out.address(1), out.address(2)));

    private PendleReader() {
    }

    public static Multicall3.Call readStateCall(String market, String router) {
        return READ_STATE.call(market, ViewFunction.address(router));
    }

    public static Read<PendleState> decodeReadState(Multicall3.Result result) {
        return READ_STATE.decode(result);
    }

    public static Multicall3.Call readTokensCall(String market) {
        return READ_TOKENS.call(market);
    }

    public static Read<PendleTokens> decodeReadTokens(Multicall3.Result result) {
        return READ_TOKENS.decode(result);
    }
}
