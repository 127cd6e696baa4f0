package io.lrtyield.common.chain.reader;

import io.lrtyield.common.chain.Multicall3;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static io.lrtyield.common.chain.reader.Words.E18;
import static io.lrtyield.common.chain.reader.Words.addressWord;
import static io.lrtyield.common.chain.reader.Words.word;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every function the readers call, against {@code shared/reference/mainnet-contracts.md}: the expected selectors are
 * hard-coded from the reference tables (section in the comment), and the calldata the readers build must start
 * with them. Calls with arguments are also checked word by word.
 */
class SelectorTableTest {

    // mainnet addresses from the reference (lower-cased)
    static final String STETH = "0xae7ab96520de3a18e5e111b5eaab095312d7fe84";
    static final String WSTETH = "0x7f39c581f595b53c5cb19bd0b3f8da6c935e2ca0";
    static final String RETH = "0xae78736cd615f374d3085123a210448e74fc6393";
    static final String CBETH = "0xbe9895146f7af43049ca1c1ae358b0541ea49704";
    static final String WEETH = "0xcd5fe23c85820f7b72d0926fc9b05b43e359b7ee";
    static final String EZETH = "0xbf5495efe5db9ce00f80364c8b423567e58d2110";
    static final String RESTAKE_MANAGER = "0x74a09653a083691711cf8215a6ab074bb4e99ef5";
    static final String LRT_ORACLE = "0x349a73444b1a310bae67ef67973022020d70020d";
    static final String SFRXETH = "0xac3e018457b222d93114458476f3e3416abbe38f";
    static final String STRATEGY_MANAGER = "0x858646372cc42e1a627fce94aa7a7033e7cf075a";
    static final String STETH_STRATEGY = "0x93c4b944d05dfe6df7645a86cd2206016c51564d";
    static final String STETH_ETH_FEED = "0x86392dc19c0b719886221c78ab11eb8cf5c52812";
    static final String CURVE_STETH = "0xdc24316b9ae028f1497c275eb9192a3ea0f67022";
    static final String CURVE_STETH_NG = "0x21e27a5e5513d6e65c4f830167390997aa84843a";
    static final String UNI_WSTETH_WETH = "0x109830a1aaad605bbf02a9dfa7b0b92ec2fb7daa";
    static final String AAVE_POOL = "0x87870bca3f3fd6335c3f4ce8392d69350b4fa4e2";
    static final String WETH = "0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2";
    static final String PENDLE_MARKET = "0x107a2e3cd2bb9a32b9ee2e4d51143149f8367eba";
    static final String PENDLE_ROUTER = "0x888888888889758f76e7103c6cbf23abbf58f946";
    static final String DELEGATION_MANAGER = "0x39053d51b77dc0d36036fc1fcc8cb819df8ef37a";
    static final String ALLOCATION_MANAGER = "0x948a420b8cc1d6bfd0b6087c2e7c344a2cd0bc39";
    static final String BEACON_CHAIN_ETH = "0xbeac0eeeeeeeeeeeeeeeeeeeeeeeeeeeeeebeac0";
    static final String HOLDER = "0x1111111111111111111111111111111111111111";

    /** One reader function: reference section, canonical signature, selector printed in the reference, a built call. */
    record Row(String section, String signature, String selector, Multicall3.Call call) {
        @Override
        public String toString() {
            return signature + " " + selector + " (" + section + ")";
        }
    }

