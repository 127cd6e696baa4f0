package io.lrtyield.rebalancer.execution.venue;

import io.lrtyield.rebalancer.execution.ContractCall;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.generated.Uint16;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint8;

import java.math.BigInteger;

import static io.lrtyield.rebalancer.execution.venue.LidoCalls.positive;

/**
 * Aave v3 Pool actions, always on the vault's own account: {@code onBehalfOf} and {@code to} are the vault by
 * construction (and the allowlist checks it again). Variable rate (mode 2) only, as Aave v3.2+.
 */
public final class AaveCalls {

    /** Withdraws the whole balance (Aave's {@code type(uint256).max} convention). */
    public static final BigInteger ALL = BigInteger.TWO.pow(256).subtract(BigInteger.ONE);
    private static final BigInteger VARIABLE = BigInteger.TWO;

    private final String pool;
    private final String vault;

    public AaveCalls(String pool, String vault) {
        this.pool = pool;
        this.vault = vault;
    }

    /** {@code supply(address asset, uint256 amount, address onBehalfOf, uint16 referralCode)}; approve the pool first. */
    public ContractCall supply(String asset, BigInteger amount) {
        return ContractCall.of(pool, BigInteger.ZERO, "supply", new Address(asset), new Uint256(positive(amount)),
                new Address(vault), new Uint16(0));
    }

    /** {@code withdraw(address asset, uint256 amount, address to)}; {@link #ALL} for the full balance. */
    public ContractCall withdraw(String asset, BigInteger amount) {
        return ContractCall.of(pool, BigInteger.ZERO, "withdraw", new Address(asset), new Uint256(positive(amount)),
                new Address(vault));
    }

    /** {@code borrow(address asset, uint256 amount, uint256 interestRateMode, uint16 referralCode, address onBehalfOf)}. */
    public ContractCall borrow(String asset, BigInteger amount) {
        return ContractCall.of(pool, BigInteger.ZERO, "borrow", new Address(asset), new Uint256(positive(amount)),
                new Uint256(VARIABLE), new Uint16(0), new Address(vault));
    }

    /** {@code repay(address asset, uint256 amount, uint256 interestRateMode, address onBehalfOf)}; approve the pool first. */
    public ContractCall repay(String asset, BigInteger amount) {
        return ContractCall.of(pool, BigInteger.ZERO, "repay", new Address(asset), new Uint256(positive(amount)),
                new Uint256(VARIABLE), new Address(vault));
    }

    /** {@code setUserEMode(uint8 categoryId)}; 0 leaves eMode. */
    public ContractCall setUserEMode(int categoryId) {
        if (categoryId < 0 || categoryId > 255) {
            throw new IllegalArgumentException("eMode category " + categoryId);
        }
        return ContractCall.of(pool, BigInteger.ZERO, "setUserEMode", new Uint8(categoryId));
    }

    public String pool() {
        return pool;
    }
}
