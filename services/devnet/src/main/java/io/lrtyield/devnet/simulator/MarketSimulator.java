package io.lrtyield.devnet.simulator;

import io.lrtyield.devnet.deploy.DevnetCatalogue;
import io.lrtyield.devnet.deploy.DevnetDeployment;
import io.lrtyield.devnet.deploy.TxSender;
import org.jboss.logging.Logger;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Int256;
import org.web3j.abi.datatypes.generated.Uint256;
import io.lrtyield.common.chain.Multicall3;
import io.lrtyield.common.chain.reader.RenzoReader;
import org.web3j.protocol.Web3j;
import org.web3j.utils.Numeric;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Moves the devnet market: each staking and restaking token's fundamental rate accrues at its configured APR over
 * the chain time elapsed since the previous report (block timestamps, never wall clock), through the same oracle
 * paths the protocols use — Lido's oracle report, Rocket Pool / ether.fi / Renzo / Kelp / Puffer / Swell reward accrual,
 * Coinbase's exchange-rate update, Kelp's stored rsETHPrice refresh — and, as Lido's oracle report does, the
 * finalization of the withdrawal requests older than the lido-wsteth venue's delay ({@link LidoQueueFinalizer}), and as
 * Kelp's operator the unlock of its withdrawal queue after the kelp-rseth delay ({@link KelpQueueUnlocker}), and as
 * ether.fi's admin the finalization of the WithdrawRequestNFT's requests after the etherfi-weeth delay
 * ({@link EtherFiQueueFinalizer}).
 */
public final class MarketSimulator {

    private static final Logger LOG = Logger.getLogger(MarketSimulator.class);
    private static final String KELP_ETH_TOKEN = "0xEeeeeEeeeEeEeeEeEeEeeEEEeeeeEeeeeeeeEEeE";

    private final Web3j web3j;
    private final TxSender oracle;
    private final DevnetDeployment d;
    private final Map<String, BigDecimal> aprs = new ConcurrentHashMap<>();
    private final long blockInterval;
    private final Object reportLock = new Object();
    private final LidoQueueFinalizer lidoQueue;
    private final KelpQueueUnlocker kelpQueue;
    private final EtherFiQueueFinalizer etherfiQueue;
    /** Chain time through which rewards have been reported. */
    private long lastReportTimestamp = -1;

    /** @param aprs APR per asset symbol (stETH, rETH, cbETH, eETH, ezETH, rsETH, pufETH, rswETH), decimal fractions */
    public MarketSimulator(Web3j web3j, TxSender oracle, DevnetDeployment deployment, Map<String, BigDecimal> aprs) {
        this(web3j, oracle, deployment, aprs, 1);
    }

    /**
     * @param blockInterval seconds between block timestamps (the compressed interval, or Anvil's 1 s): a report
     *                      accrues through the timestamp of the block it will be mined in, so the rate a block shows
     *                      has accrued for exactly that block's chain time — with compressed time a block lasts hours,
     *                      and accruing only through the previous block would put a whole block of error at each end
     *                      of every measured window
     */
    public MarketSimulator(Web3j web3j, TxSender oracle, DevnetDeployment deployment, Map<String, BigDecimal> aprs, long blockInterval) {
        this.web3j = web3j;
        this.oracle = oracle;
        this.d = deployment;
        this.aprs.putAll(aprs);
        this.blockInterval = Math.max(1, blockInterval);
        String queue = deployment.markets() == null ? null : deployment.markets().lidoWithdrawalQueue();
        this.lidoQueue = queue == null ? null
                : new LidoQueueFinalizer(web3j, oracle, queue, deployment.stETH(), DevnetCatalogue.LIDO_WITHDRAWAL_DELAY_SECONDS);
        String kelp = deployment.markets() == null ? null : deployment.markets().kelpWithdrawalManager();
        // devnet blocks are 1 s apart: the delay in seconds is the delay in blocks
        this.kelpQueue = kelp == null ? null : new KelpQueueUnlocker(web3j, oracle, kelp, DevnetCatalogue.KELP_WITHDRAWAL_DELAY_SECONDS);
        String etherfi = deployment.markets() == null ? null : deployment.markets().etherfiWithdrawRequestNFT();
        this.etherfiQueue = etherfi == null ? null
                : new EtherFiQueueFinalizer(web3j, oracle, etherfi, DevnetCatalogue.ETHERFI_WITHDRAWAL_DELAY_SECONDS);
    }

    /** Sends one round of reports covering the chain time since the last one; returns rewards per asset in wei. */
    public Map<String, BigInteger> report() throws IOException {
        // its own monitor, not this object's: the market engine holds that one while it waits for its receipts, and a
        // report must not wait behind it (the oracle's TxSender serialises the nonces)
        synchronized (reportLock) {
            return reportNow();
        }
    }

