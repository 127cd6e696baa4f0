package io.lrtyield.rebalancer.execution.venue;

import io.lrtyield.rebalancer.execution.ContractCall;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.generated.Uint256;

import java.math.BigInteger;

/**
 * ERC-20 approvals: always the exact amount the next call pulls, and back to zero once it has pulled it, so no
 * standing allowance outlives its action (an exploited venue cannot drain the vault through an old approval).
 */
public final class Erc20Calls {

    private Erc20Calls() {
    }

    public static ContractCall approve(String token, String spender, BigInteger amount) {
        if (amount.signum() <= 0) {
            throw new IllegalArgumentException("approve an exact positive amount; use resetApproval for zero");
        }
        return ContractCall.of(token, BigInteger.ZERO, "approve", new Address(spender), new Uint256(amount));
    }

    public static ContractCall resetApproval(String token, String spender) {
        return ContractCall.of(token, BigInteger.ZERO, "approve", new Address(spender), new Uint256(BigInteger.ZERO));
    }
}
