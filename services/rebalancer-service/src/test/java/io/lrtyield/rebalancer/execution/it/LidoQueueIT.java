package io.lrtyield.rebalancer.execution.it;

import io.lrtyield.common.catalogue.Catalogue;
import io.lrtyield.common.chain.Multicall3;
import io.lrtyield.common.exit.ExitRoute;
import io.lrtyield.devnet.deploy.DevnetCatalogue;
import io.lrtyield.devnet.deploy.DevnetDeployment;
import io.lrtyield.devnet.deploy.TxSender;
import io.lrtyield.devnet.simulator.LidoQueueFinalizer;
import io.lrtyield.rebalancer.execution.PlannedAction;
import io.lrtyield.rebalancer.plan.BuiltPlan;
import io.lrtyield.rebalancer.plan.PlanAddresses;
import io.lrtyield.rebalancer.plan.PlanBuilder;
import io.lrtyield.rebalancer.plan.PlanSettings;
import io.lrtyield.rebalancer.portfolio.LidoWithdrawalRequest;
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
import org.web3j.abi.datatypes.Address;
import org.web3j.crypto.Credentials;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A 10,000-ETH wstETH exit (the whole default vault) by Lido's withdrawal queue on a devnet of its own (Anvil on 28851 by default:
 * {@code execution.anvil.port} + 120): the plan requests ten withdrawals of 1,000 stETH owned by the vault, the portfolio values them
 * as an ETH claim in the meantime, the oracle finalizes them (the simulator's finalizer, with no delay), the claim plan
 * brings the ETH back to the vault.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LidoQueueIT {

    static final BigInteger E18 = BigInteger.TEN.pow(18);
    static final BigInteger THOUSAND = E18.multiply(BigInteger.valueOf(1000));
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

    @BeforeAll
    void deploy() throws Exception {
        devnet = new DevnetFixture(120, keystoreDir);
        d = devnet.d;
        vault = devnet.vault;
        catalogue = DevnetCatalogue.of(d);
        builder = new PlanBuilder(PlanAddresses.from(catalogue), vault, SETTINGS);
        reader = new PortfolioReader(catalogue, vault, new Multicall3(devnet.web3j, catalogue.multicall3(), 300)::aggregate3);
        valuer = new PortfolioValuer(catalogue);
    }

    @AfterAll
    void stop() {
        if (devnet != null) {
            devnet.close();
        }
    }

    @Test
    void aLargeWstEthExitIsRequestedFinalizedAndClaimed() throws Exception {
        assertEquals("lidoWithdrawalQueue", catalogue.venue("lido-wsteth").orElseThrow().param("withdrawalQueue").orElseThrow());
        String queue = catalogue.contracts().get("lidoWithdrawalQueue");
        BigDecimal rate = new BigDecimal(devnet.uint(d.wstETH(), "stEthPerToken")).movePointLeft(18);
        Map<String, BigDecimal> rates = Map.of("wstETH", rate);

        // in: 10,100 ETH into wstETH (the vault's 10,000 ETH topped up so that 10,000 ETH worth can leave)
        new io.lrtyield.devnet.deploy.AnvilRpc(devnet.transport).setBalance(vault, E18.multiply(BigInteger.valueOf(10_100)));
        BigInteger in = E18.multiply(BigInteger.valueOf(10_100));
        devnet.run("it-lido-in", builder.build(List.of(new PlanBuilder.Move(catalogue.venue("lido-wsteth").orElseThrow(), in)), rates,
                devnet.ethOf(vault), BigInteger.ZERO, null));

        // out by the queue: 10,000 ETH worth, in requests of ≤ 1,000 stETH owned by the vault
        BigInteger out = E18.multiply(BigInteger.valueOf(10_000));
        BuiltPlan exit = builder.build(List.of(new PlanBuilder.Move(catalogue.venue("lido-wsteth").orElseThrow(), out.negate(),
                ExitRoute.Kind.QUEUE)), rates, BigInteger.ZERO, BigInteger.ZERO, null);
        assertEquals(List.of("UNWRAP", "APPROVE", "REQUEST_WITHDRAWALS", "RESET_APPROVAL"), exit.actions().stream().map(PlannedAction::kind).toList());
        assertTrue(exit.skipped().get(0).contains("queued in Lido's withdrawal queue"), exit.skipped().toString());
        BigInteger requested = exit.actions().get(2).expectedOut();
        devnet.run("it-lido-queue", exit);
        assertEquals(BigInteger.ZERO, devnet.uint(d.stETH(), "allowance", new Address(vault), new Address(queue)));
        BigInteger requests = devnet.uint(queue, "balanceOf", new Address(vault));
        assertTrue(requests.intValueExact() >= 10 && requests.intValueExact() <= 11, requests + " unstETH requests of ≤ 1,000 stETH");

        // pending: valued as an ETH claim, in a position of its own
        RawSnapshot pending = devnet.snapshot(reader);
        assertEquals(requests.intValueExact(), pending.lidoRequests().size(), pending.lidoRequests().toString());
        assertTrue(pending.lidoRequests().stream().noneMatch(LidoWithdrawalRequest::finalized));
        assertTrue(pending.lidoRequests().stream().allMatch(r -> r.amountOfStETH().compareTo(THOUSAND) <= 0));
        assertEquals(requested, pending.lidoRequests().stream().map(LidoWithdrawalRequest::amountOfStETH).reduce(BigInteger.ZERO, BigInteger::add));
        assertTrue(pending.finalizedLidoRequests().isEmpty());
        Portfolio p = valuer.value(vault, pending, Map.of());
        VenuePosition claim = DevnetFixture.position(p, PortfolioReader.lidoQueuePosition("lido-wsteth"));
        assertEquals(new BigDecimal(requested).movePointLeft(18).setScale(18), claim.valueFundamental());
        assertTrue(claim.notes().get(0).startsWith("queued withdrawal, claimable after finalization"), claim.notes().toString());

        // the oracle finalizes (the simulator's finalizer with no delay), at the current share rate
        TxSender oracle = new TxSender(devnet.web3j, Credentials.create(DevnetFixture.ORACLE_KEY), devnet.web3j.ethChainId().send()
                .getChainId().longValueExact());
        String tx = new LidoQueueFinalizer(devnet.web3j, oracle, queue, d.stETH(), 0).finalizeDue(devnet.snapshot(reader).blockTimestamp() + 1);
        oracle.awaitAll(List.of(tx), Duration.ofSeconds(30));
        assertEquals(requests, devnet.uint(queue, "getLastFinalizedRequestId"));

        RawSnapshot finalized = devnet.snapshot(reader);
        assertEquals(requests.intValueExact(), finalized.finalizedLidoRequests().size());
        BigInteger ethBefore = devnet.ethOf(vault);
        List<PlannedAction> claims = builder.claimLidoWithdrawals("lido-wsteth", finalized.finalizedLidoRequests());
        devnet.run("it-lido-claim", new BuiltPlan(claims, List.of(), List.of()));
        BigInteger received = devnet.ethOf(vault).subtract(ethBefore);
        // 1:1 at the request's stETH, less at most a wei per request of share rounding
        assertTrue(received.compareTo(requested) <= 0 && received.compareTo(requested.subtract(requests)) >= 0,
                "received " + received + " for " + requested);

        RawSnapshot after = devnet.snapshot(reader);
        assertTrue(after.lidoRequests().isEmpty(), after.lidoRequests().toString());
        assertTrue(valuer.value(vault, after, Map.of()).positions().stream()
                .noneMatch(x -> x.venueId().equals(PortfolioReader.lidoQueuePosition("lido-wsteth"))));
    }
}
