package io.lrtyield.devnet.replica;

import io.lrtyield.devnet.deploy.ContractArtifacts;
import io.lrtyield.devnet.deploy.TxSender;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.*;
import org.web3j.abi.datatypes.generated.*;
import org.web3j.crypto.ContractUtils;
import org.web3j.crypto.Hash;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.*;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * AaveV3Pool and the EigenLayer replicas on the test Anvil: every expectation is recomputed here from the Aave v3
 * formulas (WadRayMath / PercentageMath half-up rounding) or the EigenLayer StrategyBase share math. Reads of
 * rate-dependent values are pinned to a block so the 1-second interval blocks do not move them.
 */
class LendingRestakingReplicasIT {

    private static final BigInteger RAY = BigInteger.TEN.pow(27);
    private static final BigInteger WAD = BigInteger.TEN.pow(18);
    private static final BigInteger YEAR = BigInteger.valueOf(31_536_000);
    private static final BigInteger MAX = BigInteger.TWO.pow(256).subtract(BigInteger.ONE);

    private static AnvilFixture anvil;
    private static TxSender admin;
    private static TxSender liquidator;

    @BeforeAll
    static void connect() throws Exception {
        anvil = new AnvilFixture();
        admin = anvil.sender(5);
        liquidator = anvil.sender(6);
    }

    @AfterAll
    static void close() {
        anvil.close();
    }

