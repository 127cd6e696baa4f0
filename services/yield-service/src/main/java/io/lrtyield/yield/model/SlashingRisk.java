package io.lrtyield.yield.model;

import io.lrtyield.common.event.RestakingExposure;
import io.lrtyield.common.event.SizePoint;
import io.lrtyield.common.event.YieldComponent;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Expected slashing loss of a restaking token, from its on-chain exposure: for each AVS operator set, the share of the
 * token's backing that set can slash (Σ over the issuer's accounts of withdrawable × magnitude / max magnitude, over
 * the backing) × the configured annual probability that the AVS slashes × the severity (the fraction of the allocated
 * stake a slashing takes). Point, low and high band from the probability band. Exact decimal arithmetic
 * ({@link MathContext#DECIMAL128}); the APYs subtract it at {@link YieldMath#SCALE}.
 *
 * <p>net APY = staking + restaking rewards − fees − expected slashing loss; the band is net − loss(high) … net − loss(low).
 * Staking is what the LST the token is built on pays (its {@code premiumOver} venue's net APY), restaking rewards the rest
 * of the rate growth.
 */
public final class SlashingRisk {

    private static final MathContext MC = MathContext.DECIMAL128;
    public static final String COMPONENT = "expected-slashing-loss";

    /**
     * An AVS's slashing parameters.
     *
     * @param probability annual probability of a slashing event (point); {@code low} / {@code high} its band
     * @param severity fraction of the magnitude allocated to the set one event slashes
     * @param source where the figures come from (configuration key or default)
     */
    public record AvsRisk(BigDecimal probability, BigDecimal low, BigDecimal high, BigDecimal severity, String source) {
        public AvsRisk {
            if (low.compareTo(probability) > 0 || probability.compareTo(high) > 0 || low.signum() < 0 || high.compareTo(BigDecimal.ONE) > 0) {
                throw new IllegalArgumentException("need 0 ≤ low ≤ probability ≤ high ≤ 1, got " + low + ", " + probability + ", " + high);
            }
            if (severity.signum() < 0 || severity.compareTo(BigDecimal.ONE) > 0) {
                throw new IllegalArgumentException("severity must be within 0 … 1, got " + severity);
            }
        }
    }

    /** One operator set's part of the loss. */
    public record SetLoss(String operatorSet, BigDecimal slashableShare, AvsRisk risk, BigDecimal loss, BigDecimal lossLow,
                          BigDecimal lossHigh) {
    }

    /** The token's expected annual loss (fractions of its value) and each set's part, largest first. */
    public record Assessment(BigDecimal loss, BigDecimal lossLow, BigDecimal lossHigh, List<SetLoss> bySet) {
    }

    private final Function<String, AvsRisk> risks;

    /** @param risks the parameters of an operator set, by its name ({@code <avs>/<id>}) */
    public SlashingRisk(Function<String, AvsRisk> risks) {
        this.risks = risks;
    }

    /**
     * Parameters by operator set: {@code overrides} maps a set's name to {@code probability,low,high,severity}; any other
     * set gets {@code defaults}.
     */
    public static Function<String, AvsRisk> parameters(AvsRisk defaults, Map<String, String> overrides) {
        Map<String, AvsRisk> parsed = new LinkedHashMap<>();
        overrides.forEach((set, spec) -> {
            String[] p = spec.split(",");
            if (p.length != 4) {
                throw new IllegalArgumentException("yield.slashing.avs.\"" + set + "\" must be probability,low,high,severity, got " + spec);
            }
            parsed.put(unquoted(set), new AvsRisk(new BigDecimal(p[0].trim()), new BigDecimal(p[1].trim()), new BigDecimal(p[2].trim()),
                    new BigDecimal(p[3].trim()), "yield.slashing.avs." + unquoted(set)));
        });
        return set -> parsed.getOrDefault(set, defaults);
    }

    private static String unquoted(String key) {
        return key.length() > 1 && key.startsWith("\"") && key.endsWith("\"") ? key.substring(1, key.length() - 1) : key;
    }

    public Assessment assess(RestakingExposure exposure) {
        List<SetLoss> sets = new ArrayList<>();
        BigDecimal loss = BigDecimal.ZERO;
        BigDecimal low = BigDecimal.ZERO;
        BigDecimal high = BigDecimal.ZERO;
        for (var e : exposure.slashableShareBySet().entrySet()) {
            AvsRisk r = risks.apply(e.getKey());
            BigDecimal share = e.getValue();
            BigDecimal l = share.multiply(r.probability(), MC).multiply(r.severity(), MC);
            BigDecimal lo = share.multiply(r.low(), MC).multiply(r.severity(), MC);
            BigDecimal hi = share.multiply(r.high(), MC).multiply(r.severity(), MC);
            sets.add(new SetLoss(e.getKey(), share, r, l, lo, hi));
            loss = loss.add(l, MC);
            low = low.add(lo, MC);
            high = high.add(hi, MC);
        }
        sets.sort(Comparator.comparing(SetLoss::loss).reversed());
        return new Assessment(loss, low, high, sets);
    }

    /** A staking result with the loss taken off: net APY, components, size curve and the risk entries that explain it. */
    public record Adjusted(BigDecimal netApy, List<YieldComponent> components, List<SizePoint> sizeCurve, Map<String, String> risk) {
    }

    /**
     * Takes the expected loss off the net APY and every size point, adds it as a negative component, and describes the
     * exposure in {@code risk}: the loss and its band, the net band, the restaked share, each set's slashable share and
     * each operator's share of the backing (by name where the catalogue names it), the largest of each.
     */
    public static Adjusted adjust(BigDecimal netApy, List<YieldComponent> components, List<SizePoint> sizeCurve, Map<String, String> risk,
                                  RestakingExposure exposure, Assessment a, BigDecimal lstApy, String lst) {
        BigDecimal net = YieldMath.scale(netApy.subtract(a.loss(), MC));
        List<YieldComponent> c = new ArrayList<>();
        for (YieldComponent y : components) {
            if (y.name().equals("staking") && lstApy != null) {
                // the rate growth is staking (what the LST it is built on pays) plus restaking rewards (the rest)
                c.add(new YieldComponent("staking", YieldMath.scale(lstApy), "net APY of " + lst + ", the staking the token is built on"));
                c.add(new YieldComponent("restaking-rewards", YieldMath.scale(y.apy().subtract(lstApy, MC)), y.source() + " above " + lst));
            } else {
                c.add(y);
            }
        }
        c.add(new YieldComponent(COMPONENT, YieldMath.scale(a.loss().negate()), "Σ slashable share × probability × severity over "
                + a.bySet().size() + " AVS operator sets (on-chain allocations; probabilities from yield.slashing)"));
        List<SizePoint> curve = sizeCurve.stream().map(p -> new SizePoint(p.sizeEth(), YieldMath.scale(p.netApy().subtract(a.loss(), MC)),
                p.exit())).toList();
        Map<String, String> r = new LinkedHashMap<>(risk);
        r.put("expectedSlashingLoss", plain(a.loss()));
        r.put("expectedSlashingLossLow", plain(a.lossLow()));
        r.put("expectedSlashingLossHigh", plain(a.lossHigh()));
        r.put("netApyLow", plain(netApy.subtract(a.lossHigh(), MC)));
        r.put("netApyHigh", plain(netApy.subtract(a.lossLow(), MC)));
        r.put("netApyBeforeSlashing", plain(netApy));
        if (exposure.backingEth() != null && exposure.backingEth().signum() > 0) {
            r.put("restakedShare", plain(exposure.restakedEth().divide(exposure.backingEth(), MC)));
            r.put("backingEth", plain(exposure.backingEth()));
        }
        for (SetLoss s : a.bySet()) {
            r.put("exposure.avs." + s.operatorSet(), plain(s.slashableShare()));
            r.put("slashing.avs." + s.operatorSet(), "p=" + plain(s.risk().probability()) + " [" + plain(s.risk().low()) + ", "
                    + plain(s.risk().high()) + "] × severity " + plain(s.risk().severity()) + " (" + s.risk().source() + ")");
        }
        Map<String, BigDecimal> byOperator = new LinkedHashMap<>();
        exposure.shareByOperator().forEach((op, share) -> byOperator.merge(operatorName(exposure, op), share, BigDecimal::add));
        byOperator.forEach((op, share) -> r.put("exposure.operator." + op, plain(share)));
        byOperator.entrySet().stream().max(Map.Entry.comparingByValue()).ifPresent(e -> r.put("topOperator", e.getKey()));
        a.bySet().stream().max(Comparator.comparing(SetLoss::slashableShare)).ifPresent(s -> r.put("topAvs", s.operatorSet()));
        return new Adjusted(net, c, curve, r);
    }

    private static String operatorName(RestakingExposure e, String operator) {
        return e.delegations().stream().filter(d -> operator.equals(d.operator()) && d.operatorName() != null)
                .map(RestakingExposure.Delegation::operatorName).findFirst().orElse(operator);
    }

    private static String plain(BigDecimal v) {
        return YieldMath.scale(v).stripTrailingZeros().toPlainString();
    }
}
