package io.lrtyield.rebalancer.portfolio;

import io.lrtyield.common.chain.AbiWords;
import io.lrtyield.common.chain.Multicall3;
import io.lrtyield.common.chain.reader.Read;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Uint256;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Lido WithdrawalQueueERC721 views as Multicall3 calls, decoded here into {@link LidoWithdrawalRequest}s:
 * {@code getWithdrawalRequests(address)} (the owner's unclaimed request ids) and {@code getWithdrawalStatus(uint256[])}
 * (an array of the static struct {@code (amountOfStETH, amountOfShares, owner, timestamp, isFinalized, isClaimed)}).
 */
public final class LidoQueueReader {

    private static final int STATUS_WORDS = 6;

    private LidoQueueReader() {
    }

    public static Multicall3.Call getWithdrawalRequestsCall(String queue, String owner) {
        return new Multicall3.Call(queue, FunctionEncoder.encode(new Function("getWithdrawalRequests", List.of(new Address(owner)), List.of())));
    }

    public static Multicall3.Call getWithdrawalStatusCall(String queue, List<BigInteger> ids) {
        return new Multicall3.Call(queue, FunctionEncoder.encode(new Function("getWithdrawalStatus",
                List.of(new DynamicArray<>(Uint256.class, ids.stream().map(Uint256::new).toList())), List.of())));
    }

    /** The ids, sorted (the queue keeps no order among an owner's requests). */
    public static Read<List<BigInteger>> decodeWithdrawalRequests(Multicall3.Result r) {
        try {
            BigInteger[] w = AbiWords.words(r);
            int n = length(w, 1);
            List<BigInteger> ids = new ArrayList<>(Arrays.asList(w).subList(2, 2 + n));
            ids.sort(null);
            return Read.of(ids);
        } catch (RuntimeException e) {
            return Read.unavailable("getWithdrawalRequests: " + e.getMessage());
        }
    }

    public static Read<List<LidoWithdrawalRequest>> decodeWithdrawalStatus(Multicall3.Result r, List<BigInteger> ids) {
        try {
            BigInteger[] w = AbiWords.words(r);
            int n = length(w, 1);
            if (n != ids.size() || w.length < 2 + n * STATUS_WORDS) {
                throw new IllegalArgumentException(n + " statuses for " + ids.size() + " ids");
            }
            List<LidoWithdrawalRequest> out = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int b = 2 + i * STATUS_WORDS;
                out.add(new LidoWithdrawalRequest(ids.get(i), w[b], w[b + 3].longValueExact(), w[b + 4].signum() != 0, w[b + 5].signum() != 0));
            }
            return Read.of(out);
        } catch (RuntimeException e) {
            return Read.unavailable("getWithdrawalStatus: " + e.getMessage());
        }
    }

    private static int length(BigInteger[] w, int index) {
        if (w.length <= index) {
            throw new IllegalArgumentException("short return data");
        }
        int n = w[index].intValueExact();
        if (w.length < index + 1 + n) {
            throw new IllegalArgumentException("short return data for " + n + " elements");
        }
        return n;
    }

}
