package io.lrtyield.rebalancer.execution.venue;

import io.lrtyield.rebalancer.execution.ContractCall;
import org.web3j.abi.datatypes.generated.Uint256;

import java.math.BigInteger;

import static io.lrtyield.rebalancer.execution.venue.LidoCalls.positive;

/** WETH9: wrap ETH ({@code deposit() payable}) and unwrap ({@code withdraw(uint256)}). */
public final class WethCalls {

    private final String weth;

    public WethCalls(String weth) {
        this.weth = weth;
    }

    public ContractCall deposit(BigInteger ethWei) {
        return ContractCall.of(weth, positive(ethWei), "deposit");
    }

    public ContractCall withdraw(BigInteger wethWei) {
        return ContractCall.of(weth, BigInteger.ZERO, "withdraw", new Uint256(positive(wethWei)));
    }
}