    @Test
    void aavePoolRatesHealthFactorEModeInterestAndLiquidation() throws Exception {
        String user = admin.address();
        String liq = liquidator.address();
        BigInteger base = ray("0.01"), slope1 = ray("0.04"), slope2 = ray("0.8"), optimal = ray("0.8");
        Batch setup = new Batch(admin);
        String weth = setup.deploy("AaveTestToken", new Utf8String("Wrapped Ether"), new Utf8String("WETH"));
        String wst = setup.deploy("AaveTestToken", new Utf8String("Wrapped liquid staked Ether 2.0"), new Utf8String("wstETH"));
        String oracle = setup.deploy("AaveReplicaOracle");
        String pool = setup.deploy("AaveV3Pool", new Address(oracle));
        setup.tx(oracle, "setAssetPrice", new Address(weth), uint(2000_00000000L))
                .tx(oracle, "setAssetPrice", new Address(wst), uint(2400_00000000L))
                .tx(pool, "initReserve", new Address(weth), uint(8000), uint(8250), uint(10500), uint(1500),
                        new Uint256(base), new Uint256(slope1), new Uint256(slope2), new Uint256(optimal))
                .tx(pool, "initReserve", new Address(wst), uint(7500), uint(8000), uint(10500), uint(1500),
                        uint(0), new Uint256(ray("0.045")), new Uint256(ray("0.8")), new Uint256(ray("0.45")))
                .tx(pool, "configureEModeCategory", new Uint8(1), new Uint16(9300), new Uint16(9500), new Uint16(10100),
                        new Utf8String("ETH correlated"))
                .tx(pool, "setReserveEModeCategory", new Address(weth), new Uint8(1))
                .tx(pool, "setReserveEModeCategory", new Address(wst), new Uint8(1))
                .tx(weth, "mint", new Address(user), new Uint256(eth(1000)))
                .tx(wst, "mint", new Address(user), new Uint256(eth(400)))
                .tx(weth, "mint", new Address(liq), new Uint256(eth(200)))
                .tx(weth, "approve", new Address(pool), new Uint256(MAX))
                .tx(wst, "approve", new Address(pool), new Uint256(MAX))
                .tx(pool, "supply", new Address(weth), new Uint256(eth(1000)), new Address(user), new Uint16(0))
                .tx(pool, "setUserUseReserveAsCollateral", new Address(weth), new Bool(false))
                .tx(pool, "supply", new Address(wst), new Uint256(eth(400)), new Address(user), new Uint16(0))
                .tx(pool, "borrow", new Address(weth), new Uint256(eth(300)), uint(2), new Uint16(0), new Address(user));
        new Batch(liquidator).tx(weth, "approve", new Address(pool), new Uint256(MAX)).await();
        List<TransactionReceipt> receipts = setup.await();
        BigInteger borrowBlock = receipts.get(receipts.size() - 1).getBlockNumber();

        // 300 borrowed of 1000 supplied: utilisation 30%, rates from the two-slope model
        List<Type> reserve = reserveData(pool, weth, borrowBlock);
        BigInteger usage = rayDiv(eth(300), eth(1000));
        assertEquals(ray("0.3"), usage);
        BigInteger borrowRate = base.add(rayDiv(rayMul(slope1, usage), optimal));
        BigInteger liquidityRate = percentMul(rayMul(borrowRate, usage), big(10_000 - 1500));
        assertEquals(borrowRate, value(reserve, 4), "currentVariableBorrowRate");
        assertEquals(liquidityRate, value(reserve, 2), "currentLiquidityRate");
        assertEquals(List.of(RAY, RAY), List.of(value(reserve, 1), value(reserve, 3)), "liquidity and borrow indexes");
        assertEquals(big(8000), value(reserve, 0).and(big(0xFFFF)), "configuration LTV bits");
        String aWeth = (String) reserve.get(8).getValue();
        String debtWeth = (String) reserve.get(10).getValue();
        assertEquals(eth(300), num(debtWeth, borrowBlock, "balanceOf", new Address(user)));

        // account data: collateral 400 wstETH x $2400 at LTV 75% / LT 80%, debt 300 WETH x $2000
        BigInteger collateral = big(960_000_00000000L);
        BigInteger debt = big(600_000_00000000L);
        List<Type> account = accountData(pool, user, borrowBlock);
        assertEquals(collateral, value(account, 0));
        assertEquals(debt, value(account, 1));
        assertEquals(percentMul(collateral, big(7500)).subtract(debt), value(account, 2), "availableBorrowsBase");
        assertEquals(List.of(big(8000), big(7500)), List.of(value(account, 3), value(account, 4)), "LT, LTV");
        BigInteger healthFactor = wadDiv(percentMul(collateral, big(8000)), debt);
        assertEquals(new BigInteger("1280000000000000000"), healthFactor);
        assertEquals(healthFactor, value(account, 5), "healthFactor");

        // a healthy position cannot be liquidated
        Function liquidation = fn("liquidationCall", new Address(wst), new Address(weth), new Address(user),
                new Uint256(eth(100)), new Bool(false));
        EthCall early = anvil.rawCall(liq, pool, FunctionEncoder.encode(liquidation));
        assertTrue(early.hasError() && early.getError().getMessage().contains("HEALTH_FACTOR_NOT_BELOW_THRESHOLD"),
                "liquidation of a healthy position must revert");

        // eMode (category 1: LTV 93%, LT 95%) raises the borrowing power; back to no eMode afterwards
        BigInteger eModeBlock = new Batch(admin).tx(pool, "setUserEMode", new Uint8(1)).await().get(0).getBlockNumber();
        List<Type> inEMode = accountData(pool, user, eModeBlock);
        assertEquals(List.of(big(9500), big(9300)), List.of(value(inEMode, 3), value(inEMode, 4)), "eMode LT, LTV");
        assertEquals(percentMul(collateral, big(9300)).subtract(value(inEMode, 1)), value(inEMode, 2));
        assertTrue(value(inEMode, 2).compareTo(value(account, 2)) > 0, "eMode raises availableBorrowsBase");
        new Batch(admin).tx(pool, "setUserEMode", new Uint8(0)).await();

        // interest: debt compounds at the variable rate, supply grows linearly at the liquidity rate
        BigInteger lastUpdate = value(reserve, 6);
        BigInteger later = awaitBlockAfter(lastUpdate.add(BigInteger.TWO));
        BigInteger dt = timestamp(later).subtract(lastUpdate);
        BigInteger debtLater = num(debtWeth, later, "balanceOf", new Address(user));
        assertEquals(rayMul(num(debtWeth, later, "scaledBalanceOf", new Address(user)), rayMul(compounded(borrowRate, dt), RAY)), debtLater);
        assertTrue(debtLater.compareTo(eth(300)) > 0, "debt accrues");
        BigInteger linear = RAY.add(liquidityRate.multiply(dt).divide(YEAR));
        BigInteger supplied = num(aWeth, later, "balanceOf", new Address(user));
        assertEquals(rayMul(eth(1000), rayMul(linear, RAY)), supplied);
        assertTrue(supplied.compareTo(eth(1000)) > 0, "supply accrues");

        // wstETH falls to $1800: HF < 1, the liquidator repays 100 WETH and receives 100 x 2000/1800 x 1.05 wstETH
        BigInteger priceBlock = new Batch(admin).tx(oracle, "setAssetPrice", new Address(wst), uint(1800_00000000L))
                .await().get(0).getBlockNumber();
        List<Type> unhealthy = accountData(pool, user, priceBlock);
        BigInteger lowCollateral = big(720_000_00000000L);
        assertEquals(lowCollateral, value(unhealthy, 0));
        assertEquals(wadDiv(percentMul(lowCollateral, big(8000)), value(unhealthy, 1)), value(unhealthy, 5));
        assertTrue(value(unhealthy, 5).compareTo(WAD) < 0, "HF below 1 after the price drop");
        new Batch(liquidator).tx(pool, "liquidationCall", liquidation.getInputParameters().toArray(new Type[0])).await();
        BigInteger seized = percentMul(eth(100).multiply(big(2000_00000000L)).multiply(WAD)
                .divide(big(1800_00000000L).multiply(WAD)), big(10500)); // debt x debtPrice x unit / (collPrice x unit) x bonus
        assertEquals(new BigInteger("116666666666666666667"), seized);
        assertEquals(seized, num(wst, null, "balanceOf", new Address(liq)), "collateral paid to the liquidator");
        String aWst = (String) reserveData(pool, wst, null).get(8).getValue();
        assertEquals(eth(400).subtract(seized), num(aWst, null, "balanceOf", new Address(user)), "collateral left");
        assertEquals(eth(100), eth(200).subtract(num(weth, null, "balanceOf", new Address(liq))), "debt paid by the liquidator");
    }

