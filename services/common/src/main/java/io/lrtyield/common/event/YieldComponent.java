package io.lrtyield.common.event;

import java.math.BigDecimal;

/** One named part of a venue's yield (base staking, restaking premium, fee, reward …), decimal fraction per year. */
public record YieldComponent(String name, BigDecimal apy, String source) {
}
