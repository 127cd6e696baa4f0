package io.lrtyield.devnet.deploy;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * EigenLayer's slashing layer on the devnet and the exposure graph seeded on it: operators, AVS operator sets, the
 * magnitudes each operator allocated to each set (beacon-chain ETH strategy), and the issuers' restaking accounts
 * (Renzo OperatorDelegators, Kelp NodeDelegators, ether.fi nodes) with the operator each is delegated to.
 *
 * @param allocationManager AllocationManager replica (operator sets, allocations, {@code slashOperator})
 * @param eigenPodManager EigenPodManager replica (beacon-chain ETH deposit shares of the issuers' accounts)
 * @param delegationManager the DelegationManager replica ({@code getWithdrawableShares} net of slashing)
 * @param strategy the strategy the allocations are made in: beacon-chain ETH
 * @param admin the account that acts for every AVS and operator (the devnet oracle)
 * @param issuers the issuer contract whose TVL each asset's delegators restake (RestakeManager, LRTDepositPool, LiquidityPool)
 */
public record RestakingDeployment(String allocationManager, String eigenPodManager, String delegationManager, String strategy,
                                  String admin, List<Operator> operators, List<OperatorSet> operatorSets,
                                  List<Allocation> allocations, List<Delegator> delegators, Map<String, String> issuers) {

    public RestakingDeployment {
        operators = List.copyOf(operators);
        operatorSets = List.copyOf(operatorSets);
        allocations = List.copyOf(allocations);
        delegators = List.copyOf(delegators);
        issuers = Map.copyOf(issuers);
    }

    public record Operator(String name, String address) {
    }

    /** An AVS's operator set; {@code name} is {@code <avs name>/<id>}. */
    public record OperatorSet(String name, String avs, long id) {
    }

    /** @param magnitude parts in WAD (1e18) of the operator's stake allocated to the set */
    public record Allocation(String operator, String operatorSet, BigInteger magnitude) {
    }

    /** @param asset the LRT whose issuer owns it; {@code restakedWei} the beacon-chain ETH recorded for it at deployment */
    public record Delegator(String asset, String address, String operator, BigInteger restakedWei) {
    }

    public Operator operator(String nameOrAddress) {
        return operators.stream().filter(o -> o.name().equalsIgnoreCase(nameOrAddress) || o.address().equalsIgnoreCase(nameOrAddress))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("unknown operator '" + nameOrAddress + "'; known: "
                        + operators.stream().map(Operator::name).toList()));
    }

    public OperatorSet operatorSet(String name) {
        return operatorSets.stream().filter(s -> s.name().equalsIgnoreCase(name)
                        || (s.avs() + "/" + s.id()).equalsIgnoreCase(name))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("unknown operator set '" + name + "'; known: "
                        + operatorSets.stream().map(OperatorSet::name).toList()));
    }
}
