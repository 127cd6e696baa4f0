package io.lrtyield.console;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The page's one origin: {@code /api/{service}/v1/…} is forwarded to {@code {service's base URL}/api/v1/…} for
 * service = price, yield, rebalancer or devnet, so the services open no CORS. The bearer token goes through as it
 * came; the upstream's status, content type and body come back unchanged (its problem+json included), and a
 * server-sent event stream is piped through as it flows. Only the services' versioned APIs are reachable — not their
 * health, metrics or anything else.
 */
@ApplicationScoped
public class ApiForwarder {

    private static final Logger LOG = Logger.getLogger(ApiForwarder.class);
    private static final Set<HttpMethod> METHODS = Set.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.PUT);
    private static final List<CharSequence> REQUEST_HEADERS = List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.ACCEPT,
            HttpHeaders.CONTENT_TYPE, "Last-Event-ID");
    private static final List<CharSequence> RESPONSE_HEADERS = List.of(HttpHeaders.CONTENT_TYPE, HttpHeaders.CACHE_CONTROL,
            "WWW-Authenticate", HttpHeaders.RETRY_AFTER);
    private static final long MAX_BODY_BYTES = 64 * 1024;

    private final Map<String, URI> upstreams = new LinkedHashMap<>();
    private final long timeoutMs;
    private final HttpClient client;

    ApiForwarder(ConsoleConfig config, Vertx vertx) {
        upstreams.put("price", URI.create(config.priceUrl()));
        upstreams.put("yield", URI.create(config.yieldUrl()));
        upstreams.put("rebalancer", URI.create(config.rebalancerUrl()));
        config.devnetUrl().filter(u -> !u.isBlank()).ifPresent(u -> upstreams.put("devnet", URI.create(u)));
        this.timeoutMs = config.requestTimeout().toMillis();
        this.client = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout(2_000).setMaxPoolSize(32).setKeepAlive(true));
    }

    void routes(@Observes Router router) {
        router.route("/api/:service/v1/*").handler(BodyHandler.create().setBodyLimit(MAX_BODY_BYTES)).handler(this::forward);
    }

    private void forward(RoutingContext ctx) {
        String service = ctx.pathParam("service");
        URI base = upstreams.get(service);
        if (base == null) {
            problem(ctx.response(), 404, "Unknown service", "no upstream named '" + service + "' (price, yield, rebalancer"
                    + (upstreams.containsKey("devnet") ? ", devnet)" : ")"));
            return;
        }
        if (!METHODS.contains(ctx.request().method())) {
            problem(ctx.response(), 405, "Method not allowed", ctx.request().method() + " is not forwarded");
            return;
        }
        String tail = ctx.request().uri().substring(("/api/" + service).length());
        boolean https = "https".equals(base.getScheme());
        int port = base.getPort() > 0 ? base.getPort() : https ? 443 : 80;
        String basePath = base.getRawPath() == null ? "" : base.getRawPath().replaceAll("/+$", "");
        boolean stream = String.valueOf(ctx.request().getHeader(HttpHeaders.ACCEPT)).contains("text/event-stream");
        RequestOptions options = new RequestOptions().setMethod(ctx.request().method()).setHost(base.getHost()).setPort(port)
                .setSsl(https).setURI(basePath + "/api" + tail);
        if (!stream) {
            options.setIdleTimeout(timeoutMs);
        }
        for (CharSequence h : REQUEST_HEADERS) {
            String v = ctx.request().getHeader(h);
            if (v != null) {
                options.putHeader(h, v);
            }
        }
        Buffer body = ctx.body() == null ? null : ctx.body().buffer();
        HttpServerResponse out = ctx.response();
        client.request(options)
                .onFailure(e -> unreachable(out, service, e))
                .onSuccess(req -> {
                    if (stream) {
                        // the page went away: end the upstream stream too (only then — a pooled connection serves others)
                        out.closeHandler(v -> {
                            if (!out.ended()) {
                                req.reset();
                            }
                        });
                    }
                    (body == null || body.length() == 0 ? req.send() : req.send(body))
                            .onFailure(e -> unreachable(out, service, e))
                            .onSuccess(resp -> relay(resp, out, stream));
                });
    }

    private static void relay(HttpClientResponse resp, HttpServerResponse out, boolean stream) {
        if (out.closed() || out.ended()) {
            return;
        }
        out.setStatusCode(resp.statusCode());
        for (CharSequence h : RESPONSE_HEADERS) {
            String v = resp.getHeader(h);
            if (v != null) {
                out.putHeader(h, v);
            }
        }
        String length = resp.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null && !stream) {
            out.putHeader(HttpHeaders.CONTENT_LENGTH, length);
        } else {
            out.setChunked(true);
        }
        if (stream) {
            out.putHeader("X-Accel-Buffering", "no");
        }
        resp.pipeTo(out);
    }

    private static void unreachable(HttpServerResponse out, String service, Throwable e) {
        LOG.debugf("forward to %s failed: %s", service, e.toString());
        if (!out.headWritten() && !out.closed()) {
            problem(out, 502, "Upstream unreachable", service + " did not answer: " + e.getMessage());
        } else if (!out.closed()) {
            out.reset();
        }
    }

    private static void problem(HttpServerResponse out, int status, String title, String detail) {
        out.setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/problem+json")
                .end(new JsonObject().put("type", "about:blank").put("title", title).put("status", status).put("detail", detail).encode());
    }
}
