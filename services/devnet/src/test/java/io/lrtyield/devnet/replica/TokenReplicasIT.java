package io.lrtyield.devnet.replica;

import io.lrtyield.common.chain.Multicall3;
import io.lrtyield.common.chain.UintViewCall;
import io.lrtyield.devnet.deploy.TxSender;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Int256;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint8;
import org.web3j.abi.datatypes.generated.Uint80;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static java.math.BigInteger.ZERO;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The token and oracle replicas on the test Anvil: deposits, simulator hooks and rates with exact values, the
 * oracle-role access control, and every rate view read back in one Multicall3 aggregate3 (last test).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@SuppressWarnings({"rawtypes", "unchecked"})
class TokenReplicasIT {

    private static final BigInteger E18 = BigInteger.TEN.pow(18);
    private static final String STRANGER = AnvilFixture.address(3);

    /** One rate view and the value the protocol tests left it at; all read again through Multicall3. */
    private record RateView(String label, String target, UintViewCall call, BigInteger expected) { }

    private final List<RateView> views = new ArrayList<>();
    private AnvilFixture fixture;
    private TxSender me;
    private Address meAddr;

    @BeforeAll
    void setUp() throws Exception {
        fixture = new AnvilFixture();
        me = fixture.sender(2);
        meAddr = new Address(me.address());
    }

    @AfterAll
    void tearDown() {
        fixture.close();
    }

    @Test
    @Order(1)
    void weth9WrapsOneToOneAndStableTokenMintsOnlyForItsOwner() throws Exception {
        String weth = deploy("WETH9", ZERO);
        tx(weth, "deposit", eth("2"));
        tx(weth, "withdraw", ZERO, new Uint256(eth("0.5")));
        assertEquals(eth("1.5"), uint(weth, "balanceOf", meAddr), "WETH balance after deposit 2 / withdraw 0.5");
        assertEquals(eth("1.5"), uint(weth, "totalSupply"), "WETH totalSupply = ETH held");

        String usdc = deploy("StableToken", ZERO, new Utf8String("USD Coin"), new Utf8String("USDC"));
        tx(usdc, "mint", ZERO, meAddr, new Uint256(1_000_000_000_000L));
        assertEquals(BigInteger.valueOf(6), uint(usdc, "decimals"), "StableToken has 6 decimals");
        assertEquals(BigInteger.valueOf(1_000_000_000_000L), uint(usdc, "balanceOf", meAddr), "1,000,000 USDC minted");
        assertReverts(usdc, "mint", "StableToken: caller is not the owner", meAddr, new Uint256(1));
    }

    @Test
    @Order(2)
    void rocketPoolRethAccruesBurnsAtTheRateAndReportsLosses() throws Exception {
        String reth = deploy("RocketTokenRETH", ZERO, meAddr);
        String pool = address(reth, "depositPool");
        tx(pool, "deposit", eth("100"));
        assertEquals(eth("100"), uint(reth, "balanceOf", meAddr), "first deposit mints rETH 1:1");
        tx(reth, "accrueRewards", eth("3.5"));
        assertEquals(eth("1.035"), uint(reth, "getExchangeRate"), "rate = 103.5 ETH / 100 rETH");
        assertEquals(eth("2.07"), uint(reth, "getEthValue", new Uint256(eth("2"))), "getEthValue(2 rETH)");
        assertEquals(E18, uint(reth, "getRethValue", new Uint256(eth("1.035"))), "getRethValue(1.035 ETH)");
        assertEquals(eth("103.5"), uint(reth, "getTotalCollateral"), "collateral = deposit pool + rETH balance");

        TransactionReceipt burn = tx(reth, "burn", ZERO, new Uint256(eth("10")));
        BigInteger gas = burn.getGasUsed().multiply(Numeric.decodeQuantity(burn.getEffectiveGasPrice()));
        BigInteger received = balance(me.address(), burn.getBlockNumber())
                .subtract(balance(me.address(), burn.getBlockNumber().subtract(BigInteger.ONE))).add(gas);
        assertEquals(eth("10.35"), received, "burn(10 rETH) pays 10.35 ETH");
        assertEquals(eth("93.15"), uint(reth, "getTotalCollateral"), "collateral after the burn");

        tx(reth, "reportLoss", ZERO, new Uint256(eth("0.9")));
        assertEquals(eth("1.025"), uint(reth, "getExchangeRate"), "rate after a 0.9 ETH loss = 92.25 / 90");
        assertReverts(reth, "accrueRewards", "rETH: caller is not the oracle");
        assertReverts(reth, "reportLoss", "rETH: caller is not the oracle", new Uint256(1));
        views.add(new RateView("rETH getExchangeRate", reth, view("getExchangeRate"), eth("1.025")));
    }

