package io.lrtyield.common.chain.reader;

import io.lrtyield.common.chain.Multicall3;

import java.math.BigInteger;
import java.util.List;

/**
 * ether.fi weETH {@code getRate()}: eETH per 1 weETH, 1e18-scaled (reference §3). The same Balancer
 * {@code getRate()} shape serves rswETH and the rate providers of §6.
 */
public final class EtherFiReader {

    static final ViewFunction<BigInteger> GET_RATE = ViewFunction.uint256("getRate", List.of());

    private EtherFiReader() {
    }

    public static Multicall3.Call getRateCall(String weEth) {
        return GET_RATE.call(weEth);
    }

    public static Read<FixedPoint> decodeGetRate(Multicall3.Result result) {
        return GET_RATE.decode(result).map(FixedPoint::wad);
    }
}
