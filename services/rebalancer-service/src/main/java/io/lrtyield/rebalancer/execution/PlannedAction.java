package io.lrtyield.rebalancer.execution;

import java.math.BigInteger;

/**
 * One step of an execution plan: a venue call the vault makes, with what it should yield.
 *
 * @param venueId     catalogue venue the step belongs to
 * @param kind        e.g. STAKE, WRAP, APPROVE, SUPPLY, RESET_APPROVAL
 * @param call        the venue call (wrapped in the vault's {@code manage} when sent)
 * @param expectedOut tokens the step should produce at the fundamental rate (null when it produces none)
 * @param minOut      the least the plan accepts after slippage (null when it produces none)
 */
public record PlannedAction(String venueId, String kind, ContractCall call, BigInteger expectedOut, BigInteger minOut) {

    public static PlannedAction of(String venueId, String kind, ContractCall call) {
        return new PlannedAction(venueId, kind, call, null, null);
    }

    @Override
    public String toString() {
        return kind + " " + call.signature() + " on " + call.target() + " (" + venueId + ")";
    }
}
