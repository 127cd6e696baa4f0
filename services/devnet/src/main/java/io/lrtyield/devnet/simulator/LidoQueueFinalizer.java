package io.lrtyield.devnet.simulator;

import io.lrtyield.devnet.deploy.TxSender;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.protocol.Web3j;

import java.io.IOException;
import java.math.BigInteger;
import java.util.List;

/**
 * Lido's oracle as it finalizes the withdrawal queue: every request at least {@code delaySeconds} old in chain time
 * (the lido-wsteth venue's withdrawal delay) is finalized at the current share rate, the oracle account sending the ETH
 * they redeem for ({@code prefinalize}). Requests are finalized in order and their timestamps only grow, so only the
 * first unfinalized one decides whether anything is due: three reads per report when nothing is.
 */
public final class LidoQueueFinalizer {

    private static final BigInteger E27 = BigInteger.TEN.pow(27);

    private final Web3j web3j;
    private final TxSender oracle;
    private final String queue;
    private final String stETH;
    private final long delaySeconds;

    public LidoQueueFinalizer(Web3j web3j, TxSender oracle, String queue, String stETH, long delaySeconds) {
        this.web3j = web3j;
        this.oracle = oracle;
        this.queue = queue;
        this.stETH = stETH;
        this.delaySeconds = delaySeconds;
    }

    /**
     * Finalizes the requests due at chain time {@code now}; returns the transaction hash, or null when none is due.
     * Not mined when it returns: the caller awaits it with its other oracle writes, or not.
     */
    public String finalizeDue(long now) throws IOException {
        BigInteger last = ViewCall.word(call("getLastRequestId"), 0);
        BigInteger finalized = ViewCall.word(call("getLastFinalizedRequestId"), 0);
        BigInteger due = null;
        for (BigInteger id = finalized.add(BigInteger.ONE); id.compareTo(last) <= 0; id = id.add(BigInteger.ONE)) {
            // getWithdrawalStatus([id]): offset, length, then the static struct (stETH, shares, owner, timestamp, …)
            long requested = ViewCall.word(call("getWithdrawalStatus", ids(id)), 5).longValueExact();
            if (requested + delaySeconds > now) {
                break;
            }
            due = id;
        }
        if (due == null) {
            return null;
        }
        BigInteger shareRate = ViewCall.word(ViewCall.call(web3j, stETH, "getTotalPooledEther"), 0).multiply(E27)
                .divide(ViewCall.word(ViewCall.call(web3j, stETH, "getTotalShares"), 0));
        BigInteger ethToLock = ViewCall.word(call("prefinalize", ids(due), new Uint256(shareRate)), 0);
        String data = FunctionEncoder.encode(new Function("finalize", List.of(new Uint256(due), new Uint256(shareRate)), List.of()));
        return oracle.send(queue, data, ethToLock);
    }

    private static DynamicArray<Uint256> ids(BigInteger id) {
        return new DynamicArray<>(Uint256.class, List.of(new Uint256(id)));
    }

    private String call(String view, Type... args) throws IOException {
        return ViewCall.call(web3j, queue, view, args);
    }
}
