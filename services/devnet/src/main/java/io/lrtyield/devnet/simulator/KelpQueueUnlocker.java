package io.lrtyield.devnet.simulator;

import io.lrtyield.devnet.deploy.TxSender;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Hash;
import org.web3j.protocol.Web3j;
import org.web3j.utils.Numeric;

import java.io.IOException;
import java.math.BigInteger;
import java.util.List;

/**
 * Kelp's operator as it unlocks the LRTWithdrawalManager's queue: every ETH request whose start block is at least
 * {@code delayBlocks} old is unlocked ({@code unlockQueue}) at the oracle's stored rsETH price, in nonce order. The
 * requests' start blocks only grow, so the first locked one decides whether anything is due: three reads per report
 * when nothing is.
 */
public final class KelpQueueUnlocker {

    /** LRTConstants.ETH_TOKEN. */
    static final String ETH_TOKEN = "0xEeeeeEeeeEeEeeEeEeEeeEEEeeeeEeeeeeeeEEeE";

    private final Web3j web3j;
    private final TxSender operator;
    private final String manager;
    private final long delayBlocks;

    public KelpQueueUnlocker(Web3j web3j, TxSender operator, String manager, long delayBlocks) {
        this.web3j = web3j;
        this.operator = operator;
        this.manager = manager;
        this.delayBlocks = delayBlocks;
    }

    /** Unlocks the requests due at {@code block}; returns the transaction hash, or null when none is due. */
    public String unlockDue(long block) throws IOException {
        BigInteger locked = ViewCall.uint(web3j, manager, "nextLockedNonce", new Address(ETH_TOKEN));
        BigInteger unused = ViewCall.uint(web3j, manager, "nextUnusedNonce", new Address(ETH_TOKEN));
        BigInteger firstExcluded = null;
        for (BigInteger n = locked; n.compareTo(unused) < 0; n = n.add(BigInteger.ONE)) {
            // withdrawalRequests(id) = (rsETHUnstaked, expectedAssetAmount, withdrawalStartBlock)
            long started = ViewCall.word(ViewCall.call(web3j, manager, "withdrawalRequests", new Bytes32(requestId(n))), 2).longValueExact();
            if (started + delayBlocks > block) {
                break;
            }
            firstExcluded = n.add(BigInteger.ONE);
        }
        if (firstExcluded == null) {
            return null;
        }
        String data = FunctionEncoder.encode(new Function("unlockQueue", List.of(new Address(ETH_TOKEN), new Uint256(firstExcluded),
                new Uint256(BigInteger.ZERO), new Uint256(BigInteger.ZERO)), List.of()));
        return operator.send(manager, data, BigInteger.ZERO);
    }

    /** {@code getRequestId(asset, nonce)}: keccak256(abi.encodePacked(asset, nonce)). */
    static byte[] requestId(BigInteger nonce) {
        byte[] packed = new byte[52];
        System.arraycopy(Numeric.hexStringToByteArray(ETH_TOKEN), 0, packed, 0, 20);
        System.arraycopy(Numeric.toBytesPadded(nonce, 32), 0, packed, 20, 32);
        return Hash.sha3(packed);
    }
}
