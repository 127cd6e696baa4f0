package io.lrtyield.rebalancer.execution.venue;

import io.lrtyield.rebalancer.execution.ContractCall;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.generated.Uint256;

import java.math.BigInteger;

/** Lido: stake ETH for stETH ({@code submit}) and wrap / unwrap wstETH (approve stETH to wstETH before wrapping). */
public final class LidoCalls {

    private static final String NO_REFERRAL = "0x0000000000000000000000000000000000000000";

    private final String stETH;
    private final String wstETH;

    public LidoCalls(String stETH, String wstETH) {
        this.stETH = stETH;
        this.wstETH = wstETH;
    }

    /** {@code submit(address _referral) payable}: the vault sends {@code ethWei} and receives stETH. */
    public ContractCall submit(BigInteger ethWei) {
        return ContractCall.of(stETH, positive(ethWei), "submit", new Address(NO_REFERRAL));
    }

    /** {@code wrap(uint256 _stETHAmount)}: needs an stETH allowance of exactly {@code stEthWei} for wstETH. */
    public ContractCall wrap(BigInteger stEthWei) {
        return ContractCall.of(wstETH, BigInteger.ZERO, "wrap", new Uint256(positive(stEthWei)));
    }

    /** {@code unwrap(uint256 _wstETHAmount)}. */
    public ContractCall unwrap(BigInteger wstEthWei) {
        return ContractCall.of(wstETH, BigInteger.ZERO, "unwrap", new Uint256(positive(wstEthWei)));
    }

    public String stETH() {
        return stETH;
    }

    public String wstETH() {
        return wstETH;
    }

    static BigInteger positive(BigInteger amount) {
        if (amount == null || amount.signum() <= 0) {
            throw new IllegalArgumentException("amount must be positive: " + amount);
        }
        return amount;
    }
}
