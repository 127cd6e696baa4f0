package io.lrtyield.devnet.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.lrtyield.common.codec.EventCodec;
import io.lrtyield.devnet.deploy.FundamentalRates;

import java.math.BigDecimal;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Parses and validates the scenario API's JSON bodies; every problem is an {@link IllegalArgumentException} whose
 * message tells the caller what to send (the resource turns it into a 400 problem+json).
 */
public final class ScenarioRequests {

    /** Deepest depeg / highest borrow APR a scenario may ask for: 50 %. */
    public static final int MAX_BPS = 5000;
    /** Highest ETH/USD level the eth-usd scenario accepts (a typo guard, not a market view). */
    public static final BigDecimal MAX_ETH_USD = BigDecimal.valueOf(1_000_000);
    /** Markets whose borrow rate can spike: the Aave WETH reserve, by any of its names. */
    public static final Set<String> RATE_MARKETS = Set.of("aave-weth", "aave-weth-supply", "WETH");
    /** Venues whose replica can be paused (Lido's setStakingPaused). */
    public static final Set<String> PAUSABLE_VENUES = Set.of("lido-wsteth");

    public record Depeg(String asset, int bps, long blocks) { }

    public record RateSpike(String market, int borrowAprBps, long blocks) { }

    public record StaleOracle(String asset, long blocks) { }

    public record PauseVenue(String venue) { }

    /** @param usd ETH/USD to hold, at most 8 decimals (the feed's); {@code blocks} empty = until reset */
    public record EthUsd(BigDecimal usd, OptionalLong blocks) { }

    /** @param bps signed move of the asset's market feed from its fundamental rate: positive up, negative down */
    public record OracleJump(String asset, int bps, long blocks) { }

    /** @param operator name or address; {@code operatorSet} {@code <avs name>/<id>} or {@code <avs address>/<id>}; wad in (0, 1e18] */
    public record SlashOperator(String operator, String operatorSet, java.math.BigInteger wad) { }

    /** @param oracle the replacement oracle's address, null for a fresh one */
    public record OracleChange(String asset, String oracle) { }

    private static final java.math.BigInteger WAD = java.math.BigInteger.TEN.pow(18);

    private ScenarioRequests() {
    }

    /** {@code {"operator":"operator-a","operatorSet":"da-avs/0","wad":"50000000000000000"}} (wad a string or an integer). */
    public static SlashOperator slash(String body) {
        JsonNode n = parse(body);
        JsonNode w = n.get("wad");
        java.math.BigInteger wad;
        try {
            wad = w == null ? null : new java.math.BigInteger(w.asText());
        } catch (NumberFormatException e) {
            wad = null;
        }
        if (wad == null || wad.signum() <= 0 || wad.compareTo(WAD) > 0) {
            throw new IllegalArgumentException("'wad' (parts in 1e18 of the allocated magnitude to slash, 1 … 1000000000000000000) is required");
        }
        return new SlashOperator(text(n, "operator"), text(n, "operatorSet"), wad);
    }

    /** {@code {"asset":"ezETH"}}: the LRT whose issuer acts (which ones can is the issuer scenarios' to say). */
    public static String issuerAsset(String body) {
        return text(parse(body), "asset");
    }

    /** {@code {"asset":"rsETH","oracle":"0x…"}}, oracle optional. */
    public static OracleChange oracleChange(String body) {
        JsonNode n = parse(body);
        JsonNode o = n.get("oracle");
        String oracle = o == null || o.isNull() ? null : o.asText();
        if (oracle != null && !oracle.matches("0x[0-9a-fA-F]{40}")) {
            throw new IllegalArgumentException("'oracle' must be an address (0x and 40 hex digits), got " + oracle);
        }
        return new OracleChange(text(n, "asset"), oracle);
    }

    public static Depeg depeg(String body) {
        JsonNode n = parse(body);
        return new Depeg(asset(n), bps(n, "bps"), blocks(n));
    }

