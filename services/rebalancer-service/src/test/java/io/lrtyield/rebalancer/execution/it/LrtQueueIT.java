package io.lrtyield.rebalancer.execution.it;

import io.lrtyield.common.catalogue.Catalogue;
import io.lrtyield.common.chain.Multicall3;
import io.lrtyield.devnet.deploy.AnvilRpc;
import io.lrtyield.devnet.deploy.DevnetCatalogue;
import io.lrtyield.devnet.deploy.DevnetDeployment;
import io.lrtyield.devnet.deploy.TxSender;
import io.lrtyield.devnet.simulator.KelpQueueUnlocker;
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
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Credentials;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ezETH and rsETH leave through their issuers' withdrawal queues on a devnet of its own (Anvil on 28861 by default:
 * {@code execution.anvil.port} + 130): the plan requests the withdrawals for native ETH, the portfolio values them as
 * ETH claims while pending, Renzo's cooldown passes (chain time moved 7 days) and Kelp's operator unlocks its queue
 * (the simulator's unlocker), the claim plan brings the ETH back to the vault.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LrtQueueIT {

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
        devnet = new DevnetFixture(130, keystoreDir);
        d = devnet.d;
        vault = devnet.vault;
        catalogue = DevnetCatalogue.of(d);
        builder = new PlanBuilder(PlanAddresses.from(catalogue), vault, SETTINGS);
        reader = new PortfolioReader(catalogue, vault, new Multicall3(devnet.web3j, catalogue.multicall3(), 300)::aggregate3);
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
    void ezEthAndRsEthExitByTheirQueuesAndAreClaimedAfterTheDelay() throws Exception {
        var renzo = catalogue.venue("renzo-ezeth").orElseThrow();
        var kelp = catalogue.venue("kelp-rseth").orElseThrow();
        assertEquals("renzoWithdrawQueue", renzo.param("withdrawalQueue").orElseThrow());
        assertEquals("kelpWithdrawalManager", kelp.param("withdrawalQueue").orElseThrow());
        assertTrue(builder.canExit(renzo) && builder.canExit(kelp), "an exit route for both");
        String renzoQueue = catalogue.contracts().get("renzoWithdrawQueue");
        String kelpManager = catalogue.contracts().get("kelpWithdrawalManager");

        // in: 1,000 ETH into each
        BigInteger in = E18.multiply(BigInteger.valueOf(1000));
        devnet.run("it-lrt-in", builder.build(List.of(new PlanBuilder.Move(renzo, in), new PlanBuilder.Move(kelp, in)), rates(),
                devnet.ethOf(vault), BigInteger.ZERO, null));
        BigInteger ezEth = devnet.uint(d.ezETH(), "balanceOf", new Address(vault));
        BigInteger rsEth = devnet.uint(d.rsETH(), "balanceOf", new Address(vault));
        assertTrue(ezEth.signum() > 0 && rsEth.signum() > 0);

        // out: 600 ETH worth of each, by the queues
        BigInteger out = E18.multiply(BigInteger.valueOf(600));
        Map<String, BigDecimal> rates = rates();
        BuiltPlan exit = builder.build(List.of(new PlanBuilder.Move(renzo, out.negate()), new PlanBuilder.Move(kelp, out.negate())),
                rates, BigInteger.ZERO, BigInteger.ZERO, null);
        assertEquals(List.of("APPROVE", "REQUEST_WITHDRAWAL", "RESET_APPROVAL", "APPROVE", "REQUEST_WITHDRAWAL", "RESET_APPROVAL"),
                exit.actions().stream().map(PlannedAction::kind).toList());
        assertTrue(exit.skipped().get(0).contains("Renzo's WithdrawQueue") && exit.skipped().get(1).contains("Kelp's LRTWithdrawalManager"),
                exit.skipped().toString());
        BigInteger ezQueued = tokens(out, rates.get("ezETH"));
        BigInteger rsQueued = tokens(out, rates.get("rsETH"));
        devnet.run("it-lrt-queue", exit);
        assertEquals(ezEth.subtract(ezQueued), devnet.uint(d.ezETH(), "balanceOf", new Address(vault)));
        assertEquals(rsEth.subtract(rsQueued), devnet.uint(d.rsETH(), "balanceOf", new Address(vault)));
        assertEquals(BigInteger.ZERO, devnet.uint(d.ezETH(), "allowance", new Address(vault), new Address(renzoQueue)));
        assertEquals(BigInteger.ONE, devnet.uint(renzoQueue, "getOutstandingWithdrawRequests", new Address(vault)));

        // pending: each an ETH claim at the rate of the request, in a position of its own, not claimable yet
        RawSnapshot pending = devnet.snapshot(reader);
        assertEquals(2, pending.lrtRequests().size(), pending.lrtRequests() + " " + pending.unavailable());
        assertTrue(pending.claimableLrtRequests().isEmpty());
        Portfolio p = valuer.value(vault, pending, Map.of());
        BigInteger ezClaim = claim(pending, "renzo-ezeth");
        BigInteger rsClaim = claim(pending, "kelp-rseth");
        // the queue records amount × rate at the protocol's own arithmetic: within a few wei of 600 ETH
        assertTrue(ezClaim.subtract(out).abs().compareTo(BigInteger.valueOf(1_000_000)) < 0, "ezETH claim " + ezClaim);
        assertTrue(rsClaim.subtract(out).abs().compareTo(BigInteger.valueOf(1_000_000)) < 0, "rsETH claim " + rsClaim);
        VenuePosition renzoClaim = DevnetFixture.position(p, PortfolioReader.lidoQueuePosition("renzo-ezeth"));
        assertEquals(new BigDecimal(ezClaim).movePointLeft(18).setScale(18), renzoClaim.valueFundamental());
        assertTrue(renzoClaim.notes().get(0).startsWith("queued withdrawal, an ETH claim"), renzoClaim.notes().toString());
        DevnetFixture.position(p, PortfolioReader.lidoQueuePosition("kelp-rseth"));

        BigInteger before = devnet.ethOf(vault);
        // Renzo: 7 days pass; Kelp: its operator unlocks (the simulator's unlocker, no extra delay) and sets the delay
        // in blocks to 0 (LRTWithdrawalManager.setWithdrawalDelayBlocks), as 9 days of 1-s blocks cannot be mined here
        new AnvilRpc(devnet.transport).increaseTime(DevnetCatalogue.RENZO_COOLDOWN_SECONDS);
        String tx = new KelpQueueUnlocker(devnet.web3j, oracle, kelpManager, 0).unlockDue(devnet.web3j.ethBlockNumber().send()
                .getBlockNumber().longValueExact());
        String delay = oracle.send(kelpManager, FunctionEncoder.encode(new Function("setWithdrawalDelayBlocks", List.of(new Uint256(0)),
                List.of())), BigInteger.ZERO);
        oracle.awaitAll(List.of(tx, delay), Duration.ofSeconds(30));

        RawSnapshot due = devnet.snapshot(reader);
        assertEquals(2, due.claimableLrtRequests().size(), due.lrtRequests().toString());
        List<PlannedAction> claims = new ArrayList<>();
        for (LrtWithdrawalRequest r : due.claimableLrtRequests()) {
            claims.addAll(builder.claimLrtWithdrawals(r.venueId(), r.asset(), List.of(r.index())));
        }
        assertEquals(List.of("CLAIM_WITHDRAWAL", "CLAIM_WITHDRAWAL"), claims.stream().map(PlannedAction::kind).toList());
        devnet.run("it-lrt-claim", new BuiltPlan(claims, List.of(), List.of()));
        BigInteger received = devnet.ethOf(vault).subtract(before);
        // the vault pays no gas (the strategist does): exactly what the portfolio valued the claims at
        assertEquals(ezClaim.add(rsClaim), received);

        RawSnapshot after = devnet.snapshot(reader);
        assertTrue(after.lrtRequests().isEmpty(), after.lrtRequests().toString());
        assertFalse(valuer.value(vault, after, Map.of()).positions().stream()
                .anyMatch(x -> x.venueId().endsWith(PortfolioReader.lidoQueuePosition(""))));
    }

    private Map<String, BigDecimal> rates() throws Exception {
        BigDecimal ez = new BigDecimal(devnet.uint(catalogue.contracts().get("renzoWithdrawQueue"), "calculateAmountToRedeem",
                new Uint256(E18))).movePointLeft(18);
        BigDecimal rs = new BigDecimal(devnet.uint(d.kelpOracle(), "rsETHPrice")).movePointLeft(18);
        return Map.of("ezETH", ez, "rsETH", rs);
    }

    private static BigInteger tokens(BigInteger ethWei, BigDecimal rate) {
        return new BigDecimal(ethWei).divide(rate, 0, java.math.RoundingMode.DOWN).toBigInteger();
    }

    private static BigInteger claim(RawSnapshot raw, String venue) {
        return raw.lrtRequests().stream().filter(r -> r.venueId().equals(venue)).map(LrtWithdrawalRequest::ethAmount)
                .reduce(BigInteger.ZERO, BigInteger::add);
    }
}
