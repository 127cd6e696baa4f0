package io.lrtyield.price.snapshot;

import io.lrtyield.common.catalogue.Asset;
import io.lrtyield.common.catalogue.Catalogue;
import io.lrtyield.common.catalogue.RateSource;
import io.lrtyield.common.chain.Multicall3;
import org.junit.jupiter.api.Test;
import org.web3j.protocol.ObjectMapperFactory;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.Web3jService;
import org.web3j.protocol.core.BatchRequest;
import org.web3j.protocol.core.BatchResponse;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.websocket.events.Notification;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.*;

class PriceSnapshotTest {

    private static final String MULTICALL3 = "0xcA11bde05977b3631167028862bE2a173976CA11";
    private static final String WSTETH = "0x7f39c581f595b53c5cb19bd0b3f8da6c935e2ca0";
    private static final String STETH = "0xae7ab96520de3a18e5e111b5eaab095312d7fe84";
    private static final Catalogue CATALOGUE = new Catalogue("test", 1, Map.of("multicall3", MULTICALL3), List.of(
            new Asset("ETH", null, 18, "ETH", null),
            new Asset("wstETH", WSTETH, 18, "stETH", new RateSource(WSTETH, "stEthPerToken", List.of(), 18, 0.15)),
            new Asset("stETH", STETH, 18, "ETH",
                    new RateSource(STETH, "getPooledEthByShares", List.of(BigInteger.TEN.pow(18)), 18, 0.15))), List.of());

    /** 1181234567890123456 as a 32-byte word. */
    private static final String RATE_WORD = String.format("%064x", new BigInteger("1181234567890123456"));

    private static String word(long v) {
        return String.format("%064x", v);
    }

    private static PriceSnapshot snapshot(Web3j web3j) {
        return new PriceSnapshot(new Multicall3(web3j, MULTICALL3, 50), CATALOGUE);
    }

    @Test
    void successfulCallGivesTheExactRateAndARevertIsUnavailable() {
        List<RateReading> readings = snapshot(null).decode(List.of(
                new Multicall3.Result(true, HexFormat.of().parseHex(RATE_WORD)),
                new Multicall3.Result(false, new byte[0]))).rates();
        assertEquals(2, readings.size(), "ETH has no fundamental rate and is not read");

        RateReading wst = readings.get(0);
        assertEquals(new RateReading("wstETH", "wstETH.stEthPerToken", new BigDecimal("1.181234567890123456"), null, WSTETH), wst);
        assertEquals(18, wst.rate().scale());
        assertTrue(wst.available());

        RateReading st = readings.get(1);
        assertEquals(new RateReading("stETH", "stETH.getPooledEthByShares", null, "call reverted", STETH), st);
        assertFalse(st.available());
    }

    @Test
    void aViewTwoAssetsShareIsReadOnceAndDecodedForBoth() {
        var feed = io.lrtyield.common.catalogue.PriceSource.chainlink("chainlink-stETH-ETH", "0x86392dC19c0b719886221c78AB11eb8Cf5c52812",
                18, 86_400, 1.0, false);
        var scaled = io.lrtyield.common.catalogue.PriceSource.chainlink("chainlink-stETH-ETH", "0x86392dc19c0b719886221c78ab11eb8cf5c52812",
                18, 86_400, 1.0, true);
        Catalogue catalogue = new Catalogue("test", 1, Map.of("multicall3", MULTICALL3), List.of(
                new Asset("stETH", STETH, 18, "ETH", null, io.lrtyield.common.catalogue.MarketPricing.of(List.of(feed))),
                new Asset("wstETH", WSTETH, 18, "stETH", new RateSource(WSTETH, "stEthPerToken", List.of(), 18, 0.15),
                        io.lrtyield.common.catalogue.MarketPricing.of(List.of(scaled)))), List.of());
        PriceSnapshot snapshot = new PriceSnapshot(new Multicall3(null, MULTICALL3, 50), catalogue);
        assertEquals(2, snapshot.callCount(), "wstETH's rate and the one stETH/ETH feed (same address, other case)");
        // latestRoundData: round 1, answer 0.999, startedAt 10, updatedAt 20, answeredInRound 1
        String round = word(1) + String.format("%064x", new BigInteger("999000000000000000")) + word(10) + word(20) + word(1);
        var readings = snapshot.decode(List.of(new Multicall3.Result(true, HexFormat.of().parseHex(RATE_WORD)),
                new Multicall3.Result(true, HexFormat.of().parseHex(round))));
        assertEquals(2, readings.market().size());
        for (var r : readings.market()) {
            assertEquals(new BigDecimal("0.999000000000000000"), r.value(), r.asset());
            assertEquals(20, r.updatedAt());
        }
        assertEquals(new BigDecimal("1.181234567890123456"), readings.rates().get(1).rate());
    }

