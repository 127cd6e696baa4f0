package io.lrtyield.rebalancer.risk;

import io.lrtyield.common.event.PriceTick;
import io.lrtyield.rebalancer.portfolio.AaveAccount;
import io.lrtyield.rebalancer.portfolio.Holding;
import io.lrtyield.rebalancer.portfolio.Portfolio;
import io.lrtyield.rebalancer.portfolio.PortfolioValuer;
import io.lrtyield.rebalancer.portfolio.PortfolioValuerTest;
import io.lrtyield.rebalancer.portfolio.RawSnapshot;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class StressTesterTest {

    final RiskSettings settings = RiskSettings.defaults();
    final StressTester tester = new StressTester(PortfolioValuerTest.CATALOGUE, settings);

    @Test
    void scenariosCoverEachLrtTheLstsTheBorrowRateAndTheOracle() {
        assertEquals(List.of("depeg weETH 10%", "correlated LST depeg 5%", "borrow rate 25% APR", "oracle switched to market price"),
                tester.scenarios().stream().map(StressScenario::name).toList());
    }

    @Test
    void lossAndHealthFactorPerScenarioForALoop() {
        AaveAccount aave = new AaveAccount(BigInteger.ONE, BigInteger.ONE, new BigDecimal("0.95"), new BigDecimal("1.055555"),
                Map.of("wstETH", PortfolioValuerTest.eth("100")), Map.of("WETH", PortfolioValuerTest.eth("108")));
        RawSnapshot raw = new RawSnapshot(10, 100, BigInteger.ZERO, Map.of(), aave, Map.of(), 0, List.of(), Map.of());
        Map<String, PriceTick> prices = Map.of("wstETH", PortfolioValuerTest.tick("wstETH", "1.2", "1.14"));
        Portfolio p = new PortfolioValuer(PortfolioValuerTest.CATALOGUE).value("vault", raw, prices);
        List<StressRow> rows = tester.run(p, prices).stream().filter(r -> r.venueId().equals("aave-wsteth-loop")).toList();
        // weETH depeg: the wstETH loop is untouched
        assertEquals(0, rows.get(0).loss().signum());
        assertEquals(new BigDecimal("1.055555"), rows.get(0).healthFactor());
        // LST −5 % (on stETH, under wstETH): collateral 120 → 114, loss 6, HF × 0.95
        assertEquals(0, new BigDecimal("6").compareTo(rows.get(1).loss()));
        assertEquals(new BigDecimal("1.002777"), rows.get(1).healthFactor());
        // borrow 25 % APR over 0.0833 y: debt × 1.020825
        assertEquals(0, new BigDecimal("2.2491").compareTo(rows.get(2).loss()));
        assertEquals(new BigDecimal("1.034021"), rows.get(2).healthFactor()); // 1.055555 / 1.020825, rounded down
        // the oracle at the market price (1.14): as the 5 % depeg
        assertEquals(new BigDecimal("1.002777"), rows.get(3).healthFactor());
        // a position without debt has no health factor
        assertNull(tester.run(p, prices).stream().filter(r -> r.venueId().equals("idle-eth")).findFirst().orElseThrow().healthFactor());
    }

    @Test
    void aLoopAtItsTargetLeverageUnderStress() {
        Map<String, PriceTick> prices = Map.of("wstETH", PortfolioValuerTest.tick("wstETH", "1.2", "1.2"));
        StressScenario lst = tester.scenarios().get(1);
        assertEquals(new BigDecimal("1.002777"), tester.loopHealthFactor(lst, "wstETH", "WETH", new BigDecimal("0.9"),
                new BigDecimal("0.95"), prices));
    }

    @Test
    void riskScoreAddsTierDepegsIlliquidityDelayAndSlashing() {
        AlertBook alerts = new AlertBook(86_400);
        var venue = PortfolioValuerTest.CATALOGUE.venue("etherfi-weeth").orElseThrow();
        var quote = new io.lrtyield.common.event.YieldQuote(1, "q", "etherfi-weeth", "RESTAKING_TOKEN", "weETH", new BigDecimal("0.04"),
                "7d", List.of(), List.of(), List.of(), 1, List.of(), PortfolioValuerTest.P, Map.of("exitLiquidityEth", "50"));
        RiskScorer.Score s = new RiskScorer(settings).score(venue, quote, 2, 100);
        // 3 × 0.002 + 2 × 0.002 + 0.01 × (1 − 50/100) + 0 days + 0.003
        assertEquals(0.018, s.score(), 1e-12);
        assertEquals(0, alerts.depegCount("weETH", 0));
    }

    @Test
    void theLargestAvsSlashingItsMaximumTakesEachTokensSlashableShare() {
        // ezETH-like: backing 1000, slashable da 0.42, bridge 0.15; weETH-like: backing 3000, da 0.2, bridge 0.33
        PriceTick ez = PortfolioValuerTest.tick("weETH", "1.05", "1.05").withExposure(exposure("1000", "420", "150"));
        PriceTick other = PortfolioValuerTest.tick("rsETH", "1.02", "1.02").withExposure(exposure("3000", "600", "990"));
        // da: 420 + 600 = 1,020 ETH; bridge: 150 + 990 = 1,140 ETH → bridge is the largest
        StressScenario s = StressTester.largestAvsSlash(Map.of("weETH", ez, "rsETH", other)).orElseThrow();
        assertEquals("largest AVS bridge/2 slashes its maximum (1140 ETH slashable)", s.name());
        assertEquals(0, new BigDecimal("0.15").compareTo(s.shocks().get("weETH")));
        assertEquals(0, new BigDecimal("0.33").compareTo(s.shocks().get("rsETH")));
        assertEquals(5, tester.scenarios(Map.of("weETH", ez)).size(), "the four scenarios and the AVS slash");
    }

    static io.lrtyield.common.event.RestakingExposure exposure(String backing, String da, String bridge) {
        return new io.lrtyield.common.event.RestakingExposure(new BigDecimal(backing), List.of(new io.lrtyield.common.event.RestakingExposure.Delegation(
                "0xc", "0xo", "op", new BigDecimal(backing), BigDecimal.ONE, List.of(
                        new io.lrtyield.common.event.RestakingExposure.Allocation("da/0", "0xa", BigDecimal.ONE, new BigDecimal(da)),
                        new io.lrtyield.common.event.RestakingExposure.Allocation("bridge/2", "0xb", BigDecimal.ONE, new BigDecimal(bridge))))),
                true, List.of());
    }
}
