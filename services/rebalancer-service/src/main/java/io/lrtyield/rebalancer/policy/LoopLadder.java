package io.lrtyield.rebalancer.policy;

import io.lrtyield.common.catalogue.Venue;
import io.lrtyield.common.event.YieldComponent;
import io.lrtyield.common.event.YieldQuote;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Leverage is a decision: each loop is offered to the optimizer at several rungs of LTV = rung × liquidation threshold
 * (never above the venue's maxLtv/targetLtv), each a candidate of its own, stress-tested on its own. A rung's figures
 * come from the quote at the catalogue's leverage L0, rescaled to the rung's L = 1/(1 − LTV):
 * <ul>
 *   <li>net APY = L·a − (L − 1)·b, with a = collateral yield per unit (the quote's staking and supply components / L0)
 *       and b = borrow cost per unit borrowed (the quote's borrow component / (L0 − 1));</li>
 *   <li>decay with size ∝ (L − 1)²: our own borrowing moves the borrow rate by (L − 1)·x and that rate is paid on
 *       (L − 1)·x;</li>
 *   <li>exit cost ∝ L: the unwind sells L per unit of equity (conservative: a smaller sale also moves the pool less).</li>
 * </ul>
 * One Aave account holds a loop, at one LTV: the decision picks one rung per loop (the rungs borrow from the same pool,
 * so their size decays do not add up separately) and a held loop is offered at its own rung only. Should an allocation
 * still give several rungs an amount, they fold into one equity at the blended LTV Σ debt / Σ collateral, whose health
 * factor is at least the lowest of the chosen rungs' — so if each passed the stress test, the blend does.
 */
public final class LoopLadder {

    private static final String MARK = "@ltv";
    private static final MathContext MC = MathContext.DECIMAL64;

    private LoopLadder() {
    }

    /** The rung's candidate id: {@code aave-wsteth-loop@ltv0.665}. */
    public static String rungId(String venueId, BigDecimal ltv) {
        return venueId + MARK + ltv.stripTrailingZeros().toPlainString();
    }

    /** The catalogue venue a candidate id stands for (itself when it is no rung). */
    public static String baseOf(String id) {
        int i = id.indexOf(MARK);
        return i < 0 ? id : id.substring(0, i);
    }

    /** The LTV of a rung id, null when it is no rung. */
    public static BigDecimal ltvOf(String id) {
        int i = id.indexOf(MARK);
        return i < 0 ? null : new BigDecimal(id.substring(i + MARK.length()));
    }

    /** The rungs' LTVs of a loop, ascending, distinct; the catalogue's targetLtv alone when no rungs are configured. */
    public static List<BigDecimal> ltvs(Venue loop, List<Double> rungs) {
        BigDecimal target = loop.decimalParam("targetLtv", null);
        BigDecimal lt = loop.decimalParam("liquidationThreshold", null);
        if (target == null || lt == null) {
            return List.of();
        }
        if (rungs.isEmpty()) {
            return List.of(target);
        }
        BigDecimal top = loop.decimalParam("maxLtv", target).min(target);
        TreeSet<BigDecimal> out = new TreeSet<>();
        for (double r : rungs) {
            BigDecimal ltv = lt.multiply(BigDecimal.valueOf(r), MC).min(top).setScale(4, RoundingMode.DOWN);
            if (ltv.signum() > 0) {
                out.add(ltv.stripTrailingZeros());
            }
        }
        return List.copyOf(out);
    }

    /** The loop venue at another target LTV (what the plan builder's loop entry aims at). */
    public static Venue at(Venue loop, BigDecimal ltv) {
        Map<String, String> params = new HashMap<>(loop.params());
        params.put("targetLtv", ltv.stripTrailingZeros().toPlainString());
        return new Venue(loop.id(), loop.kind(), loop.asset(), loop.protocol(), loop.riskTier(), loop.withdrawalDelaySeconds(),
                loop.protocolFee(), params);
    }

    public static double leverage(BigDecimal ltv) {
        return 1 / (1 - ltv.doubleValue());
    }

    /** Net APY of the loop at leverage {@code l}, from its quote at leverage {@code l0}. */
    public static double apyAt(YieldQuote q, double l0, double l) {
        double collateral = 0;
        double borrow = 0;
        double other = 0;
        for (YieldComponent c : q.components()) {
            double v = c.apy().doubleValue();
            if (c.name().startsWith("staking") || c.name().startsWith("collateral")) {
                collateral += v;
            } else if (c.name().startsWith("borrow")) {
                borrow += v;
            } else {
                other += v;
            }
        }
        double a = collateral / l0;
        double b = l0 > 1 ? -borrow / (l0 - 1) : 0;
        double net = l * a - (l - 1) * b;
        // other components (the venue's fee) scale with the net figure
        double net0 = collateral + borrow;
        return net + (net0 == 0 ? 0 : other * net / net0);
    }

    /** (L − 1)² / (L0 − 1)²: how the quote's size decay scales to a rung. */
    public static double decayScale(double l0, double l) {
        return l0 <= 1 ? 1 : Math.pow((l - 1) / (l0 - 1), 2);
    }

    /**
     * The blended LTV of the rungs' target equities, Σ debt / Σ collateral (rounded down to 4 places), null when the
     * total is zero.
     */
    public static BigDecimal blendedLtv(Map<BigDecimal, Double> equityByLtv) {
        double coll = 0;
        double debt = 0;
        for (var e : equityByLtv.entrySet()) {
            double c = e.getValue() * leverage(e.getKey());
            coll += c;
            debt += c * e.getKey().doubleValue();
        }
        return coll <= 0 ? null : BigDecimal.valueOf(debt / coll).setScale(4, RoundingMode.DOWN).stripTrailingZeros();
    }

    /** The rung nearest an LTV, for attributing a loop held on chain to one candidate. */
    public static BigDecimal nearest(List<BigDecimal> ltvs, double ltv) {
        BigDecimal best = null;
        for (BigDecimal r : ltvs) {
            if (best == null || Math.abs(r.doubleValue() - ltv) < Math.abs(best.doubleValue() - ltv)) {
                best = r;
            }
        }
        return best;
    }

    /** Folds an allocation over candidates into one amount per catalogue venue and each loop's rung equities. */
    public static Map<String, Map<BigDecimal, Double>> rungEquities(Map<String, Double> amountById) {
        Map<String, Map<BigDecimal, Double>> out = new HashMap<>();
        amountById.forEach((id, amount) -> {
            BigDecimal ltv = ltvOf(id);
            if (ltv != null) {
                out.computeIfAbsent(baseOf(id), k -> new java.util.TreeMap<>()).merge(ltv, amount, Double::sum);
            }
        });
        return out;
    }
}