    @Test
    void eigenLayerDepositQueueAndDelayedWithdrawal() throws Exception {
        String staker = admin.address();
        Batch setup = new Batch(admin);
        String token = setup.deploy("AaveTestToken", new Utf8String("Liquid staked Ether 2.0"), new Utf8String("stETH"));
        String manager = setup.deploy("EigenStrategyManager");
        String delegation = setup.deploy("EigenDelegationManager", new Address(manager), new Uint32(100));
        String strategy = setup.deploy("EigenStrategyBase", new Address(manager), new Address(token));
        setup.tx(manager, "setDelegationManager", new Address(delegation))
                .tx(manager, "addStrategiesToDepositWhitelist", new DynamicArray<>(Address.class, List.of(new Address(strategy))))
                .tx(token, "mint", new Address(staker), new Uint256(eth(100)))
                .tx(token, "approve", new Address(manager), new Uint256(MAX))
                .tx(manager, "depositIntoStrategy", new Address(strategy), new Address(token), new Uint256(eth(40)))
                .tx(token, "transfer", new Address(strategy), new Uint256(eth(2))) // rewards: 42 tokens back 40 shares
                .await();

        // first deposit: shares = amount x (0 + 1e3) / (1e3) = amount
        assertEquals(eth(40), num(manager, null, "stakerDepositShares", new Address(staker), new Address(strategy)));
        Function deposits = new Function("getDeposits", List.of(new Address(staker)),
                List.of(new TypeReference<DynamicArray<Address>>() { }, new TypeReference<DynamicArray<Uint256>>() { }));
        List<Type> held = anvil.call(manager, deposits);
        assertEquals(List.of(new Address(strategy)), ((DynamicArray<?>) held.get(0)).getValue());
        assertEquals(List.of(new Uint256(eth(40))), ((DynamicArray<?>) held.get(1)).getValue());
        BigInteger offset = big(1000);
        BigInteger out = eth(42).add(offset).multiply(eth(10)).divide(eth(40).add(offset));
        assertEquals(out, num(strategy, null, "sharesToUnderlyingView", new Uint256(eth(10))));
        assertEquals(WAD.multiply(eth(40).add(offset)).divide(eth(42).add(offset)),
                num(strategy, null, "underlyingToSharesView", new Uint256(WAD)));
        assertEquals(big(100), num(delegation, null, "minWithdrawalDelayBlocks"));

        // queue 10 of the 40 shares
        DynamicStruct params = new DynamicStruct(new DynamicArray<>(Address.class, List.of(new Address(strategy))),
                new DynamicArray<>(Uint256.class, List.of(new Uint256(eth(10)))), new Address(staker));
        BigInteger startBlock = new Batch(admin).tx(delegation, "queueWithdrawals",
                new DynamicArray<>(DynamicStruct.class, List.of(params))).await().get(0).getBlockNumber();
        assertEquals(eth(30), num(manager, null, "stakerDepositShares", new Address(staker), new Address(strategy)));
        DynamicStruct withdrawal = new DynamicStruct(new Address(staker), Address.DEFAULT, new Address(staker),
                uint(0), new Uint32(startBlock), new DynamicArray<>(Address.class, List.of(new Address(strategy))),
                new DynamicArray<>(Uint256.class, List.of(new Uint256(eth(10)))));
        Bytes32 root = (Bytes32) anvil.call(delegation, new Function("calculateWithdrawalRoot", List.of(withdrawal),
                List.of(TypeReference.create(Bytes32.class)))).get(0);
        assertEquals(Hash.sha3(FunctionEncoder.encodeConstructor(List.of(withdrawal))), Numeric.toHexString(root.getValue()));
        assertTrue(pending(delegation, root));

        // completing before startBlock + 100 reverts with WithdrawalDelayNotElapsed()
        Function complete = fn("completeQueuedWithdrawal", withdrawal,
                new DynamicArray<>(Address.class, List.of(new Address(token))), new Bool(true));
        EthCall early = anvil.rawCall(staker, delegation, FunctionEncoder.encode(complete));
        String delayError = Hash.sha3String("WithdrawalDelayNotElapsed()").substring(2, 10);
        assertTrue(early.hasError() && (early.getError().getMessage() + early.getError().getData()).contains(delayError),
                "completion before the delay must revert: " + (early.hasError() ? early.getError().getMessage() : "succeeded"));

        // after the delay the tokens come back at the strategy's share price
        anvilMine(100);
        BigInteger before = num(token, null, "balanceOf", new Address(staker));
        new Batch(admin).tx(delegation, "completeQueuedWithdrawal", complete.getInputParameters().toArray(new Type[0])).await();
        assertEquals(before.add(out), num(token, null, "balanceOf", new Address(staker)), "withdrawn tokens");
        assertEquals(eth(30), num(strategy, null, "totalShares"));
        assertFalse(pending(delegation, root));
    }

