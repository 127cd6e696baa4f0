package io.lrtyield.common.event;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;

/**
 * A plan's life on {@code rebalance-plans.v1}, keyed by vault.
 *
 * @param status a {@link PlanStatus} name (PROPOSED, APPROVED, REJECTED, EXECUTING, DONE, FAILED or EXPIRED); any
 *               other value is refused here, so a malformed event never enters a store
 * @param target the allocation the plan moves to
 * @param actions ordered actions: exits before entries
 * @param expectedGainEth extra yield over the holding horizon, in ETH
 * @param costEth gas and slippage, in ETH
 */
public record RebalancePlan(
        int schemaVersion,
        String eventId,
        String vault,
        String planId,
        String status,
        List<Allocation> target,
        List<Action> actions,
        BigDecimal expectedGainEth,
        BigDecimal costEth,
        String reason,
        Provenance provenance) implements Event {

    public static final int SCHEMA_VERSION = 1;

    public RebalancePlan {
        PlanStatus.of(status);
        target = target == null ? List.of() : List.copyOf(target);
        actions = actions == null ? List.of() : List.copyOf(actions);
    }

    /** The status, typed. */
    public PlanStatus planStatus() {
        return PlanStatus.of(status);
    }

    public static String idFor(String vault, String planId, String status) {
        return EventIds.of("RebalancePlan", vault, planId, status);
    }

    @Override
    public String key() {
        return vault;
    }

    /** Share of the vault in one venue. */
    public record Allocation(String venueId, BigDecimal amountEth, BigDecimal weight) {
    }

    /**
     * One step of a plan: a call through the vault's {@code manage(target, data, value)}.
     *
     * @param expectedOut tokens the step should produce at the fundamental rate, in the token's base units
     * @param minOut      the least the step accepts after slippage, base units
     * @param signature   canonical function signature of {@code calldata} (optional, null in schema-1 producers that
     *                    predate it); lets a consumer rebuild the executable call
     */
    public record Action(int index, String venueId, String kind, String target, String calldata, BigInteger valueWei,
                         BigDecimal expectedOut, BigDecimal minOut, String signature) {

        @com.fasterxml.jackson.annotation.JsonCreator
        public Action {
        }

        /** An action without its signature (the original shape). */
        public Action(int index, String venueId, String kind, String target, String calldata, BigInteger valueWei,
                      BigDecimal expectedOut, BigDecimal minOut) {
            this(index, venueId, kind, target, calldata, valueWei, expectedOut, minOut, null);
        }
    }
}
