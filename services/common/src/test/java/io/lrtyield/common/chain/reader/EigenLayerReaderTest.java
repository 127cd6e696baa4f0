package io.lrtyield.common.chain.reader;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;

import static io.lrtyield.common.chain.reader.Words.assertUnavailable;
import static io.lrtyield.common.chain.reader.Words.ok;
import static io.lrtyield.common.chain.reader.Words.reverted;
import static io.lrtyield.common.chain.reader.Words.tooShort;
import static io.lrtyield.common.chain.reader.Words.word;
import static org.junit.jupiter.api.Assertions.assertEquals;

class EigenLayerReaderTest {

    @Test
    void sharesToUnderlyingView() {
        assertEquals(Read.of(new BigInteger("1000000000000000123")), EigenLayerReader.decodeSharesToUnderlyingView(ok(word("1000000000000000123"))));
        assertUnavailable(EigenLayerReader.decodeSharesToUnderlyingView(reverted()), "sharesToUnderlyingView(uint256): call reverted");
        assertUnavailable(EigenLayerReader.decodeSharesToUnderlyingView(tooShort()), "sharesToUnderlyingView(uint256): return data too short");
    }

    @Test
    void stakerDepositShares() {
        assertEquals(Read.of(new BigInteger("32000000000000000000000")), EigenLayerReader.decodeStakerDepositShares(ok(word("32000000000000000000000"))));
        assertUnavailable(EigenLayerReader.decodeStakerDepositShares(reverted()), "stakerDepositShares(address,address): call reverted");
        assertUnavailable(EigenLayerReader.decodeStakerDepositShares(tooShort()), "stakerDepositShares(address,address): return data too short");
    }
}
