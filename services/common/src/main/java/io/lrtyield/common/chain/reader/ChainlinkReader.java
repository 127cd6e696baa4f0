package io.lrtyield.common.chain.reader;

import io.lrtyield.common.chain.Multicall3;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.generated.Int256;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint80;
import org.web3j.abi.datatypes.generated.Uint8;

import java.util.List;

/** Chainlink AggregatorV3Interface {@code latestRoundData()} and {@code decimals()} (reference §5). */
public final class ChainlinkReader {

    static final ViewFunction<ChainlinkRound> LATEST_ROUND_DATA = ViewFunction.of("latestRoundData", List.of(),
            List.of(new TypeReference<Uint80>() {
                     },
                    new TypeReference<Int256>() {
                    },
                    new TypeReference<Uint256>() {
                    },
                    new TypeReference<Uint256>() {
                    },
                    new TypeReference<Uint80>() {
                    }),
            out -> new ChainlinkRound(out.uint(0), out.signed(1), out.timestamp(2), out.timestamp(3), out.uint(4)));

    static final ViewFunction<Integer> DECIMALS = ViewFunction.of("decimals", List.of(),
            List.of(new TypeReference<Uint8>() {
            }), out -> out.smallInt(0));

    private ChainlinkReader() {
    }

    public static Multicall3.Call latestRoundDataCall(String feed) {
        return LATEST_ROUND_DATA.call(feed);
    }

    public static Read<ChainlinkRound> decodeLatestRoundData(Multicall3.Result result) {
        return LATEST_ROUND_DATA.decode(result);
    }

    public static Multicall3.Call decimalsCall(String feed) {
        return DECIMALS.call(feed);
    }

    public static Read<Integer> decodeDecimals(Multicall3.Result result) {
        return DECIMALS.decode(result);
    }

    /** Both calls' results (same block) as one price; unavailable if either is. */
    public static Read<ChainlinkPrice> decodePrice(Multicall3.Result latestRoundData, Multicall3.Result decimals) {
        return Read.combine(decodeLatestRoundData(latestRoundData), decodeDecimals(decimals), ChainlinkPrice::new);
    }
}
