package io.lrtyield.common.chain.reader;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;

import static io.lrtyield.common.chain.reader.Words.assertUnavailable;
import static io.lrtyield.common.chain.reader.Words.ok;
import static io.lrtyield.common.chain.reader.Words.reverted;
import static io.lrtyield.common.chain.reader.Words.tooShort;
import static io.lrtyield.common.chain.reader.Words.word;
import static org.junit.jupiter.api.Assertions.assertEquals;

class LidoReaderTest {

    @Test
    void stEthPerToken() {
        Read<FixedPoint> read = LidoReader.decodeStEthPerToken(ok(word("1218203532420818152")));
        assertEquals(Read.of(FixedPoint.wad(new BigInteger("1218203532420818152"))), read);
        assertEquals(new BigDecimal("1.218203532420818152"), read.value().toBigDecimal());
        assertUnavailable(LidoReader.decodeStEthPerToken(reverted()), "stEthPerToken(): call reverted");
        assertUnavailable(LidoReader.decodeStEthPerToken(tooShort()), "stEthPerToken(): return data too short");
    }

    @Test
    void getPooledEthByShares() {
        assertEquals(Read.of(new BigInteger("1218203532420818152")), LidoReader.decodeGetPooledEthByShares(ok(word("1218203532420818152"))));
        assertUnavailable(LidoReader.decodeGetPooledEthByShares(reverted()), "getPooledEthByShares(uint256): call reverted");
        assertUnavailable(LidoReader.decodeGetPooledEthByShares(tooShort()), "getPooledEthByShares(uint256): return data too short");
    }
}
