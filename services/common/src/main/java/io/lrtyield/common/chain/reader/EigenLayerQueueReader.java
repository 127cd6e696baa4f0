package io.lrtyield.common.chain.reader;

import io.lrtyield.common.chain.AbiWords;
import io.lrtyield.common.chain.Multicall3;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint32;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The EigenLayer views that complete an exposure graph, with the signatures of Layr-Labs/eigenlayer-contracts v1.12
 * ({@code src/contracts/interfaces/IDelegationManager.sol}, {@code IAllocationManager.sol}):
 * <ul>
 *   <li>DelegationManager {@code getQueuedWithdrawals(address staker) returns (Withdrawal[] withdrawals, uint256[][] shares)}
 *       with {@code Withdrawal = (address staker, address delegatedTo, address withdrawer, uint256 nonce, uint32 startBlock,
 *       address[] strategies, uint256[] scaledShares)}; {@code shares} are what completing each would pay, net of the
 *       slashing applied so far (v1.12 {@code DelegationManager._getSharesByWithdrawalRoot});</li>
 *   <li>DelegationManager {@code minWithdrawalDelayBlocks() returns (uint32)}: a queued withdrawal stays slashable by the
 *       operator it was delegated to until {@code startBlock + minWithdrawalDelayBlocks};</li>
 *   <li>AllocationManager {@code getAllocatedSets(address operator) returns (OperatorSet[])},
 *       {@code OperatorSet = (address avs, uint32 id)}: the sets with a current or pending allocation of the operator.</li>
 * </ul>
 * The tuple arrays are decoded with bounds checks ({@link AbiWords}); a malformed answer is an unavailable read.
 */
public final class EigenLayerQueueReader {

    static final String GET_QUEUED_WITHDRAWALS = "getQueuedWithdrawals(address)";
    static final String GET_ALLOCATED_SETS = "getAllocatedSets(address)";
    static final ViewFunction<BigInteger> MIN_WITHDRAWAL_DELAY_BLOCKS = ViewFunction.of("minWithdrawalDelayBlocks", List.of(),
            List.of(new org.web3j.abi.TypeReference<Uint32>() {
            }), out -> out.uint(0));

    private EigenLayerQueueReader() {
    }

    /** A queued withdrawal's part in one strategy: the operator it stays slashable by, from which block, for how many shares. */
    public record QueuedWithdrawal(String delegatedTo, long startBlock, BigInteger shares) {
    }

    /** An operator set as the AllocationManager names it. */
    public record OperatorSetId(String avs, long id) {
        public OperatorSetId {
            avs = avs.toLowerCase(Locale.ROOT);
        }
    }

    public static Multicall3.Call queuedWithdrawalsCall(String delegationManager, String staker) {
        return new Multicall3.Call(delegationManager, encode("getQueuedWithdrawals", ViewFunction.address(staker)));
    }

    /**
     * The staker's queued withdrawals that hold {@code strategy}, each with the shares completing it would pay in that
     * strategy (withdrawals of other strategies only are left out).
     */
    public static Read<List<QueuedWithdrawal>> decodeQueuedWithdrawals(Multicall3.Result result, String strategy) {
        return decode(result, GET_QUEUED_WITHDRAWALS, data -> {
            AbiWords w = new AbiWords(data);
            long withdrawals = w.pointer(0, 0);
            long shares = w.pointer(32, 0);
            int n = w.length(withdrawals, 1);
            if (w.length(shares, 1) != n) {
                throw new IllegalArgumentException(n + " withdrawals but " + w.word(shares) + " share lists");
            }
            List<QueuedWithdrawal> out = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                long tuple = w.pointer(withdrawals + 32 + 32L * i, withdrawals + 32);
                String delegatedTo = w.address(tuple + 32);
                long startBlock = w.uint32(tuple + 128);
                long strategies = w.pointer(tuple + 160, tuple);
                int k = w.length(strategies, 1);
                long list = w.pointer(shares + 32 + 32L * i, shares + 32);
                if (w.length(list, 1) != k) {
                    throw new IllegalArgumentException("withdrawal " + i + ": " + k + " strategies but " + w.word(list) + " shares");
                }
                BigInteger total = BigInteger.ZERO;
                boolean holds = false;
                for (int j = 0; j < k; j++) {
                    if (w.address(strategies + 32 + 32L * j).equalsIgnoreCase(strategy)) {
                        holds = true;
                        total = total.add(w.word(list + 32 + 32L * j));
                    }
                }
                if (holds) {
                    out.add(new QueuedWithdrawal(delegatedTo, startBlock, total));
                }
            }
            return out;
        });
    }

    public static Multicall3.Call allocatedSetsCall(String allocationManager, String operator) {
        return new Multicall3.Call(allocationManager, encode("getAllocatedSets", ViewFunction.address(operator)));
    }

    public static Read<List<OperatorSetId>> decodeAllocatedSets(Multicall3.Result result) {
        return decode(result, GET_ALLOCATED_SETS, data -> {
            AbiWords w = new AbiWords(data);
            long array = w.pointer(0, 0);
            int n = w.length(array, 2);
            List<OperatorSetId> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                out.add(new OperatorSetId(w.address(array + 32 + 64L * i), w.uint32(array + 64 + 64L * i)));
            }
            return out;
        });
    }

    public static Multicall3.Call minWithdrawalDelayBlocksCall(String delegationManager) {
        return MIN_WITHDRAWAL_DELAY_BLOCKS.call(delegationManager);
    }

    public static Read<BigInteger> decodeMinWithdrawalDelayBlocks(Multicall3.Result result) {
        return MIN_WITHDRAWAL_DELAY_BLOCKS.decode(result);
    }

    private static String encode(String name, Type<?> arg) {
        return FunctionEncoder.encode(new Function(name, List.of(arg), List.of()));
    }

    private interface Decoder<T> {
        T decode(byte[] data);
    }

    private static <T> Read<T> decode(Multicall3.Result result, String signature, Decoder<T> decoder) {
        if (result == null) {
            return Read.unavailable(signature + ": no result");
        }
        if (!result.success()) {
            return Read.unavailable(signature + ": call reverted" + ViewFunction.revertReason(result.returnData() == null ? new byte[0]
                    : result.returnData()));
        }
        try {
            return Read.of(decoder.decode(result.returnData()));
        } catch (RuntimeException e) {
            return Read.unavailable(signature + ": malformed return data: " + Read.reason(e));
        }
    }
}
