package io.lrtyield.rebalancer.execution.chain;

import io.lrtyield.common.chain.BlockHead;
import io.smallrye.mutiny.Multi;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.core.methods.response.EthEstimateGas;
import org.web3j.protocol.core.methods.response.EthFeeHistory;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@link ExecutionChain} on web3j over the project's Vert.x JSON-RPC transport (retries, failover, metrics live
 * there). A node reports a reverting {@code eth_call} / {@code eth_estimateGas} either as an error with code 3 and
 * "execution reverted…" or as a revert payload; both become a revert result here. New blocks come from the
 * service's head stream when one is given, else from polling {@code eth_blockNumber}.
 */
public final class Web3jExecutionChain implements ExecutionChain {

    /** As {@code chain.poll-interval}: how often the node is asked for its head while no head stream speaks. */
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMillis(500);

    private final Web3j web3j;
    private final NewHeads heads;

    /** Waits for blocks by polling the node's block number. */
    public Web3jExecutionChain(Web3j web3j) {
        this(web3j, null, DEFAULT_POLL_INTERVAL);
    }

    /**
     * @param heads        the service's shared head stream ({@code ChainHeads.stream()}), or null to poll only
     * @param pollInterval how long a wait goes without a head before the node is asked directly
     */
    public Web3jExecutionChain(Web3j web3j, Multi<BlockHead> heads, Duration pollInterval) {
        this.web3j = web3j;
        this.heads = new NewHeads(this::blockNumber, pollInterval, heads);
    }

    @Override
    public long chainId() throws IOException {
        return web3j.ethChainId().send().getChainId().longValueExact();
    }

    @Override
    public CallResult call(String from, String to, String data, BigInteger valueWei) throws IOException {
        EthCall r = web3j.ethCall(tx(from, to, data, valueWei), DefaultBlockParameterName.PENDING).send();
        if (r.hasError()) {
            if (isRevert(r.getError())) {
                return new CallResult(true, null, r.getError().getMessage());
            }
            throw new IOException("eth_call failed: " + r.getError().getMessage());
        }
        if (r.isReverted()) {
            return new CallResult(true, r.getValue(), r.getRevertReason());
        }
        return new CallResult(false, r.getValue(), null);
    }

    @Override
    public GasEstimate estimateGas(String from, String to, String data, BigInteger valueWei) throws IOException {
        EthEstimateGas r = web3j.ethEstimateGas(tx(from, to, data, valueWei)).send();
        if (r.hasError()) {
            if (isRevert(r.getError())) {
                return new GasEstimate(null, r.getError().getMessage());
            }
            throw new IOException("eth_estimateGas failed: " + r.getError().getMessage());
        }
        return new GasEstimate(r.getAmountUsed(), null);
    }

    @Override
    public FeeHistory feeHistory(int blocks, double percentile) throws IOException {
        EthFeeHistory r = web3j.ethFeeHistory(blocks, DefaultBlockParameterName.LATEST, List.of(percentile)).send();
        if (r.hasError()) {
            throw new IOException("eth_feeHistory failed: " + r.getError().getMessage());
        }
        EthFeeHistory.FeeHistory h = r.getFeeHistory();
        List<BigInteger> rewards = h.getReward() == null ? List.of()
                : h.getReward().stream().filter(l -> !l.isEmpty()).map(l -> l.get(0)).toList();
        return new FeeHistory(List.copyOf(h.getBaseFeePerGas()), rewards);
    }

    @Override
    public BigInteger pendingNonce(String address) throws IOException {
        return web3j.ethGetTransactionCount(address, DefaultBlockParameterName.PENDING).send().getTransactionCount();
    }

    @Override
    public String sendRawTransaction(String signedHex) throws IOException {
        EthSendTransaction r = web3j.ethSendRawTransaction(signedHex).send();
        if (r.hasError()) {
            throw new IOException("transaction rejected: " + r.getError().getMessage());
        }
        return r.getTransactionHash();
    }

    @Override
    public Optional<Receipt> receipt(String txHash) throws IOException {
        Optional<TransactionReceipt> r = web3j.ethGetTransactionReceipt(txHash).send().getTransactionReceipt();
        return r.map(t -> new Receipt(t.getTransactionHash(), t.isStatusOK(), t.getBlockNumber().longValueExact(), t.getGasUsed()));
    }

    @Override
    public long blockNumber() throws IOException {
        return web3j.ethBlockNumber().send().getBlockNumber().longValueExact();
    }

    @Override
    public long awaitBlockAfter(long block, Duration max) throws IOException {
        return heads.awaitAfter(block, max);
    }

    private static Transaction tx(String from, String to, String data, BigInteger valueWei) {
        return new Transaction(from, null, null, null, to, valueWei, data);
    }

    private static boolean isRevert(Response.Error error) {
        String message = error.getMessage() == null ? "" : error.getMessage().toLowerCase();
        return error.getCode() == 3 || message.contains("revert");
    }
}
