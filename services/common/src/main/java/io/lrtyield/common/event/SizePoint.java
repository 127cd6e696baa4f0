package io.lrtyield.common.event;

import io.lrtyield.common.exit.ExitRoute;

import java.math.BigDecimal;

/**
 * Net APY for a position of {@code sizeEth}: entry/exit costs and own rate impact included.
 *
 * @param exit the exit this point assumed (the cheapest route for the size), null where the venue has none to price
 */
public record SizePoint(BigDecimal sizeEth, BigDecimal netApy, ExitRoute exit) {

    public SizePoint(BigDecimal sizeEth, BigDecimal netApy) {
        this(sizeEth, netApy, null);
    }
}
