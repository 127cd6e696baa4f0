package io.lrtyield.devnet.simulator;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.math.BigDecimal;

/**
 * An active market scenario.
 *
 * @param type depeg, rate-spike, stale-oracle, pause-venue, eth-usd or oracle-jump
 * @param subject the asset, market or venue it acts on (ETH/USD for eth-usd)
 * @param bps depeg depth, target borrow APR or the oracle jump (signed) in basis points; 0 when not applicable
 * @param endBlock the block at which it recovers; {@link Long#MAX_VALUE} until reset
 * @param usd the ETH/USD level an eth-usd scenario holds; null (and not serialised) for the others
 */
public record Scenario(String type, String subject, int bps, long startBlock, long endBlock,
                       @JsonInclude(JsonInclude.Include.NON_NULL) BigDecimal usd) {

    public Scenario(String type, String subject, int bps, long startBlock, long endBlock) {
        this(type, subject, bps, startBlock, endBlock, null);
    }

    public String key() {
        return type + ":" + subject;
    }

    public long remainingBlocks(long block) {
        return endBlock == Long.MAX_VALUE ? -1 : Math.max(0, endBlock - block);
    }
}
