package io.lrtyield.common.event;

import java.math.BigDecimal;

/** Net APY for a position of {@code sizeEth}: entry/exit costs and own rate impact included. */
public record SizePoint(BigDecimal sizeEth, BigDecimal netApy) {
}
