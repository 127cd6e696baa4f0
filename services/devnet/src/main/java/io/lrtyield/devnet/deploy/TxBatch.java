package io.lrtyield.devnet.deploy;

import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Type;
import org.web3j.crypto.ContractUtils;
import org.web3j.crypto.Hash;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.core.methods.response.EthEstimateGas;

import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One account's deployment transactions sent back to back: contract addresses follow from the nonce, so nothing waits
 * for a receipt until the gas limits sent would overfill a block ({@link #flush} then waits for all). Calls carry
 * explicit gas limits, never estimates: a call into a contract still pending in the batch estimates as a call to an
 * empty account. A creation is estimated, and falls back to a fixed limit when its constructor calls a pending contract.
 */
final class TxBatch {

    /** Sum of gas limits sent before waiting: one 30 M-gas Anvil block. */
    private static final BigInteger BLOCK_BUDGET = BigInteger.valueOf(29_000_000);
    private static final BigInteger DEPLOY_FALLBACK_GAS = BigInteger.valueOf(6_000_000);
    private static final Duration MINED_WITHIN = Duration.ofSeconds(60);

    private final Web3j web3j;
    private final TxSender sender;
    private final List<String> pending = new ArrayList<>();
    private BigInteger pendingGas = BigInteger.ZERO;

    TxBatch(Web3j web3j, TxSender sender) {
        this.web3j = web3j;
        this.sender = sender;
    }

    String from() {
        return sender.address();
    }

    /** Creates a contract from {@code bytecode} and constructor {@code args}; returns its address (from the nonce). */
    String deploy(String bytecode, Type... args) throws IOException {
        String address = ContractUtils.generateContractAddress(sender.address(), sender.peekNonce());
        String data = bytecode + (args.length == 0 ? "" : FunctionEncoder.encodeConstructor(List.of(args)));
        send(null, data, estimate(data));
        return address;
    }

    void call(String to, String signature, long gas, Type... args) throws IOException {
        send(to, encode(signature, args), BigInteger.valueOf(gas));
    }

    void send(String to, String data, BigInteger gas) throws IOException {
        send(to, data, BigInteger.ZERO, gas);
    }

    void send(String to, String data, BigInteger value, BigInteger gas) throws IOException {
        if (pendingGas.add(gas).compareTo(BLOCK_BUDGET) > 0) {
            flush();
        }
        pending.add(sender.send(to, data, value, gas));
        pendingGas = pendingGas.add(gas);
    }

    /** Waits until every transaction sent is mined and successful; returns the block of the last one (0: none pending). */
    long flush() throws IOException {
        long last = sender.awaitAll(pending, MINED_WITHIN).stream().mapToLong(r -> r.getBlockNumber().longValueExact()).max().orElse(0);
        pending.clear();
        pendingGas = BigInteger.ZERO;
        return last;
    }

    /** eth_call at the latest block; the raw return data (0x…). */
    String view(String to, String data) throws IOException {
        EthCall out = web3j.ethCall(Transaction.createEthCallTransaction(sender.address(), to, data), DefaultBlockParameterName.LATEST)
                .send();
        if (out.hasError() || out.isReverted() || out.getValue() == null || out.getValue().length() < 66) {
            throw new IOException("call to " + to + " failed: " + (out.hasError() ? out.getError().getMessage() : out.getValue()));
        }
        return out.getValue();
    }

    /** The first word of a view's return data, as an address. */
    String viewAddress(String to, String data) throws IOException {
        String out = view(to, data);
        return "0x" + out.substring(26, 66);
    }

    /** The first word of a view's return data, as an unsigned integer. */
    BigInteger viewUint(String to, String data) throws IOException {
        return new BigInteger(view(to, data).substring(2, 66), 16);
    }

    /**
     * Calldata from the Solidity signature as written in the ABI (tuples spelled out), so the selector never depends on
     * how web3j names a struct type.
     */
    static String encode(String signature, Type... args) {
        return Hash.sha3String(signature).substring(0, 10) + (args.length == 0 ? "" : FunctionEncoder.encodeConstructor(List.of(args)));
    }

    /** A creation's gas + 30 %, or the fallback when it cannot be estimated. */
    private BigInteger estimate(String data) throws IOException {
        EthEstimateGas est = web3j.ethEstimateGas(Transaction.createContractTransaction(sender.address(), null, null, null,
                BigInteger.ZERO, data)).send();
        if (est.hasError() || est.getResult() == null) {
            return DEPLOY_FALLBACK_GAS;
        }
        return est.getAmountUsed().multiply(BigInteger.valueOf(13)).divide(BigInteger.TEN).add(BigInteger.valueOf(30_000));
    }
}
