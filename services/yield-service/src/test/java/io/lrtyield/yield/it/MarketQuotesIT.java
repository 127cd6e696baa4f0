package io.lrtyield.yield.it;

import io.lrtyield.common.catalogue.Catalogue;
import io.lrtyield.common.catalogue.Venue;
import io.lrtyield.common.chain.Multicall3;
import io.lrtyield.common.chain.RpcSettings;
import io.lrtyield.common.chain.VertxJsonRpcService;
import io.lrtyield.common.chain.reader.AaveReader;
import io.lrtyield.common.chain.reader.CurveReader;
import io.lrtyield.common.chain.reader.ReserveData;
import io.lrtyield.common.event.SizePoint;
import io.lrtyield.common.lending.morpho.MarketParams;
import io.lrtyield.common.lending.morpho.MorphoVenue;
import io.lrtyield.devnet.anvil.LocalAnvil;
import io.lrtyield.devnet.deploy.AnvilRpc;
import io.lrtyield.devnet.deploy.DevnetCatalogue;
import io.lrtyield.devnet.deploy.DevnetDeployer;
import io.lrtyield.devnet.deploy.DevnetDeployment;
import io.lrtyield.devnet.deploy.MarketDeployer;
import io.lrtyield.devnet.deploy.TxSender;
import io.lrtyield.devnet.simulator.MarketActions;
import io.lrtyield.yield.model.AaveRateModel;
import io.lrtyield.yield.model.MarketState;
import io.lrtyield.yield.model.PendleMath;
import io.lrtyield.yield.model.VenueQuoter;
import io.lrtyield.yield.model.YieldMath;
import io.lrtyield.yield.snapshot.MarketSnapshot;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.mutiny.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.StaticStruct;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint128;
import org.web3j.abi.datatypes.generated.Uint16;
import org.web3j.abi.datatypes.generated.Uint8;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.utils.Numeric;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The market venues' quotes on a devnet of the test's own (Anvil on {@code -Dyield.anvil.port}, replicas deployed by
 * the devnet's deployer): the loop's net APY and liquidation distance against a hand computation from the pool's
 * parameters (eMode category, rate model, reserve state read separately), a rate spike turning the loop's carry
 * negative, the LP size curve against the pool's own {@code get_dy}, and the PT size curve against the Pendle
 * replica's own {@code previewSwapExactTokenForPt} (its AMM, fee and price impact).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MarketQuotesIT {

    static final String DEPLOYER_KEY = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
    static final String ORACLE_KEY = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";
    static final String STRATEGIST_KEY = "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a";
    static final String MARKET_MAKER_KEY = "0x4bbbf85ce3377467afe5d46f804f221813b2bb87f24d81f60f1fcdbf7cbf4356";
    /** The staking APY the loop's collateral earns, as the staking quotes would give it. */
    static final BigDecimal WSTETH_STAKING_APY = new BigDecimal("0.032");
    static final List<BigDecimal> SIZES = List.of(BigDecimal.TEN, new BigDecimal("100"), new BigDecimal("1000"), new BigDecimal("10000"));
    static final MathContext MC = new MathContext(40);

    LocalAnvil anvil;
    Vertx vertx;
    VertxJsonRpcService transport;
    Web3j web3j;
    DevnetDeployment d;
    Catalogue catalogue;
    MarketSnapshot snapshot;
    Multicall3 multicall;
    MarketActions actions;
    TxSender deployer;
    final VenueQuoter quoter = new VenueQuoter(SIZES, new BigDecimal("90"));

    @BeforeAll
    void deploy() throws Exception {
        anvil = LocalAnvil.start(Integer.getInteger("yield.anvil.port", 28650));
        vertx = Vertx.vertx();
        transport = new VertxJsonRpcService(vertx, RpcSettings.defaults(List.of(URI.create(anvil.url()))), new SimpleMeterRegistry());
        web3j = Web3j.build(transport);
        long chainId = web3j.ethChainId().send().getChainId().longValueExact();
        TxSender deployer = new TxSender(web3j, Credentials.create(DEPLOYER_KEY), chainId);
        TxSender oracle = new TxSender(web3j, Credentials.create(ORACLE_KEY), chainId);
        TxSender mm = new TxSender(web3j, Credentials.create(MARKET_MAKER_KEY), chainId);
        AnvilRpc rpc = new AnvilRpc(transport);
        long started = System.nanoTime();
        d = new DevnetDeployer(web3j, deployer, oracle, rpc, new MarketDeployer(web3j, rpc, deployer, oracle, mm,
                Credentials.create(STRATEGIST_KEY).getAddress())).deploy(new BigDecimal("1000"), new BigDecimal("500"));
        System.out.printf(java.util.Locale.ROOT, "devnet deployed in %.2f s (tokens, markets with Morpho Blue, restaking)%n",
                (System.nanoTime() - started) / 1e9);
        this.deployer = deployer;
        catalogue = DevnetCatalogue.of(d);
        multicall = new Multicall3(web3j, catalogue.multicall3(), 300);
        snapshot = new MarketSnapshot(multicall::aggregate3, catalogue);
        actions = new MarketActions(web3j, d, deployer, oracle, mm);
    }

    @AfterAll
    void stop() {
        if (transport != null) {
            transport.close();
            vertx.closeAndAwait();
        }
        if (anvil != null) {
            anvil.close();
        }
    }

    @Test
    void loopNetApyAndLiquidationDistanceMatchAHandComputationFromThePool() throws Exception {
        EthBlock.Block block = latest();
        MarketState state = read(block);
        Venue loop = catalogue.venue("aave-wsteth-loop").orElseThrow();
        VenueQuoter.VenueQuote q = quoter.quote(loop, state, context()).orElseThrow();

        // the pool's own parameters, read one by one (not through the snapshot)
        String pool = catalogue.contracts().get("aavePool");
        List<Type> emode = call(pool, new Function("getEModeCategoryCollateralConfig", List.of(new Uint8(1)),
                List.of(new TypeReference<Uint16>() { }, new TypeReference<Uint16>() { }, new TypeReference<Uint16>() { })), block);
        BigDecimal maxLtv = BigDecimal.valueOf(((BigInteger) emode.get(0).getValue()).longValueExact(), 4);
        BigDecimal lt = BigDecimal.valueOf(((BigInteger) emode.get(1).getValue()).longValueExact(), 4);
        assertEquals(0, new BigDecimal("0.95").compareTo(lt), "eMode liquidation threshold");
        BigDecimal targetLtv = loop.decimalParam("targetLtv", null);
        assertTrue(targetLtv.compareTo(maxLtv) < 0, "the catalogue's target LTV is within the pool's max LTV " + maxLtv);
        assertEquals(0, lt.compareTo(loop.decimalParam("liquidationThreshold", null)), "the catalogue's threshold is the pool's");

        ReserveData weth = reserve(pool, d.weth(), block);
        ReserveData wst = reserve(pool, d.wstETH(), block);
        // the pool's WETH borrow rate is its rate model at its usage (virtual accounting): the model we size with
        BigDecimal debt = new BigDecimal(totalSupply(weth.variableDebtTokenAddress(), block));
        BigDecimal virtual = new BigDecimal(uint(call(pool, new Function("getVirtualUnderlyingBalance", List.of(new Address(d.weth())),
                List.of(new TypeReference<Uint128>() { })), block)));
        BigDecimal usage = debt.divide(debt.add(virtual), MC);
        BigDecimal modelApr = AaveRateModel.parse(loop.param("borrowRateModel").orElseThrow()).borrowApr(usage);
        // the stored rate was set at the reserve's last update; the debt read here has accrued interest since (a few
        // seconds at 1.8 % moves the usage by ~1e-10 relative): the model agrees within that, not to the last digit
        assertEquals(modelApr.doubleValue(), weth.variableBorrowApr().doubleValue(), 1e-10, "the pool's borrow rate is the catalogue's model");

        double leverage = 1 / (1 - targetLtv.doubleValue());
        double borrowApy = Math.expm1(31_536_000 * Math.log1p(weth.variableBorrowApr().doubleValue() / 31_536_000));
        double supplyApy = Math.expm1(31_536_000 * Math.log1p(wst.supplyApr().doubleValue() / 31_536_000));
        double expectedNet = leverage * (WSTETH_STAKING_APY.doubleValue() + supplyApy) - (leverage - 1) * borrowApy;
        assertEquals(expectedNet, q.netApy().doubleValue(), 1e-12, "net APY = L × (staking + supply) − (L − 1) × borrow");
        double expectedDepeg = 1 - targetLtv.doubleValue() / lt.doubleValue();
        assertEquals(expectedDepeg, Double.parseDouble(q.risk().get("liquidationDepeg")), 1e-15, "collateral fall to HF = 1");
        assertEquals(lt.doubleValue() / targetLtv.doubleValue(), Double.parseDouble(q.risk().get("healthFactor")), 1e-15);
        assertEquals(10.0, Double.parseDouble(q.risk().get("leverage")), 1e-12);
        assertTrue(q.netApy().signum() > 0, "positive carry at deploy: " + q.netApy());
        // larger loops borrow more WETH, so pay more: the curve falls
        for (int i = 1; i < q.sizeCurve().size(); i++) {
            assertTrue(q.sizeCurve().get(i).netApy().compareTo(q.sizeCurve().get(i - 1).netApy()) < 0, q.sizeCurve().toString());
        }
    }

    @Test
    void aRateSpikeMovesTheLoopBelowZeroAndTheQuoteSaysSo() throws Exception {
        Venue loop = catalogue.venue("aave-wsteth-loop").orElseThrow();
        BigInteger optimal = MarketDeployer.ray(MarketDeployer.WETH_RATES.get(3));
        try {
            // as the devnet's rate-spike scenario does past the kink: a flat 15 % borrow APR
            actions.setWethRateModel(MarketDeployer.ray("0.15"), BigInteger.ZERO, BigInteger.ZERO, optimal);
            EthBlock.Block block = latest();
            VenueQuoter.VenueQuote q = quoter.quote(loop, read(block), context()).orElseThrow();
            double borrowApy = Math.expm1(31_536_000 * Math.log1p(0.15 / 31_536_000));
            assertTrue(q.netApy().signum() < 0, "net " + q.netApy());
            assertTrue(q.netApy().doubleValue() < 10 * 0.04 - 9 * borrowApy + 1e-9, "net " + q.netApy());
            assertTrue(q.flags().stream().anyMatch(f -> f.startsWith("negative-carry")), q.flags().toString());
        } finally {
            actions.setWethRateModel(MarketDeployer.ray(MarketDeployer.WETH_RATES.get(0)), MarketDeployer.ray(MarketDeployer.WETH_RATES.get(1)),
                    MarketDeployer.ray(MarketDeployer.WETH_RATES.get(2)), optimal);
        }
    }

    @Test
    void lpSizeCurveFallsExactlyAsThePoolsGetDySays() throws Exception {
        EthBlock.Block block = latest();
        MarketState state = read(block);
        Venue lp = catalogue.venue("curve-steth-weth-lp").orElseThrow();
        VenueQuoter.VenueQuote q = quoter.quote(lp, state, context()).orElseThrow();
        String pool = catalogue.contracts().get("curveStEthWethPool").toLowerCase();
        var p = state.pools().get(pool);
        BigDecimal w = p.weight(1);
        for (SizePoint point : q.sizeCurve()) {
            BigInteger swapped = YieldMath.wei(point.sizeEth().multiply(w, MC));
            // the pool's own get_dy, at the same block, both ways
            List<Multicall3.Result> r = multicall.aggregate3(List.of(CurveReader.getDyCall(pool, 0, 1, swapped),
                    CurveReader.getDyCall(pool, 1, 0, swapped)), block.getNumber().longValueExact()).await().atMost(Duration.ofSeconds(20));
            BigDecimal in = BigDecimal.ONE.subtract(new BigDecimal(CurveReader.decodeGetDy(r.get(0)).value()).divide(new BigDecimal(swapped), MC));
            BigDecimal out = BigDecimal.ONE.subtract(new BigDecimal(CurveReader.decodeGetDy(r.get(1)).value()).divide(new BigDecimal(swapped), MC));
            BigDecimal expected = q.netApy().subtract(w.multiply(in.add(out), MC).multiply(BigDecimal.valueOf(365)).divide(new BigDecimal("90"), MC));
            assertTrue(expected.subtract(point.netApy()).abs().compareTo(new BigDecimal("1e-17")) < 0,
                    point.sizeEth() + " ETH: expected " + expected + ", quoted " + point.netApy());
        }
        for (int i = 1; i < q.sizeCurve().size(); i++) {
            assertTrue(q.sizeCurve().get(i).netApy().compareTo(q.sizeCurve().get(i - 1).netApy()) < 0, q.sizeCurve().toString());
        }
    }

    @Test
    void stakingExitCurveIsTheCheaperOfPoolAndQueue() throws Exception {
        EthBlock.Block block = latest();
        MarketState state = read(block);
        Venue lido = catalogue.venue("lido-wsteth").orElseThrow();
        String pool = catalogue.contracts().get("curveStEthWethPool").toLowerCase();
        var staking = new io.lrtyield.yield.model.StakingYieldModel.Result(new BigDecimal("0.032"), "7d", List.of(), List.of(),
                SIZES.stream().map(s -> new SizePoint(s, new BigDecimal("0.032"))).toList(), List.of());
        var x = io.lrtyield.yield.model.StakingExtras.extend(lido, staking, state.pools().get(pool), new BigDecimal("90"), null,
                new BigDecimal("0.02"));
        // Lido's queue (5 days on the devnet catalogue): 5/365 × (3.2 % + 2 %) of the position, whatever its size
        BigDecimal queue = BigDecimal.valueOf(lido.withdrawalDelaySeconds()).divide(BigDecimal.valueOf(86_400), MC)
                .multiply(new BigDecimal("0.052")).divide(BigDecimal.valueOf(365), MC);
        for (SizePoint point : x.sizeCurve()) {
            BigInteger dx = YieldMath.wei(point.sizeEth());
            List<Multicall3.Result> r = multicall.aggregate3(List.of(CurveReader.getDyCall(pool, 1, 0, dx)), block.getNumber().longValueExact())
                    .await().atMost(Duration.ofSeconds(20));
            BigDecimal cost = BigDecimal.ONE.subtract(new BigDecimal(CurveReader.decodeGetDy(r.get(0)).value()).divide(new BigDecimal(dx), MC));
            assertEquals(cost.compareTo(queue) <= 0 ? "INSTANT_DEX" : "QUEUE", point.exit().kind().name(), "cheapest exit at " + point.sizeEth());
            BigDecimal expected = new BigDecimal("0.032").subtract(cost.min(queue).multiply(BigDecimal.valueOf(365)).divide(new BigDecimal("90"), MC));
            assertTrue(expected.subtract(point.netApy()).abs().compareTo(new BigDecimal("1e-17")) < 0,
                    point.sizeEth() + " ETH: expected " + expected + ", quoted " + point.netApy());
        }
        for (int i = 1; i < x.sizeCurve().size(); i++) {
            assertTrue(x.sizeCurve().get(i).netApy().compareTo(x.sizeCurve().get(i - 1).netApy()) <= 0, x.sizeCurve().toString());
        }
        assertEquals("QUEUE", x.sizeCurve().get(x.sizeCurve().size() - 1).exit().kind().name(), "10,000 wstETH leaves by the queue");
        assertTrue(x.sizeCurve().get(x.sizeCurve().size() - 1).netApy().signum() > 0, "and still earns: " + x.sizeCurve());
    }

    @Test
    void lendingAndFixedYieldFromTheSnapshot() throws Exception {
        EthBlock.Block block = latest();
        MarketState state = read(block);
        String pool = catalogue.contracts().get("aavePool");
        VenueQuoter.VenueQuote supply = quoter.quote(catalogue.venue("aave-weth-supply").orElseThrow(), state, context()).orElseThrow();
        ReserveData weth = reserve(pool, d.weth(), block);
        assertEquals(0, YieldMath.perSecondApy(weth.supplyApr()).compareTo(supply.netApy()), "supply APY from the ray rate");
        for (int i = 1; i < supply.sizeCurve().size(); i++) {
            assertTrue(supply.sizeCurve().get(i).netApy().compareTo(supply.sizeCurve().get(i - 1).netApy()) < 0);
        }
        VenueQuoter.VenueQuote pt = quoter.quote(catalogue.venue("pendle-pt-weeth").orElseThrow(), state, context()).orElseThrow();
        MarketState.PendleMarketState m = state.pendleMarkets().values().iterator().next();
        assertEquals(0, PendleMath.impliedApy(m.lastLnImpliedRateWad()).compareTo(pt.netApy()));
        assertTrue(pt.netApy().signum() > 0);
        assertEquals(0, PendleMath.ptPrice(m.lastLnImpliedRateWad(), m.expiry() - block.getTimestamp().longValueExact())
                .compareTo(new BigDecimal(pt.risk().get("ptPrice"))));
        VenueQuoter.VenueQuote eigen = quoter.quote(catalogue.venue("eigenlayer-steth").orElseThrow(), state, context()).orElseThrow();
        assertEquals(0, WSTETH_STAKING_APY.compareTo(eigen.netApy()), "EigenLayer deposit earns the token's staking, points apart");
        assertTrue(eigen.components().stream().anyMatch(c -> c.name().equals("points-high")));
    }

    /**
     * The Morpho venue against the audited contract: after an {@code accrueInterest} in a block, the quote at that block
     * (our snapshot: {@code market(id)} and {@code rateAtTarget(id)} through the multicall, the IRM's curve in Java) must
     * be the supply APY of {@code market(id)} and the IRM's own {@code borrowRateView} read at that block, to the last
     * decimal; each point of the size curve the APY of {@code borrowRateView} for the market with that much more supplied.
     */
    @Test
    void morphoSupplyApyIsTheContractsStateAfterAccrueInterest() throws Exception {
        Venue venue = catalogue.venue("morpho-weth-supply").orElseThrow();
        MorphoVenue mv = MorphoVenue.of(venue, catalogue);
        List<Type> onChain = call(mv.morpho(), idToMarketParams(mv.marketId()), latest());
        assertEquals(mv.params(), new MarketParams(address(onChain, 0), address(onChain, 1), address(onChain, 2), address(onChain, 3),
                (BigInteger) onChain.get(4).getValue()), "the catalogue's parameters are the market's");
        String hash = deployer.send(mv.morpho(), FunctionEncoder.encode(new Function("accrueInterest", List.of(struct(mv.params())), List.of())),
                BigInteger.ZERO, BigInteger.valueOf(500_000));
        BigInteger blockNumber = deployer.awaitAll(List.of(hash), Duration.ofSeconds(30)).get(0).getBlockNumber();
        EthBlock.Block block = web3j.ethGetBlockByNumber(DefaultBlockParameter.valueOf(blockNumber), false).send().getBlock();

        VenueQuoter.VenueQuote q = quoter.quote(venue, read(block), context()).orElseThrow();

        List<Type> market = call(mv.morpho(), new Function("market", List.of(new Bytes32(Numeric.hexStringToByteArray(mv.marketId()))),
                List.of(u128(), u128(), u128(), u128(), u128(), u128())), block);
        BigInteger supplied = (BigInteger) market.get(0).getValue();
        BigInteger borrowed = (BigInteger) market.get(2).getValue();
        BigInteger fee = (BigInteger) market.get(5).getValue();
        assertEquals(block.getTimestamp(), market.get(4).getValue(), "accrued in this block");
        BigInteger rate = borrowRateView(mv, market, BigInteger.ZERO, block);
        assertEquals(expectedApy(rate, borrowed, supplied, fee), q.netApy(), "supply APY = borrowRateView × U × (1 − fee), per second");
        BigDecimal utilisation = new BigDecimal(borrowed).divide(new BigDecimal(supplied), MC);
        assertTrue(utilisation.compareTo(new BigDecimal("0.9")) >= 0 && utilisation.compareTo(new BigDecimal("0.9001")) < 0,
                "seeded at the IRM's 90 % target: " + utilisation);
        assertTrue(q.netApy().compareTo(new BigDecimal("0.02")) > 0 && q.netApy().compareTo(new BigDecimal("0.04")) < 0, q.netApy().toPlainString());
        for (SizePoint p : q.sizeCurve()) {
            BigInteger added = YieldMath.wei(p.sizeEth());
            BigInteger sized = borrowRateView(mv, market, added, block);
            assertEquals(expectedApy(sized, borrowed, supplied.add(added), fee), p.netApy(), p.sizeEth() + " WETH more supplied");
        }
        System.out.printf(java.util.Locale.ROOT, "Morpho wstETH/WETH at block %s: U %s, borrow rate %s/s, supply APY %s; after 1,000 WETH %s,"
                        + " after 10,000 %s%n", blockNumber, utilisation.round(new MathContext(6)), rate, q.netApy().round(new MathContext(6)),
                q.sizeCurve().get(2).netApy().round(new MathContext(6)), q.sizeCurve().get(3).netApy().round(new MathContext(6)));
    }

    private static BigDecimal expectedApy(BigInteger borrowRate, BigInteger borrowed, BigInteger supplied, BigInteger fee) {
        BigDecimal apr = new BigDecimal(borrowRate).movePointLeft(18).multiply(YieldMath.YEAR)
                .multiply(new BigDecimal(borrowed).divide(new BigDecimal(supplied), YieldMath.MC))
                .multiply(BigDecimal.ONE.subtract(new BigDecimal(fee).movePointLeft(18)));
        return YieldMath.scale(YieldMath.perSecondApy(apr));
    }

    /** The IRM's {@code borrowRateView} for the market as read, with {@code added} more supplied. */
    private BigInteger borrowRateView(MorphoVenue mv, List<Type> market, BigInteger added, EthBlock.Block block) throws Exception {
        List<Type> fields = new java.util.ArrayList<>(market);
        fields.set(0, new Uint128(((BigInteger) market.get(0).getValue()).add(added)));
        Function view = new Function("borrowRateView", List.of(struct(mv.params()), new StaticStruct(fields)),
                List.of(new TypeReference<Uint256>() { }));
        return uint(call(mv.params().irm(), view, block));
    }

    private static Function idToMarketParams(String id) {
        return new Function("idToMarketParams", List.of(new Bytes32(Numeric.hexStringToByteArray(id))), List.of(new TypeReference<Address>() { },
                new TypeReference<Address>() { }, new TypeReference<Address>() { }, new TypeReference<Address>() { }, new TypeReference<Uint256>() { }));
    }

    private static String address(List<Type> values, int i) {
        return values.get(i).toString();
    }

    private static StaticStruct struct(MarketParams p) {
        return new StaticStruct(new Address(p.loanToken()), new Address(p.collateralToken()), new Address(p.oracle()), new Address(p.irm()),
                new Uint256(p.lltv()));
    }

    private static TypeReference<Uint128> u128() {
        return new TypeReference<>() { };
    }

    @Test
    void ptSizeCurveIsWhatTheReplicasPreviewSaysAtEachSize() throws Exception {
        EthBlock.Block block = latest();
        MarketState state = read(block);
        VenueQuoter.VenueQuote q = quoter.quote(catalogue.venue("pendle-pt-weeth").orElseThrow(), state, context()).orElseThrow();
        String market = catalogue.contracts().get("pendleMarketWeEth");
        MarketState.PendleMarketState m = state.pendleMarkets().get(market.toLowerCase());
        assertEquals(MarketDeployer.PENDLE_SCALAR_ROOT, m.scalarRoot(), "readState carries the AMM's parameters");
        double years = (m.expiry() - block.getTimestamp().longValueExact()) / 31_536_000d;
        // 4,000 PT + 4,000 weETH: 10, 100 and 1,000 fill; 10,000 would take the rate below 1, and the replica refuses it too
        assertEquals(List.of(BigDecimal.TEN, new BigDecimal("100"), new BigDecimal("1000")), q.sizeCurve().stream().map(SizePoint::sizeEth).toList());
        assertTrue(q.flags().stream().anyMatch(f -> f.startsWith("size 10000 ETH: more than the PT market can fill")), q.flags().toString());
        String reverted = web3j.ethCall(Transaction.createEthCallTransaction(null, market, FunctionEncoder.encode(preview(YieldMath.wei(new BigDecimal("10000"))))),
                DefaultBlockParameter.valueOf(block.getNumber())).send().getRevertReason();
        assertTrue(reverted != null && reverted.contains("insufficient PT liquidity"), "the replica cannot fill 10,000 either: " + reverted);
        for (SizePoint point : q.sizeCurve()) {
            BigInteger in = YieldMath.wei(point.sizeEth());
            // the replica's own quote at the same block: PT out for exactly `in`, fee and impact included
            BigInteger out = uint(call(market, preview(in), block));
            double growth = new BigDecimal(out).divide(new BigDecimal(in), MC).doubleValue();
            double expected = Math.expm1(Math.log(growth) / years);
            double relative = Math.abs(point.netApy().doubleValue() - expected) / expected;
            System.out.printf("PT size curve: %s ETH -> %s PT, net APY %s (preview-implied %.15f; headline %s)%n",
                    point.sizeEth(), new BigDecimal(out, 18).toPlainString(), point.netApy().toPlainString(), expected, q.netApy());
            assertTrue(relative <= 1e-12, point.sizeEth() + " ETH: quoted " + point.netApy() + ", preview gives " + expected + " (relative " + relative + ")");
        }
        assertTrue(q.sizeCurve().get(0).netApy().compareTo(q.netApy()) < 0, "even 10 ETH pays the fee");
        for (int i = 1; i < q.sizeCurve().size(); i++) {
            assertTrue(q.sizeCurve().get(i).netApy().compareTo(q.sizeCurve().get(i - 1).netApy()) < 0, q.sizeCurve().toString());
        }
    }

    private static Function preview(BigInteger exactTokenIn) {
        return new Function("previewSwapExactTokenForPt", List.of(new org.web3j.abi.datatypes.generated.Uint256(exactTokenIn)),
                List.of(new TypeReference<org.web3j.abi.datatypes.generated.Uint256>() { }));
    }

    private VenueQuoter.Context context() {
        return new VenueQuoter.Context(catalogue.contracts(), Map.of("wstETH", WSTETH_STAKING_APY), Map.of());
    }

    private EthBlock.Block latest() throws Exception {
        return web3j.ethGetBlockByNumber(org.web3j.protocol.core.DefaultBlockParameterName.LATEST, false).send().getBlock();
    }

    private MarketState read(EthBlock.Block block) {
        return snapshot.read(block.getNumber().longValueExact(), block.getTimestamp().longValueExact()).await().atMost(Duration.ofSeconds(30));
    }

    private ReserveData reserve(String pool, String asset, EthBlock.Block block) {
        List<Multicall3.Result> r = multicall.aggregate3(List.of(AaveReader.getReserveDataCall(pool, asset)), block.getNumber().longValueExact())
                .await().atMost(Duration.ofSeconds(20));
        return AaveReader.decodeReserveData(r.get(0)).value();
    }

    private BigInteger totalSupply(String token, EthBlock.Block block) throws Exception {
        return uint(call(token, new Function("totalSupply", List.of(), List.of(new TypeReference<org.web3j.abi.datatypes.generated.Uint256>() { })), block));
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private List<Type> call(String to, Function f, EthBlock.Block block) throws Exception {
        String out = web3j.ethCall(Transaction.createEthCallTransaction(null, to, FunctionEncoder.encode(f)),
                DefaultBlockParameter.valueOf(block.getNumber())).send().getValue();
        return FunctionReturnDecoder.decode(out, f.getOutputParameters());
    }

    private static BigInteger uint(List<Type> values) {
        return (BigInteger) values.get(0).getValue();
    }
}
