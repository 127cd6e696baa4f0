package io.lrtyield.common.event;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where an LRT's ETH is restaked at one block, read on chain (carried in its {@link PriceTick}): the issuer's backing, and
 * per restaking account of the issuer the operator it is delegated to, its withdrawable ETH net of slashing, the
 * operator's max magnitude and the magnitude it allocated to each AVS operator set. Amounts in ETH, magnitudes as
 * fractions of WAD (1 = the whole stake).
 *
 * @param backingEth all ETH backing the token, by the issuer's own view; null when unreadable
 * @param complete false when a read failed (the exposure is then a lower bound); {@code errors} says which
 */
public record RestakingExposure(BigDecimal backingEth, List<Delegation> delegations, boolean complete, List<String> errors) {

    private static final MathContext MC = MathContext.DECIMAL128;

    public RestakingExposure {
        delegations = delegations == null ? List.of() : List.copyOf(delegations);
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    /**
     * @param account the issuer's restaking account (pod owner / staker)
     * @param operator the operator it is delegated to (null when undelegated); {@code operatorName} from the catalogue
     * @param withdrawableEth {@code getWithdrawableShares} of the account (beacon-chain ETH shares are wei), net of slashing
     * @param maxMagnitude the operator's max magnitude (1 = never slashed)
     */
    public record Delegation(String account, String operator, String operatorName, BigDecimal withdrawableEth,
                             BigDecimal maxMagnitude, List<Allocation> allocations) {
        public Delegation {
            allocations = allocations == null ? List.of() : List.copyOf(allocations);
        }
    }

    /**
     * @param operatorSet {@code <avs>/<id>} as the catalogue names it
     * @param magnitude the operator's current magnitude in that set (fraction of WAD)
     * @param slashableEth the account's ETH that set can slash: withdrawable × magnitude / max magnitude
     */
    public record Allocation(String operatorSet, String avs, BigDecimal magnitude, BigDecimal slashableEth) {
    }

    /** ETH restaked through the issuer's accounts (Σ withdrawable). */
    public BigDecimal restakedEth() {
        return delegations.stream().map(Delegation::withdrawableEth).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /**
     * Share of the backing each operator set can slash: Σ over accounts of slashable ETH / backing. Without a readable
     * backing the restaked ETH stands in for it — as if all of the token were restaked, the larger (safe) share.
     */
    public Map<String, BigDecimal> slashableShareBySet() {
        Map<String, BigDecimal> eth = new LinkedHashMap<>();
        delegations.forEach(d -> d.allocations().forEach(a -> eth.merge(a.operatorSet(), a.slashableEth(), BigDecimal::add)));
        Map<String, BigDecimal> share = new LinkedHashMap<>();
        BigDecimal denominator = denominator();
        if (denominator == null) {
            return share;
        }
        eth.forEach((set, v) -> share.put(set, v.divide(denominator, MC)));
        return share;
    }

    private BigDecimal denominator() {
        if (backingEth != null && backingEth.signum() > 0) {
            return backingEth;
        }
        BigDecimal restaked = restakedEth();
        return restaked.signum() > 0 ? restaked : null;
    }

    /** Share of the backing delegated to each operator (by address): withdrawable / backing (restaked ETH without one). */
    public Map<String, BigDecimal> shareByOperator() {
        Map<String, BigDecimal> share = new LinkedHashMap<>();
        BigDecimal denominator = denominator();
        if (denominator == null) {
            return share;
        }
        delegations.stream().filter(d -> d.operator() != null)
                .forEach(d -> share.merge(d.operator(), d.withdrawableEth().divide(denominator, MC), BigDecimal::add));
        return share;
    }

    /** The withdrawable ETH of one account, at 18 decimals. */
    public static BigDecimal eth(java.math.BigInteger wei) {
        return new BigDecimal(wei, 18);
    }

    /** A magnitude in WAD as a fraction, 18 decimals. */
    public static BigDecimal fraction(java.math.BigInteger wad) {
        return new BigDecimal(wad, 18).setScale(18, RoundingMode.UNNECESSARY);
    }
}
