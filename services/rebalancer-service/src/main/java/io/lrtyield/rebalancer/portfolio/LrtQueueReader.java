package io.lrtyield.rebalancer.portfolio;

import io.lrtyield.common.chain.AbiWords;
import io.lrtyield.common.chain.Multicall3;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint256;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * The vault's requests in one restaking issuer's withdrawal queue, as Multicall3 calls and their decoding (mainnet
 * signatures):
 * <ul>
 *   <li>Renzo WithdrawQueue: {@code getOutstandingWithdrawRequests(user)}, {@code coolDownPeriod()}, then per index
 *       {@code withdrawRequests(user, i)} = (collateralToken, withdrawRequestID, amountToRedeem, ezETHLocked,
 *       createdAt); claimable once {@code createdAt + coolDownPeriod} ≤ the block's timestamp;</li>
 *   <li>Kelp LRTWithdrawalManager: {@code userAssociatedNonces(ETH, user)} = (start, end), {@code nextLockedNonce(ETH)},
 *       {@code withdrawalDelayBlocks()}, then per index {@code getUserWithdrawalRequest(ETH, user, i)} = (rsETHAmount,
 *       expectedAssetAmount, withdrawalStartBlock, userNonce); claimable once unlocked ({@code userNonce <
 *       nextLockedNonce}) and {@code withdrawalStartBlock + withdrawalDelayBlocks} ≤ the block.</li>
 * </ul>
 * The number of requests comes with the requests themselves: {@link #calls} asks for as many as the caller knew of
 * (the previous block's count) and {@link Decoded#count()} says how many there are now; the caller reads again when
 * they differ (see {@link PortfolioReader}).
 */
public final class LrtQueueReader {

    /** Native ETH as the asset out (Renzo {@code IS_NATIVE}, Kelp {@code ETH_TOKEN}). */
    static final String NATIVE = "0xEeeeeEeeeEeEeeEeEeEeeEEEeeeeEeeeeeeeEEeE";

    private final String venueId;
    private final String asset;
    private final String queue;
    private final String vault;
    private final boolean renzo;

    /** @param asset ezETH (Renzo's WithdrawQueue at {@code queue}) or rsETH (Kelp's LRTWithdrawalManager) */
    public LrtQueueReader(String venueId, String asset, String queue, String vault) {
        if (!"ezETH".equals(asset) && !"rsETH".equals(asset)) {
            throw new IllegalArgumentException("no withdrawal queue reader for " + asset);
        }
        this.venueId = venueId;
        this.asset = asset;
        this.queue = queue;
        this.vault = vault;
        this.renzo = "ezETH".equals(asset);
    }

    /** What one read found: the number of requests now, and the requests asked for (when that number was known). */
    public record Decoded(int count, List<LrtWithdrawalRequest> requests, String error) {
    }

    public String venueId() {
        return venueId;
    }

    /** The header reads, then {@code known} request reads. */
    public List<Multicall3.Call> calls(int known) {
        List<Multicall3.Call> out = new ArrayList<>();
        if (renzo) {
            out.add(call("getOutstandingWithdrawRequests", new Address(vault)));
            out.add(call("coolDownPeriod"));
            for (int i = 0; i < known; i++) {
                out.add(call("withdrawRequests", new Address(vault), new Uint256(i)));
            }
        } else {
            out.add(call("userAssociatedNonces", new Address(NATIVE), new Address(vault)));
            out.add(call("nextLockedNonce", new Address(NATIVE)));
            out.add(call("withdrawalDelayBlocks"));
            for (int i = 0; i < known; i++) {
                out.add(call("getUserWithdrawalRequest", new Address(NATIVE), new Address(vault), new Uint256(i)));
            }
        }
        return out;
    }

    /** Decodes the results of {@link #calls}{@code (known)}; the requests are empty when the count changed. */
    public Decoded decode(List<Multicall3.Result> results, int known, long block, long timestamp) {
        try {
            if (renzo) {
                int count = word(results.get(0), 0).intValueExact();
                long coolDown = word(results.get(1), 0).longValueExact();
                if (count != known) {
                    return new Decoded(count, List.of(), null);
                }
                List<LrtWithdrawalRequest> out = new ArrayList<>();
                for (int i = 0; i < known; i++) {
                    BigInteger[] w = AbiWords.words(results.get(2 + i));
                    long created = w[4].longValueExact();
                    out.add(new LrtWithdrawalRequest(venueId, asset, i, w[2], created + coolDown <= timestamp));
                }
                return new Decoded(count, out, null);
            }
            BigInteger[] nonces = AbiWords.words(results.get(0));
            int count = nonces[1].subtract(nonces[0]).intValueExact();
            BigInteger nextLocked = word(results.get(1), 0);
            long delay = word(results.get(2), 0).longValueExact();
            if (count != known) {
                return new Decoded(count, List.of(), null);
            }
            List<LrtWithdrawalRequest> out = new ArrayList<>();
            for (int i = 0; i < known; i++) {
                BigInteger[] w = AbiWords.words(results.get(3 + i));
                boolean unlocked = w[3].compareTo(nextLocked) < 0;
                out.add(new LrtWithdrawalRequest(venueId, asset, i, w[1], unlocked && w[2].longValueExact() + delay <= block));
            }
            return new Decoded(count, out, null);
        } catch (RuntimeException e) {
            return new Decoded(known, List.of(), venueId + " withdrawal requests: " + e.getMessage());
        }
    }

    private Multicall3.Call call(String name, Type... args) {
        return new Multicall3.Call(queue, FunctionEncoder.encode(new Function(name, List.of(args), List.of())));
    }

    private static BigInteger word(Multicall3.Result r, int index) {
        BigInteger[] w = AbiWords.words(r);
        if (w.length <= index) {
            throw new IllegalArgumentException("short return data");
        }
        return w[index];
    }

}