    public static RateSpike rateSpike(String body) {
        JsonNode n = parse(body);
        String market = text(n, "market");
        if (!RATE_MARKETS.contains(market)) {
            throw new IllegalArgumentException("unknown market '" + market + "'; known: aave-weth");
        }
        return new RateSpike(market, bps(n, "borrowAprBps"), blocks(n));
    }

    public static StaleOracle staleOracle(String body) {
        JsonNode n = parse(body);
        return new StaleOracle(asset(n), blocks(n));
    }

    public static PauseVenue pauseVenue(String body, List<String> knownVenues) {
        JsonNode n = parse(body);
        String venue = text(n, "venue");
        if (!knownVenues.contains(venue)) {
            throw new IllegalArgumentException("unknown venue '" + venue + "'; known: " + knownVenues);
        }
        if (!PAUSABLE_VENUES.contains(venue)) {
            throw new IllegalArgumentException("venue '" + venue + "' has no pause in its replica; pausable: " + PAUSABLE_VENUES);
        }
        return new PauseVenue(venue);
    }

    public static EthUsd ethUsd(String body) {
        JsonNode n = parse(body);
        JsonNode v = n.get("usd");
        if (v == null || !v.isNumber()) {
            throw new IllegalArgumentException("'usd' (a number, the ETH/USD level) is required");
        }
        BigDecimal usd = v.decimalValue();
        if (usd.signum() <= 0 || usd.compareTo(MAX_ETH_USD) > 0) {
            throw new IllegalArgumentException("'usd' must be above 0 and at most " + MAX_ETH_USD.toPlainString() + ", got " + v.asText());
        }
        usd = usd.stripTrailingZeros();
        if (usd.scale() > EthUsdWalk.DECIMALS) {
            throw new IllegalArgumentException("'usd' has more than " + EthUsdWalk.DECIMALS + " decimals (the ETH/USD feed's), got " + v.asText());
        }
        return new EthUsd(usd.scale() < 0 ? usd.setScale(0) : usd, n.has("blocks") ? OptionalLong.of(blocks(n)) : OptionalLong.empty());
    }

    public static OracleJump oracleJump(String body) {
        JsonNode n = parse(body);
        String asset = asset(n);
        JsonNode v = n.get("bps");
        if (v == null || !v.isIntegralNumber()) {
            throw new IllegalArgumentException("'bps' (an integer number of basis points, negative for a jump down) is required");
        }
        long bps = v.asLong();
        if (bps == 0 || bps < -MAX_BPS || bps > MAX_BPS || !v.canConvertToInt()) {
            throw new IllegalArgumentException("'bps' must be non-zero and between -" + MAX_BPS + " and " + MAX_BPS + ", got " + v.asText());
        }
        return new OracleJump(asset, (int) bps, blocks(n));
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            throw new IllegalArgumentException("a JSON object body is required");
        }
        JsonNode n;
        try {
            n = EventCodec.mapper().readTree(body);
        } catch (Exception e) {
            throw new IllegalArgumentException("malformed JSON body");
        }
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("the body must be a JSON object");
        }
        return n;
    }

    private static String asset(JsonNode n) {
        String asset = text(n, "asset");
        if (!FundamentalRates.FEED_ASSETS.contains(asset)) {
            throw new IllegalArgumentException("unknown asset '" + asset + "'; known: " + FundamentalRates.FEED_ASSETS);
        }
        return asset;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw new IllegalArgumentException("'" + field + "' (a string) is required");
        }
        return v.asText();
    }

    private static int bps(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isIntegralNumber()) {
            throw new IllegalArgumentException("'" + field + "' (an integer number of basis points) is required");
        }
        long bps = v.asLong();
        if (bps < 0 || bps > MAX_BPS) {
            throw new IllegalArgumentException("'" + field + "' must be between 0 and " + MAX_BPS + ", got " + v.asText());
        }
        return (int) bps;
    }

    private static long blocks(JsonNode n) {
        JsonNode v = n.get("blocks");
        if (v == null || !v.isIntegralNumber() || v.asLong() < 1 || !v.canConvertToLong()) {
            throw new IllegalArgumentException("'blocks' (an integer ≥ 1) is required");
        }
        return v.asLong();
    }
}
