package io.lrtyield.common.chain.reader;

import io.lrtyield.common.chain.Multicall3;

import java.math.BigInteger;
import java.util.List;

/** Rocket Pool rETH {@code getExchangeRate()}: ETH backing 1 rETH, 1e18-scaled (reference §2). */
public final class RocketPoolReader {

    static final ViewFunction<BigInteger> GET_EXCHANGE_RATE = ViewFunction.uint256("getExchangeRate", List.of());

    private RocketPoolReader() {
    }

    public static Multicall3.Call getExchangeRateCall(String rEth) {
        return GET_EXCHANGE_RATE.call(rEth);
    }

    public static Read<FixedPoint> decodeGetExchangeRate(Multicall3.Result result) {
        return GET_EXCHANGE_RATE.decode(result).map(FixedPoint::wad);
    }
}
