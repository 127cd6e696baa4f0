package io.lrtyield.common.event;

import java.math.BigDecimal;

/** A fundamental rate observed at a block: the raw material of every staking and restaking APR. */
public record RatePoint(long blockNumber, long blockTimestamp, BigDecimal rate) {
}
