package io.lrtyield.rebalancer.execution;

import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.utils.Numeric;

import java.util.List;

/**
 * The StrategyVault's (BoringVault-style) entry points: every venue call leaves the vault through
 * {@code manage(address target, bytes data, uint256 value)}; the batch form
 * {@code manage(address[],bytes[],uint256[])} is used to simulate a whole plan in one {@code eth_call}.
 */
public final class VaultManage {

    public static final String MANAGE = "manage(address,bytes,uint256)";
    public static final String MANAGE_BATCH = "manage(address[],bytes[],uint256[])";

    private VaultManage() {
    }

    /** The vault transaction for one call: to = vault, value = 0 (the vault pays {@code call.valueWei()} itself). */
    public static String manage(ContractCall call) {
        return FunctionEncoder.encode(function(new Address(call.target()),
                new DynamicBytes(Numeric.hexStringToByteArray(call.data())), new Uint256(call.valueWei())));
    }

    /** All calls in one vault call, in order: what the plan would do if it ran in one block. */
    public static String manageBatch(List<ContractCall> calls) {
        List<Address> targets = calls.stream().map(c -> new Address(c.target())).toList();
        List<DynamicBytes> data = calls.stream().map(c -> new DynamicBytes(Numeric.hexStringToByteArray(c.data()))).toList();
        List<Uint256> values = calls.stream().map(c -> new Uint256(c.valueWei())).toList();
        return FunctionEncoder.encode(function(new DynamicArray<>(Address.class, targets),
                new DynamicArray<>(DynamicBytes.class, data), new DynamicArray<>(Uint256.class, values)));
    }

    private static Function function(Type<?>... args) {
        return new Function("manage", List.<Type>of(args), List.of());
    }
}
