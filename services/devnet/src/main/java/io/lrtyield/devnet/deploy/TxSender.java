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

/**
 * Signs and sends the devnet's own transactions (deployments, seeding, oracle reports) with explicit nonces, so a
 * batch lands in one block; waits for receipts and fails loudly on a revert. Blocking: worker threads only.
 */
public final class TxSender {

    /** Enough for every replica call; deployments of large contracts pass their own limit. */
    public static final BigInteger DEFAULT_GAS_LIMIT = BigInteger.valueOf(5_000_000);

    private final Web3j web3j;
    private final Credentials credentials;
    private final long chainId;
    private BigInteger nextNonce;

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
        return sent.getTransactionHash();
    }

    /** Waits for every hash to be mined and successful. */
    public List<TransactionReceipt> awaitAll(List<String> hashes, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<TransactionReceipt> receipts = new ArrayList<>();
        for (String hash : hashes) {
            while (true) {
                var receipt = web3j.ethGetTransactionReceipt(hash).send().getTransactionReceipt();
                if (receipt.isPresent()) {
                    if (!receipt.get().isStatusOK()) {
                        throw new IOException("transaction " + hash + " reverted");
                    }
                    receipts.add(receipt.get());
                    break;
                }
                if (System.nanoTime() > deadline) {
                    throw new IOException("transaction " + hash + " not mined within " + timeout.toSeconds() + " s");
                }
                sleep(Duration.ofMillis(200));
            }
        }
        return receipts;
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
