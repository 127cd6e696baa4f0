package io.lrtyield.common.chain.reader;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * Bounds-checked reading of ABI-encoded return data for the shapes {@link ViewFunction} does not declare: arrays of
 * tuples (EigenLayer's {@code Withdrawal[]}, {@code OperatorSet[]}). Every offset and length is checked against the data
 * before it is followed, so malformed data gives an {@link IllegalArgumentException}, never a huge allocation.
 */
final class AbiWords {

    private static final BigInteger MAX_ADDRESS = BigInteger.ONE.shiftLeft(160);

    private final byte[] data;

    AbiWords(byte[] data) {
        if (data == null || data.length == 0) {
            throw new IllegalArgumentException("empty return data (no contract code at the target?)");
        }
        if (data.length % 32 != 0) {
            throw new IllegalArgumentException(data.length + " bytes is not a whole number of 32-byte words");
        }
        this.data = data;
    }

    /** The unsigned word at byte {@code position}. */
    BigInteger word(long position) {
        if (position < 0 || position + 32 > data.length) {
            throw new IllegalArgumentException("word at " + position + " past the end (" + data.length + " bytes)");
        }
        return new BigInteger(1, Arrays.copyOfRange(data, (int) position, (int) position + 32));
    }

    /** The word at {@code position} as an offset from {@code base}: the absolute position it points to. */
    long pointer(long position, long base) {
        BigInteger offset = word(position);
        if (offset.bitLength() > 31 || base + offset.longValueExact() >= data.length) {
            throw new IllegalArgumentException("offset " + offset + " at " + position + " points past the data");
        }
        return base + offset.longValueExact();
    }

    /** The length word of an array at {@code position}, bounded by what the data can hold at {@code wordsPerItem} each. */
    int length(long position, int wordsPerItem) {
        BigInteger n = word(position);
        long room = (data.length - position - 32) / 32;
        if (n.bitLength() > 31 || n.longValueExact() * wordsPerItem > room) {
            throw new IllegalArgumentException("array length " + n + " at " + position + " exceeds the data");
        }
        return n.intValueExact();
    }

    String address(long position) {
        BigInteger w = word(position);
        if (w.compareTo(MAX_ADDRESS) >= 0) {
            throw new IllegalArgumentException("address with dirty upper bytes at " + position);
        }
        return "0x" + String.format("%040x", w);
    }

    long uint32(long position) {
        BigInteger w = word(position);
        if (w.bitLength() > 32) {
            throw new IllegalArgumentException("uint32 out of range at " + position + ": " + w);
        }
        return w.longValueExact();
    }
}
