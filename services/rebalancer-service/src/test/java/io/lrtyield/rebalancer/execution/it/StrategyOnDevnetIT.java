package io.lrtyield.rebalancer.execution.it;

import io.lrtyield.common.catalogue.Catalogue;
import io.lrtyield.common.chain.Multicall3;
import io.lrtyield.common.event.PriceStatus;
import io.lrtyield.common.event.PriceTick;
import io.lrtyield.common.event.Provenance;
import io.lrtyield.common.event.RiskAlert;
import io.lrtyield.common.event.SizePoint;
import io.lrtyield.common.event.YieldQuote;
import io.lrtyield.devnet.deploy.DevnetCatalogue;
import io.lrtyield.devnet.deploy.TxSender;
import io.lrtyield.devnet.simulator.IssuerAdminScenarios;
import io.lrtyield.devnet.simulator.ScenarioRequests;
import io.lrtyield.devnet.simulator.SlashSimulator;
import io.lrtyield.common.restaking.ExposureReads;
import io.lrtyield.common.restaking.SlashingWatch;
import io.lrtyield.rebalancer.execution.venue.LiquidStakingDepositCalls;
import io.lrtyield.rebalancer.execution.EntryRoutes;
import io.lrtyield.rebalancer.execution.ExecutionListener;
import io.lrtyield.rebalancer.execution.ExecutionPlan;
import io.lrtyield.rebalancer.execution.ExecutionReport;
import io.lrtyield.rebalancer.execution.PlannedAction;
import io.lrtyield.rebalancer.execution.chain.ExecutionChain;
import io.lrtyield.rebalancer.execution.sign.SignedTransaction;
import io.lrtyield.rebalancer.execution.venue.AaveCalls;
import io.lrtyield.rebalancer.execution.venue.WethCalls;
import io.lrtyield.rebalancer.plan.BuiltPlan;
import io.lrtyield.rebalancer.plan.DeleverageStep;
import io.lrtyield.rebalancer.plan.LoopState;
import io.lrtyield.rebalancer.plan.LoopUnwinder;
import io.lrtyield.rebalancer.plan.PlanLifecycle;
import io.lrtyield.rebalancer.policy.MarketState;
import io.lrtyield.rebalancer.policy.PolicyOutcome;
import io.lrtyield.rebalancer.portfolio.Portfolio;
import io.lrtyield.rebalancer.portfolio.PortfolioReader;
import io.lrtyield.rebalancer.portfolio.PortfolioValuer;
import io.lrtyield.rebalancer.portfolio.RawSnapshot;
import io.lrtyield.rebalancer.risk.AlertBook;
import io.lrtyield.rebalancer.risk.IncidentAlerts;
import io.lrtyield.rebalancer.risk.Incidents;
import io.lrtyield.rebalancer.pipeline.PlanMaker;
import io.lrtyield.rebalancer.pipeline.StrategyConfig;
import io.lrtyield.rebalancer.pipeline.StrategyFactory;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.utils.Numeric;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The strategy on a devnet of its own (Anvil on execution.anvil.port + 200, i.e. 28931): a wstETH/WETH loop seeded
 * through the vault's {@code manage} as the strategist, read back by the portfolio reader in one Multicall3 snapshot;
 * a 3 % depeg of its collateral in the lending oracle (and a CRITICAL depeg alert) → a deleverage plan that the
 * execution engine runs with the health factor read on chain after every mined transaction ≥ the minimum; a stale
 * collateral price blocks new plans and says why; no plan when the gain is below the costs; the snapshot → decision
 * latency over 40 blocks; and a 5 % slash of an operator behind ezETH the vault holds: within 2 blocks the rate and the
 * withdrawable shares fall, a CRITICAL OPERATOR_SLASHED alert, the venue capped to 0 and its exit planned; an
 * Upgraded event on ezETH's RestakeManager → a CRITICAL PROXY_UPGRADED alert and the venue capped to 0 until acknowledged;
 * a pause of it → CRITICAL VENUE_PAUSED, capped to 0 until acknowledged (an unpause does not lift it), and Kelp's oracle
 * change → CRITICAL ORACLE_CHANGED. The slash's incident is announced as the rebalancer announces it (VENUE_CAPPED naming
 * renzo-ezeth, INCIDENT_ACKNOWLEDGED once acknowledged; ConsoleIT reads them off the broker).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StrategyOnDevnetIT {

    static final BigInteger E18 = BigInteger.TEN.pow(18);

    @TempDir
    static Path keystoreDir;

    DevnetFixture devnet;
    Catalogue catalogue;
    PortfolioReader reader;
    PortfolioValuer valuer;
    StrategyFactory.Strategy strategy;
    StrategyConfig config;

    @BeforeAll
    void deploy() throws Exception {
        devnet = new DevnetFixture(200, keystoreDir);
        catalogue = DevnetCatalogue.of(devnet.d);
        Multicall3 mc = new Multicall3(devnet.web3j, catalogue.multicall3(), 300);
        reader = new PortfolioReader(catalogue, devnet.vault, mc::aggregate3);
        valuer = new PortfolioValuer(catalogue);
        SmallRyeConfig c = new SmallRyeConfigBuilder().withMapping(StrategyConfig.class).build();
        config = c.getConfigMapping(StrategyConfig.class);
        strategy = StrategyFactory.create(config, catalogue, devnet.vault);
    }

    @AfterAll
    void stop() {
        if (devnet != null) {
            devnet.close();
        }
    }

    @Test
    @Order(1)
    void aLoopSeededThroughTheVaultIsReadBackInOneSnapshot() throws Exception {
        var d = devnet.d;
        var m = devnet.m;
        BigInteger rate = devnet.uint(d.wstETH(), "stEthPerToken");
        EntryRoutes routes = new EntryRoutes(new EntryRoutes.Addresses(d.weth(), d.stETH(), d.wstETH(), m.aavePool(), d.etherfiPool(), d.eETH(),
                d.weETH()), devnet.vault);
        AaveCalls aave = new AaveCalls(m.aavePool(), devnet.vault);
        List<PlannedAction> seed = new ArrayList<>(routes.stakeWrapAndSupply("aave-wsteth-loop", E18.multiply(BigInteger.valueOf(100)), rate, 10));
        seed.add(PlannedAction.of("aave-wsteth-loop", "EMODE", aave.setUserEMode(1)));
        BigInteger borrowed = E18.multiply(BigInteger.valueOf(90));
        seed.add(new PlannedAction("aave-wsteth-loop", "BORROW", aave.borrow(d.weth(), borrowed), borrowed, borrowed));
        seed.add(new PlannedAction("idle-eth", "UNWRAP_WETH", new WethCalls(d.weth()).withdraw(borrowed), borrowed, borrowed));
        ExecutionReport report = devnet.executor(devnet.allowlist).execute(new ExecutionPlan("it-seed-loop", seed));
        assertEquals(ExecutionReport.DONE, report.status(), report.error());

        Portfolio p = snapshot(prices(PriceStatus.OK, BigDecimal.ONE));
        assertTrue(p.unavailable().stream().noneMatch(u -> u.startsWith("Aave") || u.startsWith("ETH")), p.unavailable().toString());
        var loop = p.position("aave-wsteth-loop").orElseThrow();
        BigDecimal hf = loop.healthFactor();
        assertNotNull(hf);
        // wstETH worth ~99.9 ETH at LT 95 % against 90 WETH: HF ≈ 1.0545
        assertTrue(hf.compareTo(new BigDecimal("1.05")) > 0 && hf.compareTo(new BigDecimal("1.06")) < 0, hf.toString());
        assertEquals(0, loop.valueFundamental().subtract(new BigDecimal("9.9")).abs().compareTo(new BigDecimal("0.2")) <= 0 ? 0 : 1,
                "net loop value ≈ 99.9 − 90 ETH: " + loop.valueFundamental());
        assertEquals(borrowed, p.aave().borrowed().get("WETH").subtract(p.aave().borrowed().get("WETH").mod(E18)).max(borrowed));
    }

    @Test
    @Order(2)
    void aDepegOfTheCollateralGivesADeleveragePlanWhoseEveryStepKeepsTheHealthFactorAboveTheMinimum() throws Exception {
        var d = devnet.d;
        var m = devnet.m;
        // the depeg state: the lending oracle prices wstETH 3 % lower; the price service sees the market 3 % below
        BigInteger price = devnet.uint(m.aaveOracle(), "getAssetPrice", new Address(d.wstETH()));
        TxSender owner = new TxSender(devnet.web3j, Credentials.create(DevnetFixture.DEPLOYER_KEY), 31337);
        String tx = owner.send(m.aaveOracle(), FunctionEncoder.encode(new Function("setAssetPrice",
                List.of(new Address(d.wstETH()), new Uint256(price.multiply(BigInteger.valueOf(97)).divide(BigInteger.valueOf(100)))), List.of())),
                BigInteger.ZERO);
        owner.awaitAll(List.of(tx), Duration.ofSeconds(30));

        Map<String, PriceTick> prices = prices(PriceStatus.OK, new BigDecimal("0.97"));
        Portfolio p = snapshot(prices);
        BigDecimal hf = p.position("aave-wsteth-loop").orElseThrow().healthFactor();
        assertTrue(hf.compareTo(config.hfTrigger()) < 0 && hf.compareTo(config.minHealthFactor()) > 0, hf.toString());

        AlertBook alerts = new AlertBook(86_400);
        alerts.onAlert(new RiskAlert(1, "it-depeg", "stETH", "DEPEG", "CRITICAL", "stETH 300 bp below its rate",
                new BigDecimal("300"), new BigDecimal("200"), true, new Provenance(31337, p.blockNumber(), "0x", p.blockTimestamp())));
        // the cooldown does not hold an emergency back
        PolicyOutcome o = strategy.policy().decide(new MarketState(p, quotes(), prices, alerts, p.blockTimestamp()));
        assertEquals(PolicyOutcome.DELEVERAGE, o.action(), o.reason());
        assertEquals("aave-wsteth-loop", o.deleverage());

        // with the vault's idle ETH: one repay brings the loop to the target
        RawSnapshot raw = reader.read(head(), 0).await().atMost(Duration.ofSeconds(10));
        BuiltPlan withIdle = PlanMaker.make(strategy, o, p, raw.ethBalance(), raw.tokens().getOrDefault("WETH", BigInteger.ZERO), prices,
                raw.venueRates());
        assertEquals(1, withIdle.steps().size());
        assertEquals("idle", withIdle.steps().get(0).source());
        assertTrue(withIdle.steps().get(0).hfAfter().compareTo(config.targetHealthFactor()) >= 0);

        // without idle ETH (all of it committed elsewhere): collateral sold in steps; run it and read HF after each tx
        LoopState loop = LoopState.fromAccount(p.aave().supplied().get("wstETH"), p.aave().borrowed().get("WETH"), hf,
                p.aave().liquidationThreshold());
        BigInteger rate = devnet.uint(d.wstETH(), "stEthPerToken");
        BuiltPlan steps = new LoopUnwinder(strategy.addresses(), devnet.vault, strategy.planSettings())
                .unwind("aave-wsteth-loop", loop, BigInteger.ZERO, BigInteger.ZERO, rate, false);
        assertTrue(steps.steps().size() >= 2, steps.steps().toString());
        for (DeleverageStep s : steps.steps()) {
            assertTrue(s.hfAfterWithdraw().compareTo(config.minHealthFactor()) >= 0, s.toString());
        }
        var proposed = PlanLifecycle.propose("it-vault", "it-deleverage", List.of(), steps.actions(), BigDecimal.ZERO, BigDecimal.ZERO,
                o.reason(), new Provenance(31337, p.blockNumber(), "0x", p.blockTimestamp()));
        ExecutionPlan plan = PlanLifecycle.toExecution(proposed);
        List<BigDecimal> onChain = new ArrayList<>();
        ExecutionListener hfReader = new ExecutionListener() {
            @Override
            public void mined(String planId, int index, SignedTransaction t, ExecutionChain.Receipt receipt) {
                onChain.add(healthFactorOnChain());
            }
        };
        ExecutionReport report = devnet.executor(devnet.allowlist, hfReader, devnet.chain::pendingNonce).execute(plan);
        assertEquals(ExecutionReport.DONE, report.status(), report.error());
        assertEquals(steps.actions().size(), onChain.size());
        BigDecimal least = onChain.stream().min(BigDecimal::compareTo).orElseThrow();
        assertTrue(least.compareTo(config.minHealthFactor()) >= 0, "HF after every transaction " + onChain);
        BigDecimal last = onChain.get(onChain.size() - 1);
        assertTrue(last.compareTo(config.targetHealthFactor().subtract(new BigDecimal("0.001"))) >= 0, "final HF " + last);
        System.out.printf("deleverage on devnet: %d steps, %d transactions, HF %s → %s, lowest on chain %s%n", steps.steps().size(),
                onChain.size(), hf, last, least);
    }

    @Test
    @Order(3)
    void aStaleCollateralPriceBlocksNewPlansAndTheDecisionSaysWhy() throws Exception {
        Map<String, PriceTick> prices = prices(PriceStatus.STALE, BigDecimal.ONE);
        Portfolio p = snapshot(prices);
        PolicyOutcome o = strategy.policy().decide(new MarketState(p, quotes(), prices, new AlertBook(86_400), Long.MIN_VALUE));
        assertEquals(PolicyOutcome.HOLD, o.action());
        assertTrue(o.reason().startsWith("circuit breaker: lido-wsteth excluded, wstETH STALE (no source fresher than its heartbeat)"),
                o.reason());
        assertTrue(o.reason().contains("hold because the vault holds") && o.reason().contains("aave-wsteth-loop whose price cannot be acted on"),
                o.reason());
    }

    @Test
    @Order(4)
    void noPlanWhenTheGainIsBelowTheCosts() throws Exception {
        Map<String, PriceTick> prices = prices(PriceStatus.OK, BigDecimal.ONE);
        Portfolio p = snapshot(prices);
        Map<String, YieldQuote> flat = new HashMap<>();
        for (String venue : List.of("lido-wsteth", "etherfi-weeth", "aave-weth-supply", "aave-wsteth-loop")) {
            flat.put(venue, quote(venue, "0.0000001"));
        }
        PolicyOutcome o = strategy.policy().decide(new MarketState(p, flat, prices, new AlertBook(86_400), Long.MIN_VALUE));
        assertEquals(PolicyOutcome.HOLD, o.action(), o.reason());
        assertTrue(o.reason().contains("hold because"), o.reason());
    }

    @Test
    @Order(5)
    void snapshotToDecisionLatency() throws Exception {
        Map<String, PriceTick> prices = prices(PriceStatus.OK, BigDecimal.ONE);
        long[] nanos = new long[40];
        for (int i = 0; i < nanos.length; i++) {
            devnet.web3j.ethBlockNumber().send(); // warm connection
            new org.web3j.protocol.core.Request<>("evm_mine", List.of(), devnet.transport, org.web3j.protocol.core.Response.class).send();
            long block = head();
            long t0 = System.nanoTime();
            RawSnapshot raw = reader.read(block, 0).await().atMost(Duration.ofSeconds(10));
            Portfolio p = valuer.value(devnet.vault, raw, prices);
            strategy.policy().decide(new MarketState(p, quotes(), prices, new AlertBook(86_400), Long.MIN_VALUE));
            nanos[i] = System.nanoTime() - t0;
        }
        Arrays.sort(nanos);
        System.out.printf("new block → decision (snapshot + valuation + policy + optimizer), %d blocks: p50 %.2f ms, p99 %.2f ms%n",
                nanos.length, nanos[nanos.length / 2] / 1e6, nanos[nanos.length - 1] / 1e6);
        assertTrue(nanos[nanos.length / 2] < 250_000_000L);
    }

    @Test
    @Order(6)
    void aFivePercentSlashBehindEzEthFallsWithinTwoBlocksRaisesACriticalAlertCapsTheVenueToZeroAndPlansItsExit() throws Exception {
        var d = devnet.d;
        BigInteger deposit = E18.multiply(BigInteger.valueOf(20));
        ExecutionReport seeded = devnet.executor(devnet.allowlist).execute(new ExecutionPlan("it-seed-ezeth", List.of(new PlannedAction(
                "renzo-ezeth", "DEPOSIT", new LiquidStakingDepositCalls(devnet.vault).renzoDepositEth(d.renzoRestakeManager(), deposit),
                deposit, deposit))));
        assertEquals(ExecutionReport.DONE, seeded.status(), seeded.error());

        ExposureReads reads = new ExposureReads(catalogue.restaking());
        SlashingWatch watch = new SlashingWatch();
        long before = head();
        var e0 = exposure(reads, before);
        assertTrue(watch.check("ezETH", e0.exposure(), provenance(before)).isEmpty());
        TxSender oracle = new TxSender(devnet.web3j, Credentials.create(DevnetFixture.ORACLE_KEY), 31337);
        var slash = new SlashSimulator(devnet.web3j, oracle, d.restaking(), d.kelpOracle(), new Object())
                .slash(new ScenarioRequests.SlashOperator("operator-a", "da-avs/0", new BigInteger("50000000000000000")));

        // read at the second block after the slash's (the chain is mined further by the issuers' loss reports)
        long after = slash.block() + 2;
        assertTrue(head() >= after, "mined to " + head());
        var e1 = exposure(reads, after);
        assertTrue(e1.rate().compareTo(e0.rate()) < 0, "ezETH's fundamental rate fell: " + e0.rate() + " → " + e1.rate());
        assertTrue(e1.exposure().restakedEth().compareTo(e0.exposure().restakedEth()) < 0, "withdrawable shares fell");
        List<RiskAlert> alerts = watch.check("ezETH", e1.exposure(), provenance(after));
        RiskAlert slashed = alerts.stream().filter(a -> a.kind().equals("OPERATOR_SLASHED")).findFirst().orElseThrow();
        assertEquals("CRITICAL", slashed.severity());
        assertTrue(alerts.stream().anyMatch(a -> a.kind().equals("WITHDRAWABLE_SHARES_DECREASE") && a.severity().equals("CRITICAL")),
                alerts.toString());

        AlertBook book = new AlertBook(86_400);
        List<Incidents.Incident> opened = alerts.stream().map(book::onAlert).flatMap(java.util.Optional::stream).toList();
        assertEquals(1, opened.size(), "the slash's alerts open one incident: " + opened);
        // what the rebalancer announces on risk-alerts.v1 (published by the leader: ConsoleIT reads it off the broker)
        List<String> cappedVenues = strategy.policy().venuesOn("ezETH");
        assertTrue(cappedVenues.contains("renzo-ezeth"), cappedVenues.toString());
        RiskAlert capped = IncidentAlerts.of(IncidentAlerts.Change.OPENED, opened.get(0), devnet.vault, cappedVenues, null, null,
                opened.get(0).provenance());
        assertEquals(List.of("ezETH", "VENUE_CAPPED", "CRITICAL", after), List.of(capped.subject(), capped.kind(), capped.severity(),
                capped.provenance().blockNumber()));
        assertTrue(capped.message().contains("renzo-ezeth") && capped.message().contains("capped to 0 and exited by the cheapest route after "
                + "CRITICAL " + opened.get(0).kind() + " on ezETH"), capped.message());
        assertTrue(book.onAlert(capped).isEmpty(), "read back, its own alert opens nothing");
        Map<String, PriceTick> prices = new HashMap<>(prices(PriceStatus.OK, BigDecimal.ONE));
        Provenance prov = provenance(after);
        prices.put("ezETH", new PriceTick(1, "p-ez", "ezETH", e1.rate(), null, e1.rate(), BigDecimal.ZERO, PriceStatus.OK, BigDecimal.ONE,
                List.of(), List.of(), prov));
        Map<String, YieldQuote> quotes = new HashMap<>(quotes());
        quotes.put("renzo-ezeth", quote("renzo-ezeth", "0.08"));
        Portfolio p = snapshot(prices);
        assertTrue(p.amountIn("renzo-ezeth").compareTo(new BigDecimal("19")) > 0, "the vault holds ≈ 20 ETH of ezETH: " + p.amountIn("renzo-ezeth"));
        // the last plan a second ago: a yield decision would wait for the cooldown, a de-risking exit does not
        PolicyOutcome o = strategy.policy().decide(new MarketState(p, quotes, prices, book, p.blockTimestamp() - 1));
        assertEquals(PolicyOutcome.REBALANCE, o.action(), o.reason());
        assertTrue(o.reason().contains("de-risk: exit renzo-ezeth (OPERATOR_SLASHED on ezETH)"), o.reason());
        assertEquals(0, o.result().allocations().stream().filter(a -> a.venue().equals("renzo-ezeth")).findFirst().orElseThrow().amount(), 1e-9);
        RawSnapshot raw = reader.read(head(), 0).await().atMost(Duration.ofSeconds(10));
        BuiltPlan exit = PlanMaker.make(strategy, o, p, raw.ethBalance(), raw.tokens().getOrDefault("WETH", BigInteger.ZERO), prices,
                raw.venueRates());
        List<String> ezActions = exit.actions().stream().filter(a -> a.venueId().startsWith("renzo-ezeth")).map(PlannedAction::kind).toList();
        assertTrue(!ezActions.isEmpty(), "the plan exits renzo-ezeth: " + exit.actions().stream().map(a -> a.venueId() + " " + a.kind()).toList());
        System.out.printf("slash 5 %% of operator-a in da-avs/0 at block %d: ezETH rate %s → %s, restaked %s → %s ETH; alerts %s; exit %s%n",
                slash.block(), e0.rate(), e1.rate(), e0.exposure().restakedEth(), e1.exposure().restakedEth(),
                alerts.stream().map(a -> a.severity() + " " + a.kind()).toList(), ezActions);

        // acknowledged: the venue is back under its ordinary caps and rules (no de-risking exit)
        RiskAlert cleared = IncidentAlerts.of(IncidentAlerts.Change.ACKNOWLEDGED, book.incidents().acknowledge("ezETH"), devnet.vault,
                cappedVenues, "it-admin", null, prov);
        assertEquals(List.of("INCIDENT_ACKNOWLEDGED", false), List.of(cleared.kind(), cleared.active()));
        PolicyOutcome acknowledged = strategy.policy().decide(new MarketState(p, quotes, prices, book, p.blockTimestamp() - 1));
        assertTrue(!acknowledged.reason().contains("de-risk"), acknowledged.reason());
    }

    @Test
    @Order(7)
    void anUpgradedEventOnEzEthsContractRaisesACriticalAlertAndCapsTheVenueToZeroUntilAcknowledged() throws Exception {
        var d = devnet.d;
        TxSender oracle = new TxSender(devnet.web3j, Credentials.create(DevnetFixture.ORACLE_KEY), 31337);
        String implementation = "0x00000000000000000000000000000000000c0de1";
        var receipt = oracle.awaitAll(List.of(oracle.send(d.renzoRestakeManager(), FunctionEncoder.encode(new Function("upgradeTo",
                List.of(new Address(implementation)), List.of())), BigInteger.ZERO)), Duration.ofSeconds(30)).get(0);
        long block = receipt.getBlockNumber().longValueExact();
        var upgrades = new io.lrtyield.common.chain.ContractEventLogs(devnet.web3j, catalogue);
        assertTrue(upgrades.contracts().contains(d.renzoRestakeManager().toLowerCase()), upgrades.contracts().toString());
        List<RiskAlert> alerts = upgrades.alerts(provenance(block)).await().atMost(Duration.ofSeconds(10));
        assertEquals(1, alerts.size(), alerts.toString());
        RiskAlert upgraded = alerts.get(0);
        assertEquals("PROXY_UPGRADED", upgraded.kind());
        assertEquals("CRITICAL", upgraded.severity());
        assertEquals("ezETH", upgraded.subject());
        assertTrue(upgraded.message().contains(implementation), upgraded.message());
        assertTrue(upgrades.alerts(provenance(block - 1)).await().atMost(Duration.ofSeconds(10)).isEmpty(), "nothing the block before");

        AlertBook book = new AlertBook(86_400);
        book.onAlert(upgraded);
        BigDecimal rate = exposure(new ExposureReads(catalogue.restaking()), head()).rate();
        Map<String, PriceTick> prices = new HashMap<>(prices(PriceStatus.OK, BigDecimal.ONE));
        prices.put("ezETH", new PriceTick(1, "p-ez2", "ezETH", rate, null, rate, BigDecimal.ZERO, PriceStatus.OK, BigDecimal.ONE, List.of(),
                List.of(), provenance(head())));
        Map<String, YieldQuote> quotes = new HashMap<>(quotes());
        quotes.put("renzo-ezeth", quote("renzo-ezeth", "0.08"));
        Portfolio p = snapshot(prices);
        PolicyOutcome o = strategy.policy().decide(new MarketState(p, quotes, prices, book, p.blockTimestamp() - 1));
        assertTrue(o.reason().contains("de-risk: exit renzo-ezeth (PROXY_UPGRADED on ezETH)"), o.reason());
        assertEquals(0, o.problem().venues().stream().filter(v -> v.id().equals("renzo-ezeth")).findFirst().orElseThrow().cap(), 0);
        // still capped a block later: only an admin lifts it
        PolicyOutcome later = strategy.policy().decide(new MarketState(p, quotes, prices, book, p.blockTimestamp() - 1));
        assertEquals(0, later.problem().venues().stream().filter(v -> v.id().equals("renzo-ezeth")).findFirst().orElseThrow().cap(), 0);
        book.incidents().acknowledge("ezETH");
        PolicyOutcome acknowledged = strategy.policy().decide(new MarketState(p, quotes, prices, book, p.blockTimestamp() - 1));
        assertTrue(!acknowledged.reason().contains("de-risk") && acknowledged.notes().stream().noneMatch(n -> n.startsWith("renzo-ezeth: capped")),
                "acknowledged: back to the ordinary rules (here the test's old quote keeps it out) — " + acknowledged.reason()
                        + " " + acknowledged.excluded().get("renzo-ezeth"));
    }

    @Test
    @Order(8)
    void aPauseOfEzEthsRestakeManagerRaisesACriticalVenuePausedAlertAndCapsTheVenueToZeroUntilAcknowledged() throws Exception {
        var d = devnet.d;
        TxSender oracle = new TxSender(devnet.web3j, Credentials.create(DevnetFixture.ORACLE_KEY), 31337);
        var issuers = new IssuerAdminScenarios(oracle, d, new Object());
        var events = new io.lrtyield.common.chain.ContractEventLogs(devnet.web3j, catalogue);
        IssuerAdminScenarios.Action pause = issuers.pause("ezETH");
        List<RiskAlert> alerts = events.alerts(provenance(pause.block())).await().atMost(Duration.ofSeconds(10));
        assertEquals(1, alerts.size(), alerts.toString());
        RiskAlert paused = alerts.get(0);
        assertEquals(List.of("VENUE_PAUSED", "CRITICAL", "ezETH"), List.of(paused.kind(), paused.severity(), paused.subject()));
        assertTrue(paused.message().contains(pause.tx()), paused.message());
        String depositEth = FunctionEncoder.encode(new Function("depositETH", List.of(), List.of()));
        var deposit = devnet.web3j.ethCall(Transaction.createFunctionCallTransaction(oracle.address(), null, null, null,
                d.renzoRestakeManager(), E18, depositEth), DefaultBlockParameterName.LATEST).send();
        assertTrue(deposit.hasError() && deposit.getError().getMessage().contains("ContractPaused"),
                "deposits revert while paused: " + (deposit.hasError() ? deposit.getError().getMessage() : deposit.getValue()));

        AlertBook book = new AlertBook(86_400);
        book.onAlert(paused);
        BigDecimal rate = exposure(new ExposureReads(catalogue.restaking()), head()).rate();
        Map<String, PriceTick> prices = new HashMap<>(prices(PriceStatus.OK, BigDecimal.ONE));
        prices.put("ezETH", new PriceTick(1, "p-ez3", "ezETH", rate, null, rate, BigDecimal.ZERO, PriceStatus.OK, BigDecimal.ONE, List.of(),
                List.of(), provenance(head())));
        Map<String, YieldQuote> quotes = new HashMap<>(quotes());
        quotes.put("renzo-ezeth", quote("renzo-ezeth", "0.08"));
        Portfolio p = snapshot(prices);
        PolicyOutcome o = strategy.policy().decide(new MarketState(p, quotes, prices, book, p.blockTimestamp() - 1));
        assertTrue(o.reason().contains("de-risk: exit renzo-ezeth (VENUE_PAUSED on ezETH)"), o.reason());
        assertEquals(0, o.problem().venues().stream().filter(v -> v.id().equals("renzo-ezeth")).findFirst().orElseThrow().cap(), 0);

        // the issuer resumes: no alert, and the venue stays capped — only an admin lifts it
        IssuerAdminScenarios.Action unpause = issuers.unpause("ezETH");
        assertTrue(events.alerts(provenance(unpause.block())).await().atMost(Duration.ofSeconds(10)).isEmpty(), "Unpaused raises nothing");
        PolicyOutcome later = strategy.policy().decide(new MarketState(p, quotes, prices, book, p.blockTimestamp() - 1));
        assertEquals(0, later.problem().venues().stream().filter(v -> v.id().equals("renzo-ezeth")).findFirst().orElseThrow().cap(), 0);
        book.incidents().acknowledge("ezETH");
        PolicyOutcome acknowledged = strategy.policy().decide(new MarketState(p, quotes, prices, book, p.blockTimestamp() - 1));
        assertTrue(!acknowledged.reason().contains("de-risk") && acknowledged.notes().stream().noneMatch(n -> n.startsWith("renzo-ezeth: capped")),
                acknowledged.reason());

        // Kelp's LRTOracle replaces the stETH price oracle → CRITICAL ORACLE_CHANGED on rsETH
        IssuerAdminScenarios.Action change = issuers.oracleChange("rsETH", null);
        List<RiskAlert> changed = events.alerts(provenance(change.block())).await().atMost(Duration.ofSeconds(10));
        assertEquals(List.of("ORACLE_CHANGED CRITICAL rsETH"), changed.stream().map(a -> a.kind() + " " + a.severity() + " " + a.subject()).toList());
    }

    private record Read(java.math.BigDecimal rate, io.lrtyield.common.event.RestakingExposure exposure) {
    }

    private Read exposure(ExposureReads reads, long block) {
        List<Multicall3.Call> calls = new ArrayList<>(reads.calls());
        calls.add(io.lrtyield.common.chain.reader.RenzoReader.calculateTvlsCall(devnet.d.renzoRestakeManager()));
        calls.add(io.lrtyield.common.chain.reader.RenzoReader.ezEthTotalSupplyCall(devnet.d.ezETH()));
        List<Multicall3.Result> r = new Multicall3(devnet.web3j, catalogue.multicall3(), 300).aggregate3(calls, block).await().indefinitely();
        java.util.Iterator<Multicall3.Result> it = r.iterator();
        var byAsset = reads.decode(it::next);
        byAsset.forEach((asset, e) -> assertTrue(e.complete() && e.backingEth() != null, asset + " exposure read whole: " + e.errors()));
        assertEquals(java.util.Set.of("ezETH", "rsETH", "weETH"), byAsset.keySet());
        var rate = io.lrtyield.common.chain.reader.RenzoReader.decodeEzEthRate(it.next(), it.next()).value().rate().toBigDecimal();
        return new Read(rate, byAsset.get("ezETH"));
    }

    static Provenance provenance(long block) {
        return new Provenance(31337, block, "0x" + Long.toHexString(block), 0);
    }

    // ---- helpers ----

    Portfolio snapshot(Map<String, PriceTick> prices) throws Exception {
        long block = head();
        RawSnapshot raw = reader.read(block, devnet.web3j.ethGetBlockByNumber(org.web3j.protocol.core.DefaultBlockParameter.valueOf(
                BigInteger.valueOf(block)), false).send().getBlock().getTimestamp().longValueExact()).await().atMost(Duration.ofSeconds(10));
        return valuer.value(devnet.vault, raw, prices);
    }

    long head() throws Exception {
        return devnet.web3j.ethBlockNumber().send().getBlockNumber().longValueExact();
    }

    BigDecimal healthFactorOnChain() {
        try {
            String data = FunctionEncoder.encode(new Function("getUserAccountData", List.of(new Address(devnet.vault)), List.of()));
            String out = devnet.web3j.ethCall(Transaction.createEthCallTransaction(null, devnet.m.aavePool(), data),
                    DefaultBlockParameterName.LATEST).send().getValue();
            BigInteger hf = Numeric.toBigInt(out.substring(2 + 64 * 5, 2 + 64 * 6));
            return new BigDecimal(hf, 18);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    Map<String, PriceTick> prices(PriceStatus wstEthStatus, BigDecimal marketFactor) throws Exception {
        BigDecimal wst = new BigDecimal(devnet.uint(devnet.d.wstETH(), "stEthPerToken"), 18);
        BigDecimal we = new BigDecimal(devnet.uint(devnet.d.weETH(), "getRate"), 18);
        Provenance prov = new Provenance(31337, head(), "0x", 0);
        Map<String, PriceTick> m = new HashMap<>();
        m.put("wstETH", new PriceTick(1, "p-wst", "wstETH", wst.multiply(marketFactor).setScale(18, RoundingMode.HALF_EVEN), null, wst,
                null, wstEthStatus, BigDecimal.ONE, List.of(),
                wstEthStatus == PriceStatus.STALE ? List.of("no source fresher than its heartbeat") : List.of(), prov));
        m.put("weETH", new PriceTick(1, "p-we", "weETH", we, null, we, BigDecimal.ZERO, PriceStatus.OK, BigDecimal.ONE, List.of(), List.of(), prov));
        return m;
    }

    static Map<String, YieldQuote> quotes() {
        return Map.of("lido-wsteth", quote("lido-wsteth", "0.03"), "etherfi-weeth", quote("etherfi-weeth", "0.035"),
                "aave-weth-supply", quote("aave-weth-supply", "0.02"), "aave-wsteth-loop", quote("aave-wsteth-loop", "0.06"));
    }

    static YieldQuote quote(String venue, String apy) {
        Provenance p = new Provenance(31337, 1, "0x", 0);
        return new YieldQuote(1, "q-" + venue, venue, "X", "X", new BigDecimal(apy), "7d", List.of(), List.of(),
                List.of(new SizePoint(BigDecimal.ONE, new BigDecimal(apy)), new SizePoint(new BigDecimal("1000"), new BigDecimal(apy))),
                10, List.of(), p);
    }
}
