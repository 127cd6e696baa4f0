package io.lrtyield.common.restaking;

import io.lrtyield.common.chain.Multicall3;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A chain in a map for the exposure reads: answers each call by its selector and arguments from the state the test sets,
 * so a test reads whatever plan {@link ExposureReads} chooses, in its order, without counting calls by hand.
 */
final class FakeEigenLayer {

    static final BigInteger E18 = BigInteger.TEN.pow(18);

    final Map<String, BigInteger> maxMagnitude = new HashMap<>();
    /** operator/avs/id → magnitude */
    final Map<String, BigInteger> allocation = new HashMap<>();
    final Map<String, List<String[]>> allocatedSets = new HashMap<>();
    final Map<String, String> delegatedTo = new HashMap<>();
    final Map<String, BigInteger> withdrawable = new HashMap<>();
    final Map<String, List<EigenLayerAbi.Withdrawal>> queued = new HashMap<>();
    final Map<String, Boolean> paused = new HashMap<>();
    BigInteger backing = E18.multiply(BigInteger.valueOf(1000));
    BigInteger delay = BigInteger.valueOf(100);
    BigInteger underlyingPerShare = E18;

    List<Multicall3.Result> answer(List<Multicall3.Call> calls) {
        List<Multicall3.Result> out = new ArrayList<>();
        calls.forEach(c -> out.add(answer(c)));
        return out;
    }

    private Multicall3.Result answer(Multicall3.Call call) {
        String data = call.callData().substring(2);
        String selector = "0x" + data.substring(0, 8);
        List<String> args = new ArrayList<>();
        for (int i = 8; i + 64 <= data.length(); i += 64) {
            args.add(data.substring(i, i + 64));
        }
        String hex;
        if (is(selector, "minWithdrawalDelayBlocks()")) {
            hex = word(delay);
        } else if (is(selector, "getAllocatedSets(address)")) {
            hex = EigenLayerAbi.sets(allocatedSets.getOrDefault(addr(args.get(0)), List.of()).toArray(String[][]::new));
        } else if (is(selector, "getMaxMagnitude(address,address)")) {
            hex = word(maxMagnitude.getOrDefault(addr(args.get(0)), E18));
        } else if (is(selector, "getAllocation(address,(address,uint32),address)")) {
            String key = addr(args.get(0)) + "/" + addr(args.get(1)) + "/" + new BigInteger(args.get(2), 16);
            hex = word(allocation.getOrDefault(key, BigInteger.ZERO)) + word(BigInteger.ZERO) + word(BigInteger.ZERO);
        } else if (is(selector, "getTotalPooledEther()")) {
            hex = word(backing);
        } else if (is(selector, "delegatedTo(address)")) {
            hex = String.format("%64s", delegatedTo.getOrDefault(addr(args.get(0)), "0x0").substring(2)).replace(' ', '0');
        } else if (is(selector, "getWithdrawableShares(address,address[])")) {
            BigInteger w = withdrawable.getOrDefault(addr(args.get(0)), BigInteger.ZERO);
            hex = word(BigInteger.valueOf(64)) + word(BigInteger.valueOf(128)) + word(BigInteger.ONE) + word(w) + word(BigInteger.ONE) + word(w);
        } else if (is(selector, "getQueuedWithdrawals(address)")) {
            hex = EigenLayerAbi.queued(queued.getOrDefault(addr(args.get(0)), List.of()).toArray(EigenLayerAbi.Withdrawal[]::new));
        } else if (is(selector, "paused()")) {
            hex = word(paused.getOrDefault(call.target().toLowerCase(Locale.ROOT), false) ? BigInteger.ONE : BigInteger.ZERO);
        } else if (is(selector, "sharesToUnderlyingView(uint256)")) {
            hex = word(new BigInteger(args.get(0), 16).multiply(underlyingPerShare).divide(E18));
        } else {
            throw new IllegalArgumentException("no answer for " + selector);
        }
        return new Multicall3.Result(true, Numeric.hexStringToByteArray(hex));
    }

    private static boolean is(String selector, String signature) {
        return Hash.sha3String(signature).substring(0, 10).equals(selector);
    }

    private static String addr(String word) {
        return "0x" + word.substring(24).toLowerCase(Locale.ROOT);
    }

    static String word(BigInteger v) {
        return String.format("%64s", v.toString(16)).replace(' ', '0');
    }

    static BigInteger eth(String amount) {
        return new java.math.BigDecimal(amount).multiply(new java.math.BigDecimal(E18)).toBigIntegerExact();
    }
}
