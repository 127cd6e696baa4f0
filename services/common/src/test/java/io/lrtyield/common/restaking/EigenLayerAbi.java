package io.lrtyield.common.restaking;

import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.DynamicStruct;
import org.web3j.abi.datatypes.StaticStruct;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint32;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/** Return data of the EigenLayer tuple-array views, encoded by web3j's own ABI encoder (not by the decoder under test). */
final class EigenLayerAbi {

    static final String STAKER = "0x0000000000000000000000000000000000000c01";

    private EigenLayerAbi() {
    }

    /** {@code getAllocatedSets}: OperatorSet[] from {avs, id} pairs. */
    static String sets(String[]... sets) {
        List<StaticStruct> list = new ArrayList<>();
        for (String[] s : sets) {
            list.add(new StaticStruct(new Address(s[0]), new Uint32(Long.parseLong(s[1]))));
        }
        return FunctionEncoder.encodeConstructor(List.of(new DynamicArray<>(StaticStruct.class, list)));
    }

    /** One queued withdrawal: operator, start block, strategies and the shares completing it pays in each. */
    record Withdrawal(String delegatedTo, long startBlock, List<String> strategies, List<BigInteger> shares) {
    }

    /** {@code getQueuedWithdrawals}: (Withdrawal[] withdrawals, uint256[][] shares); scaled shares = shares here. */
    static String queued(Withdrawal... withdrawals) {
        List<DynamicStruct> structs = new ArrayList<>();
        List<DynamicArray<Uint256>> shares = new ArrayList<>();
        long nonce = 0;
        for (Withdrawal w : withdrawals) {
            List<Type> fields = List.of(new Address(STAKER), new Address(w.delegatedTo()), new Address(STAKER), new Uint256(nonce++),
                    new Uint32(w.startBlock()), new DynamicArray<>(Address.class, w.strategies().stream().map(Address::new).toList()),
                    new DynamicArray<>(Uint256.class, w.shares().stream().map(Uint256::new).toList()));
            structs.add(new DynamicStruct(fields));
            shares.add(new DynamicArray<>(Uint256.class, w.shares().stream().map(Uint256::new).toList()));
        }
        return FunctionEncoder.encodeConstructor(List.of(new DynamicArray<>(DynamicStruct.class, structs),
                new DynamicArray(DynamicArray.class, shares)));
    }

    static String noQueuedWithdrawals() {
        return queued();
    }
}
