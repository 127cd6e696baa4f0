package io.lrtyield.yield.api;

import io.lrtyield.common.catalogue.Catalogue;
import io.lrtyield.common.catalogue.Venue;
import io.lrtyield.common.catalogue.VenueKind;
import io.lrtyield.common.event.SizePoint;
import io.lrtyield.common.event.YieldQuote;
import io.lrtyield.common.runtime.ProblemException;
import io.lrtyield.common.runtime.QueryParams;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The yield APIs' query logic, plain Java: parameter validation (problem+json on a bad one), filters, sort, the net
 * APY at a requested size, and the DefiLlama {@code /pools} mapping.
 */
public final class YieldViews {

    private static final MathContext MC = new MathContext(34, RoundingMode.HALF_EVEN);
    private static final BigDecimal MAX_SIZE = new BigDecimal("10000000");
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private YieldViews() {
    }

    /** Validated filters of {@code GET /api/v1/yields}. */
    public record Filter(VenueKind kind, String asset, Integer riskTier, boolean ascending, BigDecimal sizeEth) {

        public static Filter parse(Catalogue catalogue, String kind, String asset, String tier, String riskTier, String sort,
                                   String size) {
            VenueKind k = kind == null || kind.isBlank() ? null : parseKind(kind);
            String a = null;
            if (asset != null && !asset.isBlank()) {
                a = catalogue.asset(asset).map(x -> x.symbol())
                        .orElseThrow(() -> ProblemException.badRequest("unknown asset '" + asset + "'; known: "
                                + catalogue.assets().stream().map(x -> x.symbol()).toList()));
            }
            String t = tier != null ? tier : riskTier;
            Integer rt = t == null ? null : QueryParams.intParam(t, "tier", 0, 1, 5);
            boolean asc = false;
            if (sort != null && !sort.isBlank()) {
                asc = switch (sort) {
                    case "netApy", "-netApy", "netApy:desc" -> false;
                    case "+netApy", "netApy:asc" -> true;
                    default -> throw ProblemException.badRequest("sort must be netApy (best first) or netApy:asc, got '" + sort + "'");
                };
            }
            return new Filter(k, a, rt, asc, size(size));
        }

        public boolean matches(Venue v) {
            return (kind == null || v.venueKind() == kind) && (asset == null || asset.equalsIgnoreCase(v.asset()))
                    && (riskTier == null || v.riskTier() == riskTier);
        }
    }