    @Test
    @Order(3)
    void cbEthExchangeRateIsPushedByTheOracle() throws Exception {
        String cbeth = deploy("CoinbaseCbETH", ZERO, meAddr, meAddr);
        tx(cbeth, "mint", ZERO, meAddr, new Uint256(eth("5")));
        assertEquals(eth("5"), uint(cbeth, "balanceOf", meAddr), "minter seeded 5 cbETH");
        assertEquals(E18, uint(cbeth, "exchangeRate"), "initial exchange rate 1.0");
        tx(cbeth, "updateExchangeRate", ZERO, new Uint256(eth("1.0712")));
        assertEquals(eth("1.0712"), uint(cbeth, "exchangeRate"), "exchange rate after the oracle update");
        assertReverts(cbeth, "updateExchangeRate", "StakedTokenV1: caller is not the oracle", new Uint256(E18));
        assertReverts(cbeth, "mint", "FiatToken: caller is not a minter", meAddr, new Uint256(1));
        views.add(new RateView("cbETH exchangeRate", cbeth, view("exchangeRate"), eth("1.0712")));
    }

    @Test
    @Order(4)
    void etherFiWeEthRateFollowsPooledEtherAndWrapsShares() throws Exception {
        String pool = deploy("EtherFiLiquidityPool", ZERO, meAddr);
        String eeth = address(pool, "eETH");
        String weeth = deploy("WeETH", ZERO, new Address(pool));
        tx(pool, "deposit", eth("100"));
        assertEquals(eth("100"), uint(eeth, "shares", meAddr), "first deposit mints shares 1:1");
        tx(pool, "accrueRewards", eth("3.5"));
        assertEquals(eth("1.035"), uint(weeth, "getRate"), "weETH rate = 103.5 ETH / 100 shares");
        assertEquals(eth("103.5"), uint(eeth, "balanceOf", meAddr), "eETH rebased up");
        assertEquals(eth("10"), uint(weeth, "getWeETHByeETH", new Uint256(eth("10.35"))), "getWeETHByeETH(10.35)");

        tx(eeth, "approve", ZERO, new Address(weeth), new Uint256(eth("10.35")));
        tx(weeth, "wrap", ZERO, new Uint256(eth("10.35")));
        assertEquals(eth("10"), uint(weeth, "balanceOf", meAddr), "wrap(10.35 eETH) mints 10 weETH");
        tx(weeth, "unwrap", ZERO, new Uint256(eth("4")));
        assertEquals(eth("6"), uint(weeth, "balanceOf", meAddr), "weETH left after unwrap(4)");
        assertEquals(eth("97.29"), uint(eeth, "balanceOf", meAddr), "eETH = 103.5 - 10.35 + 4 * 1.035");
        assertReverts(pool, "accrueRewards", "LiquidityPool: caller is not the oracle");
        views.add(new RateView("weETH getRate", weeth, view("getRate"), eth("1.035")));
    }

    @Test
    @Order(5)
    void renzoEzEthRateIsTvlOverSupplyFromCalculateTvls() throws Exception {
        String manager = deploy("RenzoRestakeManager", ZERO, meAddr);
        String ezeth = address(manager, "ezETH");
        tx(manager, "depositETH", eth("100"));
        tx(manager, "accrueRewards", eth("3.5"));
        assertEquals(eth("1.035"), ezEthRate(manager, ezeth, eth("103.5")), "ezETH rate = 103.5 TVL / 100 ezETH");

        // second deposit at RenzoOracle.calculateMintAmount's arithmetic: rounding favours the protocol
        BigInteger supply = uint(ezeth, "totalSupply");
        BigInteger inflation = E18.multiply(eth("10.35")).divide(eth("113.85"));
        BigInteger minted = supply.multiply(E18).divide(E18.subtract(inflation)).subtract(supply);
        tx(manager, "depositETH", eth("10.35"));
        assertEquals(eth("100").add(minted), uint(ezeth, "balanceOf", meAddr), "ezETH minted for 10.35 ETH");
        BigInteger rate = ezEthRate(manager, ezeth, eth("113.85"));
        assertEquals(eth("113.85").multiply(E18).divide(supply.add(minted)), rate, "ezETH rate after the 2nd deposit");
        assertTrue(rate.compareTo(eth("1.035")) >= 0, "minting rounds down, so the rate never drops: " + rate);
        assertReverts(ezeth, "mint", "EzEthToken: caller is not the RestakeManager", meAddr, new Uint256(1));
        assertReverts(manager, "reportLoss", "RestakeManager: caller is not the oracle", new Uint256(1));
        views.add(new RateView("ezETH totalSupply", ezeth, view("totalSupply"), supply.add(minted)));
    }

