package io.lrtyield.price.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lrtyield.price.PriceConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import io.vertx.mutiny.core.buffer.Buffer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * ETH/USD from a CoinGecko-style {@code GET {base}/simple/price?ids=ethereum&vs_currencies=usd&include_last_updated_at=true}
 * (the devnet serves a compatible endpoint). Polled on its own cadence, not per block; the last good answer is cached
 * and handed to the pipeline with its age. A failure (timeout, non-200, malformed body) keeps the cached answer, counts
 * {@code price.http.fetch{outcome}} and doubles the delay up to {@code price.eth-usd.max-backoff}; success resets it.
 */
@ApplicationScoped
public class CoinGeckoPriceClient {

    private static final Logger LOG = Logger.getLogger(CoinGeckoPriceClient.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PriceConfig.EthUsd config;
    private final Vertx vertx;
    private final MeterRegistry meters;
    private final AtomicReference<HttpQuote> latest = new AtomicReference<>();
    private volatile String lastError = "not fetched yet";
    private WebClient client;
    private URI uri;
    private long timer = -1;
    private volatile boolean stopped;

    CoinGeckoPriceClient(PriceConfig config, Vertx vertx, MeterRegistry meters) {
        this.config = config.ethUsd();
        this.vertx = vertx;
        this.meters = meters;
    }

    void start(@Observes StartupEvent event) {
        Optional<String> base = config.httpUrl().filter(s -> !s.isBlank());
        if (base.isEmpty()) {
            lastError = "no HTTP ETH/USD source configured";
            return;
        }
        uri = URI.create(base.get().replaceAll("/+$", "") + "/simple/price?ids=ethereum&vs_currencies=usd&include_last_updated_at=true");
        client = WebClient.create(io.vertx.mutiny.core.Vertx.newInstance(vertx), new WebClientOptions()
                .setConnectTimeout((int) config.timeout().toMillis()).setUserAgent("lrt-yield-aggregator/price-service"));
        fetch(config.interval());
    }

    void stop(@Observes ShutdownEvent event) {
        stopped = true;
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        if (client != null) {
            client.close();
        }
    }

    /** The last good answer, if any (check its age before use). */
    public Optional<HttpQuote> latest() {
        return Optional.ofNullable(latest.get());
    }

    /** Why the last fetch failed, or null after a success. */
    public String lastError() {
        return lastError;
    }

    public boolean configured() {
        return uri != null;
    }

    private void fetch(Duration nextDelayOnFailure) {
        if (stopped) {
            return;
        }
        client.getAbs(uri.toString()).timeout(config.timeout().toMillis()).send()
                .subscribe().with(response -> {
                    try {
                        HttpQuote quote = parse(response, System.currentTimeMillis());
                        latest.set(quote);
                        lastError = null;
                        meters.counter("price.http.fetch", "source", "coingecko", "outcome", "ok").increment();
                        schedule(config.interval(), config.interval());
                    } catch (IllegalArgumentException e) {
                        failed(e.getMessage(), nextDelayOnFailure);
                    }
                }, e -> failed(e.getClass().getSimpleName() + ": " + e.getMessage(), nextDelayOnFailure));
    }

    private void failed(String why, Duration delay) {
        lastError = why;
        meters.counter("price.http.fetch", "source", "coingecko", "outcome", "error").increment();
        LOG.warnf("ETH/USD HTTP fetch failed (%s); next try in %d ms", why, delay.toMillis());
        Duration next = delay.multipliedBy(2);
        schedule(delay, next.compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : next);
    }

    private void schedule(Duration delay, Duration nextDelayOnFailure) {
        if (!stopped) {
            timer = vertx.setTimer(Math.max(1, delay.toMillis()), id -> fetch(nextDelayOnFailure));
        }
    }

    /** {@code {"ethereum":{"usd":3012.45,"last_updated_at":1700000000}}} → quote; anything else is an error. */
    static HttpQuote parse(HttpResponse<Buffer> response, long nowMillis) {
        if (response.statusCode() != 200) {
            throw new IllegalArgumentException("HTTP " + response.statusCode());
        }
        return parse(response.bodyAsString(), nowMillis);
    }

    static HttpQuote parse(String body, long nowMillis) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("malformed JSON: " + e.getMessage());
        }
        JsonNode usd = root == null ? null : root.path("ethereum").get("usd");
        if (usd == null || !usd.isNumber()) {
            throw new IllegalArgumentException("no ethereum.usd number in the answer");
        }
        BigDecimal value = usd.decimalValue();
        if (value.signum() <= 0) {
            throw new IllegalArgumentException("non-positive ETH/USD " + value.toPlainString());
        }
        return new HttpQuote(value, nowMillis, root.path("ethereum").path("last_updated_at").asLong(0));
    }
}
