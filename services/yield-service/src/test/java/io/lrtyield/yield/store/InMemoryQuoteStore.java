package io.lrtyield.yield.store;

import io.lrtyield.common.event.YieldQuote;
import io.lrtyield.yield.YieldConfig;
import io.smallrye.mutiny.Uni;

import java.lang.reflect.Proxy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Test double: the latest quotes held in a map instead of Redis (same package for the store's constructor). */
public final class InMemoryQuoteStore extends QuoteStore {

    private final Map<String, YieldQuote> latest = new LinkedHashMap<>();

    public InMemoryQuoteStore(List<YieldQuote> quotes) {
        super(null, (YieldConfig) Proxy.newProxyInstance(YieldConfig.class.getClassLoader(), new Class<?>[] {YieldConfig.class},
                (proxy, method, args) -> method.getName().equals("historyMaxQuotes") ? 100L : null));
        quotes.forEach(q -> latest.put(q.venueId(), q));
    }

    @Override
    public Uni<YieldQuote> latest(String venueId) {
        return Uni.createFrom().item(latest.get(venueId));
    }

    @Override
    public Uni<List<YieldQuote>> latest(List<String> venueIds) {
        return Uni.createFrom().item(venueIds.stream().map(latest::get).filter(Objects::nonNull).toList());
    }
}
