package io.lrtyield.devnet.simulator;

import io.lrtyield.devnet.deploy.DevnetDeployment;
import io.lrtyield.devnet.deploy.TxSender;
import org.jboss.logging.Logger;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.crypto.Hash;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The LRT issuers' admin actions a venue watcher must react to, done by the simulator as the replicas' admin (the oracle
 * role), each with the function and the event the mainnet contract has:
 * <ul>
 *   <li>{@code pause}: Renzo RestakeManager {@code setPaused(true)}, Kelp LRTDepositPool {@code pause()}, ether.fi
 *       LiquidityPool {@code pauseContract()} — {@code Paused(address)}; deposits revert until {@code unpause};</li>
 *   <li>{@code oracle-change}: the price oracle of stETH (a deposit asset of both) replaced — Kelp LRTOracle
 *       {@code updatePriceOracleFor} ({@code AssetPriceOracleUpdate}), RenzoOracle {@code setOracleAddress}
 *       ({@code OracleAddressUpdated}, on the RestakeManager replica, which folds RenzoOracle in). ether.fi's rate has no
 *       replaceable oracle.</li>
 * </ul>
 * Mined before the call returns; nothing undoes them but {@code unpause} (an oracle stays replaced).
 */
public final class IssuerAdminScenarios {

    private static final Logger LOG = Logger.getLogger(IssuerAdminScenarios.class);
    private static final Duration MINED_WITHIN = Duration.ofSeconds(30);
    public static final Set<String> PAUSABLE = Set.of("ezETH", "rsETH", "weETH");
    public static final Set<String> ORACLE_CHANGEABLE = Set.of("ezETH", "rsETH");

    /** What an action did: the contract called, the function, the block it was mined in and its transaction. */
    public record Action(String type, String asset, String contract, String function, long block, String tx) {
    }

    private final TxSender oracle;
    private final DevnetDeployment d;
    private final Object lock;
    private final AtomicLong oracleChanges = new AtomicLong();

    /** @param lock the simulator's monitor (the oracle's nonces are shared with the reward reports and scenarios) */
    public IssuerAdminScenarios(TxSender oracle, DevnetDeployment d, Object lock) {
        this.oracle = oracle;
        this.d = d;
        this.lock = lock;
    }

    public Action pause(String asset) throws IOException {
        return switch (known(asset, PAUSABLE, "pause")) {
            case "ezETH" -> send("pause", asset, d.renzoRestakeManager(), "setPaused", new Bool(true));
            case "rsETH" -> send("pause", asset, d.kelpDepositPool(), "pause");
            default -> send("pause", asset, d.etherfiPool(), "pauseContract");
        };
    }

    public Action unpause(String asset) throws IOException {
        return switch (known(asset, PAUSABLE, "unpause")) {
            case "ezETH" -> send("unpause", asset, d.renzoRestakeManager(), "setPaused", new Bool(false));
            case "rsETH" -> send("unpause", asset, d.kelpDepositPool(), "unpause");
            default -> send("unpause", asset, d.etherfiPool(), "unPauseContract");
        };
    }

    /** Replaces the stETH price oracle the issuer relies on with {@code newOracle}, or a fresh address when null. */
    public Action oracleChange(String asset, String newOracle) throws IOException {
        known(asset, ORACLE_CHANGEABLE, "oracle-change");
        Address feed = new Address(newOracle != null ? newOracle : freshAddress(asset));
        Address stETH = new Address(d.stETH());
        return switch (asset) {
            case "ezETH" -> send("oracle-change", asset, d.renzoRestakeManager(), "setOracleAddress", stETH, feed);
            default -> send("oracle-change", asset, d.kelpOracle(), "updatePriceOracleFor", stETH, feed);
        };
    }

    private String freshAddress(String asset) {
        byte[] h = Hash.sha3(("devnet oracle-change " + asset + " " + oracleChanges.incrementAndGet()).getBytes(StandardCharsets.UTF_8));
        return "0x" + org.web3j.utils.Numeric.toHexStringNoPrefix(h).substring(24);
    }

    private static String known(String asset, Set<String> supported, String type) {
        if (asset == null || !supported.contains(asset)) {
            throw new IllegalArgumentException("'" + asset + "' has no " + type + " in its replica; supported: " + supported.stream().sorted().toList());
        }
        return asset;
    }

    private Action send(String type, String asset, String contract, String function, Type<?>... args) throws IOException {
        String data = FunctionEncoder.encode(new Function(function, List.of(args), List.of()));
        synchronized (lock) {
            var receipt = oracle.awaitAll(List.of(oracle.send(contract, data, BigInteger.ZERO)), MINED_WITHIN).get(0);
            long block = receipt.getBlockNumber().longValueExact();
            LOG.infof("%s %s: %s.%s mined in block %d", type, asset, contract, function, block);
            return new Action(type, asset, contract, function, block, receipt.getTransactionHash());
        }
    }
}
