package io.lrtyield.rebalancer.execution.venue;

import io.lrtyield.rebalancer.execution.ContractCall;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Uint256;

import java.math.BigInteger;

/**
 * The restaking issuers' withdrawal queues, mainnet signatures:
 * <ul>
 *   <li>Renzo {@code WithdrawQueue}: {@code withdraw(uint256 _amount, address _assetOut)} locks ezETH (approve it first)
 *       for native ETH ({@link #NATIVE}) at the rate of the request; after the cooldown {@code claim(uint256
 *       withdrawRequestIndex, address user)} pays the user. A claim moves the user's last request into the claimed
 *       index, so several claims in one plan go from the highest index down;</li>
 *   <li>Kelp {@code LRTWithdrawalManager}: {@code initiateWithdrawal(address asset, uint256 rsETHUnstaked, string
 *       referralId)} locks rsETH (approve it first); once the operator unlocked it and the delay in blocks passed,
 *       {@code completeWithdrawal(address asset, string referralId)} pays the caller's oldest request.</li>
 * </ul>
 */
public final class LrtWithdrawalQueueCalls {

    /** Renzo's {@code IS_NATIVE} and Kelp's {@code LRTConstants.ETH_TOKEN}: native ETH as the asset out. */
    public static final String NATIVE = "0xEeeeeEeeeEeEeeEeEeEeeEEEeeeeEeeeeeeeEEeE";

    private LrtWithdrawalQueueCalls() {
    }

    public static ContractCall renzoWithdraw(String queue, BigInteger ezEth) {
        return ContractCall.of(queue, BigInteger.ZERO, "withdraw", new Uint256(LidoCalls.positive(ezEth)), new Address(NATIVE));
    }

    public static ContractCall renzoClaim(String queue, int index, String user) {
        return ContractCall.of(queue, BigInteger.ZERO, "claim", new Uint256(index), new Address(user));
    }

    public static ContractCall kelpInitiateWithdrawal(String manager, BigInteger rsEth) {
        return ContractCall.of(manager, BigInteger.ZERO, "initiateWithdrawal", new Address(NATIVE), new Uint256(LidoCalls.positive(rsEth)),
                new Utf8String(""));
    }

    public static ContractCall kelpCompleteWithdrawal(String manager) {
        return ContractCall.of(manager, BigInteger.ZERO, "completeWithdrawal", new Address(NATIVE), new Utf8String(""));
    }
}
