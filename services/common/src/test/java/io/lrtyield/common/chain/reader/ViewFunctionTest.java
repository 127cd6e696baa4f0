package io.lrtyield.common.chain.reader;

import io.lrtyield.common.chain.Multicall3;
import org.junit.jupiter.api.Test;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Uint256;

import java.math.BigInteger;
import java.util.HexFormat;
import java.util.List;

import static io.lrtyield.common.chain.reader.Words.E18;
import static io.lrtyield.common.chain.reader.Words.assertUnavailable;
import static io.lrtyield.common.chain.reader.Words.ok;
import static io.lrtyield.common.chain.reader.Words.word;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The generic encode / decode / wrap-failures helper and {@link Read}. */
class ViewFunctionTest {

    private static final ViewFunction<BigInteger> GET_RATE = EtherFiReader.GET_RATE;

    @Test
    void signatureAndSelector() {
        assertEquals("get_dy(int128,int128,uint256)", CurveReader.GET_DY.signature());
        assertEquals("0x5e0d443f", CurveReader.GET_DY.selector());
        assertEquals("stakerDepositShares(address,address)", EigenLayerReader.STAKER_DEPOSIT_SHARES.signature());
    }

    @Test
    void decodesAUint256() {
        assertEquals(Read.of(E18), GET_RATE.decode(ok(word(E18))));
    }

    @Test
    void nullResultIsUnavailable() {
        assertUnavailable(GET_RATE.decode(null), "getRate()", "no result");
    }

    @Test
    void revertWithoutDataIsUnavailable() {
        assertUnavailable(GET_RATE.decode(new Multicall3.Result(false, new byte[0])), "getRate(): call reverted without data");
        assertUnavailable(GET_RATE.decode(new Multicall3.Result(false, null)), "call reverted");
    }

    @Test
    void revertReasonIsDecoded() {
        String encodedReason = FunctionEncoder.encodeConstructor(List.of(new Utf8String("Pausable: paused")));
        byte[] data = HexFormat.of().parseHex("08c379a0" + encodedReason);
        assertUnavailable(GET_RATE.decode(new Multicall3.Result(false, data)), "call reverted: Error(\"Pausable: paused\")");
    }

    @Test
    void panicCodeIsDecoded() {
        byte[] data = HexFormat.of().parseHex("4e487b71" + word(0x12));
        assertUnavailable(GET_RATE.decode(new Multicall3.Result(false, data)), "call reverted: Panic(0x12)");
    }

    @Test
    void customErrorIsDescribedNotDecoded() {
        byte[] data = HexFormat.of().parseHex("deadbeef" + word(1));
        assertUnavailable(GET_RATE.decode(new Multicall3.Result(false, data)), "36 bytes of revert data starting 0xdeadbeef");
    }

    @Test
    void garbledErrorStringStillGivesAReason() {
        byte[] data = HexFormat.of().parseHex("08c379a0" + word(0x20) + word(1000)); // length past the end
        Read<BigInteger> read = GET_RATE.decode(new Multicall3.Result(false, data));
        assertUnavailable(read, "call reverted");
    }

    @Test
    void successWithEmptyDataMeansNoCode() {
        assertUnavailable(GET_RATE.decode(new Multicall3.Result(true, new byte[0])), "empty return data");
    }

    @Test
    void tooShortIsUnavailable() {
        assertUnavailable(GET_RATE.decode(Words.tooShort()), "too short: 31 bytes, expected at least 32");
        assertUnavailable(AaveReader.decodeUserAccountData(ok(word(1), word(2))), "too short: 64 bytes, expected at least 192");
    }

    @Test
    void partialWordIsMalformed() {
        byte[] data = new byte[40];
        assertUnavailable(GET_RATE.decode(new Multicall3.Result(true, data)), "not a whole number of 32-byte words");
    }

    @Test
    void trailingWordsAreIgnored() {
        assertEquals(Read.of(BigInteger.TWO), GET_RATE.decode(ok(word(2), word(99))));
    }

    @Test
    void outOfRangeWordsAreMalformed() {
        // uint8 above 255 (web3j alone would accept it)
        assertUnavailable(Erc20Reader.decodeDecimals(ok(word(256))), "decimals()", "output 0 does not fit in uint8");
        // address with dirty upper bytes
        assertUnavailable(PendleReader.decodeReadTokens(ok("ff" + "0".repeat(62), word(1), word(2))), "output 0 is not an address");
        // bool other than 0/1
        String bad = word(1) + word(0) + word(0) + word(0) + word(0) + word(0) + word(2);
        assertUnavailable(UniswapV3Reader.decodeSlot0(ok(bad)), "output 6 is not a bool");
        // int24 not sign-extended
        String unextended = word(1) + word(0x800000) + word(0) + word(0) + word(0) + word(0) + word(1);
        assertUnavailable(UniswapV3Reader.decodeSlot0(ok(unextended)), "output 1 does not fit in int24");
        // uint80 with bit 80 set
        String wideRound = word(BigInteger.ONE.shiftLeft(80)) + word(1) + word(0) + word(0) + word(1);
        assertUnavailable(ChainlinkReader.decodeLatestRoundData(ok(wideRound)), "output 0 does not fit in uint80");
    }

