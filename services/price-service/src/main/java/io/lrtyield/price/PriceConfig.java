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
