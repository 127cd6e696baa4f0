package io.lrtyield.common.chain;

import io.smallrye.mutiny.Uni;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.DynamicStruct;
import org.web3j.abi.datatypes.Function;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.utils.Numeric;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Multicall3 {@code aggregate3((address,bool,bytes)[]) returns ((bool,bytes)[])}: every read of a block in one
 * {@code eth_call} pinned to that block, chunked past {@code chunkSize} calls. A failed sub-call gives an
 * unsuccessful {@link Result} for that read only.
 */
public final class Multicall3 {

    private final Web3j web3j;
    private final String address;
    private final int chunkSize;

    public Multicall3(Web3j web3j, String address, int chunkSize) {
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunkSize must be >= 1");
        }
        this.web3j = web3j;
        this.address = address;
        this.chunkSize = chunkSize;
    }

    /** One read: a target contract and ABI-encoded calldata. */
    public record Call(String target, String callData) {
    }

    /** The outcome of one read. {@code returnData} is the ABI-encoded return value, or the revert data. */
    public record Result(boolean success, byte[] returnData) {
    }

    public Uni<List<Result>> aggregate3(List<Call> calls, long blockNumber) {
        if (calls.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<Uni<List<Result>>> chunks = new ArrayList<>();
        for (int from = 0; from < calls.size(); from += chunkSize) {
            chunks.add(aggregateChunk(calls.subList(from, Math.min(calls.size(), from + chunkSize)), blockNumber));
        }
        if (chunks.size() == 1) {
            return chunks.get(0);
        }
        return Uni.join().all(chunks).andFailFast().map(lists -> {
            List<Result> all = new ArrayList<>(calls.size());
            lists.forEach(all::addAll);
            return all;
        });
    }

    private Uni<List<Result>> aggregateChunk(List<Call> calls, long blockNumber) {
        Function function = function(calls);
        String data = FunctionEncoder.encode(function);
        Transaction call = Transaction.createEthCallTransaction(null, address, data);
        return Uni.createFrom()
                .completionStage(() -> web3j.ethCall(call, DefaultBlockParameter.valueOf(BigInteger.valueOf(blockNumber))).sendAsync())
                .map(response -> {
                    if (response.hasError()) {
                        throw new IllegalStateException("aggregate3 at block " + blockNumber + " failed: " + response.getError().getMessage());
                    }
                    return decode(response.getValue(), calls.size());
                });
    }

    public static Function function(List<Call> calls) {
        List<Call3> structs = calls.stream()
                .map(c -> new Call3(new Address(c.target()), new Bool(true), new DynamicBytes(Numeric.hexStringToByteArray(c.callData()))))
                .toList();
        return new Function("aggregate3", List.of(new DynamicArray<>(Call3.class, structs)),
                List.of(new TypeReference<DynamicArray<Result3>>() {
                }));
    }

    /**
     * Decodes {@code ((bool success, bytes returnData)[])} straight from the bytes, in one pass. web3j's generic decoder
     * took a substring of the remaining hex for every element and field — quadratic in the answer's size, several MB of
     * garbage per block for the price snapshot, and so young-generation pauses every few seconds on the hot path.
     */
    public static List<Result> decode(String hex, int expected) {
        if (hex == null || hex.length() <= 2) {
            throw new IllegalStateException("aggregate3 returned no data: is Multicall3 deployed at the configured address?");
        }
        try {
            AbiWords w = new AbiWords(Numeric.hexStringToByteArray(hex));
            long array = w.pointer(0, 0);
            int count = w.length(array, 1);
            if (count != expected) {
                throw new IllegalStateException("aggregate3 returned " + count + " results for " + expected + " calls");
            }
            long heads = array + 32;
            List<Result> results = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                long tuple = w.pointer(heads + 32L * i, heads);
                results.add(new Result(w.word(tuple).signum() != 0, w.bytes(w.pointer(tuple + 32, tuple))));
            }
            return results;
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("aggregate3 answer malformed: " + e.getMessage(), e);
        }
    }

    /** ABI struct {@code (address target, bool allowFailure, bytes callData)}. */
    public static final class Call3 extends DynamicStruct {
        public Call3(Address target, Bool allowFailure, DynamicBytes callData) {
            super(target, allowFailure, callData);
        }
    }

    /** ABI struct {@code (bool success, bytes returnData)}. */
    public static final class Result3 extends DynamicStruct {
        final Bool success;
        final DynamicBytes returnData;

        public Result3(Bool success, DynamicBytes returnData) {
            super(success, returnData);
            this.success = success;
            this.returnData = returnData;
        }
    }
}