    @Test
    void badOffsetsAndLengthsAreMalformedWithoutBlowingUp() {
        // offset past the payload
        assertUnavailable(RenzoReader.decodeCalculateTvls(ok(word(0x600), word(0x60), word(1))), "output 0 has offset 1536");
        // offset not word-aligned
        assertUnavailable(RenzoReader.decodeCalculateTvls(ok(word(0x61), word(0x60), word(1), word(0))), "output 0 has offset 97");
        // a huge array length claim
        assertUnavailable(RenzoReader.decodeCalculateTvls(ok(word(0x60), word(0x60), word(1), word(Integer.MAX_VALUE))),
                "claims length 2147483647");
        // a huge inner length claim in the nested array (web3j alone would try to allocate it)
        String nested = word(0x60) + word(0xc0) + word(1)
                + word(1) + word(0x20) + word(Integer.MAX_VALUE) // outer length 1, inner offset, inner length
                + word(0);                                         // operatorDelegatorTVLs: empty
        assertUnavailable(RenzoReader.decodeCalculateTvls(ok(nested)),
                "calculateTVLs(): malformed return data: output 0 element 0 claims length 2147483647");
        // an inner offset past the end
        String innerOffset = word(0x60) + word(0xc0) + word(1) + word(1) + word(0x400) + word(0);
        // elements of the outer array start at 0x80; 0x80 + 0x400 = 1152
        assertUnavailable(RenzoReader.decodeCalculateTvls(ok(innerOffset)), "output 0 element 0 has offset 1152");
    }

    @Test
    void mapperFailureIsUnavailable() {
        // sqrtPriceX96 = 0: an uninitialized pool has no price
        String zero = word(0) + word(0) + word(0) + word(0) + word(0) + word(0) + word(0);
        assertUnavailable(UniswapV3Reader.decodeSlot0(ok(zero)), "slot0(): unusable value: pool not initialized");
    }

    @Test
    void argumentsMustMatchTheDeclaredTypes() {
        assertThrows(IllegalArgumentException.class, () -> CurveReader.GET_DY.encode(new Uint256(0), new Uint256(1), new Uint256(2)));
        assertThrows(IllegalArgumentException.class, () -> Erc20Reader.BALANCE_OF.encode());
        assertThrows(IllegalArgumentException.class, () -> Erc20Reader.BALANCE_OF.encode(new Address("0x" + "1".repeat(40)), new Uint256(1)));
        assertThrows(IllegalArgumentException.class, () -> ViewFunction.address("0x" + "g".repeat(40)));
    }

    @Test
    void staticStructOutputsMustBeFlattened() {
        assertThrows(IllegalArgumentException.class, () -> ViewFunction.of("x", List.of(),
                List.of(new TypeReference<org.web3j.abi.datatypes.generated.StaticArray2<Uint256>>() {
                }), out -> out.uint(0)));
    }

    // ---- Read ----

    @Test
    void readHoldsExactlyOne() {
        assertThrows(IllegalArgumentException.class, () -> new Read<>(1, "x"));
        assertThrows(IllegalArgumentException.class, () -> new Read<>(null, null));
        assertEquals("unavailable", Read.unavailable(" ").error());
    }

    @Test
    void mapCatchesFailures() {
        Read<Integer> read = Read.of(0).map(x -> 1 / x);
        assertUnavailable(read, "/ by zero");
        assertEquals(Read.of(4), Read.of(2).map(x -> x * 2));
        assertEquals(Read.unavailable("r"), Read.<Integer>unavailable("r").map(x -> x * 2));
    }

    @Test
    void combineJoinsReasons() {
        assertEquals(Read.of(3), Read.combine(Read.of(1), Read.of(2), Integer::sum));
        assertEquals(Read.unavailable("a; b"), Read.combine(Read.<Integer>unavailable("a"), Read.<Integer>unavailable("b"), Integer::sum));
        assertEquals(Read.unavailable("b"), Read.combine(Read.of(1), Read.<Integer>unavailable("b"), Integer::sum));
    }

    @Test
    void describePrefixesErrorsOnly() {
        assertEquals("weETH: r", Read.unavailable("r").describe("weETH").error());
        assertEquals(Read.of(1), Read.of(1).describe("weETH"));
        assertEquals(java.util.Optional.empty(), Read.unavailable("r").toOptional());
        assertEquals(7, Read.<Integer>unavailable("r").orElse(7));
    }
}
