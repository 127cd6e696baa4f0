package io.lrtyield.devnet.deploy;

import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.utils.Numeric;

import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Signs and sends the devnet's own transactions (deployments, seeding, oracle reports) with explicit nonces, so a
 * batch lands in one block; waits for receipts and fails loudly on a revert. Blocking: worker threads only.
 */
public final class TxSender {

    /** Enough for every replica call; deployments of large contracts pass their own limit. */
    public static final BigInteger DEFAULT_GAS_LIMIT = BigInteger.valueOf(5_000_000);
    /** How long a transaction may stay without a receipt before the node is asked whether it still has it. */
    static final Duration REBROADCAST_AFTER = Duration.ofSeconds(5);

    private final Web3j web3j;
    private final Credentials credentials;
    private final long chainId;
    private BigInteger nextNonce;
    /**
     * The signed bytes of the transactions sent and not yet seen mined, by hash: what is broadcast again if the node drops
     * one (see {@link #awaitAll}); bounded, since the simulator sends without waiting for every receipt.
     */
    private final Map<String, String> signedByHash = java.util.Collections.synchronizedMap(new java.util.LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > 4_096;
        }
    });

    public TxSender(Web3j web3j, Credentials credentials, long chainId) {
        this.web3j = web3j;
        this.credentials = credentials;
        this.chainId = chainId;
    }

    public String address() {
        return credentials.getAddress();
    }

    /** The nonce the next transaction will use (so contract addresses can be known before mining). */
    public synchronized BigInteger peekNonce() throws IOException {
        if (nextNonce == null) {
            nextNonce = web3j.ethGetTransactionCount(credentials.getAddress(), DefaultBlockParameterName.PENDING).send()
                    .getTransactionCount();
        }
        return nextNonce;
    }

    /** Sends a call (or a deployment when {@code to} is null) and returns its hash without waiting. */
    public String send(String to, String data, BigInteger valueWei) throws IOException {
        return send(to, data, valueWei, DEFAULT_GAS_LIMIT);
    }

    /** As {@link #send(String, String, BigInteger)} with an explicit gas limit (Anvil's block limit is 30 M). */
    public synchronized String send(String to, String data, BigInteger valueWei, BigInteger gasLimit) throws IOException {
        BigInteger nonce = peekNonce();
        BigInteger baseFee = web3j.ethGasPrice().send().getGasPrice();
        BigInteger tip = BigInteger.valueOf(1_000_000_000L);
        RawTransaction tx = RawTransaction.createTransaction(chainId, nonce, gasLimit, to == null ? "" : to, valueWei, data,
                tip, baseFee.multiply(BigInteger.TWO).add(tip));
        String signed = Numeric.toHexString(TransactionEncoder.signMessage(tx, chainId, credentials));
        EthSendTransaction sent = web3j.ethSendRawTransaction(signed).send();
        if (sent.hasError()) {
            throw new IOException("transaction rejected: " + sent.getError().getMessage());
        }
        nextNonce = nonce.add(BigInteger.ONE);
        signedByHash.put(sent.getTransactionHash(), signed);
        return sent.getTransactionHash();
    }

    /**
     * Waits for every hash to be mined and successful. Interval-mined Anvil sometimes drops a transaction of a large batch
     * from its pool (seen when a batch spans blocks: never mined, then unknown to the node), which stalls every later
     * nonce of its sender: a transaction still without a receipt after {@link #REBROADCAST_AFTER} that the node no longer
     * knows is broadcast again, the same signed bytes (same nonce, so it can never be mined twice).
     */
    public List<TransactionReceipt> awaitAll(List<String> hashes, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<TransactionReceipt> receipts = new ArrayList<>();
        for (int i = 0; i < hashes.size(); i++) {
            String hash = hashes.get(i);
            long checkAt = System.nanoTime() + REBROADCAST_AFTER.toNanos();
            while (true) {
                var receipt = web3j.ethGetTransactionReceipt(hash).send().getTransactionReceipt();
                if (receipt.isPresent()) {
                    if (!receipt.get().isStatusOK()) {
                        throw new IOException("transaction " + hash + " reverted");
                    }
                    receipts.add(receipt.get());
                    signedByHash.remove(hash);
                    break;
                }
                if (System.nanoTime() > deadline) {
                    throw new IOException("transaction " + hash + " not mined within " + timeout.toSeconds() + " s");
                }
                if (System.nanoTime() > checkAt) {
                    rebroadcastIfDropped(hashes.subList(i, hashes.size()));
                    checkAt = System.nanoTime() + REBROADCAST_AFTER.toNanos();
                }
                sleep(Duration.ofMillis(200));
            }
        }
        return receipts;
    }

    /** Broadcasts again, in nonce order, those of {@code pending} the node no longer knows (see {@link #awaitAll}). */
    private void rebroadcastIfDropped(List<String> pending) throws IOException {
        for (String hash : pending) {
            String signed = signedByHash.get(hash);
            if (signed != null && web3j.ethGetTransactionByHash(hash).send().getTransaction().isEmpty()) {
                // an error here ("nonce too low": mined meanwhile) is for the receipt poll to settle
                web3j.ethSendRawTransaction(signed).send();
            }
        }
    }

    /** Forgets the cached nonce (after a failure, the chain is asked again). */
    public synchronized void resetNonce() {
        nextNonce = null;
    }

    private static void sleep(Duration d) throws IOException {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
