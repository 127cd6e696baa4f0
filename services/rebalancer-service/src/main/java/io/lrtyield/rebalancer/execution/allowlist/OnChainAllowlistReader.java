package io.lrtyield.rebalancer.execution.allowlist;

import org.web3j.abi.EventEncoder;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.Event;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Bytes4;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterNumber;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.utils.Numeric;

import java.io.IOException;
import java.math.BigInteger;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads the StrategyVault's on-chain allowlist. The vault keeps it in a mapping that cannot be enumerated, so the
 * full set is rebuilt from its {@code AllowedSet(address indexed target, bytes4 indexed selector, bool allowed)} events
 * (replayed in order: the last event per pair wins), pinned to one block; {@link #isAllowed} asks the mapping itself.
 * Blocking: worker threads only.
 */
public final class OnChainAllowlistReader {

    static final Event ALLOWED_SET = new Event("AllowedSet", List.of(new TypeReference<Address>(true) { },
            new TypeReference<Bytes4>(true) { }, new TypeReference<Bool>() { }));
    static final String ALLOWED_SET_TOPIC = EventEncoder.encode(ALLOWED_SET);

    private final Web3j web3j;

    public OnChainAllowlistReader(Web3j web3j) {
        this.web3j = web3j;
    }

    /** The pairs allowed at {@code toBlock}, from the vault's events since {@code fromBlock}. */
    public Set<VaultPair> allowedPairs(String vault, long fromBlock, long toBlock) throws IOException {
        EthFilter filter = new EthFilter(new DefaultBlockParameterNumber(fromBlock), new DefaultBlockParameterNumber(toBlock), vault);
        filter.addSingleTopic(ALLOWED_SET_TOPIC);
        EthLog response = web3j.ethGetLogs(filter).send();
        if (response.hasError()) {
            throw new IOException("eth_getLogs failed: " + response.getError().getMessage());
        }
        Set<VaultPair> allowed = new TreeSet<>();
        for (EthLog.LogResult<?> result : response.getLogs()) {
            Log log = (Log) result.get();
            List<String> topics = log.getTopics();
            VaultPair pair = new VaultPair("0x" + topics.get(1).substring(26), topics.get(2).substring(0, 10));
            if (new BigInteger(Numeric.cleanHexPrefix(log.getData()), 16).signum() != 0) {
                allowed.add(pair);
            } else {
                allowed.remove(pair);
            }
        }
        return allowed;
    }

    /** The vault's own answer for each pair at {@code block}: the pairs it does not allow. */
    public Set<VaultPair> notAllowed(String vault, Collection<VaultPair> pairs, long block) throws IOException {
        Set<VaultPair> refused = new TreeSet<>();
        for (VaultPair pair : pairs) {
            if (!isAllowed(vault, pair, DefaultBlockParameter.valueOf(BigInteger.valueOf(block)))) {
                refused.add(pair);
            }
        }
        return refused;
    }

    private boolean isAllowed(String vault, VaultPair pair, DefaultBlockParameter block) throws IOException {
        String data = FunctionEncoder.encode(new Function("isAllowed", List.of(new Address(pair.target()),
                new Bytes4(Numeric.hexStringToByteArray(pair.selector()))), List.of()));
        EthCall call = web3j.ethCall(Transaction.createEthCallTransaction(null, vault, data), block).send();
        if (call.hasError() || call.isReverted()) {
            throw new IOException("isAllowed(" + pair + ") failed: " + (call.hasError() ? call.getError().getMessage() : call.getRevertReason()));
        }
        return new BigInteger(Numeric.cleanHexPrefix(call.getValue()), 16).signum() != 0;
    }
}
