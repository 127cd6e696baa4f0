package io.lrtyield.rebalancer.portfolio;

import io.lrtyield.common.chain.Multicall3;
import org.junit.jupiter.api.Test;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.DynamicStruct;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint32;
import org.web3j.utils.Numeric;

import java.math.BigInteger;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code getQueuedWithdrawal(root)} = (Withdrawal, uint256[]) decoded from its ABI encoding, completable after the delay. */
class EigenQueueReaderTest {

    static final String VAULT = "0x00000000000000000000000000000000000000aa";
    static final String OPERATOR = "0x00000000000000000000000000000000000000bb";
    static final String STRATEGY = "0x00000000000000000000000000000000000000cc";
    static final byte[] ROOT = Numeric.hexStringToByteArray("0x" + "ab".repeat(32));

    final EigenQueueReader reader = new EigenQueueReader("0x00000000000000000000000000000000000000dd", VAULT);

    @Test
    void aQueuedWithdrawalDecodesWithItsSharesAndDelay() {
        List<Multicall3.Result> results = List.of(result(roots(ROOT)), result(uint(600)), result(withdrawal(1_000, "60000000000000000000")));
        EigenQueueReader.Decoded d = reader.decode(results, List.of(ROOT), 1_600);
        assertEquals(1, d.withdrawals().size(), String.valueOf(d.error()));
        EigenQueuedWithdrawal w = d.withdrawals().get(0);
        assertEquals(VAULT, w.withdrawal().staker());
        assertEquals(OPERATOR, w.withdrawal().delegatedTo());
        assertEquals(BigInteger.valueOf(7), w.withdrawal().nonce());
        assertEquals(1_000, w.withdrawal().startBlock());
        assertEquals(List.of(STRATEGY), w.withdrawal().strategies());
        assertEquals(List.of(new BigInteger("60000000000000000000")), w.withdrawal().scaledShares());
        assertEquals(List.of(new BigInteger("59000000000000000000")), w.shares(), "net of slashing: the second array");
        assertFalse(w.completable(), "block 1,600 is not past 1,000 + 600");
        assertTrue(reader.decode(results, List.of(ROOT), 1_601).withdrawals().get(0).completable());
    }

    @Test
    void newRootsAskForAnotherReadAndARevertIsAnError() {
        EigenQueueReader.Decoded d = reader.decode(List.of(result(roots(ROOT)), result(uint(600))), List.of(), 1);
        assertEquals(1, d.roots().size());
        assertTrue(d.withdrawals().isEmpty());
        assertEquals(3, reader.calls(List.of(ROOT)).size());
        assertNotNull(reader.decode(List.of(new Multicall3.Result(false, new byte[0]), result(uint(600))), List.of(), 1).error());
    }

    private static String withdrawal(long startBlock, String scaled) {
        DynamicStruct w = new DynamicStruct(new Address(VAULT), new Address(OPERATOR), new Address(VAULT), new Uint256(7),
                new Uint32(startBlock), new DynamicArray<>(Address.class, List.of(new Address(STRATEGY))),
                new DynamicArray<>(Uint256.class, List.of(new Uint256(new BigInteger(scaled)))));
        return FunctionEncoder.encodeConstructor(List.of(w, new DynamicArray<>(Uint256.class,
                List.of(new Uint256(new BigInteger("59000000000000000000"))))));
    }

    private static String roots(byte[] root) {
        return FunctionEncoder.encodeConstructor(List.of(new DynamicArray<>(org.web3j.abi.datatypes.generated.Bytes32.class,
                List.of(new org.web3j.abi.datatypes.generated.Bytes32(root)))));
    }

    private static String uint(long v) {
        return FunctionEncoder.encodeConstructor(List.of(new Uint256(v)));
    }

    private static Multicall3.Result result(String hex) {
        return new Multicall3.Result(true, Numeric.hexStringToByteArray(hex));
    }
}
