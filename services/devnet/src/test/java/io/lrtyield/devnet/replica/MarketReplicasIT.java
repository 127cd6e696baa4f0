package io.lrtyield.devnet.replica;

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
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Bytes4;
import org.web3j.abi.datatypes.generated.Int128;
import org.web3j.abi.datatypes.generated.Int256;
import org.web3j.abi.datatypes.generated.StaticArray2;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint32;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The DEX, Pendle and strategy-vault replicas on the test Anvil: Curve StableSwap math and oracle (the real Uniswap v3
 * is UniswapV3RealPoolIT's), the vault's manage allowlist, and the Pendle market's AMM (fee, impact, rate update) and redemption. Dev account 3 deploys and acts; 4 is the outsider.
 * The last test moves the chain's clock past a short Pendle expiry, by as little as needed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MarketReplicasIT {

    private static final BigInteger E18 = BigInteger.TEN.pow(18);
    private static final BigInteger MAX = BigInteger.TWO.pow(256).subtract(BigInteger.ONE);
    private static final double YEAR = 365 * 86400.0;
    private static final BigInteger SCALAR_ROOT = eth(20);
    /** ln(1.001), 1e18 */
    private static final BigInteger LN_FEE_RATE_ROOT = new BigInteger("999500333083533");

    private AnvilFixture anvil;
    private TxSender tx;
    private String me;
    private String outsider;
    private String weth;
    private String lst;

    private record Call(String to, Function f) { }

    @BeforeAll
    void deployTokens() throws Exception {
        anvil = new AnvilFixture();
        tx = anvil.sender(3);
        me = tx.address();
        outsider = AnvilFixture.address(4);
        weth = anvil.deploy(tx, "ReplicaERC20", List.of(new Utf8String("Wrapped Ether"), new Utf8String("WETH")), BigInteger.ZERO);
        lst = anvil.deploy(tx, "ReplicaERC20", List.of(new Utf8String("Liquid staked Ether"), new Utf8String("LST")), BigInteger.ZERO);
        batch(new Call(weth, fn("mint", new Address(me), uint(eth(1_000_000)))),
                new Call(lst, fn("mint", new Address(me), uint(eth(1_000_000)))));
    }

    @AfterAll
    void close() {
        anvil.close();
    }

    @Test
    @Order(1)
    void curveGetDyIsWhatExchangePaysAndFeesRaiseTheVirtualPrice() throws Exception {
        String pool = deployCurve();
        assertEquals(BigInteger.valueOf(100), view(pool, fn("A")));
        assertEquals(BigInteger.valueOf(4_000_000), view(pool, fn("fee")));
        assertEquals(eth(5_000), view(pool, fn("balances", uint(BigInteger.ONE))));
        assertEquals(weth.toLowerCase(), ((Address) anvil.call(pool, new Function("coins", List.of(uint(BigInteger.ZERO)),
                List.of(new TypeReference<Address>() { }))).get(0)).getValue().toLowerCase());
        BigInteger vp0 = view(pool, fn("get_virtual_price"));
        assertTrue(vp0.compareTo(E18) >= 0, "virtual price " + vp0);

        BigInteger dx = eth(100);
        BigInteger dy = view(pool, fn("get_dy", i128(0), i128(1), uint(dx)));
        assertTrue(dy.compareTo(eth(99)) > 0 && dy.compareTo(dx) < 0, "dy " + dy);
        assertReverts(me, pool, fn("exchange", i128(0), i128(1), uint(dx), uint(dy.add(BigInteger.ONE))),
                "Exchange resulted in fewer coins than expected");

        BigInteger before = balance(lst, me);
        batch(new Call(pool, fn("exchange", i128(0), i128(1), uint(dx), uint(dy))));
        assertEquals(dy, balance(lst, me).subtract(before), "exchange pays exactly get_dy");
        assertEquals(eth(5_100), view(pool, fn("balances", uint(BigInteger.ZERO))));
        assertEquals(eth(5_000).subtract(dy), view(pool, fn("balances", uint(BigInteger.ONE))), "no admin fee: all stays");
        assertEquals(balance(lst, pool), view(pool, fn("balances", uint(BigInteger.ONE))));
        assertTrue(view(pool, fn("get_virtual_price")).compareTo(vp0) > 0, "fees raise the virtual price");
    }

    @Test
    @Order(2)
    void curveImbalanceWorsensTheRateAndTheOracleFollowsTheSpot() throws Exception {
        String pool = deployCurve();
        BigInteger small = view(pool, fn("get_dy", i128(0), i128(1), uint(E18)));
        BigInteger big = view(pool, fn("get_dy", i128(0), i128(1), uint(eth(4_000))));
        assertTrue(big.multiply(E18).compareTo(small.multiply(eth(4_000))) < 0,
                "4,000 in gets a worse rate than 1 in: " + big + " vs " + small);

        batch(new Call(pool, fn("exchange", i128(0), i128(1), uint(eth(4_000)), uint(BigInteger.ZERO))));
        BigInteger last = view(pool, fn("last_price"));
        assertTrue(last.compareTo(E18) > 0, "coin 1 is scarce, its price rises: " + last);
        BigInteger oracle0 = view(pool, fn("price_oracle"));
        awaitBlocks(3);
        BigInteger oracle1 = view(pool, fn("price_oracle"));
        assertTrue(oracle1.compareTo(oracle0) > 0 && oracle1.compareTo(last) < 0,
                "EMA moves toward the spot: " + oracle0 + " -> " + oracle1 + " (spot " + last + ")");
        assertEquals(oracle1, view(pool, fn("price_oracle", uint(BigInteger.ZERO))), "ng spelling, same value");
    }

    @Test
    @Order(3)
    void strategyVaultRunsOnlyAllowlistedCallsOfTheStrategist() throws Exception {
        String vault = anvil.deploy(tx, "StrategyVault", List.of(new Address(me), new Address(me)), BigInteger.ZERO);
        Bytes4 transfer = new Bytes4(Numeric.hexStringToByteArray("0xa9059cbb"));
        batch(new Call(lst, fn("mint", new Address(vault), uint(eth(10)))),
                new Call(vault, fn("setAllowed", new Address(lst), transfer, new Bool(true))));
        assertEquals(Boolean.TRUE, anvil.call(vault, new Function("isAllowed", List.of(new Address(lst), transfer),
                List.of(new TypeReference<Bool>() { }))).get(0).getValue());

        BigInteger before = balance(lst, outsider);
        Function pay = fn("transfer", new Address(outsider), uint(E18));
        batch(new Call(vault, manage(lst, pay)));
        assertEquals(E18, balance(lst, outsider).subtract(before));

        Function batchManage = fn("manage", new DynamicArray<>(Address.class, new Address(lst), new Address(lst)),
                new DynamicArray<>(DynamicBytes.class, bytes(pay), bytes(pay)),
                new DynamicArray<>(Uint256.class, uint(BigInteger.ZERO), uint(BigInteger.ZERO)));
        batch(new Call(vault, batchManage));
        assertEquals(E18.multiply(BigInteger.valueOf(3)), balance(lst, outsider).subtract(before));

        assertReverts(me, vault, manage(lst, fn("approve", new Address(outsider), uint(E18))),
                "StrategyVault: call not allowlisted");
        assertReverts(outsider, vault, manage(lst, pay), "StrategyVault: not strategist");
        assertReverts(outsider, vault, fn("setAllowed", new Address(lst), transfer, new Bool(true)), "StrategyVault: not admin");
        assertReverts(me, vault, manage(lst, fn("transfer", new Address(outsider), uint(eth(1_000)))),
                "ERC20: transfer amount exceeds balance");
    }

    private String addressView(String to, String name) throws Exception {
        return ((Address) anvil.call(to, new Function(name, List.of(), List.of(new TypeReference<Address>() { }))).get(0)).getValue()
                .toLowerCase();
    }

    @Test
    @Order(4)
    void pendleReadStateDecodesAndPtTradesOnTheAmmWithFeeAndImpact() throws Exception {
        long expiry = latestTimestamp() + 180 * 86400L;
        String market = deployPendle(expiry, eth(5_000));
        BigInteger rate = new BigInteger("80000000000000000"); // ln implied rate 0.08
        batch(new Call(market, fn("setLnImpliedRate", uint(rate))));
        assertReverts(outsider, market, fn("setLnImpliedRate", uint(E18)), "PendleMarket: not owner");

        List<Type> state = readState(market);
        assertEquals(eth(5_000), state.get(0).getValue(), "totalPt");
        assertEquals(eth(5_000), state.get(1).getValue(), "totalSy");
        assertEquals(SCALAR_ROOT, state.get(4).getValue(), "scalarRoot");
        assertEquals(BigInteger.valueOf(expiry), state.get(5).getValue(), "expiry");
        assertEquals(LN_FEE_RATE_ROOT, state.get(6).getValue(), "lnFeeRateRoot");
        assertEquals(BigInteger.valueOf(80), state.get(7).getValue(), "reserveFeePercent");
        assertEquals(rate, state.get(8).getValue(), "lastLnImpliedRate");
        List<Type> tokens = anvil.call(market, new Function("readTokens", List.of(), List.of(new TypeReference<Address>() { },
                new TypeReference<Address>() { }, new TypeReference<Address>() { })));
        assertEquals(lst.toLowerCase(), ((String) tokens.get(0).getValue()).toLowerCase());
        String pt = (String) tokens.get(1).getValue();

        // buy with 100: the PT out solves n / E(n) × feeRate = 100 on the curve anchored at 0.08, at the trade's block time
        BigInteger before = balance(pt, me);
        TransactionReceipt r = batch(new Call(lst, fn("approve", new Address(market), uint(MAX))),
                new Call(market, fn("swapExactTokenForPt", new Address(me), uint(eth(100)), uint(BigInteger.ZERO)))).get(1);
        double bought = balance(pt, me).subtract(before).doubleValue() / 1e18;
        double years = (expiry - timestampOf(r)) / YEAR;
        Curve curve = new Curve(5_000, 5_000, 0.08, years);
        double lo = 0;
        double hi = 200;
        for (int i = 0; i < 200; i++) {
            double mid = (lo + hi) / 2;
            if (mid / curve.rate(mid) * curve.fee <= 100) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        assertEquals(lo, bought, lo * 1e-9, "PT out for 100 on the AMM");
        double spot = 100 * curve.rate(0);
        assertTrue(bought > 100 && bought < spot / curve.fee, "a discount, less than the spot price net of the fee gives: " + bought);

        // the trade moved the implied rate to the curve's at the new proportion; the treasury took 80 % of the fee
        List<Type> after = readState(market);
        double totalPt = ((BigInteger) after.get(0).getValue()).doubleValue() / 1e18;
        double totalSy = ((BigInteger) after.get(1).getValue()).doubleValue() / 1e18;
        double feePaid = 100 - 100 / curve.fee;
        assertEquals(5_000 - bought, totalPt, 1e-9);
        assertEquals(5_100 - 0.8 * feePaid, totalSy, 1e-9);
        double newLn = Math.log(Math.log(totalPt / totalSy) / curve.scalar + curve.anchor) / years;
        double lnAfter = ((BigInteger) after.get(8).getValue()).doubleValue() / 1e18;
        assertEquals(newLn, lnAfter, 1e-12, "ln implied rate after the buy");
        assertTrue(lnAfter < 0.08, "buying PT lowers its implied rate: " + lnAfter);

        // the oracle replica reads the spot PT price at the new rate
        String oracle = anvil.deploy(tx, "PendlePYLpOracle", List.of(), BigInteger.ZERO);
        double ptRate = view(oracle, fn("getPtToAssetRate", new Address(market), new Uint32(900))).doubleValue() / 1e18;
        assertEquals(Math.exp(-lnAfter * (expiry - latestTimestamp()) / YEAR), ptRate, 1e-7, "oracle PT rate");

        // selling it all back pays its price at the higher proportion, less the fee: the round trip costs both fees and the impact
        BigInteger held = balance(pt, me).subtract(before);
        BigInteger preview = view(market, fn("previewSwapExactPtForToken", uint(held)));
        BigInteger lstBefore = balance(lst, me);
        batch(new Call(pt, fn("approve", new Address(market), uint(MAX))),
                new Call(market, fn("swapExactPtForToken", new Address(me), uint(held), uint(BigInteger.ZERO))));
        double back = balance(lst, me).subtract(lstBefore).doubleValue() / 1e18;
        // the seller is the treasury here too (the owner): it also gets 80 % of the fee, preview × (feeRate − 1)
        double proceeds = preview.doubleValue() / 1e18;
        assertEquals(proceeds * (1 + 0.8 * (curve.fee - 1)), back, 1e-6, "the preview (one block apart) plus the treasury's fee share");
        assertTrue(proceeds < 100 && proceeds > 99, "round trip: " + proceeds);
        assertReverts(me, market, fn("previewSwapExactTokenForPt", uint(eth(4_000))), "PendleMarket: insufficient PT liquidity");
    }

    /** The AMM's curve in doubles: rate(n) = ln(p/(1−p)) / scalar + anchor, p = (pt − n) / (pt + asset). */
    private static final class Curve {
        final double pt;
        final double asset;
        final double scalar;
        final double anchor;
        final double fee;

        Curve(double pt, double asset, double lnRate, double years) {
            this.pt = pt;
            this.asset = asset;
            this.scalar = SCALAR_ROOT.doubleValue() / 1e18 / years;
            this.anchor = Math.exp(lnRate * years) - Math.log(pt / asset) / scalar;
            this.fee = Math.exp(LN_FEE_RATE_ROOT.doubleValue() / 1e18 * years);
        }

        double rate(double n) {
            double p = (pt - n) / (pt + asset);
            return Math.log(p / (1 - p)) / scalar + anchor;
        }
    }

    private List<Type> readState(String market) throws Exception {
        return anvil.call(market, new Function("readState", List.of(new Address(me)), List.of(
                new TypeReference<Int256>() { }, new TypeReference<Int256>() { }, new TypeReference<Int256>() { },
                new TypeReference<Address>() { }, new TypeReference<Int256>() { }, AnvilFixture.uint256(),
                AnvilFixture.uint256(), AnvilFixture.uint256(), AnvilFixture.uint256())));
    }

    private long timestampOf(TransactionReceipt r) throws Exception {
        return anvil.web3j.ethGetBlockByNumber(DefaultBlockParameter.valueOf(r.getBlockNumber()), false).send()
                .getBlock().getTimestamp().longValueExact();
    }

    /** Last: moves the shared chain's clock forward, just past this market's expiry (about two minutes). */
    @Test
    @Order(5)
    void pendlePtRedeemsOneToOneAtExpiry() throws Exception {
        long expiry = latestTimestamp() + 120;
        String market = deployPendle(expiry, eth(100));
        batch(new Call(lst, fn("approve", new Address(market), uint(MAX))),
                new Call(market, fn("swapExactTokenForPt", new Address(me), uint(eth(10)), uint(BigInteger.ZERO))));
        String pt = (String) anvil.call(market, new Function("readTokens", List.of(), List.of(new TypeReference<Address>() { },
                new TypeReference<Address>() { }, new TypeReference<Address>() { }))).get(1).getValue();
        BigInteger held = balance(pt, me);
        assertTrue(held.compareTo(eth(10)) > 0, "PT bought at a discount: " + held);
        assertReverts(me, market, fn("redeemPt", new Address(me), uint(held)), "PendleMarket: not expired");

        long wait = expiry - latestTimestamp() + 1;
        if (wait > 0) {
            rpc("evm_increaseTime", String.valueOf(wait));
        }
        rpc("evm_mine");
        assertTrue(latestTimestamp() >= expiry);
        assertReverts(me, market, fn("swapExactTokenForPt", new Address(me), uint(E18), uint(BigInteger.ZERO)),
                "PendleMarket: market expired");

        BigInteger before = balance(lst, me);
        batch(new Call(market, fn("redeemPt", new Address(me), uint(held))));
        assertEquals(held, balance(lst, me).subtract(before), "1 PT redeems for 1 underlying");
        assertEquals(BigInteger.ZERO, balance(pt, me));
    }

    // ---------------------------------------------------------------------------------------------------------

    /** WETH/LST pool, A = 100, fee 4 bps, no admin fee, EMA time constant 60 s, seeded 5,000 + 5,000. */
    private String deployCurve() throws Exception {
        String pool = anvil.deploy(tx, "CurveStableSwap", List.of(
                new StaticArray2<>(Address.class, new Address(weth), new Address(lst)), uint(BigInteger.valueOf(100)),
                uint(BigInteger.valueOf(4_000_000)), uint(BigInteger.ZERO), uint(BigInteger.valueOf(60)),
                new Utf8String("Curve WETH/LST"), new Utf8String("wethlst-f")), BigInteger.ZERO);
        batch(new Call(weth, fn("approve", new Address(pool), uint(MAX))), new Call(lst, fn("approve", new Address(pool), uint(MAX))),
                new Call(pool, fn("add_liquidity", new StaticArray2<>(Uint256.class, uint(eth(5_000)), uint(eth(5_000))),
                        uint(BigInteger.ZERO))));
        return pool;
    }

    /**
     * PT market on the LST, ln implied rate 0.05, scalarRoot 20, fee ln(1.001), 80 % of it to the treasury, seeded with
     * {@code seed} PT and {@code seed} LST.
     */
    private String deployPendle(long expiry, BigInteger seed) throws Exception {
        String market = anvil.deploy(tx, "PendleMarket", List.of(new Address(lst), uint(BigInteger.valueOf(expiry)),
                uint(new BigInteger("50000000000000000")), new Int256(SCALAR_ROOT), uint(LN_FEE_RATE_ROOT), uint(BigInteger.valueOf(80))),
                BigInteger.ZERO);
        batch(new Call(lst, fn("approve", new Address(market), uint(MAX))), new Call(market, fn("seed", uint(seed), uint(seed))));
        return market;
    }

    private List<TransactionReceipt> batch(Call... calls) throws Exception {
        List<String> hashes = new ArrayList<>();
        for (Call c : calls) {
            hashes.add(tx.send(c.to(), FunctionEncoder.encode(c.f()), BigInteger.ZERO));
        }
        return tx.awaitAll(hashes, Duration.ofSeconds(30));
    }

    private BigInteger view(String to, Function f) throws Exception {
        Function typed = new Function(f.getName(), f.getInputParameters(), List.of(AnvilFixture.uint256()));
        return (BigInteger) anvil.call(to, typed).get(0).getValue();
    }

    private BigInteger balance(String token, String owner) throws Exception {
        return view(token, fn("balanceOf", new Address(owner)));
    }

    private void assertReverts(String from, String to, Function f, String reason) throws Exception {
        EthCall r = anvil.rawCall(from, to, FunctionEncoder.encode(f));
        String message = r.hasError() ? r.getError().getMessage() : r.getRevertReason();
        assertTrue(r.hasError() || r.isReverted(), f.getName() + " should revert with '" + reason + "'");
        assertTrue(message != null && message.contains(reason), "expected revert '" + reason + "', got: " + message);
    }

    private long latestTimestamp() throws Exception {
        return anvil.web3j.ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false).send().getBlock().getTimestamp()
                .longValueExact();
    }

    private void awaitBlocks(int n) throws Exception {
        BigInteger target = anvil.web3j.ethBlockNumber().send().getBlockNumber().add(BigInteger.valueOf(n));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (anvil.web3j.ethBlockNumber().send().getBlockNumber().compareTo(target) < 0) {
            assertTrue(System.nanoTime() < deadline, "Anvil mines no blocks");
            Thread.sleep(250);
        }
    }

    /** Anvil's test-only methods, over plain JSON-RPC (params are JSON literals). */
    private static void rpc(String method, String... params) throws Exception {
        String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":[" + String.join(",", params) + "]}";
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + Integer.getInteger("anvil.port", 18545)))
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try (HttpClient http = HttpClient.newHttpClient()) {
            String resp = http.send(req, HttpResponse.BodyHandlers.ofString()).body();
            assertTrue(!resp.contains("\"error\""), method + " failed: " + resp);
        }
    }

    private static Function manage(String target, Function inner) {
        return fn("manage", new Address(target), bytes(inner), uint(BigInteger.ZERO));
    }

    private static DynamicBytes bytes(Function f) {
        return new DynamicBytes(Numeric.hexStringToByteArray(FunctionEncoder.encode(f)));
    }

    private static Function fn(String name, Type... inputs) {
        return new Function(name, Arrays.asList(inputs), List.of());
    }

    private static Uint256 uint(BigInteger v) {
        return new Uint256(v);
    }

    private static Int128 i128(long v) {
        return new Int128(v);
    }

    private static BigInteger eth(long n) {
        return BigInteger.valueOf(n).multiply(E18);
    }
}
