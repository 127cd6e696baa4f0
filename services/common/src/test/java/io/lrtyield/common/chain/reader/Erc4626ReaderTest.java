package io.lrtyield.common.chain.reader;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;

import static io.lrtyield.common.chain.reader.Words.assertUnavailable;
import static io.lrtyield.common.chain.reader.Words.ok;
import static io.lrtyield.common.chain.reader.Words.reverted;
import static io.lrtyield.common.chain.reader.Words.tooShort;
import static io.lrtyield.common.chain.reader.Words.word;
import static org.junit.jupiter.api.Assertions.assertEquals;

class Erc4626ReaderTest {

    @Test
    void convertToAssets() {
        assertEquals(Read.of(new BigInteger("1132456789012345678")), Erc4626Reader.decodeConvertToAssets(ok(word("1132456789012345678"))));
        assertUnavailable(Erc4626Reader.decodeConvertToAssets(reverted()), "convertToAssets(uint256): call reverted");
        assertUnavailable(Erc4626Reader.decodeConvertToAssets(tooShort()), "convertToAssets(uint256): return data too short");
    }

    @Test
    void totalAssets() {
        assertEquals(Read.of(new BigInteger("123456789012345678901234")), Erc4626Reader.decodeTotalAssets(ok(word("123456789012345678901234"))));
        assertUnavailable(Erc4626Reader.decodeTotalAssets(reverted()), "totalAssets(): call reverted");
        assertUnavailable(Erc4626Reader.decodeTotalAssets(tooShort()), "totalAssets(): return data too short");
    }
}
