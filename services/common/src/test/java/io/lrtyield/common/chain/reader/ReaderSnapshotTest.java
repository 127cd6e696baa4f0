package io.lrtyield.common.chain.reader;

import io.lrtyield.common.chain.Multicall3;
import org.junit.jupiter.api.Test;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.DynamicBytes;

import java.math.BigDecimal;
import java.util.HexFormat;
import java.util.List;

import static io.lrtyield.common.chain.reader.SelectorTableTest.CBETH;
import static io.lrtyield.common.chain.reader.SelectorTableTest.EZETH;
import static io.lrtyield.common.chain.reader.SelectorTableTest.RESTAKE_MANAGER;
import static io.lrtyield.common.chain.reader.SelectorTableTest.STETH_ETH_FEED;
import static io.lrtyield.common.chain.reader.SelectorTableTest.WSTETH;
import static io.lrtyield.common.chain.reader.Words.assertUnavailable;
import static io.lrtyield.common.chain.reader.Words.word;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Several readers' calls in one aggregate3 and their results decoded from one aggregate3 return: a reverted and a
 * malformed sub-result make only their own readings unavailable.
 */
class ReaderSnapshotTest {

    @Test
    void oneBlockManyReadsIndependentFailures() {
        List<Multicall3.Call> calls = List.of(
                LidoReader.stEthPerTokenCall(WSTETH),
                RenzoReader.calculateTvlsCall(RESTAKE_MANAGER),
                RenzoReader.ezEthTotalSupplyCall(EZETH),
                CoinbaseReader.exchangeRateCall(CBETH),
                ChainlinkReader.latestRoundDataCall(STETH_ETH_FEED),
                ChainlinkReader.decimalsCall(STETH_ETH_FEED));
        // the calls go into one aggregate3 (selector 0x82ad56cb)
        assertEquals("0x82ad56cb", FunctionEncoder.encode(Multicall3.function(calls)).substring(0, 10));

        String aggregateReturn = "0x" + FunctionEncoder.encodeConstructor(List.of(new DynamicArray<>(Multicall3.Result3.class, List.of(
                result(true, word("1218203532420818152")),
                result(true, RenzoReaderTest.TVLS),
                result(true, word(RenzoReaderTest.SUPPLY)),
                result(false, ""),                                   // cbETH reverted
                result(true, word(1) + word(2)),                     // latestRoundData truncated
                result(true, word(18))))));
        List<Multicall3.Result> results = Multicall3.decode(aggregateReturn, calls.size());

        assertEquals(new BigDecimal("1.218203532420818152"), LidoReader.decodeStEthPerToken(results.get(0)).value().toBigDecimal());
        assertEquals(new BigDecimal("1.028806575102880657"), RenzoReader.decodeEzEthRate(results.get(1), results.get(2)).value().rateDecimal());
        assertUnavailable(CoinbaseReader.decodeExchangeRate(results.get(3)), "exchangeRate(): call reverted");
        assertUnavailable(ChainlinkReader.decodePrice(results.get(4), results.get(5)), "latestRoundData(): return data too short");
        assertEquals(Read.of(18), ChainlinkReader.decodeDecimals(results.get(5)));
    }

    private static Multicall3.Result3 result(boolean success, String hex) {
        return new Multicall3.Result3(new Bool(success), new DynamicBytes(HexFormat.of().parseHex(hex)));
    }
}
