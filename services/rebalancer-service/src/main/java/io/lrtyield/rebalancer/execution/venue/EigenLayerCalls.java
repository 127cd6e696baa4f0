package io.lrtyield.rebalancer.execution.venue;

import io.lrtyield.rebalancer.execution.ContractCall;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.DynamicStruct;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint32;

import java.math.BigInteger;
import java.util.List;

import static io.lrtyield.rebalancer.execution.venue.LidoCalls.positive;

/**
 * EigenLayer (post-slashing release): deposit an LST into a strategy through the StrategyManager (approve it first),
 * queue a withdrawal and complete it after the delay through the DelegationManager. The staker and withdrawer are the
 * vault (the deprecated withdrawer field is set to it too, as mainnet ignores it and the replica requires the caller).
 */
public final class EigenLayerCalls {

    private final String strategyManager;
    private final String delegationManager;
    private final String vault;

    public EigenLayerCalls(String strategyManager, String delegationManager, String vault) {
        this.strategyManager = strategyManager;
        this.delegationManager = delegationManager;
        this.vault = vault;
    }

    /** {@code depositIntoStrategy(address strategy, address token, uint256 amount)}. */
    public ContractCall depositIntoStrategy(String strategy, String token, BigInteger amount) {
        return ContractCall.of(strategyManager, BigInteger.ZERO, "depositIntoStrategy", new Address(strategy),
                new Address(token), new Uint256(positive(amount)));
    }

    /** {@code queueWithdrawals((address[] strategies, uint256[] depositShares, address __deprecated_withdrawer)[])}. */
    public ContractCall queueWithdrawal(List<String> strategies, List<BigInteger> depositShares) {
        if (strategies.isEmpty() || strategies.size() != depositShares.size()) {
            throw new IllegalArgumentException("strategies and shares must pair up");
        }
        DynamicStruct params = new DynamicStruct(addresses(strategies), uints(depositShares), new Address(vault));
        return ContractCall.of(delegationManager, BigInteger.ZERO, "queueWithdrawals",
                new DynamicArray<>(DynamicStruct.class, List.of(params)));
    }

    /** {@code completeQueuedWithdrawal(Withdrawal withdrawal, address[] tokens, bool receiveAsTokens)}. */
    public ContractCall completeQueuedWithdrawal(EigenWithdrawal withdrawal, List<String> tokens, boolean receiveAsTokens) {
        return ContractCall.of(delegationManager, BigInteger.ZERO, "completeQueuedWithdrawal", struct(withdrawal),
                addresses(tokens), new Bool(receiveAsTokens));
    }

    /** {@code completeQueuedWithdrawals(Withdrawal[] withdrawals, address[][] tokens, bool[] receiveAsTokens)}: the batch form the vault allowlists. */
    public ContractCall completeQueuedWithdrawals(List<EigenWithdrawal> withdrawals, List<List<String>> tokens,
                                                  boolean receiveAsTokens) {
        if (withdrawals.isEmpty() || withdrawals.size() != tokens.size()) {
            throw new IllegalArgumentException("withdrawals and tokens must pair up");
        }
        List<DynamicStruct> structs = withdrawals.stream().map(EigenLayerCalls::struct).toList();
        List<DynamicArray<Address>> tokenLists = tokens.stream().map(EigenLayerCalls::addresses).toList();
        List<Bool> flags = withdrawals.stream().map(w -> new Bool(receiveAsTokens)).toList();
        @SuppressWarnings({"unchecked", "rawtypes"})
        DynamicArray<DynamicArray<Address>> nested = new DynamicArray(DynamicArray.class, tokenLists);
        return ContractCall.of(delegationManager, BigInteger.ZERO, "completeQueuedWithdrawals",
                new DynamicArray<>(DynamicStruct.class, structs), nested, new DynamicArray<>(Bool.class, flags));
    }

    private static DynamicStruct struct(EigenWithdrawal w) {
        return new DynamicStruct(List.<Type>of(new Address(w.staker()), new Address(w.delegatedTo()), new Address(w.withdrawer()),
                new Uint256(w.nonce()), new Uint32(w.startBlock()), addresses(w.strategies()), uints(w.scaledShares())));
    }

    private static DynamicArray<Address> addresses(List<String> addresses) {
        return new DynamicArray<>(Address.class, addresses.stream().map(Address::new).toList());
    }

    private static DynamicArray<Uint256> uints(List<BigInteger> values) {
        return new DynamicArray<>(Uint256.class, values.stream().map(Uint256::new).toList());
    }
}