    private Map<String, BigInteger> reportNow() throws IOException {
        long now = web3j.ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false).send().getBlock().getTimestamp().longValueExact()
                + blockInterval;
        Map<String, BigInteger> rewards = new LinkedHashMap<>();
        if (lastReportTimestamp < 0 || now <= lastReportTimestamp) {
            lastReportTimestamp = lastReportTimestamp < 0 ? now : lastReportTimestamp;
            return rewards;
        }
        long elapsed = now - lastReportTimestamp;
        try {
            BigInteger lido = accrue("stETH", ViewCall.uint(web3j, d.stETH(), "getTotalPooledEther"), elapsed);
            send(d.stETH(), "handleOracleReport", lido, rewards, "stETH", new Int256(lido));
            BigInteger rethSupply = ViewCall.uint(web3j, d.rETH(), "totalSupply");
            send(d.rETH(), "accrueRewards", accrue("rETH", ViewCall.uint(web3j, d.rETH(), "getEthValue", new Uint256(rethSupply)), elapsed), rewards, "rETH");
            send(d.etherfiPool(), "accrueRewards", accrue("eETH", ViewCall.uint(web3j, d.etherfiPool(), "getTotalPooledEther"), elapsed), rewards, "eETH");
            send(d.renzoRestakeManager(), "accrueRewards", accrue("ezETH", renzoTvl(), elapsed), rewards, "ezETH");
            send(d.kelpDepositPool(), "accrueRewards",
                    accrue("rsETH", ViewCall.uint(web3j, d.kelpDepositPool(), "getTotalAssetDeposits", new Address(KELP_ETH_TOKEN)), elapsed), rewards, "rsETH");
            oracle.send(d.kelpOracle(), FunctionEncoder.encode(new Function("updateRSETHPrice", List.of(), List.of())), BigInteger.ZERO);
            send(d.pufETH(), "accrueRewards", accrue("pufETH", ViewCall.uint(web3j, d.pufETH(), "totalAssets"), elapsed), rewards, "pufETH");
            send(d.rswETH(), "accrueRewards", accrue("rswETH", ViewCall.uint(web3j, d.rswETH(), "totalETHDeposited"), elapsed), rewards, "rswETH");
            BigInteger cbRate = ViewCall.uint(web3j, d.cbETH(), "exchangeRate");
            BigInteger newCbRate = cbRate.add(accrue("cbETH", cbRate, elapsed));
            oracle.send(d.cbETH(), FunctionEncoder.encode(new Function("updateExchangeRate", List.of(new Uint256(newCbRate)), List.of())),
                    BigInteger.ZERO);
            rewards.put("cbETH", newCbRate.subtract(cbRate));
            if (lidoQueue != null) {
                lidoQueue.finalizeDue(now);
            }
            if (kelpQueue != null) {
                kelpQueue.unlockDue(web3j.ethBlockNumber().send().getBlockNumber().longValueExact());
            }
            if (etherfiQueue != null) {
                etherfiQueue.finalizeDue(now);
            }
            lastReportTimestamp = now;
            return rewards;
        } catch (IOException e) {
            oracle.resetNonce();
            throw e;
        }
    }

    public Map<String, BigDecimal> aprs() {
        return Map.copyOf(aprs);
    }

    public void setApr(String asset, BigDecimal apr) {
        if (!aprs.containsKey(asset)) {
            throw new IllegalArgumentException("no simulated rate for " + asset + "; known: " + aprs.keySet());
        }
        LOG.infof("%s APR set to %s", asset, apr);
        aprs.put(asset, apr);
    }

    private BigInteger accrue(String asset, BigInteger backingWei, long elapsedSeconds) {
        return RewardAccrual.rewardsWei(backingWei, aprs.getOrDefault(asset, BigDecimal.ZERO), elapsedSeconds);
    }

    /** Sends a reward-carrying hook call; nothing is sent for zero rewards. */
    private void send(String to, String hook, BigInteger rewardsWei, Map<String, BigInteger> out, String asset, Type... args)
            throws IOException {
        out.put(asset, rewardsWei);
        if (rewardsWei.signum() > 0) {
            oracle.send(to, FunctionEncoder.encode(new Function(hook, List.of(args), List.of())), rewardsWei);
        }
    }

    /** Renzo's total TVL, decoded by the same typed reader the price service uses. */
    private BigInteger renzoTvl() throws IOException {
        var call = RenzoReader.calculateTvlsCall(d.renzoRestakeManager());
        var response = web3j.ethCall(Transaction.createEthCallTransaction(null, call.target(), call.callData()),
                DefaultBlockParameterName.LATEST).send();
        var tvls = RenzoReader.decodeCalculateTvls(new Multicall3.Result(!response.hasError(),
                response.hasError() ? new byte[0] : Numeric.hexStringToByteArray(response.getValue())));
        if (!tvls.available()) {
            throw new IOException("calculateTVLs on " + d.renzoRestakeManager() + ": " + tvls.error());
        }
        return tvls.value().totalTvl();
    }

}
