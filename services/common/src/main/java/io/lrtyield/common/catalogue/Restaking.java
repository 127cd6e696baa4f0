package io.lrtyield.common.catalogue;

import java.util.List;
import java.util.Optional;

/**
 * Where the LRTs' stake is restaked, as far as the chain tells it: EigenLayer's DelegationManager (withdrawable shares net
 * of slashing, who each account is delegated to) and AllocationManager (magnitudes per operator set, max magnitudes),
 * the operators and AVS operator sets to read, and per LRT the issuer's restaking accounts and how to read its backing.
 * The price service reads all of it in its per-block Multicall3 snapshot.
 *
 * <p>The operators and operator sets listed here are where the reading starts; the rest is discovered on chain: the
 * operator each account is {@code delegatedTo} (and the one each queued withdrawal stays slashable by), and each
 * operator's {@code getAllocatedSets} ({@link io.lrtyield.common.restaking.ExposureReads}).
 *
 * @param strategy the strategy the issuers' allocations are read for (beacon-chain ETH, {@code 0xbeaC0…})
 * @param positions the vault's own EigenLayer deposits whose delegation is read in the same snapshot
 */
public record Restaking(String delegationManager, String allocationManager, String strategy, List<Operator> operators,
                        List<OperatorSet> operatorSets, List<Lrt> assets, List<Position> positions) {

    public Restaking {
        operators = operators == null ? List.of() : List.copyOf(operators);
        operatorSets = operatorSets == null ? List.of() : List.copyOf(operatorSets);
        assets = assets == null ? List.of() : List.copyOf(assets);
        positions = positions == null ? List.of() : List.copyOf(positions);
    }

    /** A graph without positions of the vault. */
    public Restaking(String delegationManager, String allocationManager, String strategy, List<Operator> operators,
                     List<OperatorSet> operatorSets, List<Lrt> assets) {
        this(delegationManager, allocationManager, strategy, operators, operatorSets, assets, List.of());
    }

    /**
     * The vault's deposit in an EigenLayer strategy (the {@code EIGENLAYER_STRATEGY} venue {@code venue}, asset {@code asset}):
     * {@code staker} is the vault, {@code strategy} the strategy its shares are in. Undelegated it is slashable by no
     * one; delegated, by every operator set its operator allocated that strategy to.
     */
    public record Position(String venue, String asset, String staker, String strategy) {
    }

    public record Operator(String name, String address) {
    }

    /** An AVS's operator set; {@code name} is {@code <avs>/<id>} and keys the slashing probabilities. */
    public record OperatorSet(String name, String avs, long id) {
    }

    /**
     * @param backing how the issuer's ETH backing is read: a uint view ({@code function} with {@code args}, each an
     *                address when it starts with {@code 0x}, else a uint256), or {@code calculateTVLs} (Renzo: the third
     *                return value)
     * @param delegators the issuer's restaking accounts (Renzo OperatorDelegators, Kelp NodeDelegators, ether.fi nodes)
     * @param delegatorsFrom where the list comes from: the issuer's view that exposes it, or {@code catalogue} when the
     *                       issuer exposes none (ether.fi)
     * @param pausable the issuer's contracts with a {@code paused() view returns (bool)}, read every block: Renzo's
     *                 RestakeManager pauses without an event, so its flag is the only sign
     */
    public record Lrt(String asset, Backing backing, List<String> delegators, String delegatorsFrom, List<String> pausable) {
        public Lrt {
            delegators = delegators == null ? List.of() : List.copyOf(delegators);
            pausable = pausable == null ? List.of() : List.copyOf(pausable);
        }

        /** An LRT whose issuer contracts are not read for a pause flag. */
        public Lrt(String asset, Backing backing, List<String> delegators, String delegatorsFrom) {
            this(asset, backing, delegators, delegatorsFrom, List.of());
        }
    }

    public record Backing(String contract, String function, List<String> args) {
        public static final String RENZO_TVLS = "calculateTVLs";

        public Backing {
            args = args == null ? List.of() : List.copyOf(args);
        }
    }

    public Optional<Lrt> of(String asset) {
        return assets.stream().filter(a -> a.asset().equalsIgnoreCase(asset)).findFirst();
    }

    public Optional<Operator> operator(String address) {
        return operators.stream().filter(o -> o.address().equalsIgnoreCase(address)).findFirst();
    }
}
