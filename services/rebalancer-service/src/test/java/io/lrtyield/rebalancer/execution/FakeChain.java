package io.lrtyield.rebalancer.execution;

import io.lrtyield.rebalancer.execution.chain.ExecutionChain;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/** A scripted node: calls revert when their data matches {@link #revertWhen}; every broadcast is mined at once. */
final class FakeChain implements ExecutionChain {

    Predicate<String> revertWhen = data -> false;
    Predicate<String> revertOnChainWhen = raw -> false;
    /** Broadcasts matching this stay pending forever (a stuck transaction). */
    Predicate<String> holdWhen = raw -> false;
    List<BigInteger> baseFees = List.of(BigInteger.valueOf(10), BigInteger.valueOf(12));
    List<BigInteger> rewards = List.of(BigInteger.ONE, BigInteger.valueOf(3), BigInteger.TWO);
    BigInteger gas = BigInteger.valueOf(100_000);
    BigInteger nonce = BigInteger.valueOf(7);
    final List<String> calls = new ArrayList<>();
    final List<String> broadcasts = new ArrayList<>();
    private final Map<String, Receipt> receipts = new HashMap<>();

    @Override
    public long chainId() {
        return 31337;
    }

    @Override
    public CallResult call(String from, String to, String data, BigInteger valueWei) {
        calls.add(data);
        return revertWhen.test(data) ? new CallResult(true, null, "execution reverted: scripted") : new CallResult(false, "0x", null);
    }

    @Override
    public GasEstimate estimateGas(String from, String to, String data, BigInteger valueWei) {
        return revertWhen.test(data) ? new GasEstimate(null, "execution reverted: scripted") : new GasEstimate(gas, null);
    }

    @Override
    public FeeHistory feeHistory(int blocks, double percentile) {
        return new FeeHistory(baseFees, rewards);
    }

    /** The start nonce plus every distinct transaction broadcast (a re-broadcast of the same bytes spends nothing). */
    @Override
    public BigInteger pendingNonce(String address) {
        return nonce.add(BigInteger.valueOf(receipts.size()));
    }

    @Override
    public String sendRawTransaction(String signedHex) {
        broadcasts.add(signedHex);
        String hash = org.web3j.crypto.Hash.sha3(signedHex);
        if (holdWhen.test(signedHex)) {
            return hash;
        }
        receipts.put(hash, new Receipt(hash, !revertOnChainWhen.test(signedHex), 100 + broadcasts.size(), BigInteger.valueOf(90_000)));
        return hash;
    }

    /** Head of the scripted chain: by default the newest receipt's block. */
    Long head;

    /** Drops a receipt, as a reorg would. */
    void reorgOut(String txHash) {
        receipts.remove(txHash);
    }

    @Override
    public long blockNumber() {
        return head != null ? head : 100 + broadcasts.size();
    }

    @Override
    public Optional<Receipt> receipt(String txHash) {
        return Optional.ofNullable(receipts.get(txHash));
    }
}