    @Test
    void shortReturnDataIsUnavailableWithAMessage() {
        List<RateReading> readings = snapshot(null).decode(List.of(
                new Multicall3.Result(true, new byte[4]),
                new Multicall3.Result(true, HexFormat.of().parseHex(word(1_000_000_000_000_000_000L))))).rates();
        assertFalse(readings.get(0).available());
        assertEquals("expected a uint256, got 4 bytes", readings.get(0).error());
        assertEquals(new BigDecimal("1.000000000000000000"), readings.get(1).rate());
    }

    @Test
    void readSendsOneAggregate3PinnedToTheBlock() {
        // aggregate3 answer: [(true, RATE_WORD), (false, 0x)]
        String answer = "0x" + word(0x20) + word(2) + word(0x40) + word(0xc0)
                + word(1) + word(0x40) + word(32) + RATE_WORD
                + word(0) + word(0x40) + word(0);
        FakeNode node = new FakeNode(answer);
        List<RateReading> readings = snapshot(Web3j.build(node)).read(19_000_000).await().indefinitely().rates();

        assertEquals("eth_call", node.request.getMethod());
        Transaction tx = (Transaction) node.request.getParams().get(0);
        assertEquals(MULTICALL3, tx.getTo());
        assertTrue(tx.getData().startsWith("0x82ad56cb"), tx.getData());
        assertTrue(tx.getData().contains("000000000000000000000000" + WSTETH.substring(2)), "wstETH target");
        assertTrue(tx.getData().contains("000000000000000000000000" + STETH.substring(2)), "stETH target");
        assertTrue(tx.getData().contains("035faf82" + "0".repeat(56)), "stEthPerToken()");
        assertTrue(tx.getData().contains("7a28fb88" + word(1_000_000_000_000_000_000L)), "getPooledEthByShares(1e18)");
        assertEquals("0x121eac0", ((DefaultBlockParameter) node.request.getParams().get(1)).getValue());

        assertEquals(new BigDecimal("1.181234567890123456"), readings.get(0).rate());
        assertEquals("call reverted", readings.get(1).error());
    }

    /** Answers one eth_call with a fixed result and keeps the request. */
    private static final class FakeNode implements Web3jService {
        private final String result;
        Request<?, ?> request;

        FakeNode(String result) {
            this.result = result;
        }

        @Override
        public <T extends Response> T send(Request request, Class<T> responseType) {
            return sendAsync(request, responseType).join();
        }

        @Override
        public <T extends Response> CompletableFuture<T> sendAsync(Request request, Class<T> responseType) {
            this.request = request;
            try {
                return CompletableFuture.completedFuture(ObjectMapperFactory.getObjectMapper().readValue(
                        "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"" + result + "\"}", responseType));
            } catch (Exception e) {
                return CompletableFuture.failedFuture(e);
            }
        }

        @Override
        public BatchResponse sendBatch(BatchRequest batch) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletableFuture<BatchResponse> sendBatchAsync(BatchRequest batch) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <T extends Notification<?>> io.reactivex.Flowable<T> subscribe(Request request, String unsubscribe, Class<T> type) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {
        }
    }
}