    @Test
    @Order(6)
    void kelpRsEthPriceIsStoredUntilUpdated() throws Exception {
        String pool = deploy("LRTDepositPool", ZERO, meAddr);
        String rseth = address(pool, "rsETH");
        String oracle = address(pool, "lrtOracle");
        tx(pool, "depositETH", eth("100"), new Uint256(eth("100")), new Utf8String("it"));
        assertEquals(eth("100"), uint(rseth, "balanceOf", meAddr), "first deposit mints rsETH at price 1.0");
        tx(pool, "accrueRewards", eth("3.5"));
        assertEquals(E18, uint(oracle, "rsETHPrice"), "rsETHPrice is stored: unchanged by the accrual");
        tx(oracle, "updateRSETHPrice", ZERO);
        assertEquals(eth("1.035"), uint(oracle, "rsETHPrice"), "rsETHPrice after updateRSETHPrice = 103.5 / 100");
        assertEquals(E18, uint(oracle, "getAssetPrice", new Address("0xEeeeeEeeeEeEeeEeEeEeeEEEeeeeEeeeeeeeEEeE")),
                "ETH asset price");
        tx(pool, "depositETH", eth("10.35"), new Uint256(eth("10")), new Utf8String(""));
        assertEquals(eth("110"), uint(rseth, "balanceOf", meAddr), "10.35 ETH mints 10 rsETH at 1.035");
        assertReverts(pool, "accrueRewards", "LRTDepositPool: caller is not the oracle");
        views.add(new RateView("rsETH rsETHPrice", oracle, view("rsETHPrice"), eth("1.035")));
    }

    @Test
    @Order(7)
    void pufferVaultIsAnErc4626OverWeth() throws Exception {
        String weth = deploy("WETH9", ZERO);
        String vault = deploy("PufferVault", ZERO, new Address(weth), meAddr);
        assertTrue(weth.equalsIgnoreCase(address(vault, "asset")), "asset() is WETH");
        tx(vault, "depositETH", eth("100"), meAddr);
        assertEquals(eth("100"), uint(vault, "balanceOf", meAddr), "first depositETH mints pufETH 1:1");
        tx(vault, "accrueRewards", eth("3.5"));
        assertEquals(eth("103.5"), uint(vault, "totalAssets"), "rewards are wrapped into WETH held by the vault");
        assertEquals(ozConvert(E18, eth("103.5"), eth("100")), uint(vault, "convertToAssets", new Uint256(E18)),
                "convertToAssets(1e18) with OpenZeppelin's virtual share and asset");

        tx(weth, "deposit", eth("10"));
        tx(weth, "approve", ZERO, new Address(vault), new Uint256(eth("10")));
        tx(vault, "deposit", ZERO, new Uint256(eth("10")), meAddr);
        BigInteger shares = ozConvert(eth("10"), eth("100"), eth("103.5"));
        assertEquals(eth("100").add(shares), uint(vault, "balanceOf", meAddr), "deposit(10 WETH) shares, rounded down");
        tx(vault, "redeem", ZERO, new Uint256(shares), meAddr, meAddr);
        BigInteger assets = ozConvert(shares, eth("113.5"), eth("100").add(shares));
        assertEquals(assets, uint(weth, "balanceOf", meAddr), "redeem pays WETH at the rate, rounded down");
        assertTrue(assets.compareTo(eth("10")) <= 0, "a round trip never pays more than deposited: " + assets);
        BigInteger expected = ozConvert(E18, eth("113.5").subtract(assets), eth("100"));
        assertEquals(expected, uint(vault, "convertToAssets", new Uint256(E18)), "convertToAssets(1e18) after redeem");
        assertReverts(vault, "accrueRewards", "PufferVault: caller is not the oracle");
        views.add(new RateView("pufETH convertToAssets", vault, view("convertToAssets", E18), expected));
    }

