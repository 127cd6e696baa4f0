package io.lrtyield.common.event;

/** Where a fact was read: the chain and the exact block. */
public record Provenance(long chainId, long blockNumber, String blockHash, long blockTimestamp) {
}
