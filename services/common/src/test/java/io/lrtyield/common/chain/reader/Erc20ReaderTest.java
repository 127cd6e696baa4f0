package io.lrtyield.common.chain.reader;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;

import static io.lrtyield.common.chain.reader.Words.assertUnavailable;
import static io.lrtyield.common.chain.reader.Words.ok;
import static io.lrtyield.common.chain.reader.Words.reverted;
import static io.lrtyield.common.chain.reader.Words.tooShort;
import static io.lrtyield.common.chain.reader.Words.word;
import static org.junit.jupiter.api.Assertions.assertEquals;

class Erc20ReaderTest {

    @Test
    void balanceOf() {
        assertEquals(Read.of(new BigInteger("5000000000000000001")), Erc20Reader.decodeBalanceOf(ok(word("5000000000000000001"))));
        assertEquals(Read.of(BigInteger.ZERO), Erc20Reader.decodeBalanceOf(ok(word(0))));
        assertUnavailable(Erc20Reader.decodeBalanceOf(reverted()), "balanceOf(address): call reverted");
        assertUnavailable(Erc20Reader.decodeBalanceOf(tooShort()), "balanceOf(address): return data too short");
    }

    @Test
    void totalSupply() {
        assertEquals(Read.of(new BigInteger("9500000000000000000000000")), Erc20Reader.decodeTotalSupply(ok(word("9500000000000000000000000"))));
        assertUnavailable(Erc20Reader.decodeTotalSupply(reverted()), "totalSupply(): call reverted");
        assertUnavailable(Erc20Reader.decodeTotalSupply(tooShort()), "totalSupply(): return data too short");
    }

    @Test
    void decimals() {
        assertEquals(Read.of(18), Erc20Reader.decodeDecimals(ok(word(18))));
        assertEquals(Read.of(6), Erc20Reader.decodeDecimals(ok(word(6))));
        assertUnavailable(Erc20Reader.decodeDecimals(reverted()), "decimals(): call reverted");
        assertUnavailable(Erc20Reader.decodeDecimals(tooShort()), "decimals(): return data too short");
        assertUnavailable(Erc20Reader.decodeDecimals(ok(word(300))), "does not fit in uint8");
    }
}
