package io.lrtyield.common.chain;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * Reading ABI-encoded return data by hand, for the shapes the readers' {@code ViewFunction} does not declare: arrays of
 * tuples (EigenLayer's {@code Withdrawal[]}, {@code OperatorSet[]}), Multicall3's {@code (bool, bytes)[]}. Bounds-checked:
 * every offset and length is checked against the data before it is followed, so malformed data gives an
 * {@link IllegalArgumentException}, never a huge allocation. {@link #words} is the unchecked flat view the rebalancer's
 * queue readers index into.
 */
public final class AbiWords {

    private static final BigInteger MAX_ADDRESS = BigInteger.ONE.shiftLeft(160);

    private final byte[] data;

    public AbiWords(byte[] data) {
        if (data == null || data.length == 0) {
            throw new IllegalArgumentException("empty return data (no contract code at the target?)");
        }
        if (data.length % 32 != 0) {
            throw new IllegalArgumentException(data.length + " bytes is not a whole number of 32-byte words");
        }
        this.data = data;
    }

    /** The unsigned word at byte {@code position}. */
    public BigInteger word(long position) {
        if (position < 0 || position + 32 > data.length) {
            throw new IllegalArgumentException("word at " + position + " past the end (" + data.length + " bytes)");
        }
        return new BigInteger(1, Arrays.copyOfRange(data, (int) position, (int) position + 32));
    }

    /** The word at {@code position} as an offset from {@code base}: the absolute position it points to. */
    public long pointer(long position, long base) {
        BigInteger offset = word(position);
        if (offset.bitLength() > 31 || base + offset.longValueExact() >= data.length) {
            throw new IllegalArgumentException("offset " + offset + " at " + position + " points past the data");
        }
        return base + offset.longValueExact();
    }

    /** The length word of an array at {@code position}, bounded by what the data can hold at {@code wordsPerItem} each. */
    public int length(long position, int wordsPerItem) {
        BigInteger n = word(position);
        long room = (data.length - position - 32) / 32;
        if (n.bitLength() > 31 || n.longValueExact() * wordsPerItem > room) {
            throw new IllegalArgumentException("array length " + n + " at " + position + " exceeds the data");
        }
        return n.intValueExact();
    }

    public String address(long position) {
        BigInteger w = word(position);
        if (w.compareTo(MAX_ADDRESS) >= 0) {
            throw new IllegalArgumentException("address with dirty upper bytes at " + position);
        }
        return "0x" + String.format("%040x", w);
    }

    public long uint32(long position) {
        BigInteger w = word(position);
        if (w.bitLength() > 32) {
            throw new IllegalArgumentException("uint32 out of range at " + position + ": " + w);
        }
        return w.longValueExact();
    }

    /** The dynamic {@code bytes} whose length word is at {@code position}. */
    public byte[] bytes(long position) {
        BigInteger n = word(position);
        if (n.bitLength() > 31 || position + 32 + n.longValueExact() > data.length) {
            throw new IllegalArgumentException("bytes of length " + n + " at " + position + " run past the data");
        }
        return Arrays.copyOfRange(data, (int) position + 32, (int) (position + 32 + n.longValueExact()));
    }

    /** The words of a successful Multicall3 result; a reverted call is an IllegalArgumentException ("reverted"). */
    public static BigInteger[] words(Multicall3.Result r) {
        if (!r.success()) {
            throw new IllegalArgumentException("reverted");
        }
        byte[] data = r.returnData();
        BigInteger[] w = new BigInteger[data.length / 32];
        for (int i = 0; i < w.length; i++) {
            w[i] = new BigInteger(1, Arrays.copyOfRange(data, i * 32, i * 32 + 32));
        }
        return w;
    }
}
