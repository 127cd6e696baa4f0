package io.lrtyield.rebalancer.execution;

import io.lrtyield.rebalancer.execution.chain.ExecutionChain;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongConsumer;
import java.util.function.Predicate;

/**
 * A scripted node with a head of its own. Calls revert when their data matches {@link #revertWhen}; a broadcast is
 * mined at once in a new block (like Anvil's auto-mining) unless {@link #holdWhen} holds it; every
 * {@link #awaitBlockAfter} that finds no newer head mines one empty block, so each wait of the executor is exactly one
 * block and tests count blocks, not milliseconds ({@link #stalled}: no block comes, the wait times out).
 */
final class FakeChain implements ExecutionChain {

    Predicate<String> revertWhen = data -> false;
    Predicate<String> revertOnChainWhen = raw -> false;
    /** Broadcasts matching this stay pending forever (a stuck transaction). */
    Predicate<String> holdWhen = raw -> false;
    /** Called with each new head (a mined transaction's block or an empty one): a test reorgs or counts here. */
    LongConsumer onBlock = head -> { };
    /** No new blocks at all (a stalled node): waits end only by their wall-clock limit. */
    volatile boolean stalled;
    List<BigInteger> baseFees = List.of(BigInteger.valueOf(10), BigInteger.valueOf(12));
    List<BigInteger> rewards = List.of(BigInteger.ONE, BigInteger.valueOf(3), BigInteger.TWO);
    BigInteger gas = BigInteger.valueOf(100_000);
    BigInteger nonce = BigInteger.valueOf(7);
    final List<String> calls = new ArrayList<>();
    final List<String> broadcasts = new ArrayList<>();
    /** The head when each broadcast arrived (same order as {@link #broadcasts}). */
    final List<Long> broadcastHeads = new ArrayList<>();
    /** Every empty block mined by a wait. */
    int emptyBlocks;
    private final Map<String, Receipt> receipts = new HashMap<>();
    private long head = 100;

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

    /** The start nonce plus every distinct transaction mined (a re-broadcast of the same bytes spends nothing). */
    @Override
    public synchronized BigInteger pendingNonce(String address) {
        return nonce.add(BigInteger.valueOf(receipts.size()));
    }

    /** Mines the bytes in a new block; bytes already mined stay where they are (the node knows them). */
    @Override
    public String sendRawTransaction(String signedHex) {
        String hash = org.web3j.crypto.Hash.sha3(signedHex);
        long mined;
        synchronized (this) {
            broadcasts.add(signedHex);
            broadcastHeads.add(head);
            if (holdWhen.test(signedHex) || receipts.containsKey(hash)) {
                return hash;
            }
            mined = ++head;
            receipts.put(hash, new Receipt(hash, !revertOnChainWhen.test(signedHex), mined, BigInteger.valueOf(90_000)));
        }
        onBlock.accept(mined);
        return hash;
    }

    /** Drops a receipt, as a reorg would. */
    synchronized void reorgOut(String txHash) {
        receipts.remove(txHash);
    }

    synchronized void setHead(long number) {
        head = number;
    }

    @Override
    public synchronized long blockNumber() {
        return head;
    }

    @Override
    public long awaitBlockAfter(long block, Duration max) throws java.io.IOException {
        long next;
        synchronized (this) {
            if (head > block) {
                return head;
            }
            if (stalled) {
                next = -1;
            } else {
                next = ++head;
                emptyBlocks++;
            }
        }
        if (next < 0) {
            try {
                Thread.sleep(Math.min(max.toMillis(), 20));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.IOException("interrupted", e);
            }
            return blockNumber();
        }
        onBlock.accept(next);
        return next;
    }

    @Override
    public synchronized Optional<Receipt> receipt(String txHash) {
        return Optional.ofNullable(receipts.get(txHash));
    }
}
