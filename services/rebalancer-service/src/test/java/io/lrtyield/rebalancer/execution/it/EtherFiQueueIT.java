package io.lrtyield.rebalancer.execution.it;

import io.lrtyield.common.catalogue.Catalogue;
import io.lrtyield.common.chain.Erc721MintLogs;
import io.lrtyield.common.chain.Multicall3;
import io.lrtyield.common.exit.ExitRoute;
import io.lrtyield.devnet.deploy.AnvilRpc;
import io.lrtyield.devnet.deploy.DevnetCatalogue;
import io.lrtyield.devnet.deploy.DevnetDeployment;
import io.lrtyield.devnet.deploy.TxSender;
import io.lrtyield.devnet.simulator.EtherFiQueueFinalizer;
import io.lrtyield.rebalancer.execution.PlannedAction;
import io.lrtyield.rebalancer.plan.BuiltPlan;
import io.lrtyield.rebalancer.plan.PlanAddresses;
import io.lrtyield.rebalancer.plan.PlanBuilder;
import io.lrtyield.rebalancer.plan.PlanSettings;
import io.lrtyield.rebalancer.portfolio.LrtWithdrawalRequest;
import io.lrtyield.rebalancer.portfolio.Portfolio;
import io.lrtyield.rebalancer.portfolio.PortfolioReader;
import io.lrtyield.rebalancer.portfolio.PortfolioValuer;
import io.lrtyield.rebalancer.portfolio.RawSnapshot;
import io.lrtyield.rebalancer.portfolio.VenuePosition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * weETH leaves through ether.fi's WithdrawRequestNFT on a devnet of its own ({@code execution.anvil.port} + 150): the
 * plan unwraps and requests the eETH for the vault, the portfolio finds the request NFT from its mint log and values
 * it as an ETH claim while pending, the simulator's finalizer (ether.fi's admin) finalizes it once 7 days of chain time
 * passed, the claim plan brings exactly the valued ETH back to the vault, and the pool's books follow.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EtherFiQueueIT {

    static final BigInteger E18 = BigInteger.TEN.pow(18);
    static final PlanSettings SETTINGS = new PlanSettings(50, new BigDecimal("1.01"), new BigDecimal("1.06"), 10);

    @TempDir
    static Path keystoreDir;

    DevnetFixture devnet;
    DevnetDeployment d;
    String vault;
    Catalogue catalogue;
    PlanBuilder builder;
    PortfolioReader reader;
    PortfolioValuer valuer;
    TxSender oracle;

    @BeforeAll
    void deploy() throws Exception {
        devnet = new DevnetFixture(150, keystoreDir);
        d = devnet.d;
        vault = devnet.vault;
        catalogue = DevnetCatalogue.of(d);
        builder = new PlanBuilder(PlanAddresses.from(catalogue), vault, SETTINGS);
        // the mint logs searched from block 0, 100 blocks per eth_getLogs (the deployment alone is more than that)
        reader = new PortfolioReader(catalogue, vault, new Multicall3(devnet.web3j, catalogue.multicall3(), 300)::aggregate3,
                new Erc721MintLogs(devnet.web3j, 100)::mintedTo, 0);
        valuer = new PortfolioValuer(catalogue);
        oracle = new TxSender(devnet.web3j, Credentials.create(DevnetFixture.ORACLE_KEY), devnet.web3j.ethChainId().send()
                .getChainId().longValueExact());
    }

    @AfterAll
    void stop() {
        if (devnet != null) {
            devnet.close();
        }
    }

    @Test
    void weEthExitsByTheQueueIsValuedAsAnEthClaimAndIsClaimedAfterFinalization() throws Exception {
        var etherfi = catalogue.venue("etherfi-weeth").orElseThrow();
        assertEquals("etherfiWithdrawRequestNFT", etherfi.param("withdrawalQueue").orElseThrow());
        String nft = catalogue.contracts().get("etherfiWithdrawRequestNFT");
        String pool = d.etherfiPool();

        // in: 1,000 ETH into weETH
        BigInteger in = E18.multiply(BigInteger.valueOf(1000));
        devnet.run("it-etherfi-in", builder.build(List.of(new PlanBuilder.Move(etherfi, in)), rates(), devnet.ethOf(vault),
                BigInteger.ZERO, null));
        BigInteger weEth = devnet.uint(d.weETH(), "balanceOf", new Address(vault));
        assertTrue(weEth.signum() > 0);
        assertTrue(devnet.snapshot(reader).lrtRequests().isEmpty(), "no request yet");

        // out: 600 ETH worth, priced as the queue
        BigInteger out = E18.multiply(BigInteger.valueOf(600));
        Map<String, BigDecimal> rates = rates();
        BuiltPlan exit = builder.build(List.of(new PlanBuilder.Move(etherfi, out.negate(), ExitRoute.Kind.QUEUE)), rates,
                BigInteger.ZERO, BigInteger.ZERO, null);
        assertEquals(List.of("UNWRAP", "APPROVE", "REQUEST_WITHDRAWAL", "RESET_APPROVAL"), exit.actions().stream().map(PlannedAction::kind).toList());
        BigInteger requested = exit.actions().get(2).expectedOut();
        BigInteger pooledBefore = devnet.uint(pool, "getTotalPooledEther");
        BigInteger sharesBefore = devnet.uint(d.eETH(), "totalShares");
        devnet.run("it-etherfi-queue", exit);
        BigInteger unwrapped = new BigDecimal(out).divide(rates.get("weETH"), 0, java.math.RoundingMode.DOWN).toBigInteger();
        assertEquals(weEth.subtract(unwrapped), devnet.uint(d.weETH(), "balanceOf", new Address(vault)));
        assertEquals(BigInteger.ZERO, devnet.uint(d.eETH(), "allowance", new Address(vault), new Address(pool)));
        assertEquals(BigInteger.ONE, devnet.uint(nft, "balanceOf", new Address(vault)));
        BigInteger id = devnet.uint(nft, "nextRequestId").subtract(BigInteger.ONE);
        assertEquals(vault.toLowerCase(), String.format("0x%040x", devnet.uint(nft, "ownerOf", new Uint256(id))));
        // a request changes neither the pooled ETH nor the shares: the rate is the same for every holder
        assertEquals(pooledBefore, devnet.uint(pool, "getTotalPooledEther"));
        assertEquals(sharesBefore, devnet.uint(d.eETH(), "totalShares"));
        BigInteger requestShares = devnet.uint(d.eETH(), "shares", new Address(nft));

        // pending: found from the mint log, an ETH claim of its eETH (a wei less at most: share rounding)
        RawSnapshot pending = devnet.snapshot(reader);
        assertTrue(pending.unavailable().isEmpty(), pending.unavailable().toString());
        assertEquals(1, pending.lrtRequests().size(), pending.lrtRequests().toString());
        LrtWithdrawalRequest request = pending.lrtRequests().get(0);
        assertEquals(id.intValueExact(), request.index());
        assertFalse(request.claimable());
        BigInteger claim = request.ethAmount();
        assertTrue(claim.compareTo(requested) <= 0 && requested.subtract(claim).compareTo(BigInteger.TWO) <= 0, claim + " for " + requested);
        Portfolio p = valuer.value(vault, pending, Map.of());
        VenuePosition queued = DevnetFixture.position(p, PortfolioReader.lidoQueuePosition("etherfi-weeth"));
        assertEquals(new BigDecimal(claim).movePointLeft(18).setScale(18), queued.valueFundamental());
        assertTrue(queued.notes().get(0).startsWith("queued withdrawal (ether.fi WithdrawRequestNFT)"), queued.notes().toString());
        // the next block's snapshot searches only the new blocks and keeps the request
        new AnvilRpc(devnet.transport).mine(1);
        assertEquals(pending.lrtRequests(), devnet.snapshot(reader).lrtRequests());

        // ether.fi's admin (the simulator's finalizer) finalizes nothing before the 7-day delay, then the request
        EtherFiQueueFinalizer finalizer = new EtherFiQueueFinalizer(devnet.web3j, oracle, nft, DevnetCatalogue.ETHERFI_WITHDRAWAL_DELAY_SECONDS);
        assertNull(finalizer.finalizeDue(latestTimestamp()));
        new AnvilRpc(devnet.transport).increaseTime(DevnetCatalogue.ETHERFI_WITHDRAWAL_DELAY_SECONDS);
        new AnvilRpc(devnet.transport).mine(1);
        String tx = finalizer.finalizeDue(latestTimestamp());
        oracle.awaitAll(List.of(tx), Duration.ofSeconds(30));
        assertEquals(id, devnet.uint(nft, "lastFinalizedRequestId"));
        // the finalized amount's ETH left the pool's balance for the NFT; the pooled ETH counts it until the claim
        assertEquals(claim, devnet.ethOf(nft));
        assertEquals(pooledBefore, devnet.uint(pool, "getTotalPooledEther"));

        RawSnapshot due = devnet.snapshot(reader);
        assertEquals(List.of(new LrtWithdrawalRequest("etherfi-weeth", "weETH", id.intValueExact(), claim, true)), due.claimableLrtRequests());
        List<PlannedAction> claims = builder.claimLrtWithdrawals("etherfi-weeth", "weETH", List.of(id.intValueExact()));
        assertEquals(List.of("CLAIM_WITHDRAWAL"), claims.stream().map(PlannedAction::kind).toList());
        BigInteger before = devnet.ethOf(vault);
        devnet.run("it-etherfi-claim", new BuiltPlan(claims, List.of(), List.of()));
        // the vault pays no gas (the strategist does): exactly what the portfolio valued the claim at
        assertEquals(claim, devnet.ethOf(vault).subtract(before));
        // the pool's books: the claim left the pooled ETH, the request's shares were burnt, nothing stays locked
        assertEquals(pooledBefore.subtract(claim), devnet.uint(pool, "getTotalPooledEther"));
        assertEquals(sharesBefore.subtract(requestShares), devnet.uint(d.eETH(), "totalShares"));
        assertEquals(BigInteger.ZERO, devnet.ethOf(nft));
        assertEquals(BigInteger.ZERO, devnet.uint(nft, "ethAmountLockedForWithdrawal"));
        assertEquals(BigInteger.ZERO, devnet.uint(nft, "balanceOf", new Address(vault)));

        RawSnapshot after = devnet.snapshot(reader);
        assertTrue(after.lrtRequests().isEmpty(), after.lrtRequests().toString());
        assertTrue(after.unavailable().isEmpty(), after.unavailable().toString());
        assertFalse(valuer.value(vault, after, Map.of()).positions().stream()
                .anyMatch(x -> x.venueId().endsWith(PortfolioReader.lidoQueuePosition(""))));
    }

    /**
     * A loss before finalization lowers what the request pays to its shares' value (the valuation follows it); rewards
     * after finalization do not raise it (the amount is frozen then, as mainnet's finalization rate); the claim pays
     * exactly the frozen amount.
     */
    @Test
    void aLossBeforeFinalizationIsSharedAndRewardsAfterItAreNot() throws Exception {
        var etherfi = catalogue.venue("etherfi-weeth").orElseThrow();
        String nft = catalogue.contracts().get("etherfiWithdrawRequestNFT");
        String pool = d.etherfiPool();
        devnet.run("it-etherfi-loss-in", builder.build(List.of(new PlanBuilder.Move(etherfi, E18.multiply(BigInteger.valueOf(300)))),
                rates(), devnet.ethOf(vault), BigInteger.ZERO, null));
        devnet.run("it-etherfi-loss-queue", builder.build(List.of(new PlanBuilder.Move(etherfi, E18.multiply(BigInteger.valueOf(-200)),
                ExitRoute.Kind.QUEUE)), rates(), BigInteger.ZERO, BigInteger.ZERO, null));
        BigInteger id = devnet.uint(nft, "nextRequestId").subtract(BigInteger.ONE);
        // getRequest(id) = (amountOfEEth, shareOfEEth, isValid, feeGwei)
        String raw = devnet.web3j.ethCall(Transaction.createEthCallTransaction(null, nft,
                FunctionEncoder.encode(new Function("getRequest", List.of(new Uint256(id)), List.of()))),
                DefaultBlockParameterName.LATEST).send().getValue();
        BigInteger amount = new BigInteger(raw.substring(2, 66), 16);
        BigInteger shares = new BigInteger(raw.substring(66, 130), 16);

        // the oracle reports a 1 % loss: the request is now worth its shares at the lower rate, below its eETH
        BigInteger loss = devnet.uint(pool, "getTotalPooledEther").divide(BigInteger.valueOf(100));
        send(pool, "reportLoss", BigInteger.ZERO, new Uint256(loss));
        BigInteger atLoss = shares.multiply(devnet.uint(pool, "getTotalPooledEther")).divide(devnet.uint(d.eETH(), "totalShares"));
        assertTrue(atLoss.compareTo(amount) < 0);
        assertEquals(atLoss, ours(devnet.snapshot(reader), id).ethAmount());

        // finalized now (the finalizer with no delay), then 50 ETH of rewards: the request keeps its frozen amount
        oracle.awaitAll(List.of(new EtherFiQueueFinalizer(devnet.web3j, oracle, nft, 0).finalizeDue(latestTimestamp())), Duration.ofSeconds(30));
        assertEquals(atLoss, devnet.uint(nft, "getClaimableAmount", new Uint256(id)));
        send(pool, "accrueRewards", E18.multiply(BigInteger.valueOf(50)));
        LrtWithdrawalRequest finalized = ours(devnet.snapshot(reader), id);
        assertEquals(new LrtWithdrawalRequest("etherfi-weeth", "weETH", id.intValueExact(), atLoss, true), finalized);

        BigInteger before = devnet.ethOf(vault);
        BigInteger pooled = devnet.uint(pool, "getTotalPooledEther");
        devnet.run("it-etherfi-loss-claim", new BuiltPlan(builder.claimLrtWithdrawals("etherfi-weeth", "weETH", List.of(id.intValueExact())),
                List.of(), List.of()));
        assertEquals(atLoss, devnet.ethOf(vault).subtract(before));
        assertEquals(pooled.subtract(atLoss), devnet.uint(pool, "getTotalPooledEther"));
        assertTrue(devnet.snapshot(reader).lrtRequests().stream().noneMatch(r -> r.index() == id.intValueExact()));
    }

    private static LrtWithdrawalRequest ours(RawSnapshot raw, BigInteger id) {
        return raw.lrtRequests().stream().filter(r -> r.index() == id.intValueExact()).findFirst()
                .orElseThrow(() -> new AssertionError("no request " + id + " in " + raw.lrtRequests() + " " + raw.unavailable()));
    }

    private void send(String to, String function, BigInteger value, Type<?>... args) throws Exception {
        String data = FunctionEncoder.encode(new Function(function, List.of(args), List.of()));
        oracle.awaitAll(List.of(oracle.send(to, data, value)), Duration.ofSeconds(30));
    }

    private Map<String, BigDecimal> rates() throws Exception {
        return Map.of("weETH", new BigDecimal(devnet.uint(d.weETH(), "getRate")).movePointLeft(18));
    }

    private long latestTimestamp() throws Exception {
        return devnet.web3j.ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false).send().getBlock().getTimestamp().longValueExact();
    }
}
