package io.lrtyield.rebalancer.decision;

import io.lrtyield.common.event.Provenance;
import io.lrtyield.common.event.YieldQuote;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class DecisionEngineTest {

    private static final String VAULT = "0x00000000000000000000000000000000000000a1";
    private static final long NOW = 1_700_000_123_000L;

    private static YieldQuote quote(String venueId, String netApy, long block, String... flags) {
        Provenance p = new Provenance(31337, block, "0xh" + block, 1_700_000_000L + block * 12);
        return new YieldQuote(1, YieldQuote.idFor(venueId, p), venueId, "NATIVE_STAKING", "wstETH", new BigDecimal(netApy), "7d",
                null, null, null, 10, List.of(flags), p);
    }

    private static DecisionEngine engine(String currentVenue, String marginBps) {
        DecisionEngine engine = new DecisionEngine(VAULT, currentVenue, "idle-eth", new BigDecimal(marginBps));
        engine.onPrice(tick("wstETH", io.lrtyield.common.event.PriceStatus.DEGRADED, 1));
        return engine;
    }

    private static io.lrtyield.common.event.PriceTick tick(String asset, io.lrtyield.common.event.PriceStatus status, long block) {
        Provenance p = new Provenance(31337, block, "0xp" + block, 1_700_000_000L + block * 12);
        return new io.lrtyield.common.event.PriceTick(1, io.lrtyield.common.event.PriceTick.idFor(asset, p), asset, null, null,
                new BigDecimal("1.2"), null, status, null, List.of(), List.of("why " + status), p);
    }

    private static YieldQuote quote(String venueId, String asset, String netApy, long block) {
        Provenance p = new Provenance(31337, block, "0xh" + block, 1_700_000_000L + block * 12);
        return new YieldQuote(1, YieldQuote.idFor(venueId, p), venueId, "NATIVE_STAKING", asset, new BigDecimal(netApy), "7d",
                null, null, null, 10, List.of(), p);
    }

    @Test
    void circuitBreakerExcludesAVenueWhoseAssetPriceIsUnsafeAndSaysWhy() {
        DecisionEngine engine = engine("idle-eth", "10");
        engine.onPrice(tick("rETH", io.lrtyield.common.event.PriceStatus.UNSAFE, 100));
        engine.onQuote(quote("lido-wsteth", "wstETH", "0.0300", 100), NOW);
        Decision d = engine.onQuote(quote("rocketpool-reth", "rETH", "0.9000", 101), NOW);
        assertEquals("lido-wsteth", d.bestVenue(), "the 90 % venue rests on an UNSAFE price: never chosen");
        assertEquals(Decision.REBALANCE, d.action());
        assertEquals(true, d.reason().startsWith("circuit breaker: rocketpool-reth excluded, rETH UNSAFE (why UNSAFE); move idle-eth"), d.reason());

        engine.onPrice(tick("rETH", io.lrtyield.common.event.PriceStatus.OK, 102));
        Decision after = engine.onQuote(quote("rocketpool-reth", "rETH", "0.9000", 103), NOW);
        assertEquals("rocketpool-reth", after.bestVenue(), "breaker closes once the price is actionable again");
    }

    @Test
    void anAssetWithoutAnyPriceIsNotActedOn() {
        DecisionEngine engine = new DecisionEngine(VAULT, "idle-eth", "idle-eth", new BigDecimal("10"));
        Decision d = engine.onQuote(quote("lido-wsteth", "wstETH", "0.0300", 100), NOW);
        assertEquals(Decision.HOLD, d.action());
        assertEquals("circuit breaker: lido-wsteth excluded, wstETH has no price yet; no trusted quote with an actionable price yet", d.reason());
    }

    @Test
    void theCurrentVenueBehindAnUnsafePriceHolds() {
        DecisionEngine engine = engine("rocketpool-reth", "10");
        engine.onPrice(tick("rETH", io.lrtyield.common.event.PriceStatus.STALE, 100));
        engine.onQuote(quote("rocketpool-reth", "rETH", "0.0250", 100), NOW);
        Decision d = engine.onQuote(quote("lido-wsteth", "wstETH", "0.0300", 101), NOW);
        assertEquals(Decision.HOLD, d.action());
        assertEquals(true, d.reason().startsWith("circuit breaker: cannot price the exit from rocketpool-reth, rETH STALE"), d.reason());
    }

    @Test
    void idleVaultMovesToTheBestVenueWhenTheGainClearsTheMargin() {
        DecisionEngine engine = engine("idle-eth", "50");
        engine.onQuote(quote("rocketpool-reth", "0.0251", 100), NOW);
        YieldQuote lido = quote("lido-wsteth", "0.0288", 101);
        Decision d = engine.onQuote(lido, NOW);

        assertEquals(Decision.REBALANCE, d.action());
        assertEquals(VAULT, d.vault());
        assertEquals("idle-eth", d.currentVenue());
        assertEquals(BigDecimal.ZERO, d.currentNetApy(), "idle ETH earns exactly zero");
        assertEquals("lido-wsteth", d.bestVenue());
        assertEquals(new BigDecimal("0.0288"), d.bestNetApy());
        assertEquals(new BigDecimal("288.0000"), d.gainBps());
        assertEquals(101, d.blockNumber());
        assertEquals(lido.eventId(), d.quoteEventId());
        assertEquals(NOW, d.decidedAtMillis());
        assertTrue(d.reason().startsWith("move idle-eth → lido-wsteth: +288.0000 bps ≥ margin 50 bps"), d.reason());
    }

    @Test
    void gainIsRoundedHalfEvenToFourDecimalsOfABasisPoint() {
        DecisionEngine engine = engine("rocketpool-reth", "10");
        engine.onQuote(quote("rocketpool-reth", "0.025", 100), NOW);
        // (0.028812345 − 0.025) × 10 000 = 38.12345: an exact tie, half-even keeps the even digit (half-up would say 38.1235)
        Decision d = engine.onQuote(quote("lido-wsteth", "0.028812345", 100), NOW);
        assertEquals(new BigDecimal("38.1234"), d.gainBps());
        // 38.1234565 is above the half: rounds up
        assertEquals(new BigDecimal("38.1235"), engine.onQuote(quote("lido-wsteth", "0.02881234565", 101), NOW).gainBps());
        assertEquals(new BigDecimal("0.025"), d.currentNetApy());
        assertEquals(Decision.REBALANCE, d.action());
    }

    @Test
    void gainBelowTheMarginHolds() {
        DecisionEngine engine = engine("idle-eth", "300");
        Decision d = engine.onQuote(quote("lido-wsteth", "0.0288", 101), NOW);
        assertEquals(Decision.HOLD, d.action());
        assertEquals("lido-wsteth", d.bestVenue());
        assertEquals(new BigDecimal("288.0000"), d.gainBps());
        assertEquals("best venue lido-wsteth gains 288.0000 bps < margin 300 bps", d.reason());
    }

    @Test
    void gainEqualToTheMarginRebalances() {
        Decision d = engine("idle-eth", "288").onQuote(quote("lido-wsteth", "0.0288", 101), NOW);
        assertEquals(Decision.REBALANCE, d.action());
    }

    @Test
    void alreadyInTheBestVenueHolds() {
        DecisionEngine engine = engine("lido-wsteth", "0");
        engine.onQuote(quote("lido-wsteth", "0.0288", 100), NOW);
        Decision d = engine.onQuote(quote("rocketpool-reth", "0.0251", 100), NOW);
        assertEquals(Decision.HOLD, d.action());
        assertEquals("lido-wsteth", d.bestVenue());
        assertEquals(new BigDecimal("0.0288"), d.currentNetApy());
        assertEquals(new BigDecimal("0.0000"), d.gainBps());
        assertEquals("already in the best venue lido-wsteth", d.reason());
    }

    @Test
    void flaggedQuotesAreNotTrustedAsBest() {
        DecisionEngine engine = engine("idle-eth", "50");
        engine.onQuote(quote("lido-wsteth", "0.0288", 100), NOW);
        Decision jump = engine.onQuote(quote("ether-fi-eeth", "0.09", 100, "jump: rate moved 400 bps in one block"), NOW);
        assertEquals("lido-wsteth", jump.bestVenue());
        assertEquals(new BigDecimal("288.0000"), jump.gainBps());
        Decision clamped = engine.onQuote(quote("renzo-ezeth", "0.5", 100, "clamped: growth above cap"), NOW);
        assertEquals("lido-wsteth", clamped.bestVenue());
        // other flags do not disqualify a quote
        Decision shortHistory = engine.onQuote(quote("kelp-rseth", "0.03", 100, "short-history: 7200 s of observations"), NOW);
        assertEquals("kelp-rseth", shortHistory.bestVenue());
        assertEquals(new BigDecimal("300.0000"), shortHistory.gainBps());
    }

    @Test
    void onlyUntrustedQuotesMeansHold() {
        Decision d = engine("idle-eth", "50").onQuote(quote("lido-wsteth", "0.0288", 100, "jump"), NOW);
        assertEquals(Decision.HOLD, d.action());
        assertNull(d.bestVenue());
        assertNull(d.bestNetApy());
        assertEquals(BigDecimal.ZERO, d.gainBps());
        assertEquals("no trusted quote with an actionable price yet", d.reason());
    }

    @Test
    void anOlderQuoteDoesNotReplaceANewerOne() {
        DecisionEngine engine = engine("idle-eth", "50");
        engine.onQuote(quote("lido-wsteth", "0.0288", 100), NOW);
        Decision late = engine.onQuote(quote("lido-wsteth", "0.10", 90), NOW);
        assertEquals(new BigDecimal("0.0288"), late.bestNetApy());
        assertEquals(new BigDecimal("288.0000"), late.gainBps());
        assertEquals(90, late.blockNumber(), "the decision still names the quote that triggered it");

        Decision newer = engine.onQuote(quote("lido-wsteth", "0.0300", 101), NOW);
        assertEquals(new BigDecimal("0.0300"), newer.bestNetApy());
        assertEquals(new BigDecimal("300.0000"), newer.gainBps());
    }

    @Test
    void anEarningCurrentVenueWithoutAQuoteHoldsBecauseTheGainIsUnknown() {
        DecisionEngine engine = engine("rocketpool-reth", "10");
        Decision d = engine.onQuote(quote("lido-wsteth", "0.0288", 100), NOW);
        assertEquals(Decision.HOLD, d.action());
        assertEquals("lido-wsteth", d.bestVenue());
        assertEquals(null, d.gainBps());
        assertEquals(true, d.reason().contains("no quote yet for the current venue rocketpool-reth"), d.reason());

        Decision later = engine.onQuote(quote("rocketpool-reth", "0.0251", 101), NOW);
        assertEquals(Decision.REBALANCE, later.action());
        assertEquals(new BigDecimal("37.0000"), later.gainBps());
    }
}