    @Test
    @Order(8)
    void chainlinkAggregatorRoundsAndStaleness() throws Exception {
        String feed = deploy("ChainlinkAggregator", ZERO, new Uint8(18), new Utf8String("rETH / ETH"),
                new Int256(eth("1.03")), meAddr);
        assertEquals(BigInteger.valueOf(18), uint(feed, "decimals"), "decimals");
        assertEquals(BigInteger.valueOf(4), uint(feed, "version"), "version");
        TransactionReceipt update = tx(feed, "updateAnswer", ZERO, new Int256(eth("1.035")));
        BigInteger at = fixture.web3j.ethGetBlockByNumber(DefaultBlockParameter.valueOf(update.getBlockNumber()), false)
                .send().getBlock().getTimestamp();
        BigInteger round2 = BigInteger.ONE.shiftLeft(64).add(BigInteger.TWO);
        assertEquals(List.of(round2, eth("1.035"), at, at, round2), roundData(feed, "latestRoundData"),
                "latestRoundData after updateAnswer: (phase 1 round 2, answer, startedAt, updatedAt, answeredInRound)");
        assertEquals(eth("1.03"), roundData(feed, "getRoundData", new Uint80(round2.subtract(BigInteger.ONE))).get(1),
                "getRoundData(round 1) keeps the initial answer");
        BigInteger stale = at.subtract(BigInteger.valueOf(90_000));
        tx(feed, "setUpdatedAt", ZERO, new Uint256(stale));
        assertEquals(List.of(round2, eth("1.035"), at, stale, round2), roundData(feed, "latestRoundData"),
                "setUpdatedAt makes the feed 25 h stale");
        assertReverts(feed, "updateAnswer", "ChainlinkAggregator: caller is not the updater", new Int256(1));
        assertReverts(feed, "setUpdatedAt", "ChainlinkAggregator: caller is not the updater", new Uint256(1));
        views.add(new RateView("Chainlink latestAnswer", feed, view("latestAnswer"), eth("1.035")));
        views.add(new RateView("Chainlink latestTimestamp", feed, view("latestTimestamp"), stale));
    }

    @Test
    @Order(9)
    void swellRswEthIsItsOwnRateProvider() throws Exception {
        String rsweth = deploy("RswETH", ZERO, meAddr);
        assertEquals(E18, uint(rsweth, "getRate"), "1:1 before any deposit");
        tx(rsweth, "deposit", eth("100"));
        assertEquals(eth("100"), uint(rsweth, "balanceOf", meAddr), "first deposit mints rswETH 1:1");
        tx(rsweth, "accrueRewards", eth("3.5"));
        assertEquals(eth("1.035"), uint(rsweth, "getRate"), "getRate = 103.5 ETH / 100 rswETH");
        assertEquals(eth("1.035"), uint(rsweth, "rswETHToETHRate"), "rswETHToETHRate = getRate");
        BigInteger ethToRsw = eth("100").multiply(E18).divide(eth("103.5"));
        assertEquals(ethToRsw, uint(rsweth, "ethToRswETHRate"), "ethToRswETHRate = supply / ETH, rounded down");
        tx(rsweth, "deposit", eth("10.35"));
        BigInteger minted = eth("10.35").multiply(ethToRsw).divide(E18);
        assertEquals(eth("100").add(minted), uint(rsweth, "balanceOf", meAddr), "deposit mints at the rate before it counts");
        BigInteger rate = eth("113.85").multiply(E18).divide(eth("100").add(minted));
        assertEquals(rate, uint(rsweth, "getRate"), "a deposit at the rate leaves the rate (up to rounding in the vault's favour)");
        assertTrue(rate.compareTo(eth("1.035")) >= 0, "rounding never lowers the rate: " + rate);
        assertReverts(rsweth, "accrueRewards", "RswETH: caller is not the oracle");
        views.add(new RateView("rswETH getRate", rsweth, view("getRate"), rate));
    }

