package io.lrtyield.common.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import org.jboss.logging.Logger;
import org.web3j.protocol.ObjectMapperFactory;
import org.web3j.protocol.Web3jService;
import org.web3j.protocol.core.BatchRequest;
import org.web3j.protocol.core.BatchResponse;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.websocket.events.Notification;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * web3j's {@link Web3jService} on a non-blocking Vert.x WebClient: retries with full-jitter back-off on transport
 * errors, timeouts, 429, 5xx and the JSON-RPC errors providers send for transient failures ({@link RpcErrors}); fails over to the next healthy endpoint; per-endpoint rate limit; a latency
 * histogram per method. The blocking {@link #send} refuses to run on an event loop.
 */
public final class VertxJsonRpcService implements Web3jService {

    private static final Logger LOG = Logger.getLogger(VertxJsonRpcService.class);
    private static final String BATCH = "batch";
    private static final io.netty.buffer.ByteBuf ERROR_KEY = io.netty.buffer.Unpooled.unreleasableBuffer(
            io.netty.buffer.Unpooled.copiedBuffer("\"error\"", java.nio.charset.StandardCharsets.US_ASCII));

    private final WebClient client;
    private final RpcSettings settings;
    private final List<RpcEndpoint> endpoints;
    private final MeterRegistry meters;
    private final ObjectMapper mapper = ObjectMapperFactory.getObjectMapper();
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    public VertxJsonRpcService(Vertx vertx, RpcSettings settings, MeterRegistry meters) {
        this.settings = settings;
        this.meters = meters;
        this.client = WebClient.create(vertx, new WebClientOptions()
                .setKeepAlive(true)
                .setMaxPoolSize(settings.maxConnections())
                .setConnectTimeout((int) settings.callTimeout().toMillis())
                .setUserAgent("lrt-yield-aggregator"));
        this.endpoints = settings.endpoints().stream().map(u -> new RpcEndpoint(u, settings.maxCallsPerSecond())).toList();
    }

    @Override
    public <T extends Response> T send(Request request, Class<T> responseType) throws IOException {
        refuseOnEventLoop();
        try {
            return sendAsync(request, responseType).join();
        } catch (CompletionException e) {
            throw unwrap(e);
        }
    }

    @Override
    public <T extends Response> CompletableFuture<T> sendAsync(Request request, Class<T> responseType) {
        return call(request.getMethod(), encode(request))
                .chain(body -> decode(body, responseType))
                .subscribeAsCompletionStage();
    }

    @Override
    public BatchResponse sendBatch(BatchRequest batch) throws IOException {
        refuseOnEventLoop();
        try {
            return sendBatchAsync(batch).join();
        } catch (CompletionException e) {
            throw unwrap(e);
        }
    }

    @Override
    public CompletableFuture<BatchResponse> sendBatchAsync(BatchRequest batch) {
        List<Request<?, ? extends Response<?>>> requests = batch.getRequests();
        return call(BATCH, encode(requests)).chain(body -> decodeBatch(body, requests)).subscribeAsCompletionStage();
    }

    @Override
    public <T extends Notification<?>> io.reactivex.Flowable<T> subscribe(Request request, String unsubscribeMethod,
                                                                          Class<T> responseType) {
        throw new UnsupportedOperationException("HTTP transport has no subscriptions; block heads come from ChainHeadStream");
    }

    @Override
    public void close() {
        client.close();
    }

    /** Sends one JSON-RPC payload, retrying and failing over; completes with the raw response body. */
    Uni<Buffer> call(String method, Buffer payload) {
        return attempt(method, payload, 1);
    }

    private Uni<Buffer> attempt(String method, Buffer payload, int attempt) {
        long now = System.currentTimeMillis();
        RpcEndpoint endpoint = pick(now);
        if (endpoint == null) {
            // every endpoint is at its per-second budget: wait for the next second, no attempt spent
            return Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofMillis(1000 - now % 1000 + 1))
                    .chain(() -> attempt(method, payload, attempt));
        }
        Timer.Sample sample = Timer.start(meters);
        return client.postAbs(endpoint.uri.toString())
                .timeout(settings.callTimeout().toMillis())
                .putHeader("content-type", "application/json")
                .sendBuffer(payload)
                .onFailure().transform(e -> new RpcException(endpoint.safeName() + ": " + describe(e), true, e))
                .onItem().transformToUni(response -> checkStatus(endpoint, response))
                .onItemOrFailure().invoke((body, failure) -> record(sample, method, endpoint, failure))
                .onItem().invoke(endpoint::markHealthy)
                .onFailure(e -> e instanceof RpcException r && r.retryable() && attempt < settings.maxAttempts())
                .recoverWithUni(e -> {
                    endpoint.markUnhealthy(System.currentTimeMillis(), settings.unhealthyFor().toMillis());
                    Duration delay = backoff(attempt);
                    LOG.debugf("%s attempt %d failed (%s); retrying in %d ms", method, attempt, e.getMessage(), delay.toMillis());
                    return Uni.createFrom().voidItem().onItem().delayIt().by(delay)
                            .chain(() -> attempt(method, payload, attempt + 1));
                });
    }

    private Uni<Buffer> checkStatus(RpcEndpoint endpoint, HttpResponse<Buffer> response) {
        int status = response.statusCode();
        if (status == 200) {
            Buffer body = response.body() == null ? Buffer.buffer() : response.body();
            String transientError = transientError(body);
            return transientError == null ? Uni.createFrom().item(body)
                    : Uni.createFrom().failure(new RpcException(endpoint.safeName() + " answered " + transientError, true, null));
        }
        boolean retryable = status == 429 || status >= 500;
        return Uni.createFrom().failure(new RpcException(endpoint.safeName() + " answered HTTP " + status, retryable, null));
    }

    /**
     * The first transient JSON-RPC error in a response or a batch of them ({@link RpcErrors}), as "code message"; null
     * when there is none (a result, or an error that is the node's answer). Bodies without an error are not parsed.
     */
    private String transientError(Buffer body) {
        // most answers carry no error: found in the bytes as they are, no copy and no parse on that path
        if (body.length() == 0 || io.netty.buffer.ByteBufUtil.indexOf(ERROR_KEY.duplicate(), body.getDelegate().getByteBuf()) < 0) {
            return null;
        }
        try {
            JsonNode root = mapper.readTree(body.getBytes());
            for (JsonNode r : root.isArray() ? root : List.of(root)) {
                JsonNode error = r.get("error");
                if (error != null && error.isObject() && RpcErrors.transientError(error.path("code").asInt(), error.path("message").asText())) {
                    return "JSON-RPC error " + error.path("code").asInt() + " " + error.path("message").asText();
                }
            }
            return null;
        } catch (IOException e) {
            return null; // left to the decoder, which says what is malformed
        }
    }

    /**
     * The first healthy endpoint with budget; if none is healthy, the one that failed longest ago (better than nothing,
     * and every endpoint gets its turn) among those with budget.
     */
    private RpcEndpoint pick(long now) {
        for (RpcEndpoint endpoint : endpoints) {
            if (endpoint.healthy(now) && endpoint.tryAcquire(now)) {
                return endpoint;
            }
        }
        List<RpcEndpoint> bySoonestHealthy = new ArrayList<>(endpoints);
        bySoonestHealthy.sort(java.util.Comparator.comparingLong(RpcEndpoint::unhealthyUntil));
        for (RpcEndpoint endpoint : bySoonestHealthy) {
            if (endpoint.tryAcquire(now)) {
                return endpoint;
            }
        }
        return null;
    }

    private Duration backoff(int attempt) {
        long cap = Math.min(settings.backoffMax().toMillis(), settings.backoffBase().toMillis() << Math.min(attempt - 1, 20));
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(cap / 2, cap + 1));
    }

    private void record(Timer.Sample sample, String method, RpcEndpoint endpoint, Throwable failure) {
        String outcome = failure == null ? "ok" : "error";
        // timers are looked up once per (method, endpoint, outcome), not rebuilt on every call
        Timer timer = timers.computeIfAbsent(method + '|' + endpoint.safeName() + '|' + outcome, k -> Timer.builder("rpc.call.duration")
                .description("JSON-RPC round trip per method and endpoint")
                .tag("method", method)
                .tag("endpoint", endpoint.safeName())
                .tag("outcome", outcome)
                .publishPercentileHistogram()
                .register(meters));
        sample.stop(timer);
    }

    private Buffer encode(Object requestOrList) {
        try {
            return Buffer.buffer(mapper.writeValueAsBytes(requestOrList));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot encode JSON-RPC request", e);
        }
    }

    private <T> Uni<T> decode(Buffer body, Class<T> type) {
        try {
            return Uni.createFrom().item(mapper.readValue(body.getBytes(), type));
        } catch (IOException e) {
            return Uni.createFrom().failure(new RpcException("malformed JSON-RPC response: " + e.getMessage(), false, e));
        }
    }

    private Uni<BatchResponse> decodeBatch(Buffer body, List<Request<?, ? extends Response<?>>> requests) {
        try {
            JsonNode array = mapper.readTree(body.getBytes());
            if (!array.isArray()) {
                throw new RpcException("batch answered with a non-array: " + abbreviate(array.toString()), false, null);
            }
            Map<Long, JsonNode> byId = new HashMap<>();
            array.forEach(node -> byId.put(node.path("id").asLong(), node));
            List<Response<?>> responses = new ArrayList<>(requests.size());
            for (Request<?, ? extends Response<?>> request : requests) {
                JsonNode node = byId.get(request.getId());
                if (node == null) {
                    throw new RpcException("batch response lacks id " + request.getId(), false, null);
                }
                responses.add(mapper.treeToValue(node, request.getResponseType()));
            }
            return Uni.createFrom().item(new BatchResponse(requests, responses));
        } catch (IOException e) {
            return Uni.createFrom().failure(e);
        }
    }

    private static void refuseOnEventLoop() {
        if (Context.isOnEventLoopThread()) {
            throw new IllegalStateException("blocking JSON-RPC call on a Vert.x event loop; use sendAsync");
        }
    }

    private static IOException unwrap(CompletionException e) {
        Throwable cause = e.getCause();
        return cause instanceof IOException io ? io : new RpcException(String.valueOf(cause), false, cause);
    }

    private static String describe(Throwable e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    private static String abbreviate(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }
}
