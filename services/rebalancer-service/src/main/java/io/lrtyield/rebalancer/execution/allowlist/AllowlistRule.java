package io.lrtyield.rebalancer.execution.allowlist;

import io.lrtyield.rebalancer.execution.ContractCall;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One call the rebalancer may make through the vault: a target contract, a function, whether it may carry ETH, and
 * constraints on address arguments (e.g. Aave {@code onBehalfOf} must be the vault, an approval's spender one of the
 * venues that pull that token).
 *
 * @param target      contract address, lower-case 0x hex
 * @param signature   canonical signature, e.g. {@code supply(address,uint256,address,uint16)}
 * @param payable     whether the call may send ETH; all others must send none
 * @param addressArgs head-word index of a static address argument → the addresses it may hold (lower-case)
 */
public record AllowlistRule(String target, String signature, boolean payable, Map<Integer, Set<String>> addressArgs) {

    public AllowlistRule {
        target = target.toLowerCase();
        addressArgs = Map.copyOf(addressArgs.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                e -> e.getValue().stream().map(String::toLowerCase).collect(Collectors.toUnmodifiableSet()))));
    }

    public String selector() {
        return ContractCall.selectorOf(signature);
    }

    public VaultPair pair() {
        return new VaultPair(target, selector());
    }
}
