package io.lrtyield.rebalancer.policy;

import io.lrtyield.common.catalogue.Asset;
import io.lrtyield.common.catalogue.Catalogue;
import io.lrtyield.common.catalogue.Venue;
import io.lrtyield.common.event.PriceStatus;
import io.lrtyield.common.event.PriceTick;
import io.lrtyield.common.event.Provenance;
import io.lrtyield.common.event.RiskAlert;
import io.lrtyield.common.event.SizePoint;
import io.lrtyield.common.event.YieldComponent;
import io.lrtyield.common.exit.ExitRoute;
import io.lrtyield.common.event.YieldQuote;
import io.lrtyield.rebalancer.plan.PlanAddresses;
import io.lrtyield.rebalancer.plan.PlanBuilder;
import io.lrtyield.rebalancer.plan.PlanSettings;
import io.lrtyield.rebalancer.portfolio.Holding;
import io.lrtyield.rebalancer.portfolio.Portfolio;
import io.lrtyield.rebalancer.portfolio.VenuePosition;
import io.lrtyield.rebalancer.risk.AlertBook;
import io.lrtyield.rebalancer.risk.RiskScorer;
import io.lrtyield.rebalancer.risk.RiskSettings;
import io.lrtyield.rebalancer.risk.StressTester;
import io.lrtyield.strategy.optimizer.VenueAllocation;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DecisionPolicyTest {

    static final Provenance P = new Provenance(31337, 100, "0xab", 1_000_000);
    static final BigInteger E18 = BigInteger.TEN.pow(18);

    static String addr(int n) {
        return String.format("0x%040x", n);
    }

    static final Catalogue CATALOGUE = new Catalogue("test", 31337,
            Map.of("aavePool", addr(6), "curveStEthWethPool", addr(7), "curveEEthWethPool", addr(8), "etherfiLiquidityPool", addr(9),
                    "rocketDepositPool", addr(10)),
            List.of(new Asset("ETH", null, 18, "ETH", null), new Asset("WETH", addr(1), 18, "ETH", null),
                    new Asset("stETH", addr(2), 18, "ETH", null), new Asset("wstETH", addr(3), 18, "stETH", null),
                    new Asset("eETH", addr(4), 18, "ETH", null), new Asset("weETH", addr(5), 18, "eETH", null),
                    new Asset("rETH", addr(11), 18, "ETH", null)),
            List.of(new Venue("idle-eth", "IDLE", "ETH", "vault", 1, 0, 0.0),
                    new Venue("lido-wsteth", "NATIVE_STAKING", "wstETH", "lido", 1, 5 * 86_400, 0.0),
                    new Venue("rocketpool-reth", "NATIVE_STAKING", "rETH", "rocketpool", 1, 0, 0.0),
                    new Venue("etherfi-weeth", "RESTAKING_TOKEN", "weETH", "etherfi", 3, 7 * 86_400, 0.0),
                    new Venue("aave-wsteth-loop", "LEVERAGED_LOOP", "wstETH", "aave", 3, 0, 0.0,
                            Map.of("borrowAsset", "WETH", "targetLtv", "0.9", "liquidationThreshold", "0.95"))));

    final PolicySettings settings = PolicySettings.defaults();
    final RiskSettings riskSettings = RiskSettings.defaults();
    final PlanBuilder routes = new PlanBuilder(PlanAddresses.from(CATALOGUE), addr(99),
            new PlanSettings(50, BigDecimal.ONE, new BigDecimal("1.05"), 40));
    final DecisionPolicy policy = new DecisionPolicy(CATALOGUE, settings, new RiskScorer(riskSettings),
            new StressTester(CATALOGUE, riskSettings), routes, riskSettings.minStressedHealthFactor());
    final AlertBook alerts = new AlertBook(30 * 86_400);

    static PriceTick tick(String asset, String rate, PriceStatus status, String reason) {
        return new PriceTick(1, "t-" + asset, asset, new BigDecimal(rate), null, new BigDecimal(rate), BigDecimal.ZERO, status,
                BigDecimal.ONE, List.of(), reason == null ? List.of() : List.of(reason), P);
    }

    static YieldQuote quote(String venue, String asset, String apy) {
        return new YieldQuote(1, "q-" + venue, venue, "X", asset, new BigDecimal(apy), "7d", List.of(), List.of(),
                List.of(new SizePoint(BigDecimal.ONE, new BigDecimal(apy)), new SizePoint(new BigDecimal("1000"), new BigDecimal(apy))),
                10, List.of(), P);
    }

    Map<String, PriceTick> prices() {
        Map<String, PriceTick> m = new HashMap<>();
        m.put("wstETH", tick("wstETH", "1.2", PriceStatus.OK, null));
        m.put("weETH", tick("weETH", "1.05", PriceStatus.OK, null));
        m.put("rETH", tick("rETH", "1.1", PriceStatus.OK, null));
        m.put("stETH", tick("stETH", "1", PriceStatus.OK, null));
        m.put("eETH", tick("eETH", "1", PriceStatus.OK, null));
        return m;
    }

    static Portfolio idle(long eth) {
        BigDecimal v = BigDecimal.valueOf(eth);
        return new Portfolio(addr(99), P.blockNumber(), P.blockTimestamp(),
                List.of(new VenuePosition("idle-eth", List.of(new Holding("native ETH", "ETH", E18.multiply(BigInteger.valueOf(eth)), false)),
                        v, v, null, List.of())), null, v, v, List.of());
    }

    Map<String, YieldQuote> quotes(String lido, String reth, String weeth) {
        return Map.of("lido-wsteth", quote("lido-wsteth", "wstETH", lido), "rocketpool-reth", quote("rocketpool-reth", "rETH", reth),
                "etherfi-weeth", quote("etherfi-weeth", "weETH", weeth),
                "aave-wsteth-loop", quote("aave-wsteth-loop", "wstETH", "0.05"));
    }

    @Test
    void aGainThatBeatsTheCostsProposesAPlanWithinCapsAndTheCooldownThenHolds() {
        PolicyOutcome o = policy.decide(new MarketState(idle(1000), quotes("0.035", "0.03", "0.045"), prices(), alerts, Long.MIN_VALUE));
        assertEquals(PolicyOutcome.REBALANCE, o.action(), o.reason());
        assertTrue(o.gainEth() >= o.costEth() * (1 + settings.costMargin()) + 0.01, o.reason());
        double total = 0;
        for (VenueAllocation va : o.result().allocations()) {
            total += va.amount();
            assertTrue(va.amount() <= 0.5 * 1000 + 1e-6 || va.venue().equals("idle-eth"), va.toString());
        }
        assertEquals(1000, total, 1e-6);
        // etherfi is tier 3: the tier cap (50 %) and the protocol cap (60 %) bound it
        assertTrue(o.result().allocations().stream().filter(va -> va.venue().equals("etherfi-weeth")).findFirst().orElseThrow().amount() <= 500 + 1e-6);
        // the loop has an entry route now: it is in the problem, and a trade into it is priced at the gas of every
        // transaction its route takes (the plan builder's own count: stake, wrap, supply, eMode, then borrow turns)
        assertNull(o.excluded().get("aave-wsteth-loop"));
        Venue loop = CATALOGUE.venue("aave-wsteth-loop").orElseThrow();
        int loopActions = routes.entryActions(loop);
        assertEquals(routes.build(List.of(new PlanBuilder.Move(loop, BigInteger.TEN.pow(18))), Map.of("wstETH", BigDecimal.ONE),
                BigInteger.TEN.pow(18), BigInteger.ZERO, null).actions().size(), loopActions);
        assertTrue(loopActions > 16, "a loop entry is many transactions: " + loopActions);
        // each rung is priced at its own route: LTV 0.836 (0.88 × LT 0.95) takes the turns its leverage needs
        var problemLoop = o.problem().venues().stream().filter(v -> v.id().equals("aave-wsteth-loop@ltv0.836")).findFirst().orElseThrow();
        int rungActions = routes.entryActions(LoopLadder.at(loop, new BigDecimal("0.836")));
        assertEquals(settings.gasPerAction() * settings.gasPriceGwei() * 1e-9 * rungActions, problemLoop.cost().gasPerAction(), 1e-15);
        assertTrue(rungActions < loopActions, "fewer borrow turns at a lower LTV: " + rungActions + " vs " + loopActions);
        assertEquals(4, routes.entryActions(CATALOGUE.venue("lido-wsteth").orElseThrow()), "submit, approve, wrap, reset");
        assertEquals(1, routes.entryActions(CATALOGUE.venue("rocketpool-reth").orElseThrow()), "deposit");

        PolicyOutcome again = policy.decide(new MarketState(idle(1000), quotes("0.035", "0.03", "0.045"), prices(), alerts,
                P.blockTimestamp() - 60));
        assertEquals(PolicyOutcome.HOLD, again.action());
        assertTrue(again.reason().startsWith("hold because of the cooldown: last plan 60 s ago < 3600 s"), again.reason());
    }

    static YieldQuote quoteWithExit(String venue, String asset, String apy, ExitRoute exit) {
        return new YieldQuote(1, "q-" + venue, venue, "X", asset, new BigDecimal(apy), "7d", List.of(), List.of(),
                List.of(new SizePoint(BigDecimal.TEN, new BigDecimal(apy).subtract(exit.apyCost()), exit),
                        new SizePoint(new BigDecimal("10000"), new BigDecimal(apy).subtract(exit.apyCost()), exit)),
                10, List.of(), P);
    }

    static YieldQuote loopQuote(double l0, double staking, double borrowApr) {
        return loopQuote(l0, staking, borrowApr, Map.of());
    }

    static YieldQuote loopQuote(double l0, double staking, double borrowApr, Map<String, String> risk) {
        return new YieldQuote(1, "q-loop", "aave-wsteth-loop", "LEVERAGED_LOOP", "wstETH",
                BigDecimal.valueOf(l0 * staking - (l0 - 1) * borrowApr), "spot",
                List.of(new YieldComponent("staking × leverage", BigDecimal.valueOf(l0 * staking), "s"),
                        new YieldComponent("collateral supply × leverage", BigDecimal.ZERO, "s"),
                        new YieldComponent("borrow cost", BigDecimal.valueOf(-(l0 - 1) * borrowApr), "b")), List.of(),
                List.of(new SizePoint(BigDecimal.TEN, BigDecimal.valueOf(l0 * staking - (l0 - 1) * borrowApr))), 10, List.of(), P, risk);
    }

    /**
     * Idle ETH earns nothing and carries no risk: with venues paying a positive yield after their round-trip costs, the
     * optimizer keeps idle at most at the reserve (10 % redeemable within a day), never more.
     */
    @Test
    void idleNeverStaysAboveTheReserveWhenVenuesPayAfterCosts() {
        ExitRoute queue5d = new ExitRoute(ExitRoute.Kind.QUEUE, new BigDecimal("0.000712"), new BigDecimal("5"), new BigDecimal("0.002889"));
        Map<String, YieldQuote> quotes = new HashMap<>(quotes("0.032", "0.028", "0.031"));
        quotes.put("lido-wsteth", quoteWithExit("lido-wsteth", "wstETH", "0.032", queue5d));
        PolicyOutcome o = policy.decide(new MarketState(idle(10_000), quotes, prices(), alerts, Long.MIN_VALUE));
        assertEquals(PolicyOutcome.REBALANCE, o.action(), o.reason());
        double idle = o.result().allocations().stream().filter(va -> va.venue().equals("idle-eth")).findFirst().orElseThrow().amount();
        assertTrue(idle <= 0.10 * 10_000 + 1e-6, "idle " + idle + " > reserve; " + o.reason());
        assertEquals(0, new RiskScorer(riskSettings).score(CATALOGUE.venue("idle-eth").orElseThrow(), null, 0, 10_000).score());
        // the exit route of the quote is the trade cost: 1 bp spread + the queue's 0.0712 %, per ETH moved
        var lido = o.problem().venues().stream().filter(v -> v.id().equals("lido-wsteth")).findFirst().orElseThrow();
        assertEquals(0.0001 + 0.000712, lido.cost().perUnit(), 1e-12);
        assertEquals(0, lido.apyDecayPerUnit(), 1e-15, "the exit's APY cost is added back: not charged twice");
        assertEquals(ExitRoute.Kind.QUEUE, o.economics().get("lido-wsteth").exit().kind());
        // the venue cap (50 %) spreads it: no venue takes all
        assertTrue(o.result().allocations().stream().filter(va -> !va.venue().equals("idle-eth") && va.amount() > 1).count() >= 2,
                "spread over several venues: " + o.result().allocations());
    }

    /**
     * The loop ladder: a rung whose stressed health factor falls below the minimum is left out (with the reason), and
     * the optimizer takes a lower one; a 92 % LTV loop (LT 95 %) fails the 90-day 25 % borrow-rate spike, 83.6 % passes.
     */
    @Test
    void aRungThatFailsTheStressTestIsLeftOutAndALowerOneIsChosen() {
        Catalogue c = new Catalogue("test", 31337, CATALOGUE.contracts(), CATALOGUE.assets(), List.of(
                CATALOGUE.venue("idle-eth").orElseThrow(), CATALOGUE.venue("lido-wsteth").orElseThrow(),
                new Venue("aave-wsteth-loop", "LEVERAGED_LOOP", "wstETH", "aave", 3, 0, 0.0,
                        Map.of("borrowAsset", "WETH", "targetLtv", "0.92", "maxLtv", "0.92", "liquidationThreshold", "0.95"))));
        PolicySettings ladder = new PolicySettings(1.0, 90, new BigDecimal("0.01"), 0.5, 3600, 0.5, Map.of(), 0.6, 0.7,
                Map.of(), 0.1, 1, 20, 250_000, 1, 0, 0.1, new BigDecimal("1.03"), List.of(0.5, 0.88, 0.99), 10);
        PlanBuilder b = new PlanBuilder(PlanAddresses.from(c), addr(99), new PlanSettings(50, BigDecimal.ONE, new BigDecimal("1.05"), 40));
        DecisionPolicy p = new DecisionPolicy(c, ladder, new RiskScorer(riskSettings), new StressTester(c, riskSettings), b,
                riskSettings.minStressedHealthFactor());
        Map<String, YieldQuote> quotes = Map.of("lido-wsteth", quote("lido-wsteth", "wstETH", "0.032"),
                "aave-wsteth-loop", loopQuote(12.5, 0.032, 0.02));
        PolicyOutcome o = p.decide(new MarketState(idle(1_000), quotes, prices(), alerts, Long.MIN_VALUE));
        assertTrue(o.notes().stream().anyMatch(n -> n.startsWith("aave-wsteth-loop@ltv0.92: HF ") && n.endsWith("rung left out")), o.notes().toString());
        List<String> rungs = o.problem().venues().stream().map(io.lrtyield.strategy.optimizer.Venue::id).filter(id -> id.contains("@")).toList();
        assertEquals(List.of("aave-wsteth-loop@ltv0.475", "aave-wsteth-loop@ltv0.836"), rungs);
        var rung = o.problem().venues().stream().filter(v -> v.id().equals("aave-wsteth-loop@ltv0.836")).findFirst().orElseThrow();
        double l = 1 / (1 - 0.836);
        assertEquals(l * 0.032 - (l - 1) * 0.02, rung.apy(), 1e-12, "the rung's net APY from the quote's components");
        double chosen = o.result().allocations().stream().filter(va -> va.venue().equals("aave-wsteth-loop@ltv0.836")).findFirst()
                .orElseThrow().amount();
        assertTrue(chosen > 100, "the passing rung is used: " + o.result().allocations());
        assertEquals(new BigDecimal("0.836"), LoopLadder.blendedLtv(Map.of(new BigDecimal("0.836"), chosen)));

        // the entry borrows (L − 1) per ETH of equity: with 200 WETH to borrow, the 83.6 % rung holds at most 0.9 × 200 / (L − 1)
        Map<String, YieldQuote> thin = Map.of("lido-wsteth", quote("lido-wsteth", "wstETH", "0.032"),
                "aave-wsteth-loop", loopQuote(12.5, 0.032, 0.02, Map.of("borrowAvailableEth", "200")));
        PolicyOutcome t = p.decide(new MarketState(idle(1_000), thin, prices(), alerts, Long.MIN_VALUE));
        var capped = t.problem().venues().stream().filter(v -> v.id().equals("aave-wsteth-loop@ltv0.836")).findFirst().orElseThrow();
        assertEquals(0.9 * 200 / (l - 1), capped.cap(), 1e-9);
        // and the rungs together: each capped alone would let two rungs borrow twice what Aave holds
        var borrow = t.problem().groups().stream().filter(g -> g.name().equals("borrow:aave-wsteth-loop")).findFirst().orElseThrow();
        assertEquals(0.9 * 200 / (l - 1), borrow.cap(), 1e-9);
        assertEquals(List.of("aave-wsteth-loop@ltv0.475", "aave-wsteth-loop@ltv0.836"), borrow.venues());
        double borrowed = t.result().allocations().stream().filter(va -> va.venue().contains("@"))
                .mapToDouble(va -> va.amount() * (1 / (1 - Double.parseDouble(va.venue().substring(va.venue().indexOf("ltv") + 3))) - 1)).sum();
        assertTrue(borrowed <= 0.9 * 200 + 1e-6, "the rungs borrow " + borrowed + " WETH of the 180 Aave can lend");
    }

    /**
     * A loop is one account at one LTV. Offered side by side, its rungs would each carry their own size decay and the
     * optimizer would spread the loop over several (the decay of a sum is more than the sum of the decays, so the spread
     * looked better than the one position the plan builds) — and once held, the whole loop counted on one rung, so the
     * next decision wanted to move equity between rungs, a trade the plan cannot make. Now: one rung per loop, the best
     * objective of each choice solved alone; a held loop is offered at its own rung only.
     */
    @Test
    void aLoopTakesOneRungAndAHeldLoopIsOfferedAtItsOwnRungOnly() {
        Catalogue c = new Catalogue("test", 31337, CATALOGUE.contracts(), CATALOGUE.assets(), List.of(
                CATALOGUE.venue("idle-eth").orElseThrow(), CATALOGUE.venue("lido-wsteth").orElseThrow(),
                new Venue("aave-wsteth-loop", "LEVERAGED_LOOP", "wstETH", "aave", 3, 0, 0.0,
                        Map.of("borrowAsset", "WETH", "targetLtv", "0.9", "liquidationThreshold", "0.95"))));
        PolicySettings ladder = new PolicySettings(1.0, 90, new BigDecimal("0.01"), 0.5, 3600, 0.5, Map.of(), 0.6, 0.7,
                Map.of(), 0.1, 1, 20, 250_000, 1, 0, 0.1, new BigDecimal("1.03"), List.of(0.5, 0.7, 0.8, 0.88), 10);
        PlanBuilder b = new PlanBuilder(PlanAddresses.from(c), addr(99), new PlanSettings(50, BigDecimal.ONE, new BigDecimal("1.05"), 40));
        DecisionPolicy p = new DecisionPolicy(c, ladder, new RiskScorer(riskSettings), new StressTester(c, riskSettings), b,
                riskSettings.minStressedHealthFactor());
        // a loop whose yield falls with our size (our borrowing raises the rate): 10 ETH at the quote, 600 ETH 2.5 points lower
        double l0 = 10;
        double net = l0 * 0.032 - (l0 - 1) * 0.02;
        YieldQuote decaying = new YieldQuote(1, "q-loop", "aave-wsteth-loop", "LEVERAGED_LOOP", "wstETH", BigDecimal.valueOf(net), "spot",
                loopQuote(l0, 0.032, 0.02).components(), List.of(),
                List.of(new SizePoint(BigDecimal.TEN, BigDecimal.valueOf(net)), new SizePoint(new BigDecimal("600"), BigDecimal.valueOf(net - 0.025))),
                10, List.of(), P, Map.of());
        Map<String, YieldQuote> quotes = Map.of("lido-wsteth", quote("lido-wsteth", "wstETH", "0.032"), "aave-wsteth-loop", decaying);
        PolicyOutcome o = p.decide(new MarketState(idle(1_000), quotes, prices(), alerts, Long.MIN_VALUE));
        List<VenueAllocation> rungs = o.result().allocations().stream().filter(va -> va.venue().contains("@") && va.amount() > 1e-6).toList();
        assertEquals(1, rungs.size(), "one rung: " + o.result().allocations());
        assertTrue(rungs.get(0).amount() > 10, "the loop is used: " + rungs);
        assertTrue(o.notes().contains(rungs.get(0).venue() + ": chosen among 4 rungs of aave-wsteth-loop (one account, one LTV: best objective)"),
                o.notes().toString());
        // the chosen rung is the best single-rung solve: the same problem with only another rung open does no better
        for (var other : o.problem().venues().stream().filter(v -> v.id().contains("@") && !v.id().equals(rungs.get(0).venue())).toList()) {
            List<io.lrtyield.strategy.optimizer.Venue> vs = new java.util.ArrayList<>();
            for (var v : o.problem().venues()) {
                boolean open = v.id().equals(other.id()) || !v.id().contains("@");
                vs.add(new io.lrtyield.strategy.optimizer.Venue(v.id(), v.current(), v.apy(), v.apyDecayPerUnit(), v.risk(),
                        open ? (v.id().equals(other.id()) ? o.problem().venues().stream().filter(x -> x.id().equals(rungs.get(0).venue()))
                                .findFirst().orElseThrow().cap() : v.cap()) : 0, v.exitLiquidityCap(), v.withdrawalDelayDays(), v.cost()));
            }
            var alone = new io.lrtyield.strategy.optimizer.AllocationOptimizer().solve(new io.lrtyield.strategy.optimizer.AllocationProblem(vs,
                    o.problem().groups(), o.problem().reserve(), o.problem().total(), o.problem().riskAversion(), o.problem().horizonYears()));
            assertTrue(alone.objective() <= o.result().objective() + 1e-9, other.id() + " alone " + alone.objective() + " > " + o.result().objective());
        }

        // held at LTV 0.9 (108 WETH debt on 100 wstETH at 1.2): offered at the nearest rung (0.836 = 0.88 × 0.95) only
        PolicyOutcome held = p.decide(new MarketState(withLoop("1.1"), quotes, prices(), alerts, Long.MIN_VALUE));
        assertEquals(List.of("aave-wsteth-loop@ltv0.836"), held.problem().venues().stream().map(io.lrtyield.strategy.optimizer.Venue::id)
                .filter(id -> id.contains("@")).toList());
        assertEquals(12, held.problem().venues().stream().filter(v -> v.id().contains("@")).findFirst().orElseThrow().current(), 1e-9);
    }

    static Portfolio idleAt(long eth, long block) {
        BigDecimal v = BigDecimal.valueOf(eth);
        return new Portfolio(addr(99), block, P.blockTimestamp(),
                List.of(new VenuePosition("idle-eth", List.of(new Holding("native ETH", "ETH", E18.multiply(BigInteger.valueOf(eth)), false)),
                        v, v, null, List.of())), null, v, v, List.of());
    }

    /**
     * A plan made while a venue's data is missing or late is made on part of the market and undone when the data returns
     * (a loaded machine's first plan put 30 % into Aave WETH supply while the staking prices lagged). A rebalance waits up
     * to 60 blocks for it, then plans without that venue; a venue left out for what it is (UNSAFE, flagged) never waits.
     */
    @Test
    void aRebalanceWaitsForAVenuesMissingDataThenPlansWithoutIt() {
        Map<String, YieldQuote> quotes = new HashMap<>(quotes("0.035", "0.03", "0.045"));
        quotes.remove("rocketpool-reth");
        PolicyOutcome first = policy.decide(new MarketState(idleAt(1_000, 40), quotes, prices(), alerts, Long.MIN_VALUE));
        assertEquals(PolicyOutcome.HOLD, first.action(), first.reason());
        assertEquals("no quote yet", first.excluded().get("rocketpool-reth"));
        assertTrue(first.reason().startsWith("hold while waiting for the data of rocketpool-reth (left out since block 40, waits up to 60 "
                + "blocks): a plan on part of the market would be undone when it returns (gain "), first.reason());
        assertEquals(PolicyOutcome.HOLD, policy.decide(new MarketState(idleAt(1_000, 99), quotes, prices(), alerts, Long.MIN_VALUE)).action());
        PolicyOutcome after = policy.decide(new MarketState(idleAt(1_000, 100), quotes, prices(), alerts, Long.MIN_VALUE));
        assertEquals(PolicyOutcome.REBALANCE, after.action(), after.reason());
        assertEquals("no quote yet", after.excluded().get("rocketpool-reth"));

        // back, then gone again: the wait starts over
        PolicyOutcome back = policy.decide(new MarketState(idleAt(1_000, 101), quotes("0.035", "0.03", "0.045"), prices(), alerts, Long.MIN_VALUE));
        assertEquals(PolicyOutcome.REBALANCE, back.action(), back.reason());
        assertEquals(PolicyOutcome.HOLD, policy.decide(new MarketState(idleAt(1_000, 102), quotes, prices(), alerts, Long.MIN_VALUE)).action());

        // UNSAFE is what the market is, not late data: planned without it at once
        DecisionPolicy fresh = new DecisionPolicy(CATALOGUE, settings, new RiskScorer(riskSettings), new StressTester(CATALOGUE, riskSettings),
                routes, riskSettings.minStressedHealthFactor());
        Map<String, PriceTick> unsafe = prices();
        unsafe.put("rETH", tick("rETH", "1.1", PriceStatus.UNSAFE, "sources disagree"));
        PolicyOutcome u = fresh.decide(new MarketState(idleAt(1_000, 40), quotes("0.035", "0.03", "0.045"), unsafe, alerts, Long.MIN_VALUE));
        assertEquals(PolicyOutcome.REBALANCE, u.action(), u.reason());
        assertTrue(u.excluded().get("rocketpool-reth").startsWith("rETH UNSAFE"), u.excluded().toString());
    }

    /**
     * A quote describes the market with our position in it. A lending venue paying 4 % at size zero, 1 point lower per
     * 1,000 ETH of our supply, beside a flat 3 %: the optimum from zero is 500 ETH. Once supplied, the market pays 3.5 %
     * and its curve falls from there; anchored at the quote the optimizer keeps the 500 — read from zero, the held
     * position would carry its own impact twice and the next decision would take 250 ETH out again.
     */
    @Test
    void aHeldPositionIsValuedAtTheQuoteThatAlreadyHoldsItsImpact() {
        double d = 1e-5;
        java.util.function.DoubleUnaryOperator targetOfA = held -> {
            double quoted = 0.04 - d * held;
            var a = new io.lrtyield.strategy.optimizer.Venue("a", held, DecisionPolicy.withOurOwn(quoted, d, held), d, 0, 1_000, 1_000, 0,
                    io.lrtyield.strategy.optimizer.TradeCost.NONE);
            var b = new io.lrtyield.strategy.optimizer.Venue("b", 1_000 - held, 0.03, 0, 0, 1_000, 1_000, 0, io.lrtyield.strategy.optimizer.TradeCost.NONE);
            return new io.lrtyield.strategy.optimizer.AllocationOptimizer().solve(new io.lrtyield.strategy.optimizer.AllocationProblem(List.of(a, b),
                    List.of(), io.lrtyield.strategy.optimizer.LiquidityReserve.NONE, 1_000, 0, 1)).allocations().get(0).amount();
        };
        assertEquals(500, targetOfA.applyAsDouble(0), 1e-6);
        assertEquals(500, targetOfA.applyAsDouble(500), 1e-6, "the position entered is kept");
        assertEquals(500, targetOfA.applyAsDouble(800), 1e-6, "too much is trimmed to the same optimum");
        assertEquals(0.04, DecisionPolicy.withOurOwn(0.035, d, 500), 1e-15);
    }

    /** Never enter what cannot be left: a venue with an entry route but no exit route stays out of the problem. */
    @Test
    void aVenueWithNoExitRouteIsNotEntered() {
        Map<String, String> contracts = new HashMap<>(CATALOGUE.contracts());
        contracts.put("renzoRestakeManager", addr(12));
        List<Asset> assets = new java.util.ArrayList<>(CATALOGUE.assets());
        assets.add(new Asset("ezETH", addr(13), 18, "ETH", null));
        List<Venue> venues = new java.util.ArrayList<>(CATALOGUE.venues());
        venues.add(new Venue("renzo-ezeth", "RESTAKING_TOKEN", "ezETH", "renzo", 3, 7 * 86_400, 0.0));
        Catalogue c = new Catalogue("test", 31337, contracts, assets, venues);
        PlanBuilder b = new PlanBuilder(PlanAddresses.from(c), addr(99), new PlanSettings(50, BigDecimal.ONE, new BigDecimal("1.05"), 40));
        assertTrue(b.canEnter(c.venue("renzo-ezeth").orElseThrow()) && !b.canExit(c.venue("renzo-ezeth").orElseThrow()));
        DecisionPolicy p = new DecisionPolicy(c, settings, new RiskScorer(riskSettings), new StressTester(c, riskSettings), b,
                riskSettings.minStressedHealthFactor());
        Map<String, YieldQuote> quotes = new HashMap<>(quotes("0.035", "0.03", "0.045"));
        quotes.put("renzo-ezeth", quote("renzo-ezeth", "ezETH", "0.09"));
        Map<String, PriceTick> prices = prices();
        prices.put("ezETH", tick("ezETH", "1.05", PriceStatus.OK, null));
        PolicyOutcome o = p.decide(new MarketState(idle(1000), quotes, prices, alerts, Long.MIN_VALUE));
        assertEquals("no allowlisted exit route: not entered", o.excluded().get("renzo-ezeth"));
        assertTrue(o.result().allocations().stream().noneMatch(va -> va.venue().equals("renzo-ezeth")));
    }

    /** A price that stopped coming is stale after N blocks, whatever status it was published with. */
    @Test
    void aPriceOlderThanTheMaximumAgeIsStaleWhateverItsStatus() {
        Map<String, PriceTick> prices = prices();
        Provenance old = new Provenance(31337, P.blockNumber() - 11, "0xcd", P.blockTimestamp() - 11);
        prices.put("rETH", new PriceTick(1, "t-old", "rETH", new BigDecimal("1.1"), null, new BigDecimal("1.1"), BigDecimal.ZERO,
                PriceStatus.OK, BigDecimal.ONE, List.of(), List.of(), old));
        PolicyOutcome o = policy.decide(new MarketState(idle(1000), quotes("0.035", "0.03", "0.045"), prices, alerts, Long.MIN_VALUE));
        assertEquals("rETH STALE (last price at block 89, 11 blocks old > 10)", o.excluded().get("rocketpool-reth"));
        assertTrue(o.reason().startsWith("circuit breaker: rocketpool-reth excluded, rETH STALE (last price at block 89"), o.reason());
    }

    /** A quote not republished for three times the yield service's heartbeat is stale: that venue is left out. */
    @Test
    void aQuoteOlderThanItsMaximumAgeLeavesItsVenueOut() {
        Map<String, YieldQuote> quotes = new java.util.HashMap<>(quotes("0.035", "0.03", "0.045"));
        quotes.put("rocketpool-reth", quoteAt("rocketpool-reth", "rETH", "0.03", P.blockNumber() - 31));
        PolicyOutcome o = policy.decide(new MarketState(idle(1000), quotes, prices(), alerts, Long.MIN_VALUE));
        assertEquals("quote STALE (of block 69, 31 blocks old > 30: the yield service's reads are failing)", o.excluded().get("rocketpool-reth"));
        assertNull(o.excluded().get("lido-wsteth"));
        quotes.put("rocketpool-reth", quoteAt("rocketpool-reth", "rETH", "0.03", P.blockNumber() - 30));
        assertNull(policy.decide(new MarketState(idle(1000), quotes, prices(), alerts, Long.MIN_VALUE)).excluded().get("rocketpool-reth"),
                "30 blocks: still fresh");
    }

    static YieldQuote quoteAt(String venue, String asset, String apy, long block) {
        Provenance at = new Provenance(31337, block, "0xcd", P.blockTimestamp() - (P.blockNumber() - block));
        return new YieldQuote(1, "q-" + venue + "-" + block, venue, "X", asset, new BigDecimal(apy), "7d", List.of(), List.of(),
                List.of(new SizePoint(BigDecimal.ONE, new BigDecimal(apy)), new SizePoint(new BigDecimal("1000"), new BigDecimal(apy))),
                10, List.of(), at);
    }

    /** An admin's margin override is applied: an impossible minimum gain holds what would otherwise rebalance. */
    @Test
    void theAdminsMinimumGainOverrideIsApplied() {
        PolicyOutcome o = policy.decide(new MarketState(idle(1000), quotes("0.035", "0.03", "0.045"), prices(), alerts, Long.MIN_VALUE,
                new BigDecimal("1000"), null));
        assertEquals(PolicyOutcome.HOLD, o.action());
        assertTrue(o.reason().startsWith("hold because the gain does not beat the costs by the margin"), o.reason());
    }

    @Test
    void noPlanWhenTheGainIsBelowTheCosts() {
        // 0.2 bp a year on 1 ETH: a month of it is nowhere near the gas of one action
        PolicyOutcome o = policy.decide(new MarketState(idle(1), quotes("0.00002", "0.00001", "0.00002"), prices(), alerts, Long.MIN_VALUE));
        assertEquals(PolicyOutcome.HOLD, o.action(), o.reason());
        assertTrue(o.reason().startsWith("hold because"), o.reason());
    }

    @Test
    void aStalePriceExcludesItsVenueAndTheReasonKeepsTheCircuitBreakerFormat() {
        Map<String, PriceTick> prices = prices();
        prices.put("rETH", tick("rETH", "1.1", PriceStatus.UNSAFE, "rate above its growth cap"));
        prices.put("weETH", tick("weETH", "1.05", PriceStatus.STALE, "no source fresher than its heartbeat"));
        PolicyOutcome o = policy.decide(new MarketState(idle(1000), quotes("0.035", "0.95", "0.045"), prices, alerts, Long.MIN_VALUE));
        assertTrue(o.reason().startsWith("circuit breaker: rocketpool-reth excluded, rETH UNSAFE (rate above its growth cap); "
                + "etherfi-weeth excluded, weETH STALE (no source fresher than its heartbeat); "), o.reason());
        assertTrue(o.result().allocations().stream().noneMatch(va -> va.venue().equals("rocketpool-reth")));
        assertTrue(o.result().allocations().stream().noneMatch(va -> va.venue().equals("etherfi-weeth")));
    }

    @Test
    void aStalePriceOfAHeldAssetBlocksEveryNewPlanAndSaysWhy() {
        Map<String, PriceTick> prices = prices();
        prices.put("wstETH", tick("wstETH", "1.2", PriceStatus.STALE, "no source fresher than its heartbeat"));
        PolicyOutcome o = policy.decide(new MarketState(withLoop("1.055"), quotes("0.035", "0.03", "0.045"), prices, alerts, Long.MIN_VALUE));
        assertEquals(PolicyOutcome.HOLD, o.action());
        assertEquals("circuit breaker: lido-wsteth excluded, wstETH STALE (no source fresher than its heartbeat); aave-wsteth-loop "
                + "excluded, wstETH STALE (no source fresher than its heartbeat); hold because the vault holds aave-wsteth-loop whose "
                + "price cannot be acted on: no new plan until it is OK", o.reason());
    }

    Portfolio withLoop(String hf) {
        BigDecimal coll = new BigDecimal("120");
        BigDecimal debt = new BigDecimal("108");
        VenuePosition loop = new VenuePosition("aave-wsteth-loop", List.of(
                new Holding("aToken wstETH", "wstETH", E18.multiply(BigInteger.valueOf(100)), false),
                new Holding("debt WETH", "WETH", E18.multiply(BigInteger.valueOf(108)), true)),
                coll.subtract(debt), coll.subtract(debt), new BigDecimal(hf), List.of());
        VenuePosition idle = idle(50).positions().get(0);
        BigDecimal total = new BigDecimal("62");
        return new Portfolio(addr(99), P.blockNumber(), P.blockTimestamp(), List.of(idle, loop), null, total, total, List.of());
    }

    @Test
    void aHealthFactorBelowTheTriggerDeleveragesAtOnceDespiteTheCooldown() {
        PolicyOutcome o = policy.decide(new MarketState(withLoop("1.02"), quotes("0.035", "0.03", "0.045"), prices(), alerts,
                P.blockTimestamp() - 1));
        assertEquals(PolicyOutcome.DELEVERAGE, o.action());
        assertEquals("aave-wsteth-loop", o.deleverage());
        assertTrue(o.reason().contains("health factor 1.02 < trigger 1.03"), o.reason());
        PolicyOutcome fine = policy.decide(new MarketState(withLoop("1.055"), quotes("0.035", "0.03", "0.045"), prices(), alerts,
                P.blockTimestamp() - 1));
        assertEquals(PolicyOutcome.HOLD, fine.action(), fine.reason());
        assertNull(fine.deleverage());
    }

    /** wstETH's market 4 % under its rate of 1.2, stETH's too: the prices a CRITICAL stETH depeg comes with. */
    Map<String, PriceTick> depegged() {
        Map<String, PriceTick> m = prices();
        m.put("wstETH", new PriceTick(1, "t-wstETH", "wstETH", new BigDecimal("1.152"), null, new BigDecimal("1.2"), new BigDecimal("400"),
                PriceStatus.OK, BigDecimal.ONE, List.of(), List.of(), P));
        m.put("stETH", new PriceTick(1, "t-stETH", "stETH", new BigDecimal("0.96"), null, BigDecimal.ONE, new BigDecimal("400"),
                PriceStatus.OK, BigDecimal.ONE, List.of(), List.of(), P));
        return m;
    }

    @Test
    void aCriticalDepegDeleveragesALoopUnderTheTargetHealthFactor() {
        alerts.onAlert(new RiskAlert(1, "a1", "stETH", "DEPEG", "CRITICAL", "stETH 4% below", new BigDecimal("400"),
                new BigDecimal("200"), true, P));
        // HF 1.045: above the trigger (1.03), under the target (1.05): deleverage to the target during the depeg
        PolicyOutcome o = policy.decide(new MarketState(withLoop("1.045"), quotes("0.035", "0.03", "0.045"), depegged(), alerts,
                P.blockTimestamp() - 1));
        assertEquals(PolicyOutcome.DELEVERAGE, o.action(), o.reason());
        assertEquals("aave-wsteth-loop", o.deleverage());
        assertTrue(o.reason().contains("active CRITICAL DEPEG alert on stETH and HF 1.045 < target 1.05"), o.reason());
        alerts.onAlert(new RiskAlert(1, "a2", "stETH", "DEPEG", "CRITICAL", "cleared", new BigDecimal("10"),
                new BigDecimal("200"), false, P));
        assertEquals(PolicyOutcome.HOLD, policy.decide(new MarketState(withLoop("1.045"), quotes("0.035", "0.03", "0.045"), prices(),
                alerts, P.blockTimestamp() - 1)).action());
    }

    @Test
    void aLoopAtOrAboveTheTargetIsHeldNotSoldIntoTheDepeg() {
        alerts.onAlert(new RiskAlert(1, "a1", "stETH", "DEPEG", "CRITICAL", "stETH 4% below", new BigDecimal("400"),
                new BigDecimal("200"), true, P));
        // HF 1.25 ≥ the target: no emergency; the policy goes on and says why the loop stays
        PolicyOutcome o = policy.decide(new MarketState(withLoop("1.25"), quotes("0.035", "0.03", "0.045"), depegged(), alerts,
                P.blockTimestamp() - 1));
        assertNotEquals(PolicyOutcome.DELEVERAGE, o.action(), o.reason());
        assertNull(o.deleverage());
        assertTrue(o.notes().stream().anyMatch(n -> n.startsWith("aave-wsteth-loop: active CRITICAL DEPEG alert on stETH, HF 1.25 ≥ target 1.05")
                && n.endsWith("held, not sold into the depeg")), o.notes().toString());
    }
}
