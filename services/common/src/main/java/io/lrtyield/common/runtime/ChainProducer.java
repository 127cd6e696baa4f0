package io.lrtyield.common.runtime;

import io.lrtyield.common.chain.RpcSettings;
import io.lrtyield.common.chain.VertxJsonRpcService;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.web3j.protocol.Web3j;

/** The service's one JSON-RPC transport and the web3j facade on it. */
@ApplicationScoped
public class ChainProducer {

    @Produces
    @Singleton
    VertxJsonRpcService transport(Vertx vertx, ChainConfig config, MeterRegistry meters) {
        RpcSettings settings = new RpcSettings(config.rpcUrls(), config.callTimeout(), config.maxAttempts(),
                config.backoffBase(), config.backoffMax(), config.unhealthyFor(), config.maxCallsPerSecond(), config.maxConnections());
        return new VertxJsonRpcService(vertx, settings, meters);
    }

    @Produces
    @Singleton
    Web3j web3j(VertxJsonRpcService transport) {
        return Web3j.build(transport);
    }

    void close(@Disposes VertxJsonRpcService transport) {
        transport.close();
    }
}
