package io.lrtyield.rebalancer.execution.chain;

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
import java.util.List;
import java.util.Optional;

/**
 * {@link ExecutionChain} on web3j over the project's Vert.x JSON-RPC transport (retries, failover, metrics live
 * there). A node reports a reverting {@code eth_call} / {@code eth_estimateGas} either as an error with code 3 and
 * "execution reverted…" or as a revert payload; both become a revert result here.
 */
public final class Web3jExecutionChain implements ExecutionChain {

    private final Web3j web3j;

    public Web3jExecutionChain(Web3j web3j) {
        this.web3j = web3j;
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

    private static Transaction tx(String from, String to, String data, BigInteger valueWei) {
        return new Transaction(from, null, null, null, to, valueWei, data);
    }

    private static boolean isRevert(Response.Error error) {
        String message = error.getMessage() == null ? "" : error.getMessage().toLowerCase();
        return error.getCode() == 3 || message.contains("revert");
    }
}
