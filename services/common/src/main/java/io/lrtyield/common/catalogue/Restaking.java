package io.lrtyield.common.catalogue;

import java.util.List;
import java.util.Optional;

/**
 * Where the LRTs' stake is restaked, as far as the chain tells it: EigenLayer's DelegationManager (withdrawable shares net
 * of slashing, who each account is delegated to) and AllocationManager (magnitudes per operator set, max magnitudes),
 * the operators and AVS operator sets to read, and per LRT the issuer's restaking accounts and how to read its backing.
 * The price service reads all of it in its per-block Multicall3 snapshot.
 *
 * @param strategy the strategy the allocations are read for (beacon-chain ETH, {@code 0xbeaC0…})
 */
public record Restaking(String delegationManager, String allocationManager, String strategy, List<Operator> operators,
                        List<OperatorSet> operatorSets, List<Lrt> assets) {

    public Restaking {
        operators = operators == null ? List.of() : List.copyOf(operators);
        operatorSets = operatorSets == null ? List.of() : List.copyOf(operatorSets);
        assets = assets == null ? List.of() : List.copyOf(assets);
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
     */
    public record Lrt(String asset, Backing backing, List<String> delegators, String delegatorsFrom) {
        public Lrt {
            delegators = delegators == null ? List.of() : List.copyOf(delegators);
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