    @Test
    @Order(100)
    void everyRateViewInOneMulticall3Aggregate3() throws Exception {
        assertEquals(9, views.size(), "the protocol tests (orders 2-9) must run before the multicall read");
        String multicall = deploy("Multicall3", ZERO);
        long block = fixture.web3j.ethBlockNumber().send().getBlockNumber().longValueExact();
        List<Multicall3.Call> calls = views.stream().map(v -> new Multicall3.Call(v.target(), v.call().encode())).toList();
        List<Multicall3.Result> results = new Multicall3(fixture.web3j, multicall, 50).aggregate3(calls, block)
                .await().atMost(Duration.ofSeconds(30));
        assertEquals(views.size(), results.size(), "one result per call");
        for (int i = 0; i < views.size(); i++) {
            RateView v = views.get(i);
            assertTrue(results.get(i).success(), v.label() + " failed inside aggregate3");
            assertEquals(v.expected(), UintViewCall.decode(results.get(i).returnData()), v.label() + " via aggregate3");
        }
    }

    // --- helpers ---

    /** totalTVL * 1e18 / ezETH.totalSupply(), with calculateTVLs decoded as (uint256[][], uint256[], uint256). */
    private BigInteger ezEthRate(String manager, String ezeth, BigInteger expectedTvl) throws Exception {
        Function f = new Function("calculateTVLs", List.of(), List.of(new TypeReference<DynamicArray<DynamicArray<Uint256>>>() { },
                new TypeReference<DynamicArray<Uint256>>() { }, TypeReference.create(Uint256.class)));
        List<Type> out = fixture.call(manager, f);
        List<DynamicArray<Uint256>> tokenTvls = ((DynamicArray<DynamicArray<Uint256>>) out.get(0)).getValue();
        List<Uint256> delegatorTvls = ((DynamicArray<Uint256>) out.get(1)).getValue();
        BigInteger totalTvl = (BigInteger) out.get(2).getValue();
        assertEquals(1, tokenTvls.size(), "one operator delegator");
        assertEquals(List.of(new Uint256(expectedTvl)), tokenTvls.get(0).getValue(), "operator delegator token TVLs");
        assertEquals(List.of(new Uint256(expectedTvl)), delegatorTvls, "operator delegator TVLs");
        assertEquals(expectedTvl, totalTvl, "totalTVL");
        return totalTvl.multiply(E18).divide(uint(ezeth, "totalSupply"));
    }

    /** OpenZeppelin ERC-4626 conversion (decimals offset 0), rounded down: x * (num + 1) / (den + 1). */
    private static BigInteger ozConvert(BigInteger x, BigInteger num, BigInteger den) {
        return x.multiply(num.add(BigInteger.ONE)).divide(den.add(BigInteger.ONE));
    }

    private List<BigInteger> roundData(String feed, String name, Type... args) throws Exception {
        Function f = new Function(name, List.of(args), List.of(TypeReference.create(Uint80.class), TypeReference.create(Int256.class),
                TypeReference.create(Uint256.class), TypeReference.create(Uint256.class), TypeReference.create(Uint80.class)));
        return fixture.call(feed, f).stream().map(t -> (BigInteger) t.getValue()).toList();
    }

    private void assertReverts(String to, String name, String reason, Type... args) throws Exception {
        EthCall r = fixture.rawCall(STRANGER, to, FunctionEncoder.encode(new Function(name, List.of(args), List.of())));
        assertTrue(r.hasError(), name + " from a non-privileged account must revert");
        assertTrue(r.getError().getMessage().contains(reason), name + " reverts with '" + reason + "', got: " + r.getError().getMessage());
    }

    private String deploy(String contract, BigInteger value, Type... args) throws Exception {
        return fixture.deploy(me, contract, List.of(args), value);
    }

    private TransactionReceipt tx(String to, String name, BigInteger value, Type... args) throws Exception {
        return fixture.send(me, to, new Function(name, List.of(args), List.of()), value);
    }

    private BigInteger uint(String to, String name, Type... args) throws Exception {
        return (BigInteger) fixture.call(to, new Function(name, List.of(args), List.of(AnvilFixture.uint256()))).get(0).getValue();
    }

    private String address(String to, String name) throws Exception {
        return (String) fixture.call(to, new Function(name, List.of(), List.of(TypeReference.create(Address.class)))).get(0).getValue();
    }

    private BigInteger balance(String account, BigInteger block) throws Exception {
        return fixture.web3j.ethGetBalance(account, DefaultBlockParameter.valueOf(block)).send().getBalance();
    }

    private static UintViewCall view(String function, BigInteger... args) {
        return new UintViewCall(function, List.of(args));
    }

    private static BigInteger eth(String amount) {
        return new BigDecimal(amount).movePointRight(18).toBigIntegerExact();
    }
}
