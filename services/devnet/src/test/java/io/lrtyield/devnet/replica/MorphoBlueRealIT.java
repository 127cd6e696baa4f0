package io.lrtyield.devnet.replica;

import com.fasterxml.jackson.databind.JsonNode;
import io.lrtyield.common.codec.EventCodec;
import io.lrtyield.common.lending.morpho.AdaptiveCurveIrmModel;
import io.lrtyield.common.lending.morpho.InterestAccrual;
import io.lrtyield.common.lending.morpho.MarketParams;
import io.lrtyield.common.lending.morpho.MarketState;
import io.lrtyield.common.lending.morpho.MorphoMath;
import io.lrtyield.common.lending.morpho.Position;
import io.lrtyield.common.lending.morpho.PositionRisk;
import io.lrtyield.devnet.deploy.AnvilRpc;
import io.lrtyield.devnet.deploy.ContractArtifacts;
import io.lrtyield.devnet.deploy.TxSender;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.StaticStruct;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Int256;
import org.web3j.abi.datatypes.generated.Uint128;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.ContractUtils;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

import java.io.InputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The audited Morpho Blue (npm {@code @morpho-org/morpho-blue} 1.0.0, compiled unmodified at build time) on the test
 * Anvil with the project's adaptive curve IRM and fixed-price oracles, against the Java market math of
 * {@code common.lending.morpho}: a wstETH/WETH market at 94.5 % LLTV and a weETH/WETH one at 86 % with a 10 % fee, on
 * replica tokens; supply, collateral and borrow, 30 days of chain time, then every accrual, health factor and
 * liquidation must come out of the Java model exactly as the contract computes it. Dev account 8 owns Morpho, lends
 * and liquidates; account 4 borrows.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MorphoBlueRealIT {

    private static final BigInteger E18 = MorphoMath.WAD;
    private static final BigInteger E36 = MorphoMath.ORACLE_PRICE_SCALE;
    private static final BigInteger GAS = BigInteger.valueOf(1_000_000);
    private static final long PERIOD = 30L * 86_400;
    private static final MathContext MC = MathContext.DECIMAL128;
    private static final BigDecimal REL = new BigDecimal("1e-12");
    private static final String FEE_RECIPIENT = "0x000000000000000000000000000000000000fee0";

    private AnvilFixture anvil;
    private AnvilRpc rpc;
    private TxSender owner;
    private TxSender borrower;
    private String morpho;
    private String irm;
    private String weth;
    private Market wst;
    private Market wee;

    /** One market of the test: its params, the oracle behind them, its collateral token, the borrower's debt. */
    private record Market(String name, MarketParams params, String collateral, BigInteger price, BigInteger supplied,
                          BigInteger collateralAmount, BigInteger borrowed) {
    }

    @BeforeAll
    void deploy() throws Exception {
        anvil = new AnvilFixture();
        rpc = new AnvilRpc(anvil.transport());
        owner = anvil.sender(8);
        borrower = anvil.sender(4);
        String me = owner.address();
        long started = System.nanoTime();
        BigInteger nonce = owner.peekNonce();
        morpho = created(me, nonce);
        irm = created(me, nonce.add(BigInteger.ONE));
        weth = created(me, nonce.add(BigInteger.TWO));
        String wstEth = created(me, nonce.add(BigInteger.valueOf(3)));
        String weEth = created(me, nonce.add(BigInteger.valueOf(4)));
        String wstOracle = created(me, nonce.add(BigInteger.valueOf(5)));
        String weeOracle = created(me, nonce.add(BigInteger.valueOf(6)));
        BigInteger wstPrice = new BigInteger("1210000000000000000").multiply(E18); // 1.21 WETH per wstETH, scaled 1e36
        BigInteger weePrice = new BigInteger("1065000000000000000").multiply(E18);
        List<String> hashes = new ArrayList<>();
        hashes.add(owner.send(null, ContractArtifacts.bytecode("Morpho") + FunctionEncoder.encodeConstructor(List.of(new Address(me))),
                BigInteger.ZERO, BigInteger.valueOf(6_000_000)));
        hashes.add(owner.send(null, ContractArtifacts.bytecode("MorphoAdaptiveCurveIrm") + FunctionEncoder.encodeConstructor(List.of(new Address(morpho))),
                BigInteger.ZERO, BigInteger.valueOf(2_000_000)));
        hashes.add(owner.send(null, token("Wrapped Ether", "WETH"), BigInteger.ZERO, BigInteger.valueOf(2_000_000)));
        hashes.add(owner.send(null, token("Wrapped liquid staked Ether 2.0", "wstETH"), BigInteger.ZERO, BigInteger.valueOf(2_000_000)));
        hashes.add(owner.send(null, token("Wrapped eETH", "weETH"), BigInteger.ZERO, BigInteger.valueOf(2_000_000)));
        hashes.add(owner.send(null, oracle(wstPrice), BigInteger.ZERO, GAS));
        hashes.add(owner.send(null, oracle(weePrice), BigInteger.ZERO, GAS));
        owner.awaitAll(hashes, Duration.ofSeconds(30));
        wst = new Market("wstETH/WETH", new MarketParams(weth, wstEth, wstOracle, irm, new BigInteger("945000000000000000")), wstEth, wstPrice,
                eth(1_000), eth(800), eth(850));
        wee = new Market("weETH/WETH", new MarketParams(weth, weEth, weeOracle, irm, new BigInteger("860000000000000000")), weEth, weePrice,
                eth(1_000), eth(1_100), eth(950));

        List<Call> setup = new ArrayList<>(List.of(
                new Call(owner, morpho, fn("enableIrm", new Address(irm))),
                new Call(owner, morpho, fn("enableLltv", uint(wst.params().lltv()))),
                new Call(owner, morpho, fn("enableLltv", uint(wee.params().lltv()))),
                // not the lender: its supply shares would then include the fee's
                new Call(owner, morpho, fn("setFeeRecipient", new Address(FEE_RECIPIENT))),
                new Call(owner, weth, fn("mint", new Address(me), uint(eth(10_000)))),
                new Call(owner, weth, fn("approve", new Address(morpho), uint(eth(10_000))))));
        for (Market m : List.of(wst, wee)) {
            setup.add(new Call(owner, morpho, fn("createMarket", params(m.params()))));
            setup.add(new Call(owner, m.collateral(), fn("mint", new Address(borrower.address()), uint(m.collateralAmount()))));
            setup.add(new Call(owner, morpho, fn("supply", params(m.params()), uint(m.supplied()), uint(BigInteger.ZERO), new Address(me),
                    new DynamicBytes(new byte[0]))));
        }
        setup.add(new Call(owner, morpho, fn("setFee", params(wee.params()), uint(new BigInteger("100000000000000000")))));
        // then the borrower, once the markets exist and hold WETH
        for (Market m : List.of(wst, wee)) {
            setup.add(new Call(borrower, m.collateral(), fn("approve", new Address(morpho), uint(m.collateralAmount()))));
            setup.add(new Call(borrower, morpho, fn("supplyCollateral", params(m.params()), uint(m.collateralAmount()),
                    new Address(borrower.address()), new DynamicBytes(new byte[0]))));
            setup.add(new Call(borrower, morpho, fn("borrow", params(m.params()), uint(m.borrowed()), uint(BigInteger.ZERO),
                    new Address(borrower.address()), new Address(borrower.address()))));
        }
        batch(setup);
        System.out.printf(Locale.ROOT, "Morpho Blue: deployed and seeded in %.2f s (%d txs); Morpho compiled by %s%n",
                (System.nanoTime() - started) / 1e9, 7 + setup.size(), compileNote());
    }

    @AfterAll
    void close() {
        if (anvil != null) {
            anvil.close();
        }
    }

    @Test
    @Order(1)
    void theAuditedBytecodeFitsEip170AndTheJavaMarketIdIsTheContracts() throws Exception {
        ContractArtifacts.Artifact artifact = ContractArtifacts.artifact("Morpho");
        assertEquals("@morpho-org/morpho-blue", artifact.npm().orElseThrow().packageName());
        assertEquals("1.0.0", artifact.npm().orElseThrow().version());
        assertTrue(ContractArtifacts.artifact("MorphoAdaptiveCurveIrm").npm().isEmpty(), "our IRM is compiled here");
        String code = anvil.web3j.ethGetCode(morpho, DefaultBlockParameterName.LATEST).send().getCode();
        int runtimeBytes = (code.length() - 2) / 2;
        assertTrue(runtimeBytes > 10_000 && runtimeBytes <= 24_576, "Morpho runtime code " + runtimeBytes + " bytes");
        System.out.printf(Locale.ROOT, "Morpho Blue: runtime code %d bytes (EIP-170 limit 24576)%n", runtimeBytes);
        // the selectors web3j derives from the struct argument are the ones the reference lists
        assertEquals("0xa99aad89", FunctionEncoder.encode(fn("supply", params(wst.params()), uint(BigInteger.ONE), uint(BigInteger.ZERO),
                new Address(owner.address()), new DynamicBytes(new byte[0]))).substring(0, 10));
        assertEquals("0x151c1ade", FunctionEncoder.encode(fn("accrueInterest", params(wst.params()))).substring(0, 10));
        for (Market m : List.of(wst, wee)) {
            List<Type> back = call(morpho, new Function("idToMarketParams", List.of(new Bytes32(Numeric.hexStringToByteArray(m.params().id()))),
                    List.of(new TypeReference<Address>() { }, new TypeReference<Address>() { }, new TypeReference<Address>() { },
                            new TypeReference<Address>() { }, new TypeReference<Uint256>() { })), null);
            MarketParams read = new MarketParams(back.get(0).toString(), back.get(1).toString(), back.get(2).toString(), back.get(3).toString(),
                    (BigInteger) back.get(4).getValue());
            assertEquals(m.params(), read, m.name() + ": the contract knows the market under our id");
            assertTrue(market(m, null).lastUpdate() > 0, m.name() + " created");
        }
        assertFalse(wst.params().id().equals(wee.params().id()));
    }

    @Test
    @Order(2)
    void accrualAfterThirtyDaysIsTheJavaModelToTheWei() throws Exception {
        long before = latest();
        MarketState[] was = {market(wst, before), market(wee, before)};
        BigInteger[] rateAtTargetWas = {rateAtTarget(wst, before), rateAtTarget(wee, before)};
        BigInteger[] lenderWas = {lenderAssets(wst, was[0], before), lenderAssets(wee, was[1], before)};
        // the IRM's view at that block is our model at that block's timestamp
        for (int i = 0; i < 2; i++) {
            Market m = i == 0 ? wst : wee;
            BigInteger view = (BigInteger) call(irm, new Function("borrowRateView", List.of(params(m.params()), marketStruct(was[i])),
                    List.of(new TypeReference<Uint256>() { })), before).get(0).getValue();
            assertEquals(AdaptiveCurveIrmModel.rates(rateAtTargetWas[i], was[i], timestamp(before)).avgBorrowRate(), view, m.name() + " borrowRateView");
        }
        rpc.increaseTime(PERIOD);
        for (int i = 0; i < 2; i++) {
            Market m = i == 0 ? wst : wee;
            TransactionReceipt r = batch(List.of(new Call(owner, morpho, fn("accrueInterest", params(m.params()))))).get(0);
            long block = r.getBlockNumber().longValueExact();
            long t = timestamp(block);
            long elapsed = t - was[i].lastUpdate();
            assertTrue(elapsed >= PERIOD, "elapsed " + elapsed);
            AdaptiveCurveIrmModel.Rates rates = AdaptiveCurveIrmModel.rates(rateAtTargetWas[i], was[i], t);
            MarketState expected = InterestAccrual.accrue(was[i], rates.avgBorrowRate(), t);
            MarketState now = market(m, block);
            assertEquals(expected, now, m.name() + ": market() after accrueInterest");
            assertEquals(rates.endRateAtTarget(), rateAtTarget(m, block), m.name() + ": the IRM's stored rate at target");

            // growth over the period, as the contract's state shows it, against the model's rates
            BigInteger taylor = MorphoMath.wTaylorCompounded(rates.avgBorrowRate(), elapsed);
            BigDecimal borrowGrowth = ratio(now.totalBorrowAssets().subtract(was[i].totalBorrowAssets()), was[i].totalBorrowAssets());
            assertClose(ratio(taylor, E18), borrowGrowth, m.name() + " borrow growth");
            BigDecimal utilization = ratio(was[i].totalBorrowAssets(), was[i].totalSupplyAssets());
            BigDecimal oneMinusFee = BigDecimal.ONE.subtract(ratio(was[i].fee(), E18));
            assertClose(ratio(taylor, E18).multiply(utilization, MC), ratio(now.totalSupplyAssets().subtract(was[i].totalSupplyAssets()),
                    was[i].totalSupplyAssets()), m.name() + " totalSupplyAssets growth");
            BigInteger lenderNow = lenderAssets(m, now, block);
            assertClose(ratio(taylor, E18).multiply(utilization, MC).multiply(oneMinusFee, MC), ratio(lenderNow.subtract(lenderWas[i]), lenderWas[i]),
                    m.name() + " the lender's growth (net of the fee)");

            double impliedSupplyApy = Math.pow(1 + ratio(lenderNow.subtract(lenderWas[i]), lenderWas[i]).doubleValue(),
                    (double) InterestAccrual.YEAR_SECONDS / elapsed) - 1;
            System.out.printf(Locale.ROOT, "Morpho Blue %s: U %.4f, fee %.2f, avg borrow rate %s/s (APR %.4f%%, APY %.4f%%), supply APY model %.4f%%,"
                            + " annualised from the period %.4f%%, docs' borrowAPY × U × (1 − fee) %.4f%%, rate at target %.4f%% → %.4f%%%n", m.name(), utilization.doubleValue(),
                    1 - oneMinusFee.doubleValue(), rates.avgBorrowRate(), apr(rates.avgBorrowRate()), 100 * InterestAccrual.borrowApy(rates.avgBorrowRate()),
                    100 * InterestAccrual.supplyApy(rates.avgBorrowRate(), was[i]), 100 * impliedSupplyApy,
                    100 * InterestAccrual.borrowApy(rates.avgBorrowRate()) * utilization.doubleValue() * oneMinusFee.doubleValue(), apr(rateAtTargetWas[i]),
                    apr(rates.endRateAtTarget()));
            // annualised, the period's growth lies between per-second compounding of borrow × U × (1 − fee) with U held (it
            // ignores that interest raises both totals) and the documentation's borrowAPY × U × (1 − fee)
            double documented = InterestAccrual.borrowApy(rates.avgBorrowRate()) * utilization.doubleValue() * oneMinusFee.doubleValue();
            assertTrue(impliedSupplyApy >= InterestAccrual.supplyApy(rates.avgBorrowRate(), was[i]) - 1e-9 && impliedSupplyApy <= documented + 1e-9,
                    m.name() + " supply APY " + impliedSupplyApy + " outside [" + InterestAccrual.supplyApy(rates.avgBorrowRate(), was[i]) + ", " + documented + "]");
        }
    }

    @Test
    @Order(3)
    void healthFactorIsTheContractsAndALiquidationBelowOneMovesWhatTheIncentiveSays() throws Exception {
        Market m = wst;
        String id = m.params().id();
        long block = latest();
        Position p = position(m, block);
        MarketState state = market(m, block);
        BigInteger price = price(m, block);
        // the health factor from the raw state, by the contract's own definitions
        BigInteger borrowedAssets = p.borrowShares().multiply(state.totalBorrowAssets().add(BigInteger.ONE))
                .add(state.totalBorrowShares().add(MorphoMath.VIRTUAL_SHARES)).subtract(BigInteger.ONE)
                .divide(state.totalBorrowShares().add(MorphoMath.VIRTUAL_SHARES));
        BigInteger capacity = p.collateral().multiply(price).divide(E36).multiply(m.params().lltv()).divide(E18);
        BigDecimal hf = PositionRisk.healthFactor(p, state, price, m.params().lltv()).orElseThrow();
        assertEquals(new BigDecimal(capacity).divide(new BigDecimal(borrowedAssets), 18, java.math.RoundingMode.DOWN), hf, id);
        assertTrue(hf.compareTo(BigDecimal.ONE) > 0, "healthy at 1.21: " + hf);
        assertTrue(reverts(owner.address(), morpho, liquidate(m, borrower.address(), eth(1))), "a healthy position cannot be liquidated");

        // the collateral falls by ~9 %: the Java HF goes under 1 and the contract agrees
        BigInteger lowPrice = new BigInteger("1100000000000000000").multiply(E18);
        TransactionReceipt priced = batch(List.of(new Call(owner, m.params().oracle(), fn("setPrice", uint(lowPrice))))).get(0);
        long pricedBlock = priced.getBlockNumber().longValueExact();
        MarketState atPrice = market(m, pricedBlock);
        BigDecimal lowHf = PositionRisk.healthFactor(p, InterestAccrual.accrue(atPrice, AdaptiveCurveIrmModel.rates(rateAtTarget(m, pricedBlock), atPrice,
                timestamp(pricedBlock)).avgBorrowRate(), timestamp(pricedBlock)), lowPrice, m.params().lltv()).orElseThrow();
        assertTrue(lowHf.compareTo(BigDecimal.ONE) < 0, "HF " + lowHf);

        BigInteger seized = eth(100);
        BigInteger wethBefore = balance(weth, owner.address(), pricedBlock);
        BigInteger collBefore = balance(m.collateral(), owner.address(), pricedBlock);
        BigInteger rateAtTarget = rateAtTarget(m, pricedBlock);
        TransactionReceipt r = batch(List.of(new Call(owner, morpho, liquidate(m, borrower.address(), seized)))).get(0);
        long liqBlock = r.getBlockNumber().longValueExact();
        long t = timestamp(liqBlock);
        // Morpho accrues first, in the liquidation's own block
        MarketState accrued = InterestAccrual.accrue(atPrice, AdaptiveCurveIrmModel.rates(rateAtTarget, atPrice, t).avgBorrowRate(), t);
        PositionRisk.Liquidation expected = PositionRisk.seizing(seized, accrued, lowPrice, m.params().lltv());
        assertEquals(expected.repaidAssets(), wethBefore.subtract(balance(weth, owner.address(), liqBlock)), "WETH the liquidator repaid");
        assertEquals(seized, balance(m.collateral(), owner.address(), liqBlock).subtract(collBefore), "collateral the liquidator seized");
        Position after = position(m, liqBlock);
        assertEquals(p.borrowShares().subtract(expected.repaidShares()), after.borrowShares(), "borrow shares repaid");
        assertEquals(p.collateral().subtract(seized), after.collateral(), "collateral left");
        MarketState afterState = market(m, liqBlock);
        assertEquals(accrued.totalBorrowAssets().subtract(expected.repaidAssets()), afterState.totalBorrowAssets());
        assertEquals(accrued.totalBorrowShares().subtract(expected.repaidShares()), afterState.totalBorrowShares());
        // seized value / repaid = the incentive factor, 1/(1 − 0.3 × 5.5 %) ≈ 1.0168, to the rounding of a wei
        BigInteger lif = PositionRisk.liquidationIncentiveFactor(m.params().lltv());
        BigDecimal paidIncentive = ratio(seized.multiply(lowPrice).divide(E36), expected.repaidAssets());
        assertClose(ratio(lif, E18), paidIncentive, "incentive");
        System.out.printf(Locale.ROOT, "Morpho Blue liquidation: HF %s → %s, seized %s wstETH for %s WETH (incentive factor %s, the weETH market's %s)%n",
                hf.toPlainString(), lowHf.toPlainString(), seized, expected.repaidAssets(), lif, PositionRisk.liquidationIncentiveFactor(wee.params().lltv()));
        assertTrue(PositionRisk.healthFactor(after, afterState, lowPrice, m.params().lltv()).orElseThrow().compareTo(lowHf) > 0,
                "a liquidation at this LLTV improves the health factor");
    }

    // ---- reads ----

    private MarketState market(Market m, Long block) throws Exception {
        List<Type> out = call(morpho, new Function("market", List.of(new Bytes32(Numeric.hexStringToByteArray(m.params().id()))),
                List.of(u128(), u128(), u128(), u128(), u128(), u128())), block);
        return new MarketState(big(out, 0), big(out, 1), big(out, 2), big(out, 3), big(out, 4).longValueExact(), big(out, 5));
    }

    private Position position(Market m, long block) throws Exception {
        List<Type> out = call(morpho, new Function("position", List.of(new Bytes32(Numeric.hexStringToByteArray(m.params().id())),
                new Address(borrower.address())), List.of(new TypeReference<Uint256>() { }, u128(), u128())), block);
        return new Position(big(out, 0), big(out, 1), big(out, 2));
    }

    private BigInteger lenderAssets(Market m, MarketState state, long block) throws Exception {
        List<Type> out = call(morpho, new Function("position", List.of(new Bytes32(Numeric.hexStringToByteArray(m.params().id())),
                new Address(owner.address())), List.of(new TypeReference<Uint256>() { }, u128(), u128())), block);
        return MorphoMath.toAssetsDown(big(out, 0), state.totalSupplyAssets(), state.totalSupplyShares());
    }

    private BigInteger rateAtTarget(Market m, long block) throws Exception {
        return (BigInteger) call(irm, new Function("rateAtTarget", List.of(new Bytes32(Numeric.hexStringToByteArray(m.params().id()))),
                List.of(new TypeReference<Int256>() { })), block).get(0).getValue();
    }

    private BigInteger price(Market m, long block) throws Exception {
        return (BigInteger) call(m.params().oracle(), new Function("price", List.of(), List.of(new TypeReference<Uint256>() { })), block).get(0).getValue();
    }

    private BigInteger balance(String token, String holder, long block) throws Exception {
        return (BigInteger) call(token, new Function("balanceOf", List.of(new Address(holder)), List.of(new TypeReference<Uint256>() { })), block)
                .get(0).getValue();
    }

    @SuppressWarnings("rawtypes")
    private List<Type> call(String to, Function f, Long block) throws Exception {
        EthCall response = anvil.web3j.ethCall(Transaction.createEthCallTransaction(owner.address(), to, FunctionEncoder.encode(f)),
                block == null ? DefaultBlockParameterName.LATEST : DefaultBlockParameter.valueOf(BigInteger.valueOf(block))).send();
        assertFalse(response.isReverted() || response.hasError(), () -> f.getName() + " reverted: " + response.getRevertReason());
        return FunctionReturnDecoder.decode(response.getValue(), f.getOutputParameters());
    }

    private boolean reverts(String from, String to, Function f) throws Exception {
        EthCall response = anvil.rawCall(from, to, FunctionEncoder.encode(f));
        return response.isReverted() || response.hasError();
    }

    private long latest() throws Exception {
        return anvil.web3j.ethBlockNumber().send().getBlockNumber().longValueExact();
    }

    private long timestamp(long block) throws Exception {
        return anvil.web3j.ethGetBlockByNumber(DefaultBlockParameter.valueOf(BigInteger.valueOf(block)), false).send().getBlock()
                .getTimestamp().longValueExact();
    }

    // ---- calls ----

    private record Call(TxSender from, String to, Function f) {
    }

    /**
     * Sends the calls in order: each run of calls from one sender goes out at once (its nonces keep the order, so they
     * share a block), and is mined before the next sender's run, which may depend on it.
     */
    private List<TransactionReceipt> batch(List<Call> calls) throws Exception {
        List<TransactionReceipt> receipts = new ArrayList<>();
        int i = 0;
        while (i < calls.size()) {
            TxSender from = calls.get(i).from();
            List<String> hashes = new ArrayList<>();
            for (; i < calls.size() && calls.get(i).from() == from; i++) {
                hashes.add(from.send(calls.get(i).to(), FunctionEncoder.encode(calls.get(i).f()), BigInteger.ZERO, GAS));
            }
            receipts.addAll(from.awaitAll(hashes, Duration.ofSeconds(30)));
        }
        return receipts;
    }

    private Function liquidate(Market m, String who, BigInteger seizedAssets) {
        return fn("liquidate", params(m.params()), new Address(who), uint(seizedAssets), uint(BigInteger.ZERO), new DynamicBytes(new byte[0]));
    }

    private static StaticStruct params(MarketParams p) {
        return new StaticStruct(new Address(p.loanToken()), new Address(p.collateralToken()), new Address(p.oracle()), new Address(p.irm()),
                new Uint256(p.lltv()));
    }

    private static StaticStruct marketStruct(MarketState s) {
        return new StaticStruct(new Uint128(s.totalSupplyAssets()), new Uint128(s.totalSupplyShares()), new Uint128(s.totalBorrowAssets()),
                new Uint128(s.totalBorrowShares()), new Uint128(BigInteger.valueOf(s.lastUpdate())), new Uint128(s.fee()));
    }

    private static String compileNote() {
        try (InputStream in = MorphoBlueRealIT.class.getClassLoader().getResourceAsStream("contracts/Morpho.json")) {
            JsonNode a = EventCodec.mapper().readTree(in);
            return String.format(Locale.ROOT, "%s (%s in %.1f s when compiled, %s)", a.path("compiler").asText(),
                    a.path("settings").toString(), a.path("compileMillis").asLong() / 1000.0, a.path("cached").asBoolean() ? "this build from the cache" : "this build");
        } catch (Exception e) {
            return "an unknown compiler: " + e.getMessage();
        }
    }

    private static String token(String name, String symbol) {
        return ContractArtifacts.bytecode("ReplicaERC20") + FunctionEncoder.encodeConstructor(List.of(new Utf8String(name), new Utf8String(symbol)));
    }

    private static String oracle(BigInteger price) {
        return ContractArtifacts.bytecode("MorphoFixedPriceOracle") + FunctionEncoder.encodeConstructor(List.of(new Uint256(price)));
    }

    private static String created(String from, BigInteger nonce) {
        return ContractUtils.generateContractAddress(from, nonce).toLowerCase(Locale.ROOT);
    }

    private static Function fn(String name, Type<?>... args) {
        return new Function(name, List.of(args), List.of());
    }

    private static Uint256 uint(BigInteger v) {
        return new Uint256(v);
    }

    private static TypeReference<Uint128> u128() {
        return new TypeReference<>() { };
    }

    @SuppressWarnings("rawtypes")
    private static BigInteger big(List<Type> out, int i) {
        return (BigInteger) out.get(i).getValue();
    }

    private static BigDecimal ratio(BigInteger a, BigInteger b) {
        return new BigDecimal(a).divide(new BigDecimal(b), MC);
    }

    private static void assertClose(BigDecimal expected, BigDecimal actual, String what) {
        BigDecimal rel = expected.subtract(actual).abs().divide(expected.abs(), MC);
        assertTrue(rel.compareTo(REL) <= 0, what + ": " + expected + " vs " + actual + " (relative " + rel + ")");
    }

    private static double apr(BigInteger perSecond) {
        return perSecond.doubleValue() * InterestAccrual.YEAR_SECONDS / 1e16;
    }

    private static BigInteger eth(long n) {
        return BigInteger.valueOf(n).multiply(E18);
    }
}
