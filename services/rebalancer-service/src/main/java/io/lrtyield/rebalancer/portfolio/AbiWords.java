package io.lrtyield.rebalancer.portfolio;

import io.lrtyield.common.chain.Multicall3;

import java.math.BigInteger;
import java.util.Arrays;

/** A Multicall3 sub-call's return data as 32-byte words, for the queue readers that decode dynamic returns by hand. */
final class AbiWords {

    private AbiWords() {
    }

    /** The words of a successful result; a reverted call is an IllegalArgumentException ("reverted"). */
    static BigInteger[] of(Multicall3.Result r) {
        if (!r.success()) {
            throw new IllegalArgumentException("reverted");
        }
        byte[] data = r.returnData();
        BigInteger[] w = new BigInteger[data.length / 32];
        for (int i = 0; i < w.length; i++) {
            w[i] = new BigInteger(1, Arrays.copyOfRange(data, i * 32, i * 32 + 32));
        }
        return w;
    }
}
