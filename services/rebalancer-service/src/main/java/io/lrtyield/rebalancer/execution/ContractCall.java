package io.lrtyield.rebalancer.execution;

import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

import java.math.BigInteger;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One call the vault makes on a venue contract: {@code target.call{value: valueWei}(data)}. Built by the venue adapters,
 * checked against the allowlist, then wrapped in the vault's {@code manage(target, data, value)}.
 *
 * @param target    the venue contract (lower-case 0x address)
 * @param signature canonical function signature, e.g. {@code supply(address,uint256,address,uint16)}
 * @param data      ABI-encoded calldata, 0x-prefixed, starting with the selector of {@code signature}
 * @param valueWei  ETH the vault sends with the call
 */
public record ContractCall(String target, String signature, String data, BigInteger valueWei) {

    public ContractCall {
        target = normalise(target);
        Objects.requireNonNull(signature, "signature");
        Objects.requireNonNull(data, "data");
        valueWei = valueWei == null ? BigInteger.ZERO : valueWei;
        if (valueWei.signum() < 0) {
            throw new IllegalArgumentException("negative value " + valueWei);
        }
        if (!data.startsWith(selectorOf(signature))) {
            throw new IllegalArgumentException("calldata does not start with the selector of " + signature);
        }
    }

    /** Encodes {@code name(args…)} with web3j's ABI encoder; the signature is derived from the argument types. */
    public static ContractCall of(String target, BigInteger valueWei, String name, Type<?>... args) {
        List<Type> params = List.of(args);
        String signature = name + params.stream().map(Type::getTypeAsString).collect(Collectors.joining(",", "(", ")"));
        return new ContractCall(target, signature, FunctionEncoder.encode(new Function(name, params, List.of())), valueWei);
    }

    /** The 4-byte selector, 0x-prefixed lower-case hex. */
    public String selector() {
        return data.substring(0, 10);
    }

    /** The 32-byte head word {@code index} of the arguments (for static arguments: the argument itself). */
    public String headWord(int index) {
        int start = 10 + 64 * index;
        if (data.length() < start + 64) {
            throw new IllegalArgumentException(signature + " has no argument word " + index);
        }
        return data.substring(start, start + 64);
    }

    public static String selectorOf(String signature) {
        return Hash.sha3String(signature).substring(0, 10);
    }

    static String normalise(String address) {
        Objects.requireNonNull(address, "address");
        String clean = Numeric.cleanHexPrefix(address).toLowerCase();
        if (clean.length() != 40) {
            throw new IllegalArgumentException("not an address: " + address);
        }
        return "0x" + clean;
    }
}
