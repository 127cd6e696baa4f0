package io.lrtyield.rebalancer.execution;

import java.math.BigInteger;

/** EIP-1559 fees for the next transaction, and the base fee they were derived from. */
public record FeeQuote(BigInteger maxFeePerGas, BigInteger maxPriorityFeePerGas, BigInteger nextBaseFee) {
}
