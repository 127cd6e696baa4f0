package io.lrtyield.price;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** price-service settings. */
@ConfigMapping(prefix = "price")
public interface PriceConfig {

    /** Ticks kept per asset in the Redis history (one per block). */
    @WithDefault("50000")
    int historyRetention();

    /** How long (chain time) the growth cap's reference snapshot is kept before it follows the rate forward. */
    @WithDefault("7d")
    java.time.Duration growthCapRefresh();

    /** Default and maximum page size of the history API. */
    @WithDefault("1000")
    int historyMaxLimit();

    /** Blocks already priced before a restart are skipped (their ticks are in Kafka and Redis). */
    @WithDefault("true")
    boolean resumeAfterLastPricedBlock();

    /**
     * A tick this many blocks older than the head is served as STALE by the API, and the service is not ready while its
     * newest priced block is that far behind (its reads are failing).
     */
    @WithDefault("10")
    long staleAfterBlocks();

    /**
     * After a stall, the blocks missed are priced in order up to the head, at most this many behind the newest head;
     * older ones are reported as a gap ({@code GET /api/v1/prices/gaps}, {@code price_gap_blocks_total}).
     */
    @WithDefault("256")
    long maxBackfillBlocks();

    /** Retries of a block whose read failed (the blocks after it wait behind it). */
    BlockRetry blockRetry();

    /** How a failed block is retried. */
    interface BlockRetry {

        /** Tries before a block the node says it cannot serve ("missing trie node", "header not found") becomes a gap. */
        @WithDefault("5")
        int historyAttempts();

        /** Wait after the first failure; doubles per failure in a row. */
        @WithDefault("250ms")
        java.time.Duration firstBackoff();

        /** Longest wait between tries. */
        @WithDefault("5s")
        java.time.Duration maxBackoff();
    }

    /** The HTTP ETH/USD source. */
    EthUsd ethUsd();

    /** CoinGecko-style {@code simple/price} source of ETH/USD. */
    interface EthUsd {

        /** Base URL of the API (e.g. {@code https://api.coingecko.com/api/v3}); empty = no HTTP source. */
        java.util.Optional<String> httpUrl();

        /** Poll interval. */
        @WithDefault("10s")
        java.time.Duration interval();

        /** Request timeout. */
        @WithDefault("3s")
        java.time.Duration timeout();

        /** Longest wait between retries after failures (the delay doubles from {@code interval}). */
        @WithDefault("2m")
        java.time.Duration maxBackoff();

        /** An HTTP answer older than this (wall clock) is stale and not used. */
        @WithDefault("2m")
        java.time.Duration maxAge();

        /** Sources further than this from the ETH/USD median are rejected, bps. */
        @WithDefault("200")
        int maxDeviationBps();
    }
}