    // ------------------------------------------------------------------ Aave math (WadRayMath, PercentageMath)

    private static BigInteger rayMul(BigInteger a, BigInteger b) {
        return a.multiply(b).add(RAY.shiftRight(1)).divide(RAY);
    }

    private static BigInteger rayDiv(BigInteger a, BigInteger b) {
        return a.multiply(RAY).add(b.shiftRight(1)).divide(b);
    }

    private static BigInteger wadDiv(BigInteger a, BigInteger b) {
        return a.multiply(WAD).add(b.shiftRight(1)).divide(b);
    }

    private static BigInteger percentMul(BigInteger value, BigInteger bps) {
        return value.multiply(bps).add(BigInteger.valueOf(5000)).divide(BigInteger.valueOf(10_000));
    }

    /** MathUtils.calculateCompoundedInterest (three-term binomial approximation). */
    private static BigInteger compounded(BigInteger rate, BigInteger exp) {
        BigInteger expMinusOne = exp.subtract(BigInteger.ONE);
        BigInteger expMinusTwo = exp.compareTo(BigInteger.TWO) > 0 ? exp.subtract(BigInteger.TWO) : BigInteger.ZERO;
        BigInteger basePowerTwo = rayMul(rate, rate).divide(YEAR.multiply(YEAR));
        BigInteger basePowerThree = rayMul(basePowerTwo, rate).divide(YEAR);
        BigInteger second = exp.multiply(expMinusOne).multiply(basePowerTwo).divide(BigInteger.TWO);
        BigInteger third = exp.multiply(expMinusOne).multiply(expMinusTwo).multiply(basePowerThree).divide(BigInteger.valueOf(6));
        return RAY.add(rate.multiply(exp).divide(YEAR)).add(second).add(third);
    }

    private static BigInteger ray(String decimal) {
        return new BigDecimal(decimal).movePointRight(27).toBigIntegerExact();
    }

    private static BigInteger eth(long whole) {
        return BigInteger.valueOf(whole).multiply(WAD);
    }

    // ------------------------------------------------------------------ chain helpers

    private static BigInteger big(long v) {
        return BigInteger.valueOf(v);
    }

    private static Uint256 uint(long v) {
        return new Uint256(v);
    }

    private static Function fn(String name, Type... args) {
        return new Function(name, List.of(args), List.of());
    }

