package io.lrtyield.common.chain;

import org.junit.jupiter.api.Test;
import org.web3j.abi.FunctionEncoder;
import org.web3j.protocol.ObjectMapperFactory;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.Web3jService;
import org.web3j.protocol.core.BatchRequest;
import org.web3j.protocol.core.BatchResponse;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.websocket.events.Notification;

import java.math.BigInteger;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.*;

class Multicall3Test {

    private static final String WSTETH = "0x7f39c581f595b53c5cb19bd0b3f8da6c935e2ca0";
    private static final String ONE_E18_WORD = "0000000000000000000000000000000000000000000000000de0b6b3a7640000";

    private static String word(long value) {
        return String.format("%064x", value);
    }

    @Test
    void aggregate3CalldataIsTheExactAbiEncoding() {
        String data = FunctionEncoder.encode(Multicall3.function(List.of(new Multicall3.Call(WSTETH, "0x035faf82"))));
        String expected = "0x82ad56cb"
                + word(0x20)                                   // offset of the Call3[] argument
                + word(1)                                      // array length
                + word(0x20)                                   // offset of element 0 inside the array
                + "000000000000000000000000" + WSTETH.substring(2) // target
                + word(1)                                      // allowFailure = true
                + word(0x60)                                   // offset of callData inside the tuple
                + word(4)                                      // callData length
                + "035faf82" + "0".repeat(56);                 // callData, right-padded
        assertEquals(expected, data);
    }

    @Test
    void aggregate3SelectorForSeveralCalls() {
        String data = FunctionEncoder.encode(Multicall3.function(List.of(
                new Multicall3.Call(WSTETH, new UintViewCall("stEthPerToken", List.of()).encode()),
                new Multicall3.Call(WSTETH, new UintViewCall("getRate", List.of()).encode()))));
        assertTrue(data.startsWith("0x82ad56cb"), data);
        assertEquals(word(2), data.substring(10 + 64, 10 + 128), "array length");
    }

    @Test
    void uintViewCallSelectorsAndArguments() {
        assertEquals("0x035faf82", new UintViewCall("stEthPerToken", List.of()).encode());
        assertEquals("0x7a28fb88" + ONE_E18_WORD,
                new UintViewCall("getPooledEthByShares", List.of(BigInteger.TEN.pow(18))).encode());
        assertEquals("0xe6aa216c", new UintViewCall("getExchangeRate", null).encode());
        assertEquals("0x679aefce", new UintViewCall("getRate", List.of()).encode());
        assertEquals("0x07a2d13a" + ONE_E18_WORD, new UintViewCall("convertToAssets", List.of(BigInteger.TEN.pow(18))).encode());
        assertEquals("getPooledEthByShares(uint256)", new UintViewCall("getPooledEthByShares", List.of(BigInteger.ONE)).signature());
        assertEquals("stEthPerToken()", new UintViewCall("stEthPerToken", List.of()).signature());
    }

    /** ABI return value of aggregate3: [(true, uint256 1.2e18), (false, 0x)]. */
    static final String TWO_RESULTS = "0x"
            + word(0x20)   // offset of the (bool,bytes)[] return value
            + word(2)      // array length
            + word(0x40)   // offset of element 0, relative to the array's content
            + word(0xc0)   // offset of element 1: 0x40 + 4 words of element 0
            // element 0
            + word(1)      // success
            + word(0x40)   // offset of returnData in the tuple
            + word(32)     // returnData length
            + "00000000000000000000000000000000000000000000000010a741a462780000"
            // element 1
            + word(0)      // success = false
            + word(0x40)   // offset of returnData
            + word(0);     // empty returnData

