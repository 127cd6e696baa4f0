package io.lrtyield.common.chain.reader;

import io.lrtyield.common.chain.Multicall3;

import java.math.BigInteger;
import java.util.List;

/**
 * Kelp LRTOracle {@code rsETHPrice()}: ETH per rsETH, 1e18-scaled. A stored value, refreshed only when
 * {@code updateRSETHPrice()} runs (reference §3, §11).
 */
public final class KelpReader {

    static final ViewFunction<BigInteger> RSETH_PRICE = ViewFunction.uint256("rsETHPrice", List.of());

    private KelpReader() {
    }

    public static Multicall3.Call rsEthPriceCall(String lrtOracle) {
        return RSETH_PRICE.call(lrtOracle);
    }

    public static Read<FixedPoint> decodeRsEthPrice(Multicall3.Result result) {
        return RSETH_PRICE.decode(result).map(FixedPoint::wad);
    }
}
