package io.lrtyield.common.chain;

import org.junit.jupiter.api.Test;
import org.web3j.protocol.ObjectMapperFactory;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.Web3jService;
import org.web3j.protocol.core.BatchRequest;
import org.web3j.protocol.core.BatchResponse;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.websocket.events.Notification;

import java.math.BigInteger;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class Erc721MintLogsTest {

    static final String NFT = "0x7d5706f6ef3f89b3951e23e557cdfbc3239d4e2c";
    static final String VAULT = "0x00000000000000000000000000000000000000aa";

    @Test
    void asksForMintsToTheOwnerByTheirThreeTopicsInPiecesOfAtMostTheRange() {
        FakeNode node = new FakeNode();
        List<BigInteger> ids = new Erc721MintLogs(Web3j.build(node), 100).mintedTo(NFT, VAULT, 50, 320).await().indefinitely();
        assertEquals(3, node.filters.size(), "50–149, 150–249, 250–320");
        assertEquals(List.of("0x32", "0x96", "0xfa"), node.filters.stream().map(f -> f.getFromBlock().getValue()).toList());
        assertEquals(List.of("0x95", "0xf9", "0x140"), node.filters.stream().map(f -> f.getToBlock().getValue()).toList());
        EthFilter f = node.filters.get(0);
        assertEquals(List.of(NFT), f.getAddress());
        assertEquals(List.of("0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef",
                "0x0000000000000000000000000000000000000000000000000000000000000000",
                "0x00000000000000000000000000000000000000000000000000000000000000aa"),
                f.getTopics().stream().map(t -> (String) t.getValue()).toList());
        // each piece answers one mint, its id the piece's first block; a removed (reorganised) log is left out
        assertEquals(List.of(BigInteger.valueOf(50), BigInteger.valueOf(150), BigInteger.valueOf(250)), ids);
    }

    @Test
    void anEmptyRangeAsksNothingAndAnRpcErrorFails() {
        FakeNode node = new FakeNode();
        assertEquals(List.of(), new Erc721MintLogs(Web3j.build(node), 100).mintedTo(NFT, VAULT, 10, 9).await().indefinitely());
        assertEquals(0, node.filters.size());
        node.fail = true;
        assertThrows(IllegalStateException.class, () -> new Erc721MintLogs(Web3j.build(node), 100).mintedTo(NFT, VAULT, 1, 2)
                .await().indefinitely());
        assertThrows(IllegalArgumentException.class, () -> new Erc721MintLogs(Web3j.build(node), 0));
    }

    private static final class FakeNode implements Web3jService {
        final List<EthFilter> filters = new CopyOnWriteArrayList<>();
        volatile boolean fail;

        @Override
        public <T extends Response> T send(Request request, Class<T> responseType) {
            return sendAsync(request, responseType).join();
        }

        @Override
        public <T extends Response> CompletableFuture<T> sendAsync(Request request, Class<T> responseType) {
            EthFilter filter = (EthFilter) request.getParams().get(0);
            filters.add(filter);
            String id = String.format("0x%064x", new BigInteger(filter.getFromBlock().getValue().substring(2), 16));
            String topics = "[\"0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef\","
                    + "\"0x0000000000000000000000000000000000000000000000000000000000000000\","
                    + "\"0x00000000000000000000000000000000000000000000000000000000000000aa\",\"" + id + "\"]";
            String log = "{\"removed\":false,\"address\":\"" + NFT + "\",\"data\":\"0x\",\"topics\":" + topics + "}";
            String removed = "{\"removed\":true,\"address\":\"" + NFT + "\",\"data\":\"0x\",\"topics\":" + topics + "}";
            String json = fail ? "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32005,\"message\":\"query returned more than 10000 results\"}}"
                    : "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":[" + log + "," + removed + "]}";
            try {
                return CompletableFuture.completedFuture(ObjectMapperFactory.getObjectMapper().readValue(json, responseType));
            } catch (Exception e) {
                return CompletableFuture.failedFuture(e);
            }
        }

        @Override
        public BatchResponse sendBatch(BatchRequest batchRequest) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletableFuture<BatchResponse> sendBatchAsync(BatchRequest batchRequest) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <T extends Notification<?>> io.reactivex.Flowable<T> subscribe(Request request, String unsubscribeMethod,
                                                                              Class<T> responseType) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {
        }
    }
}
