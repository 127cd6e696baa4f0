package io.lrtyield.yield.history;

import io.lrtyield.common.codec.EventCodec;
import io.lrtyield.common.event.YieldQuote;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The latest quote per venue ({@code yield:latest:{venue}}). */
@ApplicationScoped
public class QuoteStore {

    private final ReactiveRedisDataSource redis;

    QuoteStore(ReactiveRedisDataSource redis) {
        this.redis = redis;
    }

    public Uni<Void> save(YieldQuote quote) {
        return redis.value(String.class).set(key(quote.venueId()), EventCodec.toJson(quote));
    }

    public Uni<YieldQuote> latest(String venueId) {
        return redis.value(String.class).get(key(venueId)).map(json -> json == null ? null : EventCodec.fromJson(json, YieldQuote.class));
    }

    public Uni<List<YieldQuote>> latest(List<String> venueIds) {
        if (venueIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return redis.value(String.class).mget(venueIds.stream().map(QuoteStore::key).toArray(String[]::new))
                .map((Map<String, String> values) -> venueIds.stream().map(v -> values.get(key(v))).filter(Objects::nonNull)
                        .map(json -> EventCodec.fromJson(json, YieldQuote.class)).toList());
    }

    private static String key(String venueId) {
        return "yield:latest:" + venueId;
    }
}