    private static BigInteger value(List<Type> values, int i) {
        return (BigInteger) values.get(i).getValue();
    }

    /** eth_call pinned to {@code block} (null = latest); fails on a revert. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static List<Type> read(String to, BigInteger block, String name, List<Type> args, List<TypeReference<?>> outs)
            throws Exception {
        Function f = new Function(name, args, (List) outs);
        EthCall result = anvil.web3j.ethCall(Transaction.createEthCallTransaction(null, to, FunctionEncoder.encode(f)),
                block == null ? DefaultBlockParameterName.LATEST : DefaultBlockParameter.valueOf(block)).send();
        assertFalse(result.hasError(), () -> name + " reverted: " + result.getError().getMessage());
        return FunctionReturnDecoder.decode(result.getValue(), f.getOutputParameters());
    }

    private static BigInteger num(String to, BigInteger block, String name, Type... args) throws Exception {
        return value(read(to, block, name, List.of(args), List.of(TypeReference.create(Uint256.class))), 0);
    }

    /** ReserveDataLegacy: configuration, 5 x uint128, uint40, uint16, 4 x address, 3 x uint128. */
    private static List<Type> reserveData(String pool, String asset, BigInteger block) throws Exception {
        List<TypeReference<?>> outs = new ArrayList<>(List.of(TypeReference.create(Uint256.class)));
        outs.addAll(Collections.nCopies(5, TypeReference.create(Uint128.class)));
        outs.addAll(List.of(TypeReference.create(Uint40.class), TypeReference.create(Uint16.class)));
        outs.addAll(Collections.nCopies(4, TypeReference.create(Address.class)));
        outs.addAll(Collections.nCopies(3, TypeReference.create(Uint128.class)));
        return read(pool, block, "getReserveData", List.of(new Address(asset)), outs);
    }

    private static List<Type> accountData(String pool, String user, BigInteger block) throws Exception {
        return read(pool, block, "getUserAccountData", List.of(new Address(user)),
                Collections.nCopies(6, TypeReference.create(Uint256.class)));
    }

    private static boolean pending(String delegation, Bytes32 root) throws Exception {
        return (Boolean) read(delegation, null, "pendingWithdrawals", List.of(root), List.of(TypeReference.create(Bool.class)))
                .get(0).getValue();
    }

    private static BigInteger timestamp(BigInteger block) throws Exception {
        return anvil.web3j.ethGetBlockByNumber(DefaultBlockParameter.valueOf(block), false).send().getBlock().getTimestamp();
    }

    /** Waits (interval mining, 1 block/s) for a block whose timestamp is at least {@code minTimestamp}. */
    private static BigInteger awaitBlockAfter(BigInteger minTimestamp) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            BigInteger latest = anvil.web3j.ethBlockNumber().send().getBlockNumber();
            if (timestamp(latest).compareTo(minTimestamp) >= 0) {
                return latest;
            }
            assertTrue(System.nanoTime() < deadline, "no block reached timestamp " + minTimestamp);
            Thread.sleep(300);
        }
    }

    private static void anvilMine(int blocks) throws Exception {
        String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"anvil_mine\",\"params\":[\"0x" + Integer.toHexString(blocks) + "\"]}";
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + Integer.getInteger("anvil.port", 18545)))
                    .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertFalse(response.body().contains("\"error\""), response.body());
        }
    }

    /** Transactions from one account sent back to back (explicit nonces, so they may share a block), then awaited. */
    private record Batch(TxSender from, List<String> hashes) {
        Batch(TxSender from) {
            this(from, new ArrayList<>());
        }

        String deploy(String contract, Type... args) throws Exception {
            String address = ContractUtils.generateContractAddress(from.address(), from.peekNonce());
            String data = ContractArtifacts.bytecode(contract) + (args.length == 0 ? "" : FunctionEncoder.encodeConstructor(List.of(args)));
            hashes.add(from.send(null, data, BigInteger.ZERO, BigInteger.valueOf(15_000_000)));
            return address;
        }

        Batch tx(String to, String name, Type... args) throws Exception {
            hashes.add(from.send(to, FunctionEncoder.encode(fn(name, args)), BigInteger.ZERO));
            return this;
        }

        List<TransactionReceipt> await() throws Exception {
            return from.awaitAll(hashes, Duration.ofSeconds(60));
        }
    }
}
