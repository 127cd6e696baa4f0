package io.lrtyield.common.chain;

import io.smallrye.mutiny.Uni;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Event;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterNumber;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.utils.Numeric;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * The token ids an ERC-721 minted to one owner, from its {@code Transfer(address(0), owner, tokenId)} logs
 * ({@code eth_getLogs} filtered by the three topics), for collections without owner enumeration (ether.fi's
 * WithdrawRequestNFT). Ranges wider than {@code maxRange} blocks are asked in consecutive pieces, as RPC providers
 * cap the span of one {@code eth_getLogs}.
 */
public final class Erc721MintLogs {

    /** ERC-721 {@code Transfer(address indexed from, address indexed to, uint256 indexed tokenId)}. */
    static final Event TRANSFER = new Event("Transfer", List.of(new TypeReference<Address>(true) { },
            new TypeReference<Address>(true) { }, new TypeReference<Uint256>(true) { }));
    public static final String TRANSFER_TOPIC = EventEncoder.encode(TRANSFER);
    private static final String ZERO_TOPIC = Numeric.toHexStringWithPrefixZeroPadded(BigInteger.ZERO, 64);

    private final Web3j web3j;
    private final long maxRange;

    public Erc721MintLogs(Web3j web3j, long maxRange) {
        if (maxRange < 1) {
            throw new IllegalArgumentException("maxRange must be >= 1");
        }
        this.web3j = web3j;
        this.maxRange = maxRange;
    }

    /** The ids {@code token} minted to {@code owner} in blocks {@code [fromBlock, toBlock]}, in log order. */
    public Uni<List<BigInteger>> mintedTo(String token, String owner, long fromBlock, long toBlock) {
        if (toBlock < fromBlock) {
            return Uni.createFrom().item(List.of());
        }
        long end = Math.min(toBlock, fromBlock + maxRange - 1);
        Uni<List<BigInteger>> first = piece(token, owner, fromBlock, end);
        if (end == toBlock) {
            return first;
        }
        return first.chain(ids -> mintedTo(token, owner, end + 1, toBlock).map(rest -> {
            List<BigInteger> all = new ArrayList<>(ids);
            all.addAll(rest);
            return all;
        }));
    }

    private Uni<List<BigInteger>> piece(String token, String owner, long fromBlock, long toBlock) {
        EthFilter filter = new EthFilter(new DefaultBlockParameterNumber(fromBlock), new DefaultBlockParameterNumber(toBlock), token);
        filter.addSingleTopic(TRANSFER_TOPIC);
        filter.addSingleTopic(ZERO_TOPIC);
        filter.addSingleTopic(ownerTopic(owner));
        return Uni.createFrom().completionStage(() -> web3j.ethGetLogs(filter).sendAsync()).map(response -> {
            if (response.hasError()) {
                throw new IllegalStateException("eth_getLogs " + fromBlock + "–" + toBlock + " failed: " + response.getError().getMessage());
            }
            return decode(response);
        });
    }

    /** The owner address as an indexed topic (left-padded to 32 bytes). */
    static String ownerTopic(String owner) {
        return Numeric.toHexStringWithPrefixZeroPadded(Numeric.toBigInt(owner), 64);
    }

    static List<BigInteger> decode(EthLog response) {
        List<BigInteger> ids = new ArrayList<>();
        for (EthLog.LogResult<?> result : response.getLogs()) {
            Log log = (Log) result.get();
            if (log.getTopics().size() == 4 && !log.isRemoved()) {
                ids.add(Numeric.toBigInt(log.getTopics().get(3)));
            }
        }
        return ids;
    }
}
