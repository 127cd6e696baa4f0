package io.lrtyield.common.chain.reader;

import io.lrtyield.common.chain.Multicall3;

import java.math.BigInteger;
import java.util.List;

/** Coinbase cbETH {@code exchangeRate()}: ETH per cbETH, 1e18-scaled, pushed by an off-chain oracle (reference §2). */
public final class CoinbaseReader {

    static final ViewFunction<BigInteger> EXCHANGE_RATE = ViewFunction.uint256("exchangeRate", List.of());

    private CoinbaseReader() {
    }

    public static Multicall3.Call exchangeRateCall(String cbEth) {
        return EXCHANGE_RATE.call(cbEth);
    }

    public static Read<FixedPoint> decodeExchangeRate(Multicall3.Result result) {
        return EXCHANGE_RATE.decode(result).map(FixedPoint::wad);
    }
}
