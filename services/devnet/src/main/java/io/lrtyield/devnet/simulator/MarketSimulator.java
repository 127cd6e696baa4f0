package io.lrtyield.devnet.simulator;

import io.lrtyield.devnet.deploy.DevnetDeployment;
import io.lrtyield.devnet.deploy.TxSender;
import org.jboss.logging.Logger;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Int256;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;

/**
 * Moves the devnet market. Today: Lido oracle reports that accrue stETH rewards at a configured APR over the
 * chain time elapsed since the previous report (block timestamps, not wall clock).
 */
public final class MarketSimulator {

    private static final Logger LOG = Logger.getLogger(MarketSimulator.class);

    private final Web3j web3j;
    private final TxSender oracle;
    private final DevnetDeployment deployment;
    private volatile BigDecimal stethApr;
    private long lastReportTimestamp = -1;

    public MarketSimulator(Web3j web3j, TxSender oracle, DevnetDeployment deployment, BigDecimal stethApr) {
        this.web3j = web3j;
        this.oracle = oracle;
        this.deployment = deployment;
        this.stethApr = stethApr;
    }

    /** Sends one oracle report covering the chain time since the last one; returns the rewards in wei. */
    public BigInteger reportStethRewards() throws IOException {
        long now = web3j.ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false).send().getBlock().getTimestamp().longValueExact();
        if (lastReportTimestamp < 0) {
            lastReportTimestamp = now;
            return BigInteger.ZERO;
        }
        BigInteger rewards = RewardAccrual.rewardsWei(totalPooledEther(), stethApr, now - lastReportTimestamp);
        if (rewards.signum() == 0) {
            return rewards;
        }
        try {
            String data = FunctionEncoder.encode(new Function("handleOracleReport", List.of(new Int256(rewards)), List.of()));
            oracle.send(deployment.stETH(), data, rewards);
            lastReportTimestamp = now;
            return rewards;
        } catch (IOException e) {
            oracle.resetNonce();
            throw e;
        }
    }

    public BigDecimal stethApr() {
        return stethApr;
    }

    public void setStethApr(BigDecimal apr) {
        LOG.infof("stETH APR set to %s", apr);
        this.stethApr = apr;
    }

    private BigInteger totalPooledEther() throws IOException {
        Function f = new Function("getTotalPooledEther", List.of(), List.of(new TypeReference<Uint256>() {
        }));
        String out = web3j.ethCall(Transaction.createEthCallTransaction(null, deployment.stETH(), FunctionEncoder.encode(f)),
                DefaultBlockParameterName.LATEST).send().getValue();
        List<Type> decoded = FunctionReturnDecoder.decode(out, f.getOutputParameters());
        return ((Uint256) decoded.get(0)).getValue();
    }
}