    static VenueKind parseKind(String raw) {
        try {
            return VenueKind.valueOf(raw.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("unknown kind '" + raw + "'; one of " + Arrays.toString(VenueKind.values()));
        }
    }

    /** A position size in ETH: positive, at most 10 million; null when absent. */
    public static BigDecimal size(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        BigDecimal s;
        try {
            s = new BigDecimal(raw.trim());
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest("size must be a decimal number of ETH, got '" + raw + "'");
        }
        if (s.signum() <= 0 || s.compareTo(MAX_SIZE) > 0) {
            throw ProblemException.badRequest("size must be in (0, " + MAX_SIZE.toPlainString() + "] ETH, got " + raw);
        }
        return s;
    }

    /**
     * Net APY at {@code size}: linear between the size curve's points, the headline figure standing for size 0 (the
     * marginal position); empty past the largest point the curve has (a size the venue cannot take, or beyond what
     * was computed).
     */
    public static Optional<BigDecimal> netApyAt(YieldQuote q, BigDecimal size) {
        List<SizePoint> curve = new ArrayList<>(q.sizeCurve());
        curve.sort(Comparator.comparing(SizePoint::sizeEth));
        BigDecimal prevSize = BigDecimal.ZERO;
        BigDecimal prevApy = q.netApy();
        for (SizePoint p : curve) {
            if (size.compareTo(p.sizeEth()) <= 0) {
                BigDecimal span = p.sizeEth().subtract(prevSize);
                BigDecimal w = span.signum() == 0 ? BigDecimal.ONE : size.subtract(prevSize).divide(span, MC);
                return Optional.of(prevApy.add(p.netApy().subtract(prevApy).multiply(w, MC)).setScale(18, RoundingMode.HALF_EVEN));
            }
            prevSize = p.sizeEth();
            prevApy = p.netApy();
        }
        return Optional.empty();
    }

    /** The quote as seen by a position of {@code size} ETH: net APY at that size, and a flag saying so. */
    public static Optional<YieldQuote> atSize(YieldQuote q, BigDecimal size) {
        if (size == null) {
            return Optional.of(q);
        }
        return netApyAt(q, size).map(apy -> {
            List<String> flags = new ArrayList<>(q.flags());
            flags.add("size: net APY for " + size.stripTrailingZeros().toPlainString() + " ETH (interpolated on the size curve; headline "
                    + q.netApy().stripTrailingZeros().toPlainString() + ")");
            return new YieldQuote(q.schemaVersion(), q.eventId(), q.venueId(), q.venueKind(), q.asset(), apy, q.basis(), q.components(),
                    q.windows(), q.sizeCurve(), q.samples(), flags, q.provenance(), q.risk());
        });
    }

    public static List<YieldQuote> sorted(List<YieldQuote> quotes, boolean ascending) {
        Comparator<YieldQuote> byApy = Comparator.comparing(YieldQuote::netApy);
        return quotes.stream().sorted(ascending ? byApy : byApy.reversed()).toList();
    }

    // ---- DefiLlama /pools ----

    /**
     * One pool in DefiLlama's yield-server shape ({@code pool, chain, project, symbol, tvlUsd, apyBase, apyReward,
     * apy, rewardTokens, underlyingTokens, poolMeta}; APYs in percent, numbers) plus our fields.
     */
    public record Pool(String pool, String chain, String project, String symbol, double tvlUsd, Double apyBase, Double apyReward,
                       double apy, List<String> rewardTokens, List<String> underlyingTokens, String poolMeta,
                       // ours
                       String venueId, String kind, int riskTier, String netApy, Double apyPointsLow, Double apyPointsHigh,
                       List<SizePoint> sizeCurve, List<String> flags, long blockNumber,
                       List<io.lrtyield.common.event.YieldComponent> components, Map<String, String> risk) {
    }

    public record PoolsResponse(String status, List<Pool> data) {
    }

    /** DefiLlama project slugs of our protocol names. */
    static final Map<String, String> PROJECTS = Map.of("lido", "lido", "rocketpool", "rocket-pool", "coinbase", "coinbase-wrapped-staked-eth",
            "etherfi", "ether.fi-stake", "renzo", "renzo", "kelp", "kelp", "puffer", "puffer-finance", "aave", "aave-v3",
            "curve", "curve-dex", "pendle", "pendle");

    public static Pool pool(Catalogue catalogue, Venue venue, YieldQuote q, BigDecimal ethUsd) {
        String chain = catalogue.chainId() == 1 ? "Ethereum" : capitalised(catalogue.network());
        double apyBase = q.netApy().multiply(HUNDRED).doubleValue();
        BigDecimal tvlEth = Optional.ofNullable(q.risk().get("tvlEth")).map(BigDecimal::new).orElse(BigDecimal.ZERO);
        double tvlUsd = ethUsd == null ? 0 : tvlEth.multiply(ethUsd, MC).doubleValue();
        String address = catalogue.asset(venue.asset()).map(a -> a.address()).orElse(null);
        String meta = switch (venue.venueKind()) {
            case LEVERAGED_LOOP -> "loop " + q.risk().getOrDefault("leverage", "?") + "x";
            case FIXED_YIELD_PT -> "PT, expiry " + q.risk().getOrDefault("expiry", "?");
            default -> venue.kind().toLowerCase(Locale.ROOT).replace('_', ' ');
        };
        return new Pool(venue.id() + "-" + chain.toLowerCase(Locale.ROOT), chain, PROJECTS.getOrDefault(venue.protocol(), venue.protocol()),
                venue.asset().toUpperCase(Locale.ROOT), tvlUsd, apyBase, null, apyBase, null, address == null ? List.of() : List.of(address), meta,
                venue.id(), venue.kind(), venue.riskTier(), q.netApy().toPlainString(), percent(q.risk().get("pointsApyLow")),
                percent(q.risk().get("pointsApyHigh")), q.sizeCurve(), q.flags(), q.provenance().blockNumber(), q.components(), q.risk());
    }

    private static Double percent(String fraction) {
        return fraction == null ? null : new BigDecimal(fraction).multiply(HUNDRED).doubleValue();
    }

    private static String capitalised(String s) {
        return s == null || s.isEmpty() ? "Unknown" : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
