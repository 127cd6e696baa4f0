package io.lrtyield.devnet.deploy;

import io.lrtyield.common.chain.Multicall3;
import io.lrtyield.common.chain.reader.AaveReader;
import io.lrtyield.common.chain.reader.ReserveData;
import io.lrtyield.common.chain.reader.UserAccountData;
import io.lrtyield.devnet.replica.AnvilFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.StaticStruct;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Int256;
import org.web3j.abi.datatypes.generated.Uint16;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint8;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real Aave v3 bytecode ({@code @aave/core-v3}) deployed by {@link AaveV3Deployer} on the test Anvil, over the
 * devnet's replica tokens, and read through the project's own readers ({@link AaveReader} in a Multicall3 snapshot, as
 * the yield and rebalancer services read the replica pool). A lender supplies WETH; a user supplies wstETH, enters the
 * ETH eMode and borrows WETH (one loop step); time passes; the wstETH feed drops and another account liquidates.
 * Accounts are keys of this class's own (funded with anvil_setBalance), so no nonce is shared with another IT.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AaveV3RealPoolIT {

    private static final BigInteger E18 = BigInteger.TEN.pow(18);
    private static final BigInteger RAY = BigInteger.TEN.pow(27);
    private static final BigInteger MAX = BigInteger.TWO.pow(256).subtract(BigInteger.ONE);
    private static final BigInteger YEAR = BigInteger.valueOf(365L * 86_400);
    private static final Duration MINED = Duration.ofSeconds(30);
    private static final MathContext MC = MathContext.DECIMAL128;
    private static final String LIQUIDATION_TOPIC = Hash.sha3String("LiquidationCall(address,address,address,uint256,uint256,address,bool)");

    private AnvilFixture anvil;
    private AnvilRpc rpc;
    private TxSender deployer;
    private TxSender oracle;
    private TxSender lender;
    private TxSender user;
    private TxSender liquidator;
    private DevnetDeployment tokens;
    private AaveV3Deployment aave;
    private long borrowBlock;

    @BeforeAll
    void deploy() throws Exception {
        anvil = new AnvilFixture();
        rpc = new AnvilRpc(anvil.transport());
        deployer = account("deployer");
        oracle = account("oracle");
        lender = account("lender");
        user = account("user");
        liquidator = account("liquidator");
        tokens = new DevnetDeployer(anvil.web3j, deployer, oracle, rpc, null).deploy(new BigDecimal("1000"), new BigDecimal("500"));
        Map<String, BigInteger> rates = FundamentalRates.read(anvil.web3j, tokens);
        long start = System.nanoTime();
        aave = new AaveV3Deployer(anvil.web3j, deployer)
                .deploy(AaveV3Reserve.devnetDefaults(tokens, rates, MarketDeployer.ETH_USD_8), oracle.address());
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("Aave v3 (%s) deployed in %.2f s at block %d%n", aave.origin(), seconds, aave.deployedAtBlock());

        String pool = aave.pool();
        List<String> lh = new ArrayList<>();
        lh.add(lender.send(tokens.weth(), encode("deposit()"), eth(1_000)));
        lh.add(send(lender, tokens.weth(), "approve(address,uint256)", new Address(pool), new Uint256(MAX)));
        lh.add(send(lender, pool, "supply(address,uint256,address,uint16)", new Address(tokens.weth()), new Uint256(eth(1_000)),
                new Address(lender.address()), new Uint16(0)));
        List<String> uh = new ArrayList<>();
        uh.add(user.send(tokens.wstETH(), "0x", eth(150)));
        uh.add(send(user, tokens.wstETH(), "approve(address,uint256)", new Address(pool), new Uint256(MAX)));
        uh.add(send(user, pool, "supply(address,uint256,address,uint16)", new Address(tokens.wstETH()), new Uint256(eth(100)),
                new Address(user.address()), new Uint16(0)));
        uh.add(send(user, pool, "setUserEMode(uint8)", new Uint8(aave.eModeCategory())));
        lender.awaitAll(lh, MINED);
        user.awaitAll(uh, MINED);
        // one loop step: borrow 90 % of the collateral's ETH value (eMode LTV 93 %): HF = 0.95 / 0.90 ≈ 1.056
        BigInteger borrow = eth(100).multiply(price("wstETH")).divide(price("WETH")).multiply(BigInteger.valueOf(90)).divide(BigInteger.valueOf(100));
        TransactionReceipt r = user.awaitAll(List.of(send(user, pool, "borrow(address,uint256,uint256,uint16,address)",
                new Address(tokens.weth()), new Uint256(borrow), new Uint256(2), new Uint16(0), new Address(user.address()))), MINED).get(0);
        borrowBlock = r.getBlockNumber().longValueExact();
    }

    @AfterAll
    void close() {
        if (anvil != null) {
            anvil.close();
        }
    }

    @Test
    @Order(1)
    void ourReserveReaderDecodesTheRealPool() throws Exception {
        List<String> symbols = List.of("WETH", "wstETH", "weETH", "ezETH");
        List<ReserveData> data = reserves(symbols, latest());
        for (int i = 0; i < symbols.size(); i++) {
            AaveV3Deployment.Reserve reserve = aave.reserve(symbols.get(i));
            ReserveData d = data.get(i);
            BigInteger config = d.configuration();
            assertEquals(i, d.id(), symbols.get(i) + " id");
            assertEquals(reserve.rateStrategy().toLowerCase(), d.interestRateStrategyAddress(), "strategy");
            assertEquals(reserve.params().ltv(), bits(config, 0, 16), "LTV bits");
            assertEquals(reserve.params().lt(), bits(config, 16, 16), "LT bits");
            assertEquals(reserve.params().bonus(), bits(config, 32, 16), "bonus bits");
            assertEquals(18, bits(config, 48, 8), "decimals bits");
            assertEquals(reserve.params().borrowable() ? 1 : 0, bits(config, 58, 1), "borrowing bit");
            assertEquals(reserve.params().reserveFactor(), bits(config, 64, 16), "reserve factor bits");
            assertEquals(reserve.params().eMode() ? aave.eModeCategory() : 0, bits(config, 168, 8), "eMode bits");
            assertEquals(AaveV3Deployer.LIQUIDATION_PROTOCOL_FEE, bits(config, 152, 16), "liquidation fee bits");
            assertTrue(d.liquidityIndex().compareTo(RAY) >= 0, "liquidity index in ray");
        }
        // the eMode category as v3.0 returns it: (ltv, lt, bonus, priceSource, label)
        List<BigInteger> emode = words(aave.pool(), encode("getEModeCategoryData(uint8)", new Uint8(aave.eModeCategory())), latest());
        assertEquals(List.of(BigInteger.valueOf(AaveV3Deployer.EMODE_LTV), BigInteger.valueOf(AaveV3Deployer.EMODE_LT),
                BigInteger.valueOf(AaveV3Deployer.EMODE_BONUS), BigInteger.ZERO), emode.subList(1, 5), "after the tuple's offset word");
    }

    @Test
    @Order(2)
    void storedRatesAreTheStrategysAtTheReservesUtilisation() throws Exception {
        AaveV3Deployment.Reserve weth = aave.reserve("WETH");
        ReserveData d = reserves(List.of("WETH"), borrowBlock).get(0);
        BigInteger debt = words(d.variableDebtTokenAddress(), encode("totalSupply()"), borrowBlock).get(0);
        BigInteger available = words(tokens.weth(), encode("balanceOf(address)", new Address(d.aTokenAddress())), borrowBlock).get(0);
        // calculateInterestRates((unbacked, added, taken, stableDebt, variableDebt, avgStableRate, reserveFactor, reserve, aToken))
        StaticStruct params = new StaticStruct(u(0), u(0), u(0), u(0), new Uint256(debt), u(0),
                u(weth.params().reserveFactor()), new Address(tokens.weth()), new Address(d.aTokenAddress()));
        List<BigInteger> rates = words(weth.rateStrategy(),
                encode("calculateInterestRates((uint256,uint256,uint256,uint256,uint256,uint256,uint256,address,address))", params),
                borrowBlock);
        assertEquals(d.currentLiquidityRate(), rates.get(0), "supply rate = strategy's");
        assertEquals(d.currentVariableBorrowRate(), rates.get(2), "variable rate = strategy's");

        // the two-slope model at usage U = debt / (debt + available), below the kink: base + slope1 · U / optimal
        AaveV3Reserve p = weth.params();
        BigDecimal usage = new BigDecimal(debt).divide(new BigDecimal(debt.add(available)), MC);
        BigDecimal variable = p.base().add(p.slope1().multiply(usage, MC).divide(p.optimal(), MC));
        BigDecimal supply = variable.multiply(usage, MC).multiply(BigDecimal.ONE.subtract(bps(p.reserveFactor())), MC);
        assertClose(variable, d.variableBorrowApr(), 1e-18, "variable APR vs two-slope model");
        assertClose(supply, d.supplyApr(), 1e-18, "supply APR vs two-slope model");
    }

    @Test
    @Order(3)
    void indexesGrowAsTheStoredRatesSay() throws Exception {
        ReserveData before = reserves(List.of("WETH"), latest()).get(0);
        long days30 = 30 * 86_400L;
        rpc.increaseTime(days30);
        long now = latest();
        long dt = anvil.web3j.ethGetBlockByNumber(DefaultBlockParameter.valueOf(BigInteger.valueOf(now)), false).send().getBlock()
                .getTimestamp().longValueExact() - before.lastUpdateTimestamp().getEpochSecond();
        assertTrue(dt >= days30, "at least 30 days passed");
        BigInteger income = words(aave.pool(), encode("getReserveNormalizedIncome(address)", new Address(tokens.weth())), now).get(0);
        BigInteger debtIndex = words(aave.pool(), encode("getReserveNormalizedVariableDebt(address)", new Address(tokens.weth())), now).get(0);
        // supply: linear between updates, income = index · (1 + rate · dt / year): the per-second rate is the APR / year
        BigDecimal supplyGrowth = ratio(income, before.liquidityIndex()).subtract(BigDecimal.ONE);
        BigDecimal impliedSupplyApr = supplyGrowth.multiply(new BigDecimal(YEAR)).divide(BigDecimal.valueOf(dt), MC);
        assertClose(before.supplyApr(), impliedSupplyApr, 1e-15, "supply APR implied by the income index");
        // variable debt: compounded per second, (1 + r/year)^dt cut after its third binomial term in ray integers (v3.0's
        // MathUtils); at a rate this low the third term truncates to zero on chain
        assertEquals(rayMul(compoundedRay(before.currentVariableBorrowRate(), dt), before.variableBorrowIndex()), debtIndex,
                "variable debt index");
        BigDecimal r = before.variableBorrowApr().divide(new BigDecimal(YEAR), MC);
        BigDecimal perSecond = BigDecimal.ONE.add(r).pow((int) dt, MC);
        assertClose(perSecond, ratio(debtIndex, before.variableBorrowIndex()), 1e-11, "per-second compounding vs the debt index");
        System.out.printf("WETH after %d s: supply APR %s, variable APR %s, income index %s, debt index %s%n", dt,
                before.supplyApr().round(new MathContext(8)), before.variableBorrowApr().round(new MathContext(8)), income, debtIndex);
    }

    @Test
    @Order(4)
    void healthFactorOfOurReaderIsThePoolsAndOursFromBalancesAndPrices() throws Exception {
        long block = latest();
        UserAccountData account = accountData(block);
        BigInteger collateral = balanceOf(reserveData("wstETH", block).aTokenAddress(), user.address(), block);
        BigInteger debt = balanceOf(reserveData("WETH", block).variableDebtTokenAddress(), user.address(), block);
        // LoopState's HF = C · p · LT / D with p the oracle's wstETH price in WETH and LT the eMode category's
        assertEquals(0, new BigDecimal("0.95").compareTo(account.liquidationThresholdFraction()), "eMode LT in the account");
        BigDecimal p = new BigDecimal(price("wstETH")).divide(new BigDecimal(price("WETH")), MC);
        BigDecimal ours = new BigDecimal(collateral).multiply(p, MC).multiply(account.liquidationThresholdFraction(), MC)
                .divide(new BigDecimal(debt), MC);
        assertClose(ours, account.healthFactorDecimal(), 1e-9, "health factor");
        assertTrue(account.healthFactorDecimal().compareTo(new BigDecimal("1.05")) > 0, "HF " + account.healthFactorDecimal());
    }

    @Test
    @Order(5)
    void liquidationMovesBalancesByCloseFactorAndBonus() throws Exception {
        BigInteger dropped = price("wstETH").multiply(BigInteger.valueOf(94)).divide(BigInteger.valueOf(100));
        oracle.awaitAll(List.of(send(oracle, aave.reserve("wstETH").feed(), "updateAnswer(int256)", new Int256(dropped))), MINED);
        long before = latest();
        BigDecimal hf = accountData(before).healthFactorDecimal();
        assertTrue(hf.compareTo(BigDecimal.ONE) < 0 && hf.compareTo(new BigDecimal("0.95")) > 0, "HF in (0.95, 1): " + hf);
        ReserveData coll = reserveData("wstETH", before);
        ReserveData debtReserve = reserveData("WETH", before);
        BigInteger scaledDebt = words(debtReserve.variableDebtTokenAddress(), encode("scaledBalanceOf(address)", new Address(user.address())), before).get(0);
        BigInteger userColl = balanceOf(coll.aTokenAddress(), user.address(), before);
        BigInteger treasuryColl = balanceOf(coll.aTokenAddress(), deployer.address(), before);

        List<String> h = new ArrayList<>();
        h.add(liquidator.send(tokens.weth(), encode("deposit()"), eth(200)));
        h.add(send(liquidator, tokens.weth(), "approve(address,uint256)", new Address(aave.pool()), new Uint256(MAX)));
        h.add(send(liquidator, aave.pool(), "liquidationCall(address,address,address,uint256,bool)", new Address(tokens.wstETH()),
                new Address(tokens.weth()), new Address(user.address()), new Uint256(MAX), new Bool(false)));
        TransactionReceipt r = liquidator.awaitAll(h, MINED).get(2);
        long at = r.getBlockNumber().longValueExact();

        // prediction: close factor 50 % (HF > 0.95) of the debt at the liquidation block; collateral = debt value in wstETH
        // × eMode bonus; 10 % of the bonus part to the treasury
        BigInteger debtAt = rayMul(scaledDebt, reserveData("WETH", at).variableBorrowIndex());
        BigInteger repaid = percentMul(debtAt, 5000);
        BigInteger base = price("WETH").multiply(repaid).divide(dropped);
        BigInteger seized = percentMul(base, AaveV3Deployer.EMODE_BONUS);
        BigInteger fee = percentMul(seized.subtract(percentDiv(seized, AaveV3Deployer.EMODE_BONUS)), AaveV3Deployer.LIQUIDATION_PROTOCOL_FEE);
        Log event = r.getLogs().stream().filter(l -> l.getTopics().get(0).equals(LIQUIDATION_TOPIC)).findFirst().orElseThrow();
        List<BigInteger> data = hexWords(event.getData());
        assertEquals(repaid, data.get(0), "debtToCover in the event");
        assertEquals(seized.subtract(fee), data.get(1), "liquidatedCollateralAmount in the event (net of the protocol fee)");
        assertEquals(seized.subtract(fee), balanceOf(tokens.wstETH(), liquidator.address(), at), "liquidator's wstETH");
        assertEquals(eth(200).subtract(repaid), balanceOf(tokens.weth(), liquidator.address(), at), "liquidator's WETH");
        assertWithin(userColl.subtract(seized), balanceOf(coll.aTokenAddress(), user.address(), at), 2, "user's aToken");
        assertWithin(treasuryColl.add(fee), balanceOf(coll.aTokenAddress(), deployer.address(), at), 2, "treasury's aToken");
        assertWithin(debtAt.subtract(repaid), balanceOf(debtReserve.variableDebtTokenAddress(), user.address(), at), 2, "user's debt");
        System.out.printf("liquidated at HF %s: repaid %s WETH, seized %s wstETH (fee %s)%n", hf.round(new MathContext(6)), repaid, seized, fee);
    }

    // ------------------------------------------------------------------ reads

    private List<ReserveData> reserves(List<String> symbols, long block) {
        List<Multicall3.Call> calls = symbols.stream().map(s -> AaveReader.getReserveDataCall(aave.pool(), aave.reserve(s).asset())).toList();
        List<Multicall3.Result> results = new Multicall3(anvil.web3j, tokens.multicall3(), 100).aggregate3(calls, block).await().indefinitely();
        return results.stream().map(r -> {
            var read = AaveReader.decodeReserveData(r);
            assertTrue(read.available(), "getReserveData decodes: " + read.error());
            return read.value();
        }).toList();
    }

    private ReserveData reserveData(String symbol, long block) {
        return reserves(List.of(symbol), block).get(0);
    }

    private UserAccountData accountData(long block) {
        var r = new Multicall3(anvil.web3j, tokens.multicall3(), 100)
                .aggregate3(List.of(AaveReader.getUserAccountDataCall(aave.pool(), user.address())), block).await().indefinitely();
        var read = AaveReader.decodeUserAccountData(r.get(0));
        assertTrue(read.available(), "getUserAccountData decodes: " + read.error());
        return read.value();
    }

    private BigInteger price(String symbol) throws Exception {
        return words(aave.oracle(), encode("getAssetPrice(address)", new Address(aave.reserve(symbol).asset())), latest()).get(0);
    }

    private BigInteger balanceOf(String token, String holder, long block) throws Exception {
        return words(token, encode("balanceOf(address)", new Address(holder)), block).get(0);
    }

    private List<BigInteger> words(String to, String data, long block) throws Exception {
        var out = anvil.web3j.ethCall(Transaction.createEthCallTransaction(null, to, data),
                DefaultBlockParameter.valueOf(BigInteger.valueOf(block))).send();
        assertTrue(!out.hasError() && !out.isReverted(), "call to " + to + " failed: " + (out.hasError() ? out.getError().getMessage() : ""));
        return hexWords(out.getValue());
    }

    private long latest() throws Exception {
        return anvil.web3j.ethBlockNumber().send().getBlockNumber().longValueExact();
    }

    // ------------------------------------------------------------------ helpers

    private TxSender account(String role) throws Exception {
        Credentials c = Credentials.create(Numeric.toHexStringNoPrefix(Hash.sha3(("aave-v3-real-pool-it " + role).getBytes())));
        rpc.setBalance(c.getAddress(), eth(100_000));
        return new TxSender(anvil.web3j, c, anvil.chainId);
    }

    private static String send(TxSender from, String to, String signature, Type... args) throws Exception {
        return from.send(to, encode(signature, args), BigInteger.ZERO, BigInteger.valueOf(1_500_000));
    }

    private static String encode(String signature, Type... args) {
        return AaveV3Deployer.encode(signature, args);
    }

    private static List<BigInteger> hexWords(String hex) {
        String h = Numeric.cleanHexPrefix(hex);
        List<BigInteger> words = new ArrayList<>();
        for (int i = 0; i + 64 <= h.length(); i += 64) {
            words.add(new BigInteger(h.substring(i, i + 64), 16));
        }
        return words;
    }

    private static int bits(BigInteger word, int from, int width) {
        return word.shiftRight(from).and(BigInteger.ONE.shiftLeft(width).subtract(BigInteger.ONE)).intValueExact();
    }

    private static Uint256 u(long v) {
        return new Uint256(v);
    }

    private static BigDecimal bps(int bps) {
        return BigDecimal.valueOf(bps, 4);
    }

    private static BigDecimal ratio(BigInteger a, BigInteger b) {
        return new BigDecimal(a).divide(new BigDecimal(b), MC);
    }

    /** v3.0 MathUtils.calculateCompoundedInterest: 1 + n·r + n(n−1)·r²/2 + n(n−1)(n−2)·r³/6, r per second, in ray. */
    private static BigInteger compoundedRay(BigInteger rate, long dt) {
        BigInteger n = BigInteger.valueOf(dt);
        BigInteger p2 = rayMul(rate, rate).divide(YEAR.pow(2));
        BigInteger p3 = rayMul(p2, rate).divide(YEAR);
        BigInteger second = n.multiply(n.subtract(BigInteger.ONE)).multiply(p2).divide(BigInteger.TWO);
        BigInteger third = n.multiply(n.subtract(BigInteger.ONE)).multiply(n.subtract(BigInteger.TWO)).multiply(p3).divide(BigInteger.valueOf(6));
        return RAY.add(rate.multiply(n).divide(YEAR)).add(second).add(third);
    }

    /** Aave's WadRayMath / PercentageMath: half-up rounding. */
    private static BigInteger rayMul(BigInteger a, BigInteger b) {
        return a.multiply(b).add(RAY.shiftRight(1)).divide(RAY);
    }

    private static BigInteger percentMul(BigInteger v, int bps) {
        return v.multiply(BigInteger.valueOf(bps)).add(BigInteger.valueOf(5_000)).divide(BigInteger.valueOf(10_000));
    }

    private static BigInteger percentDiv(BigInteger v, int bps) {
        return v.multiply(BigInteger.valueOf(10_000)).add(BigInteger.valueOf(bps / 2)).divide(BigInteger.valueOf(bps));
    }

    private static BigInteger eth(long n) {
        return BigInteger.valueOf(n).multiply(E18);
    }

    private static void assertClose(BigDecimal expected, BigDecimal actual, double relative, String what) {
        BigDecimal diff = expected.subtract(actual).abs();
        BigDecimal bound = expected.abs().multiply(BigDecimal.valueOf(relative)).max(new BigDecimal("1e-27"));
        assertTrue(diff.compareTo(bound) <= 0, what + ": expected " + expected + ", got " + actual + " (diff " + diff + ")");
    }

    private static void assertWithin(BigInteger expected, BigInteger actual, long wei, String what) {
        assertTrue(expected.subtract(actual).abs().compareTo(BigInteger.valueOf(wei)) <= 0,
                what + ": expected " + expected + " ± " + wei + ", got " + actual);
    }
}
