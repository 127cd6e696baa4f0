package io.lrtyield.devnet.simulator;

import io.lrtyield.devnet.deploy.TxSender;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.protocol.Web3j;

import java.io.IOException;
import java.math.BigInteger;
import java.util.List;

/**
 * ether.fi's admin (mainnet's EtherFiAdmin, on the oracle's report) as it finalizes the WithdrawRequestNFT's queue:
 * every request at least {@code delaySeconds} old in chain time (the etherfi-weeth venue's withdrawal delay) is
 * finalized ({@code finalizeRequests(upTo)}), freezing what it pays at the current rate and locking that ETH out of the
 * pool. Ids grow with time, so the first unfinalized request decides whether anything is due: three reads per report
 * when nothing is. The request's age comes from the replica's {@code requestCreatedAt} (mainnet keeps no timestamp).
 */
public final class EtherFiQueueFinalizer {

    private final Web3j web3j;
    private final TxSender admin;
    private final String nft;
    private final long delaySeconds;

    public EtherFiQueueFinalizer(Web3j web3j, TxSender admin, String nft, long delaySeconds) {
        this.web3j = web3j;
        this.admin = admin;
        this.nft = nft;
        this.delaySeconds = delaySeconds;
    }

    /** Finalizes the requests due at chain time {@code now}; returns the transaction hash, or null when none is due. */
    public String finalizeDue(long now) throws IOException {
        BigInteger next = ViewCall.uint(web3j, nft, "nextRequestId");
        BigInteger finalized = ViewCall.uint(web3j, nft, "lastFinalizedRequestId");
        BigInteger due = null;
        for (BigInteger id = finalized.add(BigInteger.ONE); id.compareTo(next) < 0; id = id.add(BigInteger.ONE)) {
            long created = ViewCall.uint(web3j, nft, "requestCreatedAt", new Uint256(id)).longValueExact();
            if (created + delaySeconds > now) {
                break;
            }
            due = id;
        }
        if (due == null) {
            return null;
        }
        String data = FunctionEncoder.encode(new Function("finalizeRequests", List.of(new Uint256(due)), List.of()));
        return admin.send(nft, data, BigInteger.ZERO);
    }
}
