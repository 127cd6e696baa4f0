package io.lrtyield.rebalancer.portfolio;

import io.lrtyield.common.chain.AbiWords;
import io.lrtyield.common.chain.Multicall3;
import io.lrtyield.rebalancer.execution.venue.EigenWithdrawal;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.utils.Numeric;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The vault's queued EigenLayer withdrawals from the DelegationManager: {@code getQueuedWithdrawalRoots(staker)},
 * {@code minWithdrawalDelayBlocks()}, then per root {@code getQueuedWithdrawal(root)} = ({@code Withdrawal} (staker,
 * delegatedTo, withdrawer, nonce, startBlock, strategies, scaledShares), {@code uint256[] shares}, the shares it will
 * pay, net of slashing). The roots asked for are the previous block's; {@link Decoded#roots()} says which there are
 * now, and the caller reads again when they differ (see {@link PortfolioReader}).
 */
public final class EigenQueueReader {

    private final String delegationManager;
    private final String vault;

    public EigenQueueReader(String delegationManager, String vault) {
        this.delegationManager = delegationManager;
        this.vault = vault;
    }

    /** The roots now and the withdrawals of the roots asked for (empty when the roots changed). */
    public record Decoded(List<byte[]> roots, List<EigenQueuedWithdrawal> withdrawals, String error) {
    }

    public List<Multicall3.Call> calls(List<byte[]> known) {
        List<Multicall3.Call> out = new ArrayList<>();
        out.add(call("getQueuedWithdrawalRoots", new Address(vault)));
        out.add(call("minWithdrawalDelayBlocks"));
        known.forEach(root -> out.add(call("getQueuedWithdrawal", new Bytes32(root))));
        return out;
    }

    public Decoded decode(List<Multicall3.Result> results, List<byte[]> known, long block) {
        try {
            BigInteger[] r = AbiWords.words(results.get(0));
            int n = r[1].intValueExact();
            List<byte[]> roots = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                roots.add(Numeric.toBytesPadded(r[2 + i], 32));
            }
            long delay = AbiWords.words(results.get(1))[0].longValueExact();
            if (!same(roots, known)) {
                return new Decoded(roots, List.of(), null);
            }
            List<EigenQueuedWithdrawal> out = new ArrayList<>();
            for (int i = 0; i < known.size(); i++) {
                out.add(withdrawal(AbiWords.words(results.get(2 + i)), block, delay));
            }
            return new Decoded(roots, out, null);
        } catch (RuntimeException e) {
            return new Decoded(known, List.of(), "EigenLayer queued withdrawals: " + e.getMessage());
        }
    }

    /** {@code (Withdrawal, uint256[])}: both dynamic, so the head holds their offsets; the struct's arrays are relative to it. */
    static EigenQueuedWithdrawal withdrawal(BigInteger[] w, long block, long delay) {
        int s = offset(w[0]);
        long startBlock = w[s + 4].longValueExact();
        List<String> strategies = array(w, s + offset(w[s + 5])).stream().map(EigenQueueReader::address).toList();
        List<BigInteger> scaled = array(w, s + offset(w[s + 6]));
        List<BigInteger> shares = array(w, offset(w[1]));
        EigenWithdrawal withdrawal = new EigenWithdrawal(address(w[s]), address(w[s + 1]), address(w[s + 2]), w[s + 3], startBlock,
                strategies, scaled);
        if (shares.size() != strategies.size()) {
            throw new IllegalArgumentException(shares.size() + " share amounts for " + strategies.size() + " strategies");
        }
        return new EigenQueuedWithdrawal(withdrawal, shares, block > startBlock + delay);
    }

    private static List<BigInteger> array(BigInteger[] w, int at) {
        int n = w[at].intValueExact();
        return Arrays.asList(w).subList(at + 1, at + 1 + n);
    }

    private static int offset(BigInteger bytes) {
        if (bytes.mod(BigInteger.valueOf(32)).signum() != 0) {
            throw new IllegalArgumentException("misaligned offset " + bytes);
        }
        return bytes.divide(BigInteger.valueOf(32)).intValueExact();
    }

    private static String address(BigInteger word) {
        return Numeric.toHexStringWithPrefixZeroPadded(word, 40);
    }

    private static boolean same(List<byte[]> a, List<byte[]> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!Arrays.equals(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }

    private Multicall3.Call call(String name, Type... args) {
        return new Multicall3.Call(delegationManager, FunctionEncoder.encode(new Function(name, List.of(args), List.of())));
    }

}
