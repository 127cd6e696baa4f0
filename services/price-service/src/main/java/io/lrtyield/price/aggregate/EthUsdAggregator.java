package io.lrtyield.price.aggregate;

import io.lrtyield.common.event.SourceValue;
import io.lrtyield.price.snapshot.MarketReading;
import io.lrtyield.price.source.HttpQuote;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * ETH/USD for one block: the median of the fresh sources — on-chain feeds checked against their heartbeat in block
 * time, the HTTP answer against its maximum age in wall-clock time — with sources further than the deviation bound
 * from it dropped. Null when no source is fresh.
 */
public final class EthUsdAggregator {

    /** The price (or null) and every source's status. */
    public record Outcome(BigDecimal usdPerEth, List<SourceValue> sources, List<String> reasons) {
    }

    private final long httpMaxAgeMillis;
    private final int maxDeviationBps;

    public EthUsdAggregator(long httpMaxAgeMillis, int maxDeviationBps) {
        this.httpMaxAgeMillis = httpMaxAgeMillis;
        this.maxDeviationBps = maxDeviationBps;
    }

    public Outcome aggregate(List<MarketReading> feeds, Optional<HttpQuote> http, String httpError, long blockTimestamp, long nowMillis) {
        List<SourceValue> sources = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        List<WeightedMedian.Point> fresh = new ArrayList<>();
        for (MarketReading feed : feeds) {
            String id = feed.source().id();
            if (!feed.available()) {
                sources.add(new SourceValue(id, feed.source().kind(), null, false, feed.error(), SourceValue.UNAVAILABLE, 0));
            } else if (blockTimestamp - feed.updatedAt() > feed.source().heartbeatSeconds()) {
                sources.add(new SourceValue(id, feed.source().kind(), feed.value(), true, "answer " + (blockTimestamp - feed.updatedAt())
                        + " s old, heartbeat " + feed.source().heartbeatSeconds() + " s", SourceValue.STALE, 0));
            } else {
                sources.add(new SourceValue(id, feed.source().kind(), feed.value(), true, null, SourceValue.OK, feed.source().weight()));
                fresh.add(new WeightedMedian.Point(feed.value(), feed.source().weight()));
            }
        }
        if (http.isPresent()) {
            HttpQuote q = http.get();
            long age = nowMillis - q.fetchedAtMillis();
            if (age > httpMaxAgeMillis) {
                sources.add(new SourceValue("coingecko", "HTTP", q.usdPerEth(), true, "last good answer " + age / 1000 + " s old"
                        + (httpError == null ? "" : "; last error: " + httpError), SourceValue.STALE, 0));
            } else {
                sources.add(new SourceValue("coingecko", "HTTP", q.usdPerEth(), true, null, SourceValue.OK, 1.0));
                fresh.add(new WeightedMedian.Point(q.usdPerEth(), 1.0));
            }
        } else if (httpError != null) {
            sources.add(new SourceValue("coingecko", "HTTP", null, false, httpError, SourceValue.UNAVAILABLE, 0));
        }
        if (fresh.isEmpty()) {
            reasons.add("no fresh ETH/USD source: USD price unknown");
            return new Outcome(null, sources, reasons);
        }
        BigDecimal median = WeightedMedian.median(fresh);
        List<WeightedMedian.Point> kept = fresh.stream()
                .filter(p -> MarketScreen.bps(p.value(), median).compareTo(BigDecimal.valueOf(maxDeviationBps)) <= 0).toList();
        if (kept.size() < fresh.size()) {
            reasons.add("ETH/USD sources disagree by more than " + maxDeviationBps + " bps; outliers dropped");
            sources.replaceAll(s -> s.used() && MarketScreen.bps(s.value(), median).compareTo(BigDecimal.valueOf(maxDeviationBps)) > 0
                    ? new SourceValue(s.source(), s.kind(), s.value(), true, "far from the ETH/USD median", SourceValue.OUTLIER, 0) : s);
        }
        BigDecimal usd = kept.isEmpty() ? null : WeightedMedian.median(kept).setScale(8, RoundingMode.HALF_EVEN);
        return new Outcome(usd, sources, reasons);
    }
}