    static List<Row> rows() {
        BigInteger oneShare = E18;
        return List.of(
                // §1 Lido, wstETH table
                new Row("§1 wstETH", "stEthPerToken()", "0x035faf82", LidoReader.stEthPerTokenCall(WSTETH)),
                // §1 Lido, stETH table
                new Row("§1 stETH", "getPooledEthByShares(uint256)", "0x7a28fb88", LidoReader.getPooledEthBySharesCall(STETH, oneShare)),
                // §1 Lido, stETH table (balanceOf)
                new Row("§1 stETH", "balanceOf(address)", "0x70a08231", Erc20Reader.balanceOfCall(STETH, HOLDER)),
                // not printed in the reference: ERC-20 (EIP-20) totalSupply(), keccak-checked by the test below
                new Row("EIP-20 (not in reference)", "totalSupply()", "0x18160ddd", Erc20Reader.totalSupplyCall(EZETH)),
                // §5 Chainlink table prints decimals() for feeds; ERC-20 decimals() has the same signature
                new Row("§5 decimals()", "decimals()", "0x313ce567", Erc20Reader.decimalsCall(WSTETH)),
                // §2 Rocket Pool rETH table
                new Row("§2 rETH", "getExchangeRate()", "0xe6aa216c", RocketPoolReader.getExchangeRateCall(RETH)),
                // §2 Coinbase cbETH
                new Row("§2 cbETH", "exchangeRate()", "0x3ba0b9a9", CoinbaseReader.exchangeRateCall(CBETH)),
                // §3 ether.fi weETH table
                new Row("§3 weETH", "getRate()", "0x679aefce", EtherFiReader.getRateCall(WEETH)),
                // §3 Renzo
                new Row("§3 Renzo", "calculateTVLs()", "0xff9969cd", RenzoReader.calculateTvlsCall(RESTAKE_MANAGER)),
                new Row("EIP-20 (not in reference)", "totalSupply()", "0x18160ddd", RenzoReader.ezEthTotalSupplyCall(EZETH)),
                // §3 Kelp LRTOracle
                new Row("§3 Kelp", "rsETHPrice()", "0xb4b46434", KelpReader.rsEthPriceCall(LRT_ORACLE)),
                // §9 ERC-4626 views
                new Row("§9 ERC-4626", "convertToAssets(uint256)", "0x07a2d13a", Erc4626Reader.convertToAssetsCall(SFRXETH, oneShare)),
                new Row("§9 ERC-4626", "totalAssets()", "0x01e1d114", Erc4626Reader.totalAssetsCall(SFRXETH)),
                // §4 EigenLayer table
                new Row("§4 EigenLayer", "sharesToUnderlyingView(uint256)", "0x7a8b2637",
                        EigenLayerReader.sharesToUnderlyingViewCall(STETH_STRATEGY, oneShare)),
                new Row("§4 EigenLayer", "stakerDepositShares(address,address)", "0xfe243a17",
                        EigenLayerReader.stakerDepositSharesCall(STRATEGY_MANAGER, HOLDER, STETH_STRATEGY)),
                new Row("§4 EigenLayer", "getWithdrawableShares(address,address[])", "0xc978f7ac",
                        EigenLayerReader.withdrawableSharesCall(DELEGATION_MANAGER, HOLDER, BEACON_CHAIN_ETH)),
                // not in the reference's tables: selectors computed here from the mainnet signatures (§4 addresses)
                new Row("§4 EigenLayer", "delegatedTo(address)", "0x65da1264", EigenLayerReader.delegatedToCall(DELEGATION_MANAGER, HOLDER)),
                new Row("§4 EigenLayer", "getMaxMagnitude(address,address)", "0xa9333ec8",
                        EigenLayerReader.maxMagnitudeCall(ALLOCATION_MANAGER, HOLDER, BEACON_CHAIN_ETH)),
                new Row("§4 EigenLayer", "getAllocation(address,(address,uint32),address)", "0x10e1b9b8",
                        EigenLayerReader.allocationCall(ALLOCATION_MANAGER, HOLDER, HOLDER, 0, BEACON_CHAIN_ETH)),
                new Row("§4 EigenLayer", "minWithdrawalDelayBlocks()", "0xc448feb8",
                        EigenLayerQueueReader.minWithdrawalDelayBlocksCall(DELEGATION_MANAGER)),
                // not in the reference: Layr-Labs/eigenlayer-contracts v1.12 IDelegationManager / IAllocationManager
                new Row("§4 EigenLayer", "getQueuedWithdrawals(address)", "0x5dd68579",
                        EigenLayerQueueReader.queuedWithdrawalsCall(DELEGATION_MANAGER, HOLDER)),
                new Row("§4 EigenLayer", "getAllocatedSets(address)", "0x15fe5028",
                        EigenLayerQueueReader.allocatedSetsCall(ALLOCATION_MANAGER, HOLDER)),
                // Renzo RestakeManager's bool public paused; OpenZeppelin Pausable's paused() (Kelp, ether.fi)
                new Row("§3 LRTs", "paused()", "0x5c975abb", PauseReader.pausedCall(RESTAKE_MANAGER)),
                // §5 Chainlink AggregatorV3Interface table
                new Row("§5 Chainlink", "latestRoundData()", "0xfeaf968c", ChainlinkReader.latestRoundDataCall(STETH_ETH_FEED)),
                new Row("§5 Chainlink", "decimals()", "0x313ce567", ChainlinkReader.decimalsCall(STETH_ETH_FEED)),
                // §6 Curve table
                new Row("§6 Curve", "get_dy(int128,int128,uint256)", "0x5e0d443f", CurveReader.getDyCall(CURVE_STETH, 0, 1, E18)),
                new Row("§6 Curve", "price_oracle()", "0x86fc88d3", CurveReader.priceOracleCall(CURVE_STETH_NG)),
                new Row("§6 Curve NG", "price_oracle(uint256)", "0x68727653", CurveReader.priceOracleCall(CURVE_STETH_NG, 0)),
                new Row("§6 Curve", "balances(uint256)", "0x4903b0d1", CurveReader.balancesCall(CURVE_STETH, 1)),
                new Row("§6 Curve", "get_virtual_price()", "0xbb7b8b80", CurveReader.getVirtualPriceCall(CURVE_STETH)),
                // Curve's pool parameters (the reference notes A=5 and the fee of the stETH pool but has no rows for
                // the views; the selector is keccak of the Vyper signature, fee() as Uniswap's in §6)
                new Row("§6 Curve", "A()", "0xf446c1d0", CurveReader.aCall(CURVE_STETH)),
                new Row("§6 Curve", "fee()", "0xddca3f43", CurveReader.feeCall(CURVE_STETH)),
                // §6 Uniswap v3 table
                new Row("§6 Uniswap v3", "slot0()", "0x3850c7bd", UniswapV3Reader.slot0Call(UNI_WSTETH_WETH)),
                new Row("§6 Uniswap v3", "liquidity()", "0x1a686502", UniswapV3PoolStateReader.LIQUIDITY.call(UNI_WSTETH_WETH)),
                // the pool's swap state (not in the reference: v3-core 1.0.1 IUniswapV3PoolImmutables / IUniswapV3PoolState)
                new Row("§6 Uniswap v3", "tickSpacing()", "0xd0c93a7c", UniswapV3PoolStateReader.TICK_SPACING.call(UNI_WSTETH_WETH)),
                new Row("§6 Uniswap v3", "tickBitmap(int16)", "0x5339c296",
                        UniswapV3PoolStateReader.TICK_BITMAP.call(UNI_WSTETH_WETH, new org.web3j.abi.datatypes.generated.Int16(-1))),
                new Row("§6 Uniswap v3", "ticks(int24)", "0xf30dba93",
                        UniswapV3PoolStateReader.TICK_LIQUIDITY_NET.call(UNI_WSTETH_WETH, new org.web3j.abi.datatypes.generated.Int24(-10))),
                // §7 Aave v3 Pool table
                new Row("§7 Aave v3", "getReserveData(address)", "0x35ea6a75", AaveReader.getReserveDataCall(AAVE_POOL, WETH)),
                new Row("§7 Aave v3", "getUserAccountData(address)", "0xbf92857c", AaveReader.getUserAccountDataCall(AAVE_POOL, HOLDER)),
                // §8 PendleMarket
                new Row("§8 Pendle", "readState(address)", "0x794052f3", PendleReader.readStateCall(PENDLE_MARKET, PENDLE_ROUTER)),
                new Row("§8 Pendle", "readTokens()", "0x2c8ce6bc", PendleReader.readTokensCall(PENDLE_MARKET)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void calldataStartsWithTheReferenceSelector(Row row) {
        assertTrue(row.selector().matches("0x[0-9a-f]{8}"), row.selector());
        assertEquals(row.selector(), row.call().callData().substring(0, 10), row.toString());
        assertEquals(0, (row.call().callData().length() - 10) % 64, "arguments are whole words");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void referenceSelectorIsKeccakOfTheSignature(Row row) {
        assertEquals(row.selector(), org.web3j.crypto.Hash.sha3String(row.signature()).substring(0, 10), row.toString());
    }

    /** No reader function escapes the table: every ViewFunction constant of every reader has a row. */
    @Test
    void everyReaderFunctionIsInTheTable() throws IllegalAccessException {
        Map<String, String> table = rows().stream().collect(Collectors.toMap(Row::signature, Row::selector, (a, b) -> a));
        List<Class<?>> readers = List.of(LidoReader.class, RocketPoolReader.class, CoinbaseReader.class, EtherFiReader.class,
                RenzoReader.class, KelpReader.class, Erc4626Reader.class, EigenLayerReader.class, EigenLayerQueueReader.class,
                PauseReader.class, ChainlinkReader.class,
                CurveReader.class, UniswapV3Reader.class, UniswapV3PoolStateReader.class, AaveReader.class, PendleReader.class,
                Erc20Reader.class);
        List<String> seen = new ArrayList<>();
        for (Class<?> reader : readers) {
            for (Field field : reader.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers()) && field.getType() == ViewFunction.class) {
                    field.setAccessible(true);
                    ViewFunction<?> function = (ViewFunction<?>) field.get(null);
                    String expected = table.get(function.signature());
                    assertEquals(expected, function.selector(), reader.getSimpleName() + "." + field.getName() + " " + function.signature());
                    seen.add(function.signature());
                } else if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                    // a view whose tuple-array answer is decoded by hand names its signature in a String constant
                    field.setAccessible(true);
                    String signature = (String) field.get(null);
                    if (signature.matches("[A-Za-z_]\\w*\\(.*\\)")) {
                        assertTrue(table.containsKey(signature), reader.getSimpleName() + "." + field.getName() + " " + signature);
                        seen.add(signature);
                    }
                }
            }
        }
        assertEquals(table.keySet(), new java.util.HashSet<>(seen), "table rows without a reader function");
    }

    @Test
    void callTargetsAreTheGivenContracts() {
        assertEquals(WSTETH, LidoReader.stEthPerTokenCall(WSTETH).target());
        assertEquals(AAVE_POOL, AaveReader.getReserveDataCall(AAVE_POOL, WETH).target());
    }

    // ---- full calldata for calls with arguments ----

    @Test
    void getDyEncodesInt128IndicesAndAmount() {
        assertEquals("0x5e0d443f" + word(0) + word(1) + word(E18), CurveReader.getDyCall(CURVE_STETH, 0, 1, E18).callData());
        assertEquals("0x5e0d443f"
                        + "0000000000000000000000000000000000000000000000000000000000000001"
                        + "0000000000000000000000000000000000000000000000000000000000000000"
                        + "00000000000000000000000000000000000000000000003635c9adc5dea00000", // 1000e18
                CurveReader.getDyCall(CURVE_STETH, 1, 0, new BigInteger("1000").multiply(E18)).callData());
    }

    @Test
    void int128IsSignExtendedToAWord() {
        // not a valid Curve index, but it pins the int128 encoding: two's complement over 32 bytes
        assertEquals("0x5e0d443f" + "f".repeat(64) + word(2) + word(5), CurveReader.getDyCall(CURVE_STETH, -1, 2, BigInteger.valueOf(5)).callData());
    }

    @Test
    void uintArgumentCalls() {
        String oneE18 = "0000000000000000000000000000000000000000000000000de0b6b3a7640000";
        assertEquals("0x7a28fb88" + oneE18, LidoReader.getPooledEthBySharesCall(STETH, E18).callData());
        assertEquals("0x07a2d13a" + oneE18, Erc4626Reader.convertToAssetsCall(SFRXETH, E18).callData());
        assertEquals("0x7a8b2637" + oneE18, EigenLayerReader.sharesToUnderlyingViewCall(STETH_STRATEGY, E18).callData());
        assertEquals("0x4903b0d1" + word(1), CurveReader.balancesCall(CURVE_STETH, 1).callData());
        assertEquals("0x68727653" + word(0), CurveReader.priceOracleCall(CURVE_STETH_NG, 0).callData());
    }

    @Test
    void addressArgumentCalls() {
        assertEquals("0x70a08231" + addressWord(HOLDER), Erc20Reader.balanceOfCall(STETH, HOLDER).callData());
        assertEquals("0xfe243a17" + addressWord(HOLDER) + addressWord(STETH_STRATEGY),
                EigenLayerReader.stakerDepositSharesCall(STRATEGY_MANAGER, HOLDER, STETH_STRATEGY).callData());
        assertEquals("0x35ea6a75" + addressWord(WETH), AaveReader.getReserveDataCall(AAVE_POOL, WETH).callData());
        assertEquals("0xbf92857c" + addressWord(HOLDER), AaveReader.getUserAccountDataCall(AAVE_POOL, HOLDER).callData());
        assertEquals("0x794052f3" + addressWord(PENDLE_ROUTER), PendleReader.readStateCall(PENDLE_MARKET, PENDLE_ROUTER).callData());
        // checksummed input encodes the same word
        assertEquals("0x35ea6a75" + addressWord(WETH),
                AaveReader.getReserveDataCall(AAVE_POOL, "0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2").callData());
    }

    @Test
    void noArgumentCallsAreTheBareSelector() {
        assertEquals("0x035faf82", LidoReader.stEthPerTokenCall(WSTETH).callData());
        assertEquals("0xff9969cd", RenzoReader.calculateTvlsCall(RESTAKE_MANAGER).callData());
        assertEquals("0xfeaf968c", ChainlinkReader.latestRoundDataCall(STETH_ETH_FEED).callData());
    }

    @Test
    void malformedAddressesAreRejectedWhenBuilding() {
        assertThrows(IllegalArgumentException.class, () -> Erc20Reader.balanceOfCall(STETH, "0x1234"));
        assertThrows(IllegalArgumentException.class, () -> Erc20Reader.totalSupplyCall("ae7ab96520de3a18e5e111b5eaab095312d7fe84"));
        assertThrows(IllegalArgumentException.class, () -> AaveReader.getReserveDataCall(AAVE_POOL, null));
    }
}
