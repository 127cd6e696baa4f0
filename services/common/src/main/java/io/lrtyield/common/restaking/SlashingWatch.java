package io.lrtyield.common.restaking;

import io.lrtyield.common.event.Provenance;
import io.lrtyield.common.event.RestakingExposure;
import io.lrtyield.common.event.RiskAlert;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Watches each restaking token's exposure block by block and raises, on the token (subject = asset):
 * <ul>
 *   <li>{@code OPERATOR_SLASHED} CRITICAL — an operator its stake is delegated to lost max magnitude: the state
 *       {@code AllocationManager.slashOperator} leaves (its {@code OperatorSlashed} event), read in the snapshot;</li>
 *   <li>{@code WITHDRAWABLE_SHARES_DECREASE} — an account's {@code getWithdrawableShares} fell: CRITICAL when its operator
 *       was slashed in the same block, WARN otherwise (the issuer may have queued a withdrawal).</li>
 * </ul>
 * Each is an incident, raised once in the block it is seen (never a standing condition to clear).
 */
public final class SlashingWatch {

    private static final BigDecimal BPS = BigDecimal.valueOf(10_000);
    private static final MathContext MC = MathContext.DECIMAL128;

    private final Map<String, BigDecimal> maxMagnitude = new HashMap<>();
    private final Map<String, BigDecimal> withdrawable = new HashMap<>();

    public List<RiskAlert> check(String asset, RestakingExposure exposure, Provenance p) {
        List<RiskAlert> alerts = new ArrayList<>();
        Set<String> slashed = new LinkedHashSet<>();
        for (RestakingExposure.Delegation d : exposure.delegations()) {
            if (d.operator() == null || d.maxMagnitude() == null) {
                continue;
            }
            String op = d.operator().toLowerCase(java.util.Locale.ROOT);
            BigDecimal before = maxMagnitude.put(asset + "/" + op, d.maxMagnitude());
            if (before != null && d.maxMagnitude().compareTo(before) < 0 && slashed.add(op)) {
                BigDecimal dropBps = drop(before, d.maxMagnitude());
                alerts.add(alert(asset, "OPERATOR_SLASHED", "CRITICAL", "operator " + label(d) + " behind " + asset + " was slashed: max magnitude "
                        + before.stripTrailingZeros().toPlainString() + " → " + d.maxMagnitude().stripTrailingZeros().toPlainString()
                        + " (−" + dropBps.toPlainString() + " bps of its stake)", dropBps, p));
            }
        }
        for (RestakingExposure.Delegation d : exposure.delegations()) {
            BigDecimal before = withdrawable.put(asset + "/" + d.account().toLowerCase(java.util.Locale.ROOT), d.withdrawableEth());
            if (before == null || d.withdrawableEth().compareTo(before) >= 0 || before.signum() == 0) {
                continue;
            }
            boolean bySlash = d.operator() != null && slashed.contains(d.operator().toLowerCase(java.util.Locale.ROOT));
            BigDecimal dropBps = drop(before, d.withdrawableEth());
            alerts.add(alert(asset, "WITHDRAWABLE_SHARES_DECREASE", bySlash ? "CRITICAL" : "WARN", "withdrawable shares of " + asset
                    + "'s restaking account " + d.account() + " fell by " + before.subtract(d.withdrawableEth()).stripTrailingZeros().toPlainString()
                    + " ETH (−" + dropBps.toPlainString() + " bps)" + (bySlash ? ": its operator " + label(d) + " was slashed"
                    : ": a withdrawal or a slash"), dropBps, p));
        }
        return alerts;
    }

    private static BigDecimal drop(BigDecimal before, BigDecimal after) {
        return BigDecimal.ONE.subtract(after.divide(before, MC)).multiply(BPS).setScale(4, RoundingMode.HALF_EVEN);
    }

    private static String label(RestakingExposure.Delegation d) {
        return d.operatorName() == null ? d.operator() : d.operatorName() + " (" + d.operator() + ")";
    }

    private static RiskAlert alert(String asset, String kind, String severity, String message, BigDecimal value, Provenance p) {
        String subject = asset;
        return new RiskAlert(RiskAlert.SCHEMA_VERSION, RiskAlert.idFor(subject, kind, true, p), subject, kind, severity, message, value,
                BigDecimal.ZERO, true, p);
    }
}
