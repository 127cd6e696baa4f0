package io.lrtyield.rebalancer.execution.allowlist;

import io.lrtyield.rebalancer.execution.ContractCall;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The off-chain allowlist: every call is checked here before it is simulated or signed — the target and selector
 * (as the vault checks them on chain) and, beyond what the vault can check, the exact signature, whether ETH may be
 * sent, and the address arguments (receivers and {@code onBehalfOf} = the vault, approval spenders = known venues).
 */
public final class Allowlist {

    private final Map<VaultPair, AllowlistRule> rules = new LinkedHashMap<>();

    public Allowlist(Collection<AllowlistRule> rules) {
        for (AllowlistRule rule : rules) {
            if (this.rules.put(rule.pair(), rule) != null) {
                throw new IllegalArgumentException("duplicate allowlist rule " + rule.pair() + " " + rule.signature());
            }
        }
    }

    /** Throws {@link NotAllowlistedException} unless {@code call} satisfies its rule. */
    public void require(ContractCall call) {
        AllowlistRule rule = rules.get(new VaultPair(call.target(), call.selector()));
        if (rule == null) {
            throw new NotAllowlistedException("not allowlisted: " + call.signature() + " on " + call.target());
        }
        if (!rule.signature().equals(call.signature())) {
            throw new NotAllowlistedException("signature " + call.signature() + " does not match the rule's " + rule.signature());
        }
        if (!rule.payable() && call.valueWei().signum() != 0) {
            throw new NotAllowlistedException(call.signature() + " on " + call.target() + " may not send ETH");
        }
        for (Map.Entry<Integer, Set<String>> arg : rule.addressArgs().entrySet()) {
            String actual = address(call, arg.getKey());
            if (!arg.getValue().contains(actual)) {
                throw new NotAllowlistedException(call.signature() + " argument " + arg.getKey() + " = " + actual
                        + " is not one of " + new TreeSet<>(arg.getValue()));
            }
        }
    }

    /** The (target, selector) pairs, as the vault's on-chain allowlist must hold them. */
    public Set<VaultPair> pairs() {
        return new TreeSet<>(rules.keySet());
    }

    public Collection<AllowlistRule> rules() {
        return rules.values();
    }

    private static String address(ContractCall call, int word) {
        String w = call.headWord(word);
        if (!w.startsWith("0".repeat(24))) {
            throw new NotAllowlistedException(call.signature() + " argument " + word + " is not an address");
        }
        return "0x" + w.substring(24);
    }
}
