package io.lrtyield.rebalancer.execution.it;

import io.lrtyield.common.catalogue.Catalogue;
import io.lrtyield.common.chain.Multicall3;
import io.lrtyield.devnet.deploy.AnvilRpc;
import io.lrtyield.devnet.deploy.DevnetCatalogue;
import io.lrtyield.devnet.deploy.DevnetDeployment;
import io.lrtyield.devnet.deploy.MarketDeployer;
import io.lrtyield.rebalancer.execution.PlannedAction;
import io.lrtyield.rebalancer.plan.BuiltPlan;
import io.lrtyield.rebalancer.plan.PlanAddresses;
import io.lrtyield.rebalancer.plan.PlanBuilder;
import io.lrtyield.rebalancer.plan.PlanSettings;
import io.lrtyield.rebalancer.portfolio.EigenQueuedWithdrawal;
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

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An EigenLayer exit on a devnet of its own (Anvil on 28871 by default: {@code execution.anvil.port} + 140): the queued
 * withdrawal stays in the vault's value as the strategy's underlying (a position of its own) instead of vanishing with
 * the shares; after the delay in blocks the plan completes it and wraps the stETH into wstETH.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EigenQueueIT {

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

    @BeforeAll
    void deploy() throws Exception {
        devnet = new DevnetFixture(140, keystoreDir);
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
    void aQueuedWithdrawalKeepsItsValueAndIsCompletedAndWrappedAfterTheDelay() throws Exception {
        var eigen = catalogue.venue("eigenlayer-steth").orElseThrow();
        String strategy = d.markets().eigenStEthStrategy();
        BigInteger in = E18.multiply(BigInteger.valueOf(100));
        devnet.run("it-eigen-in", builder.build(List.of(new PlanBuilder.Move(eigen, in)), Map.of("wstETH", BigDecimal.ONE), devnet.ethOf(vault),
                BigInteger.ZERO, null));
        RawSnapshot held = devnet.snapshot(reader);
        Portfolio before = valuer.value(vault, held, Map.of());
        BigDecimal perShare = held.venueRates().get("eigenlayer-steth");
        BigInteger shares = devnet.uint(d.markets().eigenStrategyManager(), "stakerDepositShares", new Address(vault), new Address(strategy));
        assertEquals(shares, held.venueUnits().get("eigenlayer-steth"), "the snapshot's deposit shares bound a plan's queueWithdrawals");

        // out: 60 ETH worth queued — the shares leave the deposit, the value stays in the queue position
        BigInteger out = E18.multiply(BigInteger.valueOf(60));
        BuiltPlan exit = builder.build(List.of(new PlanBuilder.Move(eigen, out.negate())), Map.of("eigenlayer-steth", perShare),
                BigInteger.ZERO, BigInteger.ZERO, null);
        assertEquals(List.of("QUEUE_WITHDRAWAL"), exit.actions().stream().map(PlannedAction::kind).toList());
        devnet.run("it-eigen-queue", exit);
        BigInteger queuedShares = new BigDecimal(out).divide(perShare, 0, RoundingMode.DOWN).toBigInteger();
        assertEquals(shares.subtract(queuedShares), devnet.uint(d.markets().eigenStrategyManager(), "stakerDepositShares",
                new Address(vault), new Address(strategy)));

        RawSnapshot pending = devnet.snapshot(reader);
        assertEquals(shares.subtract(queuedShares), pending.venueUnits().get("eigenlayer-steth"), "queued shares are no longer held");
        assertEquals(1, pending.eigenWithdrawals().size(), pending.eigenWithdrawals() + " " + pending.unavailable());
        EigenQueuedWithdrawal w = pending.eigenWithdrawals().get(0);
        assertFalse(w.completable());
        assertEquals(List.of(queuedShares), w.shares());
        assertEquals(List.of(strategy.toLowerCase()), w.withdrawal().strategies().stream().map(String::toLowerCase).toList());
        Portfolio p = valuer.value(vault, pending, Map.of());
        VenuePosition queued = DevnetFixture.position(p, PortfolioReader.lidoQueuePosition("eigenlayer-steth"));
        BigInteger underlying = new BigDecimal(queuedShares).multiply(perShare).toBigInteger();
        assertEquals(new BigDecimal(underlying).movePointLeft(18).setScale(18), queued.valueFundamental());
        assertTrue(queued.notes().get(0).startsWith("queued EigenLayer withdrawal"), queued.notes().toString());
        // the vault's value is the same before and after queueing (to the wei of share rounding)
        assertTrue(p.totalFundamental().subtract(before.totalFundamental()).abs().compareTo(new BigDecimal("0.000000000001")) < 0,
                before.totalFundamental() + " → " + p.totalFundamental());

        // the delay in blocks passes: completable; the plan completes it and wraps the stETH
        new AnvilRpc(devnet.transport).mine(MarketDeployer.EIGEN_WITHDRAWAL_DELAY_BLOCKS + 1);
        RawSnapshot due = devnet.snapshot(reader);
        assertEquals(1, due.completableEigenWithdrawals().size());
        BigInteger wstEthBefore = devnet.uint(d.wstETH(), "balanceOf", new Address(vault));
        List<PlannedAction> complete = builder.completeEigenWithdrawals("eigenlayer-steth",
                due.completableEigenWithdrawals().stream().map(EigenQueuedWithdrawal::withdrawal).toList(), underlying);
        assertEquals(List.of("COMPLETE_WITHDRAWAL", "APPROVE", "WRAP", "RESET_APPROVAL"), complete.stream().map(PlannedAction::kind).toList());
        devnet.run("it-eigen-complete", new BuiltPlan(complete, List.of(), List.of()));
        BigInteger stEthPerWstEth = devnet.uint(d.wstETH(), "stEthPerToken");
        BigInteger wrapped = devnet.uint(d.wstETH(), "balanceOf", new Address(vault)).subtract(wstEthBefore);
        BigInteger expected = underlying.subtract(BigInteger.TWO).multiply(E18).divide(stEthPerWstEth);
        assertTrue(wrapped.subtract(expected).abs().compareTo(BigInteger.TEN) <= 0, "wrapped " + wrapped + " for " + expected);
        assertTrue(devnet.uint(d.stETH(), "balanceOf", new Address(vault)).compareTo(BigInteger.TEN) <= 0, "no stETH left but dust");

        RawSnapshot after = devnet.snapshot(reader);
        assertTrue(after.eigenWithdrawals().isEmpty(), after.eigenWithdrawals().toString());
        assertFalse(valuer.value(vault, after, Map.of()).positions().stream()
                .anyMatch(x -> x.venueId().equals(PortfolioReader.lidoQueuePosition("eigenlayer-steth"))));
    }
}
