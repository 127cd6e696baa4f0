package io.lrtyield.rebalancer.execution.sign;

import java.math.BigInteger;

/** An EIP-1559 (type 2) transaction ready to be signed. */
public record UnsignedTransaction(long chainId, BigInteger nonce, BigInteger gasLimit, String to, BigInteger valueWei,
                                  String data, BigInteger maxPriorityFeePerGas, BigInteger maxFeePerGas) {
}
