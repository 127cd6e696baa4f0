package io.lrtyield.common.chain.reader;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;

import static io.lrtyield.common.chain.reader.Words.addressWord;
import static io.lrtyield.common.chain.reader.Words.assertUnavailable;
import static io.lrtyield.common.chain.reader.Words.ok;
import static io.lrtyield.common.chain.reader.Words.reverted;
import static io.lrtyield.common.chain.reader.Words.tooShort;
import static io.lrtyield.common.chain.reader.Words.word;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AaveReaderTest {

    static final BigInteger CONFIGURATION = new BigInteger("5708990770823839524233143877797980545530986496");
    static final BigInteger LIQUIDITY_INDEX = new BigInteger("1045678901234567890123456789");     // 1.0457 ray
    static final BigInteger LIQUIDITY_RATE = new BigInteger("27500000000000000000000000");        // 0.0275 ray
    static final BigInteger BORROW_INDEX = new BigInteger("1078901234567890123456789012");
    static final BigInteger BORROW_RATE = new BigInteger("33512345678901234567890123");         // 0.0335… ray
    static final String A_TOKEN = "0x4d5F47FA6A74757f35C14fD3a6Ef8E3C9BC514E8";
    static final String STABLE_DEBT = "0x102633152313C81cD80419b6EcF66d14Ad68949A";
    static final String VARIABLE_DEBT = "0xeA51d7853EEFb32b6ee06b1C12E6dcCA88Be0fFE";
    static final String STRATEGY = "0x9ec6F08190DeA04A54f8Afc53Db96134e5E3FdFB";

    /** ReserveDataLegacy, 15 words in struct order. */
    static String reserve(BigInteger liquidityIndex) {
        return word(CONFIGURATION) + word(liquidityIndex) + word(LIQUIDITY_RATE) + word(BORROW_INDEX) + word(BORROW_RATE)
                + word(0)                          // currentStableBorrowRate (deprecated)
                + word(1_767_225_600L)             // lastUpdateTimestamp
                + word(0)                          // id
                + addressWord(A_TOKEN) + addressWord(STABLE_DEBT) + addressWord(VARIABLE_DEBT) + addressWord(STRATEGY)
                + word(new BigInteger("123456789012345678"))  // accruedToTreasury
                + word(0) + word(0);                          // unbacked, isolationModeTotalDebt
    }

    @Test
    void decodesTheFullReserveDataStruct() {
        ReserveData expected = new ReserveData(CONFIGURATION, LIQUIDITY_INDEX, LIQUIDITY_RATE, BORROW_INDEX, BORROW_RATE,
                BigInteger.ZERO, Instant.parse("2026-01-01T00:00:00Z"), 0,
                A_TOKEN.toLowerCase(), STABLE_DEBT.toLowerCase(), VARIABLE_DEBT.toLowerCase(), STRATEGY.toLowerCase(),
                new BigInteger("123456789012345678"), BigInteger.ZERO, BigInteger.ZERO);
        Read<ReserveData> read = AaveReader.decodeReserveData(ok(reserve(LIQUIDITY_INDEX)));
        assertEquals(Read.of(expected), read);
        assertEquals(new BigDecimal("0.027500000000000000000000000"), read.value().supplyApr());
        assertEquals(new BigDecimal("0.033512345678901234567890123"), read.value().variableBorrowApr());
    }

    @Test
    void reserveDataFailures() {
        assertUnavailable(AaveReader.decodeReserveData(reverted()), "getReserveData(address): call reverted");
        assertUnavailable(AaveReader.decodeReserveData(tooShort()), "getReserveData(address): return data too short");
        // 14 of 15 words (e.g. a ProtocolDataProvider-shaped 12-word answer would also be too short)
        assertUnavailable(AaveReader.decodeReserveData(ok(reserve(LIQUIDITY_INDEX).substring(0, 64 * 14))),
                "too short: 448 bytes, expected at least 480");
        assertUnavailable(AaveReader.decodeReserveData(ok(reserve(BigInteger.ONE.shiftLeft(128)))), "output 1 does not fit in uint128");
    }

    @Test
    void decodesUserAccountData() {
        BigInteger collateral = BigInteger.valueOf(1_234_567_890_123L);   // $12,345.67890123 (8 decimals)
        BigInteger debt = BigInteger.valueOf(500_000_000_000L);           // $5,000
        BigInteger available = BigInteger.valueOf(493_827_156_049L);
        BigInteger threshold = BigInteger.valueOf(8_300);
        BigInteger ltv = BigInteger.valueOf(8_050);
        BigInteger healthFactor = new BigInteger("2049382716049382716");
        Read<UserAccountData> read = AaveReader.decodeUserAccountData(
                ok(word(collateral), word(debt), word(available), word(threshold), word(ltv), word(healthFactor)));
        assertEquals(Read.of(new UserAccountData(collateral, debt, available, threshold, ltv, healthFactor)), read);
        UserAccountData data = read.value();
        assertEquals(new BigDecimal("12345.67890123"), UserAccountData.inBase(data.totalCollateralBase(), UserAccountData.USD_BASE_DECIMALS));
        assertEquals(new BigDecimal("2.049382716049382716"), data.healthFactorDecimal());
        assertEquals(new BigDecimal("0.8300"), data.liquidationThresholdFraction());
        assertEquals(new BigDecimal("0.8050"), data.ltvFraction());
        assertTrue(data.hasDebt());
    }

    @Test
    void noDebtHealthFactorIsUint256Max() {
        BigInteger max = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);
        UserAccountData data = AaveReader.decodeUserAccountData(ok(word(0), word(0), word(0), word(0), word(0), word(max))).value();
        assertEquals(max, data.healthFactor());
        assertFalse(data.hasDebt());
    }

    @Test
    void userAccountDataFailures() {
        assertUnavailable(AaveReader.decodeUserAccountData(reverted()), "getUserAccountData(address): call reverted");
        assertUnavailable(AaveReader.decodeUserAccountData(tooShort()), "getUserAccountData(address): return data too short");
    }
}
