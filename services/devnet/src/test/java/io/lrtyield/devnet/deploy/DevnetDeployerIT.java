package io.lrtyield.devnet.deploy;

import io.lrtyield.common.chain.Multicall3;
import io.lrtyield.common.chain.reader.AaveReader;
import io.lrtyield.common.chain.reader.ChainlinkReader;
import io.lrtyield.common.chain.reader.ChainlinkRound;
import io.lrtyield.common.chain.reader.CoinbaseReader;
import io.lrtyield.common.chain.reader.CurveReader;
import io.lrtyield.common.chain.reader.Erc20Reader;
import io.lrtyield.common.chain.reader.Erc4626Reader;
import io.lrtyield.common.chain.reader.EtherFiReader;
import io.lrtyield.common.chain.reader.FixedPoint;
import io.lrtyield.common.chain.reader.KelpReader;
import io.lrtyield.common.chain.reader.LidoReader;
import io.lrtyield.common.chain.reader.PendleReader;
import io.lrtyield.common.chain.reader.PendleState;
import io.lrtyield.common.chain.reader.Read;
import io.lrtyield.common.chain.reader.RenzoReader;
import io.lrtyield.common.chain.reader.ReserveData;
import io.lrtyield.common.chain.reader.RocketPoolReader;
import io.lrtyield.common.chain.reader.Slot0;
import io.lrtyield.common.chain.reader.UniswapV3Reader;
import io.lrtyield.common.chain.reader.ViewFunction;
import io.lrtyield.common.catalogue.Catalogue;
import io.lrtyield.common.catalogue.VenueKind;
import io.lrtyield.devnet.replica.AnvilFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.generated.Bytes4;
import org.web3j.crypto.ContractUtils;
import org.web3j.crypto.Credentials;
import org.web3j.utils.Numeric;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real deployer (tokens and markets) against the test Anvil, read back through the project's chain layer: one
 * Multicall3 aggregate3 with the typed readers, as the price and yield services read. Accounts 0 (deployer),
 * 1 (oracle), 7 (market maker); 2 is only named as the vault's strategist.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DevnetDeployerIT {

    private static final BigInteger E18 = BigInteger.TEN.pow(18);
    private static final ViewFunction<BigInteger> ETH_BALANCE = ViewFunction.uint256("getEthBalance", List.of(Address.class));
    private static final ViewFunction<Boolean> IS_ALLOWED = ViewFunction.of("isAllowed", List.of(Address.class, Bytes4.class),
            List.of(new TypeReference<Bool>() { }), out -> out.bool(0));

    private AnvilFixture anvil;
    private DevnetDeployment d;
    private long deploySeconds;

    @BeforeAll
    void deploy() throws Exception {
        anvil = new AnvilFixture();
        TxSender deployer = new TxSender(anvil.web3j, Credentials.create(AnvilFixture.key(0)), anvil.chainId);
        TxSender oracle = new TxSender(anvil.web3j, Credentials.create(AnvilFixture.key(1)), anvil.chainId);
        TxSender mm = new TxSender(anvil.web3j, Credentials.create(AnvilFixture.key(7)), anvil.chainId);
        AnvilRpc rpc = new AnvilRpc(anvil.transport());
        long start = System.nanoTime();
        d = new DevnetDeployer(anvil.web3j, deployer, oracle, rpc,
                new MarketDeployer(anvil.web3j, rpc, deployer, oracle, mm, AnvilFixture.address(2)))
                .deploy(new BigDecimal("1000"), new BigDecimal("500"));
        deploySeconds = (System.nanoTime() - start) / 1_000_000_000L;
        System.out.printf(java.util.Locale.ROOT, "devnet deployed in %.2f s (tokens, markets, restaking)%n", (System.nanoTime() - start) / 1e9);
    }

    @AfterAll
    void close() {
        anvil.close();
    }

    @Test
    void deploysWithinAMinute() {
        assertTrue(deploySeconds < 60, "deployment took " + deploySeconds + " s");
    }

    @Test
    void theDeploymentSaysWhichContractsAreTheAuditedBytecodeAndWhichAreReplicas() throws Exception {
        Map<String, DeployedContracts.DeployedContract> byName = new java.util.HashMap<>();
        d.contracts().forEach(c -> byName.put(c.name(), c));
        List<String> uniswap = new ArrayList<>(List.of("uniV3Factory"));
        FundamentalRates.UNI_V3_ASSETS.forEach(a -> uniswap.add("uniV3Pools." + a));
        for (String name : uniswap) {
            DeployedContracts.DeployedContract c = byName.get(name);
            assertEquals("npm", c.bytecode(), name);
            assertEquals("@uniswap/v3-core", c.npmPackage(), name);
            assertEquals("1.0.1", c.version(), name);
            String code = anvil.web3j.ethGetCode(c.address(), org.web3j.protocol.core.DefaultBlockParameterName.LATEST).send().getCode();
            assertTrue(code.length() > 2 * 20_000, name + " has the full contract's code: " + code.length() / 2 + " bytes");
        }
        assertEquals(d.markets().uniV3Pools().get("wstETH"), byName.get("uniV3Pools.wstETH").address());
        for (String name : List.of("curveStEthPool", "uniV3Trader", "aavePool", "stETH")) {
            DeployedContracts.DeployedContract c = byName.get(name);
            assertEquals("replica", c.bytecode(), name);
            assertEquals(null, c.npmPackage(), name);
        }
        DeployedContracts.DeployedContract morpho = byName.get("morpho");
        assertEquals("npm", morpho.bytecode());
        assertEquals("@morpho-org/morpho-blue", morpho.npmPackage());
        assertEquals("1.0.0", morpho.version());
        assertEquals(d.markets().morpho().morpho(), morpho.address());
        for (String name : List.of("morphoIrm", "morphoOracles.wstETH", "morphoOracles.weETH", "morphoOracles.ezETH")) {
            assertEquals("replica", byName.get(name).bytecode(), name + ": ours, no published bytecode");
        }
        assertEquals("CurveStableSwap", byName.get("curveStEthPool").artifact());
        // as the deployment API writes it
        var json = io.lrtyield.common.codec.EventCodec.mapper().valueToTree(d).path("contracts");
        assertTrue(json.isArray() && json.size() == d.contracts().size(), json.toString());
        var factory = java.util.stream.StreamSupport.stream(json.spliterator(), false)
                .filter(c -> c.path("name").asText().equals("uniV3Factory")).findFirst().orElseThrow();
        assertEquals("@uniswap/v3-core", factory.path("npmPackage").asText());
        assertEquals("1.0.1", factory.path("version").asText());
    }

    @Test
    void everythingReadsBackInOneSnapshot() throws Exception {
        MarketDeployment m = d.markets();
        VaultAllowlist.Pair allowed = VaultAllowlist.pairs(d, m).stream()
                .filter(p -> p.signature().startsWith("exchange")).findFirst().orElseThrow();
        List<Multicall3.Call> calls = new ArrayList<>(List.of(
                LidoReader.stEthPerTokenCall(d.wstETH()), RocketPoolReader.getExchangeRateCall(d.rETH()),        // 0, 1
                CoinbaseReader.exchangeRateCall(d.cbETH()), EtherFiReader.getRateCall(d.weETH()),                // 2, 3
                RenzoReader.calculateTvlsCall(d.renzoRestakeManager()), RenzoReader.ezEthTotalSupplyCall(d.ezETH()), // 4, 5
                KelpReader.rsEthPriceCall(d.kelpOracle()),                                                       // 6
                CurveReader.balancesCall(m.curveStEthPool(), 0), CurveReader.balancesCall(m.curveStEthPool(), 1), // 7, 8
                CurveReader.getDyCall(m.curveStEthPool(), 1, 0, E18),                                            // 9
                CurveReader.balancesCall(m.curveEEthPool(), 0), CurveReader.balancesCall(m.curveEEthPool(), 1),   // 10, 11
                CurveReader.getDyCall(m.curveEEthPool(), 1, 0, E18),                                             // 12
                AaveReader.getReserveDataCall(m.aavePool(), d.weth()),                                           // 13
                PendleReader.readStateCall(m.pendleMarket(), m.pendleMarket()),                                  // 14
                ETH_BALANCE.call(d.multicall3(), new Address(m.strategyVault())),                                // 15
                IS_ALLOWED.call(m.strategyVault(), new Address(allowed.target()), bytes4(allowed.selector())),   // 16
                IS_ALLOWED.call(m.strategyVault(), new Address(d.weth()), bytes4("0xa9059cbb"))));               // 17: transfer
        for (String asset : FundamentalRates.FEED_ASSETS) {                                                    // 18..
            calls.add(ChainlinkReader.latestRoundDataCall(m.ethFeeds().get(asset)));
        }
        int k = calls.size();
        // WETH is the first reserve: its aToken and debt token are the pool's token deployer's first two creations
        String tokenDeployer = ContractUtils.generateContractAddress(m.aavePool(), BigInteger.ONE);
        String aWeth = ContractUtils.generateContractAddress(tokenDeployer, BigInteger.ONE);
        String debtWeth = ContractUtils.generateContractAddress(tokenDeployer, BigInteger.TWO);
        calls.add(Erc20Reader.totalSupplyCall(aWeth));                                                          // k
        calls.add(Erc20Reader.totalSupplyCall(debtWeth));                                                       // k + 1
        calls.add(Erc4626Reader.convertToAssetsCall(d.pufETH(), E18));                                          // k + 2
        calls.add(ViewFunction.uint256("getRate", List.of()).call(d.rswETH()));                                 // k + 3
        for (String asset : FundamentalRates.FEED_ASSETS) {                                                    // k + 4..
            calls.add(ChainlinkReader.latestRoundDataCall(m.redStoneFeeds().get(asset)));
        }
        for (String asset : FundamentalRates.UNI_V3_ASSETS) {
            calls.add(UniswapV3Reader.slot0Call(m.uniV3Pools().get(asset)));
        }
        long block = anvil.web3j.ethBlockNumber().send().getBlockNumber().longValueExact();
        List<Multicall3.Result> r = new Multicall3(anvil.web3j, d.multicall3(), 500).aggregate3(calls, block).await().indefinitely();

        // fundamental rates near the seeded values (phase 3 reports: +21 %, +14 %, +10 %, +7.5 %, +5.5 %, +4.5 %, +6 %)
        Map<String, Double> rates = Map.of("wstETH", rate(LidoReader.decodeStEthPerToken(r.get(0))),
                "rETH", rate(RocketPoolReader.decodeGetExchangeRate(r.get(1))), "cbETH", rate(CoinbaseReader.decodeExchangeRate(r.get(2))),
                "weETH", rate(EtherFiReader.decodeGetRate(r.get(3))),
                "ezETH", rate(RenzoReader.decodeEzEthRate(r.get(4), r.get(5)).map(e -> e.rate())),
                "rsETH", rate(KelpReader.decodeRsEthPrice(r.get(6))),
                "pufETH", value(Erc4626Reader.decodeConvertToAssets(r.get(k + 2))).doubleValue() / 1e18,
                "rswETH", value(ViewFunction.uint256("getRate", List.of()).decode(r.get(k + 3))).doubleValue() / 1e18);
        // 1000 staked + 500 wrapped + 1 bootstrap ETH earn 21 % of 1501; later deposits mint at the new rate
        assertNear(1.21, rates.get("wstETH"), 0.005, "wstETH");
        assertNear(1.14, rates.get("rETH"), 0.005, "rETH");
        assertNear(1.10, rates.get("cbETH"), 1e-9, "cbETH");
        assertNear(1.075, rates.get("weETH"), 0.005, "weETH");
        assertNear(1.055, rates.get("ezETH"), 0.005, "ezETH");
        assertNear(1.045, rates.get("rsETH"), 0.005, "rsETH");
        assertNear(1.06, rates.get("pufETH"), 0.005, "pufETH");
        assertNear(1.065, rates.get("rswETH"), 0.005, "rswETH");

        // market feeds publish the fundamental rate (18 decimals); stETH/ETH is 1
        for (int i = 0; i < FundamentalRates.FEED_ASSETS.size(); i++) {
            String asset = FundamentalRates.FEED_ASSETS.get(i);
            ChainlinkRound round = value(ChainlinkReader.decodeLatestRoundData(r.get(18 + i)));
            double expected = asset.equals("stETH") ? 1.0 : rates.get(asset);
            assertNear(expected, round.scaledAnswer(18).doubleValue(), 1e-9, asset + "/ETH feed");
            assertTrue(round.updatedAt().getEpochSecond() > 0, asset + " feed updatedAt");
            ChainlinkRound redStone = value(ChainlinkReader.decodeLatestRoundData(r.get(k + 4 + i)));
            assertNear(expected, redStone.scaledAnswer(18).doubleValue(), 1e-9, asset + "/ETH RedStone feed");
        }
        // the real Uniswap v3 pools start at the fundamental rate, in the factory's token order
        for (int i = 0; i < FundamentalRates.UNI_V3_ASSETS.size(); i++) {
            String asset = FundamentalRates.UNI_V3_ASSETS.get(i);
            Slot0 slot0 = value(UniswapV3Reader.decodeSlot0(r.get(k + 4 + FundamentalRates.FEED_ASSETS.size() + i)));
            boolean token0 = UniswapV3Price.assetIsToken0(MarketDeployer.token(d, asset), d.weth());
            double price = token0 ? slot0.price().doubleValue() : slot0.inversePrice(30, java.math.RoundingMode.HALF_EVEN).doubleValue();
            double expected = asset.equals("stETH") || asset.equals("eETH") ? 1.0 : rates.get(asset);
            assertNear(expected, price, 1e-9, asset + "/WETH Uniswap v3 pool");
        }

        // Curve: seeded 5,000 + 5,000 and 2,000 + 2,000; a balanced pool pays 1 - fee (1 bp) for a small swap
        assertEquals(eth(5_000), value(CurveReader.decodeBalances(r.get(7))));
        assertEquals(eth(5_000), value(CurveReader.decodeBalances(r.get(8))));
        assertEquals(eth(2_000), value(CurveReader.decodeBalances(r.get(10))));
        assertEquals(eth(2_000), value(CurveReader.decodeBalances(r.get(11))));
        for (int i : new int[] {9, 12}) {
            double dy = value(CurveReader.decodeGetDy(r.get(i))).doubleValue() / 1e18;
            assertTrue(dy > 0.99985 && dy < 0.99995, "get_dy(1 stETH/eETH) " + dy);
        }

        // Aave WETH: 12,000 borrowed of 20,000 supplied; the rates are the two-slope model's at that utilisation
        ReserveData weth = value(AaveReader.decodeReserveData(r.get(13)));
        assertEquals(aWeth.toLowerCase(), weth.aTokenAddress());
        assertEquals(debtWeth.toLowerCase(), weth.variableDebtTokenAddress());
        double supplied = value(Erc20Reader.decodeTotalSupply(r.get(k))).doubleValue();
        double debt = value(Erc20Reader.decodeTotalSupply(r.get(k + 1))).doubleValue();
        double usage = debt / supplied;
        assertNear(0.6, usage, 0.001, "WETH utilisation");
        double borrowApr = weth.variableBorrowApr().doubleValue();
        double supplyApr = weth.supplyApr().doubleValue();
        assertNear(0.027 * usage / 0.9, borrowApr, 1e-4, "variable borrow APR at " + usage);
        assertNear(borrowApr * usage * 0.85, supplyApr, 1e-4, "supply APR = borrow APR x usage x (1 - reserve factor)");

        // Pendle: 4,000 PT + 4,000 weETH, ~180-day expiry, ln implied rate 0.034, the AMM's parameters as deployed
        PendleState pendle = value(PendleReader.decodeReadState(r.get(14)));
        assertEquals(eth(4_000), pendle.totalPt());
        assertEquals(eth(4_000), pendle.totalSy());
        assertEquals(MarketDeployer.PENDLE_SEED, pendle.totalPt());
        assertEquals(eth(20), pendle.scalarRoot());
        assertEquals(new BigInteger("999500333083533"), pendle.lnFeeRateRoot());
        assertEquals(BigInteger.valueOf(80), pendle.reserveFeePercent());
        assertEquals(m.pendleExpiry(), pendle.expiry().getEpochSecond());
        assertNear(0.034, pendle.lastLnImpliedRateDecimal().doubleValue(), 1e-12, "ln implied rate");

        // vault: 10,000 ETH; Curve exchange allowlisted, a plain WETH transfer not
        assertEquals(eth(10_000), value(ETH_BALANCE.decode(r.get(15))));
        assertTrue(value(IS_ALLOWED.decode(r.get(16))), "allowlisted " + allowed);
        assertFalse(value(IS_ALLOWED.decode(r.get(17))), "WETH transfer must not be allowlisted");
    }

    /**
     * Morpho Blue's three markets exist under the ids of their parameters, seeded at the IRM's 90 % target by borrowers at
     * a 70 % LTV of the oracle's price, and the catalogue's venue resolves to the wstETH one.
     */
    @Test
    void theMorphoMarketsAreSeededAtTheIrmsTarget() throws Exception {
        MorphoDeployment morpho = d.markets().morpho();
        assertEquals(java.util.Set.of("wstETH", "weETH", "ezETH"), morpho.markets().keySet());
        List<Multicall3.Call> calls = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        morpho.markets().forEach((collateral, m) -> {
            ids.add(collateral);
            calls.add(io.lrtyield.common.chain.reader.MorphoReader.marketCall(morpho.morpho(), m.id()));
            calls.add(io.lrtyield.common.chain.reader.MorphoReader.idToMarketParamsCall(morpho.morpho(), m.id()));
        });
        List<Multicall3.Result> r = new Multicall3(anvil.web3j, d.multicall3(), 500).aggregate3(calls,
                anvil.web3j.ethBlockNumber().send().getBlockNumber().longValueExact()).await().atMost(java.time.Duration.ofSeconds(30));
        for (int i = 0; i < ids.size(); i++) {
            MorphoDeployment.Market m = morpho.markets().get(ids.get(i));
            io.lrtyield.common.lending.morpho.MarketState s = value(io.lrtyield.common.chain.reader.MorphoReader.decodeMarket(r.get(2 * i)));
            io.lrtyield.common.lending.morpho.MarketParams p = value(io.lrtyield.common.chain.reader.MorphoReader.decodeIdToMarketParams(r.get(2 * i + 1)));
            assertEquals(m.id(), p.id(), ids.get(i) + ": the market is stored under the id of its parameters");
            assertEquals(d.weth(), p.loanToken());
            assertEquals(m.collateralToken(), p.collateralToken());
            assertEquals(morpho.irm(), p.irm());
            assertEquals(m.supplied(), s.totalSupplyAssets(), ids.get(i) + " supply (no interest yet: accrued in the borrow's block)");
            assertEquals(m.borrowed(), s.totalBorrowAssets());
            assertEquals(0, new BigDecimal(s.totalBorrowAssets()).divide(new BigDecimal(s.totalSupplyAssets())).compareTo(new BigDecimal("0.9")));
        }
        io.lrtyield.common.lending.morpho.MorphoVenue venue = io.lrtyield.common.lending.morpho.MorphoVenue.of(
                DevnetCatalogue.of(d).venue(DevnetCatalogue.MORPHO_VENUE).orElseThrow(), DevnetCatalogue.of(d));
        assertEquals(morpho.markets().get("wstETH").id(), venue.marketId());
        assertEquals(new BigInteger("945000000000000000"), venue.params().lltv());
    }

    @Test
    void catalogueNamesTheMarkets() {
        Catalogue c = DevnetCatalogue.of(d);
        assertEquals(d.markets().aavePool(), c.contracts().get("aavePool"));
        assertEquals(d.markets().ethFeeds().get("stETH"), c.contracts().get("stETHEthFeed"));
        assertEquals(VenueKind.LEVERAGED_LOOP, c.venue("aave-wsteth-loop").orElseThrow().venueKind());
        assertEquals(15, c.venues().size());
        assertEquals(d.markets().redStoneFeeds().get("pufETH"), c.contracts().get("pufETHRedStoneFeed"));
        assertEquals(d.markets().uniV3Pools().get("rswETH"), c.contracts().get("rswETHUniV3Pool"));
    }

    private static Bytes4 bytes4(String hex) {
        return new Bytes4(Numeric.hexStringToByteArray(hex));
    }

    private static <T> T value(Read<T> read) {
        assertTrue(read.available(), "read unavailable: " + read.error());
        return read.value();
    }

    private static double rate(Read<FixedPoint> read) {
        return value(read).toBigDecimal().doubleValue();
    }

    private static void assertNear(double expected, double actual, double tolerance, String what) {
        assertTrue(Math.abs(actual - expected) <= tolerance * Math.max(1.0, Math.abs(expected)),
                what + ": expected " + expected + " ± " + tolerance + ", got " + actual);
    }

    private static BigInteger eth(long n) {
        return BigInteger.valueOf(n).multiply(E18);
    }
}