    @Test
    void decodesSuccessFlagsAndExactReturnData() {
        List<Multicall3.Result> results = Multicall3.decode(TWO_RESULTS, 2);
        assertEquals(2, results.size());
        assertTrue(results.get(0).success());
        assertArrayEquals(HexFormat.of().parseHex("00000000000000000000000000000000000000000000000010a741a462780000"),
                results.get(0).returnData());
        assertEquals(new BigInteger("1200000000000000000"), UintViewCall.decode(results.get(0).returnData()));
        assertFalse(results.get(1).success());
        assertEquals(0, results.get(1).returnData().length);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theOnePassDecoderAgreesWithWeb3jsGenericDecoderOnRandomAnswers() {
        java.util.Random random = new java.util.Random(7);
        for (int round = 0; round < 200; round++) {
            List<Multicall3.Result3> results = new java.util.ArrayList<>();
            int n = random.nextInt(90);
            for (int i = 0; i < n; i++) {
                byte[] bytes = new byte[random.nextInt(5) == 0 ? 0 : random.nextInt(300)];
                random.nextBytes(bytes);
                results.add(new Multicall3.Result3(new org.web3j.abi.datatypes.Bool(random.nextBoolean()),
                        new org.web3j.abi.datatypes.DynamicBytes(bytes)));
            }
            String hex = "0x" + FunctionEncoder.encodeConstructor(List.of(new org.web3j.abi.datatypes.DynamicArray<>(Multicall3.Result3.class, results)));
            List<org.web3j.abi.datatypes.Type> generic = org.web3j.abi.FunctionReturnDecoder.decode(hex,
                    Multicall3.function(List.of()).getOutputParameters());
            List<Multicall3.Result3> expected = ((org.web3j.abi.datatypes.DynamicArray<Multicall3.Result3>) generic.get(0)).getValue();
            List<Multicall3.Result> decoded = Multicall3.decode(hex, n);
            assertEquals(n, decoded.size());
            for (int i = 0; i < n; i++) {
                assertEquals(expected.get(i).success.getValue(), decoded.get(i).success(), "round " + round + " result " + i);
                assertArrayEquals(expected.get(i).returnData.getValue(), decoded.get(i).returnData(), "round " + round + " result " + i);
            }
        }
    }

    @Test
    void aTruncatedOrOutOfRangeAnswerIsRejectedNotMisread() {
        String truncated = TWO_RESULTS.substring(0, TWO_RESULTS.length() - 64);
        assertThrows(IllegalStateException.class, () -> Multicall3.decode(truncated, 2));
        String hugeOffset = "0x" + "f".repeat(64) + TWO_RESULTS.substring(66);
        assertThrows(IllegalStateException.class, () -> Multicall3.decode(hugeOffset, 2));
    }

    @Test
    void decodeRejectsWrongResultCount() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Multicall3.decode(TWO_RESULTS, 3));
        assertEquals("aggregate3 returned 2 results for 3 calls", e.getMessage());
    }

    @Test
    void decodeOfNoDataPointsAtMissingMulticall3() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Multicall3.decode("0x", 1));
        assertTrue(e.getMessage().contains("Multicall3"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> Multicall3.decode(null, 1));
    }

    @Test
    void uintDecodeNeedsAFullWord() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> UintViewCall.decode(new byte[31]));
        assertEquals("expected a uint256, got 31 bytes", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> UintViewCall.decode(null));
        byte[] max = new byte[32];
        java.util.Arrays.fill(max, (byte) 0xff);
        assertEquals(BigInteger.TWO.pow(256).subtract(BigInteger.ONE), UintViewCall.decode(max), "unsigned, never negative");
    }

    @Test
    void emptyAggregateNeedsNoNodeAndChunkSizeIsValidated() {
        Multicall3 multicall = new Multicall3(null, "0xcA11bde05977b3631167028862bE2a173976CA11", 10);
        assertEquals(List.of(), multicall.aggregate3(List.of(), 1).await().indefinitely());
        assertThrows(IllegalArgumentException.class, () -> new Multicall3(null, "0xcA11bde05977b3631167028862bE2a173976CA11", 0));
    }

    @Test
    void chunksArePinnedToTheBlockAndConcatenatedInOrder() {
        String a = "0x00000000000000000000000000000000000000aa";
        String b = "0x00000000000000000000000000000000000000bb";
        FakeNode node = new FakeNode();
        Multicall3 multicall = new Multicall3(Web3j.build(node), "0xcA11bde05977b3631167028862bE2a173976CA11", 1);
        List<Multicall3.Result> results = multicall.aggregate3(List.of(
                new Multicall3.Call(a, "0x035faf82"), new Multicall3.Call(b, "0x679aefce")), 1234).await().indefinitely();
        assertEquals(2, node.calls.size(), "one eth_call per chunk");
        for (Request<?, ?> call : node.calls) {
            assertEquals("eth_call", call.getMethod());
            assertEquals("0x4d2", ((DefaultBlockParameter) call.getParams().get(1)).getValue(), "pinned to block 1234");
        }
        assertEquals(BigInteger.valueOf(0xaa), UintViewCall.decode(results.get(0).returnData()));
        assertEquals(BigInteger.valueOf(0xbb), UintViewCall.decode(results.get(1).returnData()));
    }

    /** Answers each aggregate3 with one successful result whose uint256 is the last byte of the call's target. */
    private static final class FakeNode implements Web3jService {
        final List<Request<?, ?>> calls = new CopyOnWriteArrayList<>();

        @Override
        public <T extends Response> T send(Request request, Class<T> responseType) {
            return sendAsync(request, responseType).join();
        }

        @Override
        public <T extends Response> CompletableFuture<T> sendAsync(Request request, Class<T> responseType) {
            calls.add(request);
            Object tx = request.getParams().get(0);
            String data = (String) ObjectMapperFactory.getObjectMapper().convertValue(tx, Map.class).get("data");
            long value = data.contains(word(0xaa)) ? 0xaa : 0xbb; // target a, left-padded to a word
            String result = "0x" + word(0x20) + word(1) + word(0x20) + word(1) + word(0x40) + word(32) + word(value);
            try {
                return CompletableFuture.completedFuture(ObjectMapperFactory.getObjectMapper().readValue(
                        "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"" + result + "\"}", responseType));
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
