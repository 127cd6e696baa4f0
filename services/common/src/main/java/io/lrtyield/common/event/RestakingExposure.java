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
 * operator's max magnitude and the magnitude it allocated to each AVS operator set, and the account's queued withdrawals
 * (slashable by the operator they were queued under until their delay ends). Amounts in ETH, magnitudes as fractions of
 * WAD (1 = the whole stake). The same shape describes one of the vault's own EigenLayer deposits
 * ({@link PriceTick#positions()}): one account, the vault, its deposit as the backing.
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
     * @param queued the account's queued withdrawals (DelegationManager {@code getQueuedWithdrawals})
     */
    public record Delegation(String account, String operator, String operatorName, BigDecimal withdrawableEth,
                             BigDecimal maxMagnitude, List<Allocation> allocations, List<QueuedWithdrawal> queued) {
        public Delegation {
            allocations = allocations == null ? List.of() : List.copyOf(allocations);
            queued = queued == null ? List.of() : List.copyOf(queued);
        }

        /** An account with no queued withdrawals. */
        public Delegation(String account, String operator, String operatorName, BigDecimal withdrawableEth,
                          BigDecimal maxMagnitude, List<Allocation> allocations) {
            this(account, operator, operatorName, withdrawableEth, maxMagnitude, allocations, List.of());
        }
    }

    /**
     * A withdrawal the account queued and has not completed: its ETH left the account's withdrawable shares but the
     * operator it was delegated to when queued can still slash it until block {@code slashableUntilBlock}
     * ({@code startBlock + minWithdrawalDelayBlocks}); after that its {@code allocations} are empty.
     *
     * @param operator the operator it was queued under (null when the account was undelegated)
     * @param sharesEth what completing it would pay, net of the slashing so far
     */
    public record QueuedWithdrawal(String operator, String operatorName, long startBlock, long slashableUntilBlock,
                                   BigDecimal sharesEth, List<Allocation> allocations) {
        public QueuedWithdrawal {
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

    /** ETH in the accounts' queued withdrawals (still slashable or not). */
    public BigDecimal queuedEth() {
        return delegations.stream().flatMap(d -> d.queued().stream()).map(QueuedWithdrawal::sharesEth).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /**
     * Share of the backing each operator set can slash: Σ over accounts of slashable ETH (delegated and still-slashable
     * queued) / backing. Without a readable backing the restaked ETH stands in for it — as if all of the token were
     * restaked, the larger (safe) share.
     */
    public Map<String, BigDecimal> slashableShareBySet() {
        Map<String, BigDecimal> eth = new LinkedHashMap<>();
        delegations.forEach(d -> d.allocations().forEach(a -> eth.merge(a.operatorSet(), a.slashableEth(), BigDecimal::add)));
        delegations.forEach(d -> d.queued().forEach(q -> q.allocations().forEach(a -> eth.merge(a.operatorSet(), a.slashableEth(),
                BigDecimal::add))));
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

    /**
     * Share of the backing each operator (by address) can slash: withdrawable, and queued withdrawals still slashable
     * by the operator they were queued under, over the backing (restaked ETH without one).
     */
    public Map<String, BigDecimal> shareByOperator() {
        Map<String, BigDecimal> share = new LinkedHashMap<>();
        BigDecimal denominator = denominator();
        if (denominator == null) {
            return share;
        }
        delegations.stream().filter(d -> d.operator() != null)
                .forEach(d -> share.merge(d.operator(), d.withdrawableEth().divide(denominator, MC), BigDecimal::add));
        delegations.stream().flatMap(d -> d.queued().stream()).filter(q -> q.operator() != null && !q.allocations().isEmpty())
                .forEach(q -> share.merge(q.operator(), q.sharesEth().divide(denominator, MC), BigDecimal::add));
        return share;
    }

    /** Is any of it delegated to an operator (directly or through a still-slashable queued withdrawal)? */
    public boolean delegated() {
        return delegations.stream().anyMatch(d -> d.operator() != null
                || d.queued().stream().anyMatch(q -> q.operator() != null && !q.allocations().isEmpty()));
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
