package io.lrtyield.common.chain.reader;

import io.lrtyield.common.chain.Multicall3;

import java.math.BigInteger;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hand-built ABI words for decoder tests. */
final class Words {

    static final BigInteger E18 = BigInteger.TEN.pow(18);
    private static final BigInteger TWO_256 = BigInteger.ONE.shiftLeft(256);

    private Words() {
    }

    /** One 32-byte word, two's complement for negative values. */
    static String word(BigInteger value) {
        BigInteger v = value.signum() < 0 ? value.add(TWO_256) : value;
        return String.format("%64s", v.toString(16)).replace(' ', '0');
    }

    static String word(long value) {
        return word(BigInteger.valueOf(value));
    }

    static String word(String decimal) {
        return word(new BigInteger(decimal));
    }

    /** An address left-padded to a word (lower-case). */
    static String addressWord(String address) {
        return "000000000000000000000000" + address.substring(2).toLowerCase();
    }

    static Multicall3.Result ok(String... words) {
        return new Multicall3.Result(true, HexFormat.of().parseHex(String.join("", words)));
    }

    static Multicall3.Result okBytes(byte[] data) {
        return new Multicall3.Result(true, data);
    }

    static Multicall3.Result reverted() {
        return new Multicall3.Result(false, new byte[0]);
    }

    /** 31 bytes: shorter than one word. */
    static Multicall3.Result tooShort() {
        return new Multicall3.Result(true, new byte[31]);
    }

    static void assertUnavailable(Read<?> read, String... reasonParts) {
        assertFalse(read.available(), () -> "expected unavailable, got " + read);
        assertNull(read.value());
        for (String part : reasonParts) {
            assertTrue(read.error().contains(part), () -> "reason '" + read.error() + "' lacks '" + part + "'");
        }
    }
}
