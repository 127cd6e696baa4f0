package io.lrtyield.devnet.deploy;

import io.lrtyield.common.chain.Multicall3;
import io.lrtyield.common.chain.reader.CoinbaseReader;
import io.lrtyield.common.chain.reader.FixedPoint;
import io.lrtyield.common.chain.reader.PendleReader;
import io.lrtyield.common.chain.reader.PendleState;
import io.lrtyield.common.chain.reader.PendleTokens;
import io.lrtyield.common.chain.reader.Read;
import io.lrtyield.common.dex.pendle.PendleAmm;
import io.lrtyield.common.dex.pendle.PendleLogExp;
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
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.DynamicStruct;
import org.web3j.abi.datatypes.StaticStruct;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint32;
import org.web3j.abi.datatypes.generated.Uint8;
import org.web3j.crypto.ContractUtils;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real Pendle v2 bytecode ({@code @pendle/core-v2}) deployed by {@link PendleV2Deployer} on the test Anvil over
 * ether.fi replicas (weETH at a rate of 1.07 eETH) and our {@code WeEthSY}, against the PT size curve the yield service
 * quotes with ({@link PendleAmm}, fed by {@link PendleReader} and the SY's {@code exchangeRate()} in a Multicall3
 * snapshot, as {@code MarketSnapshot} reads a market): RouterStatic quotes and Router swaps (simulated and executed),
 * buys from a millionth of a weETH to most of the pool's PT, sells up to the 96 % proportion cap. Accounts are keys
 * of this class's own (funded with anvil_setBalance), so no nonce is shared with another IT.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PendleV2RealMarketIT {

    private static final BigInteger E18 = BigInteger.TEN.pow(18);
    private static final BigInteger MAX = BigInteger.TWO.pow(256).subtract(BigInteger.ONE);
    private static final Duration MINED = Duration.ofSeconds(30);
    private static final MathContext MC = MathContext.DECIMAL128;
    private static final double TOLERANCE = 1e-12;
    /** The Router's on-chain approximation (no off-chain guess) stops within this of the input (its DEFAULT_EPS). */
    private static final double ONCHAIN_APPROX_EPS = 5e-5;
    private static final String SWAP_TOPIC = Hash.sha3String("Swap(address,address,int256,int256,uint256,uint256)");
    private static final BigInteger SEED = eth(8_000);
    /**
     * SY in for buys: 1e-6 to 3,000 (the pool holds 4,000 SY and ~4,280 PT; 3,000 SY buys ~70 % of its PT); then
     * 5,000, more than the PT the market can sell before its exchange rate would fall below 1.
     */
    private static final List<BigInteger> BUYS = List.of(new BigInteger("1000000000000"), new BigInteger("10000000000000000"), E18,
            eth(10), eth(100), eth(1_000), eth(3_000), eth(5_000));
    /**
     * PT in for sells: 1e-6 PT to 3,000; then 4,000, past the 96 % cap (the proportion after a sale is (PT + sold) over
     * the pool's PT and asset before it).
     */
    private static final List<BigInteger> SELLS = List.of(new BigInteger("1000000000000"), new BigInteger("10000000000000000"), E18,
            eth(10), eth(100), eth(1_000), eth(3_000), eth(4_000));

    private AnvilFixture anvil;
    private AnvilRpc rpc;
    private TxSender deployer;
    private TxSender trader;
    private String multicall3;
    private String weETH;
    private PendleV2Deployment pendle;
    private double deploySeconds;
    /** The block of the last transaction this class sent and reads depend on. */
    private long lastTx;

    @BeforeAll
    void deploy() throws Exception {
        anvil = new AnvilFixture();
        rpc = new AnvilRpc(anvil.transport());
        deployer = account("deployer");
        trader = account("trader");
        // one batch: ether.fi replicas (the deployer is their oracle), 10,000 ETH in, 700 ETH of rewards (1.07 eETH per
        // weETH), 9,000 ETH of it wrapped for the market's seed
        TxBatch setup = new TxBatch(anvil.web3j, deployer);
        multicall3 = setup.deploy(ContractArtifacts.bytecode("Multicall3"));
        String pool = setup.deploy(ContractArtifacts.bytecode("EtherFiLiquidityPool"), new Address(deployer.address()));
        String eETH = ContractUtils.generateContractAddress(pool, BigInteger.ONE); // the pool's constructor creates it
        weETH = setup.deploy(ContractArtifacts.bytecode("WeETH"), new Address(pool));
        setup.send(pool, TxBatch.encode("deposit()"), eth(10_000), BigInteger.valueOf(300_000));
        setup.send(pool, TxBatch.encode("accrueRewards()"), eth(700), BigInteger.valueOf(100_000));
        setup.call(eETH, "approve(address,uint256)", 100_000, new Address(weETH), new Uint256(MAX));
        setup.call(weETH, "wrap(uint256)", 300_000, new Uint256(eth(9_000)));
        setup.flush();

        long now = timestamp(latest());
        long start = System.nanoTime();
        pendle = new PendleV2Deployer(anvil.web3j, deployer, anvil.chainId).deploy(weETH, PendleV2Market.weEthLike(now, SEED));
        deploySeconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("Pendle v2 (%s) deployed in %.2f s at block %d: market %s, expiry in %.1f days, scalarRoot %s, anchor %s%n",
                pendle.origin(), deploySeconds, pendle.deployedAtBlock(), pendle.market(), (pendle.params().expiry() - now) / 86_400.0,
                pendle.params().scalarRoot(), pendle.params().initialAnchor());

        // the trader: SY for buys, PT (from SY through the YT) for sells, the Router approved for SY, PT and weETH
        String router = pendle.router();
        List<String> h = new ArrayList<>();
        h.add(trader.send(pool, TxBatch.encode("deposit()"), eth(20_000)));
        h.add(send(trader, eETH, "approve(address,uint256)", new Address(weETH), new Uint256(MAX)));
        h.add(send(trader, weETH, "wrap(uint256)", new Uint256(eth(20_000))));
        h.add(send(trader, weETH, "approve(address,uint256)", new Address(pendle.sy()), new Uint256(MAX)));
        h.add(send(trader, pendle.sy(), "deposit(address,address,uint256,uint256)", new Address(trader.address()), new Address(weETH),
                new Uint256(eth(15_000)), new Uint256(0)));
        h.add(send(trader, pendle.sy(), "transfer(address,uint256)", new Address(pendle.yt()), new Uint256(eth(6_000))));
        h.add(send(trader, pendle.yt(), "mintPY(address,address)", new Address(trader.address()), new Address(trader.address())));
        for (String token : List.of(pendle.sy(), pendle.pt(), weETH)) {
            h.add(send(trader, token, "approve(address,uint256)", new Address(router), new Uint256(MAX)));
        }
        lastTx = trader.awaitAll(h, MINED).stream().mapToLong(r -> r.getBlockNumber().longValueExact()).max().orElseThrow();
    }

    @AfterAll
    void close() {
        if (anvil != null) {
            anvil.close();
        }
    }

    @Test
    @Order(1)
    void ourReadersDecodeTheRealMarket() throws Exception {
        long block = settled();
        List<Multicall3.Result> r = multicall().aggregate3(List.of(PendleReader.readTokensCall(pendle.market()),
                PendleReader.readStateCall(pendle.market(), pendle.router()), CoinbaseReader.exchangeRateCall(pendle.sy())), block)
                .await().indefinitely();
        PendleTokens tokens = value(PendleReader.decodeReadTokens(r.get(0)));
        assertEquals(lower(pendle.sy(), pendle.pt(), pendle.yt()), List.of(tokens.sy(), tokens.pt(), tokens.yt()), "readTokens");
        PendleState s = value(PendleReader.decodeReadState(r.get(1)));
        BigInteger index = value(CoinbaseReader.decodeExchangeRate(r.get(2)).map(FixedPoint::raw));
        BigInteger rate = word(weETH, TxBatch.encode("getRate()"), block);
        assertEquals(rate, index, "SY exchangeRate = weETH.getRate()");
        assertTrue(index.compareTo(new BigInteger("1069000000000000000")) > 0, "index " + index);
        assertEquals(word(pendle.yt(), TxBatch.encode("pyIndexStored()"), block), index, "the YT's stored PY index = the SY's rate");

        // the first liquidity: half the seed as SY, the other half's asset value as PT, so the PT proportion is 1/2
        BigInteger syIn = SEED.subtract(SEED.shiftRight(1));
        BigInteger ptIn = PendleAmm.syToAsset(index, SEED.shiftRight(1));
        assertEquals(syIn, s.totalSy(), "totalSy");
        assertEquals(ptIn, s.totalPt(), "totalPt");
        assertEquals(ptIn, word(pendle.pt(), TxBatch.encode("balanceOf(address)", new Address(pendle.market())), block), "market's PT");
        assertEquals(sqrt(syIn.multiply(ptIn)), s.totalLp(), "LP supply: sqrt(SY · PT), 1,000 of it locked");
        assertEquals(deployer.address().toLowerCase(), s.treasury(), "treasury: the factory's");
        assertEquals(pendle.params().scalarRoot(), s.scalarRoot());
        assertEquals(pendle.params().expiry(), s.expiry().getEpochSecond());
        assertEquals(pendle.params().lnFeeRateRoot(), s.lnFeeRateRoot());
        assertEquals(BigInteger.valueOf(PendleV2Market.RESERVE_FEE_PERCENT), s.reserveFeePercent());
        // at a proportion of exactly 1/2 the logit is 0 and the exchange rate is the initial anchor: ln(anchor) · year / t
        long mintTime = timestamp(pendle.deployedAtBlock()); // the block of the first mint, the deployment's last transaction
        BigInteger expected = PendleLogExp.ln(pendle.params().initialAnchor()).multiply(BigInteger.valueOf(31_536_000L))
                .divide(BigInteger.valueOf(pendle.params().expiry() - mintTime));
        System.out.printf("initial ln implied rate: market %s, ours %s (APY %.4f %%)%n", s.lastLnImpliedRate(), expected,
                Math.expm1(s.lastLnImpliedRateDecimal().doubleValue()) * 100);
        assertEquals(expected, s.lastLnImpliedRate(), "initial ln implied rate");
        assertTrue(deploySeconds < 15, "deployed in " + deploySeconds + " s");

        // what the deployment API would list: Pendle's bytecode with its npm origin, ours as replicas
        var listed = DeployedContracts.of(pendle).stream().collect(java.util.stream.Collectors.toMap(DeployedContracts.DeployedContract::name, c -> c));
        for (String real : List.of("pendleV2.market", "pendleV2.pt", "pendleV2.yt", "pendleV2.router", "pendleV2.routerStatic",
                "pendleV2.OracleLib", "pendleV2.ActionSwapPTV3", "pendleV2.PendleMarketFactoryV7Upg", "pendleV2.PendleMarketV7.creationCodeA")) {
            DeployedContracts.DeployedContract c = listed.get(real);
            assertEquals(List.of("npm", PendleV2Deployer.PACKAGE, "6.11.0"), List.of(c.bytecode(), c.npmPackage(), c.version()), real);
        }
        for (String ours : List.of("pendleV2.sy", "pendleV2.marketFactory", "pendleV2.PendleGaugeControllerReplica", "pendleV2.PENDLE")) {
            assertEquals("replica", listed.get(ours).bytecode(), ours);
        }
        assertEquals(pendle.market(), listed.get("pendleV2.market").address());
    }

    @Test
    @Order(2)
    void sizeCurveEqualsRouterStaticQuotes() throws Exception {
        long block = settled();
        long t = timestamp(block);
        PendleAmm.Market m = market(block);
        PendleAmm.PreCompute c = PendleAmm.preCompute(m, t);
        String rs = pendle.routerStatic();
        int filled = 0;
        for (BigInteger syIn : BUYS) {
            Optional<BigInteger> ours = PendleAmm.ptOutForExactSyIn(m, t, syIn);
            EthCall quote = call(null, rs, TxBatch.encode("swapExactSyForPtStatic(address,uint256)", new Address(pendle.market()),
                    new Uint256(syIn)), block);
            if (ours.isEmpty()) {
                assertTrue(quote.isReverted() || quote.hasError(), "the market cannot fill " + syIn + " SY: the static quote reverts too");
                continue;
            }
            filled++;
            BigInteger n = ours.get();
            BigInteger staticPt = words(quote).get(0);
            assertTrue(staticPt.compareTo(n) <= 0, "ours is the most PT the input buys: " + staticPt + " ≤ " + n);
            // RouterStatic stops once the cost is within 1e-13 of the input: at 1e-6 weETH that is under a wei of SY,
            // and the PT it lands on may sit a wei or two below ours
            assertClose(n, staticPt, TOLERANCE, 2, "PT for " + syIn + " SY (RouterStatic's approximation)");
            // the cost of exactly n PT, wei for wei
            PendleAmm.Trade trade = PendleAmm.calcTrade(m, c, n);
            List<BigInteger> exact = words(call(null, rs, TxBatch.encode("swapSyForExactPtStatic(address,uint256)",
                    new Address(pendle.market()), new Uint256(n)), block));
            assertEquals(trade.netSyToAccount().negate(), exact.get(0), "SY for exactly " + n + " PT");
            assertEquals(trade.netSyFee(), exact.get(1), "fee on " + n + " PT");
            // the token route: weETH → SY 1:1, then the same buy
            List<BigInteger> viaToken = words(call(null, rs, TxBatch.encode("swapExactTokenForPtStatic(address,address,uint256)",
                    new Address(pendle.market()), new Address(weETH), new Uint256(syIn)), block));
            assertEquals(staticPt, viaToken.get(0), "weETH in = SY in");
            assertEquals(syIn, viaToken.get(1), "SY minted from weETH");
        }
        assertEquals(BUYS.size() - 1, filled, "all but the largest buy fill");
        int sold = 0;
        for (BigInteger ptIn : SELLS) {
            EthCall quote = call(null, rs, TxBatch.encode("swapExactPtForSyStatic(address,uint256)", new Address(pendle.market()),
                    new Uint256(ptIn)), block);
            PendleAmm.Trade trade;
            try {
                trade = PendleAmm.calcTrade(m, c, ptIn.negate());
            } catch (PendleAmm.Revert e) {
                assertTrue(quote.isReverted() || quote.hasError(), ptIn + " PT: we say " + e.getMessage() + ", the market must revert");
                continue;
            }
            sold++;
            List<BigInteger> q = words(quote);
            assertEquals(trade.netSyToAccount(), q.get(0), "SY for " + ptIn + " PT");
            assertEquals(PendleAmm.syOutForExactPtIn(m, t, ptIn), q.get(0), "the size curve's sell");
            assertEquals(trade.netSyFee(), q.get(1), "fee on selling " + ptIn + " PT");
            List<BigInteger> toToken = words(call(null, rs, TxBatch.encode("swapExactPtForTokenStatic(address,uint256,address)",
                    new Address(pendle.market()), new Uint256(ptIn), new Address(weETH)), block));
            assertEquals(trade.netSyToAccount(), toToken.get(0), "weETH for " + ptIn + " PT");
        }
        assertEquals(SELLS.size() - 1, sold, "all but the largest sell fill");
    }

    @Test
    @Order(2)
    void exactAmountsAgreeToTheWeiFromAWeiToMostOfThePool() throws Exception {
        long block = settled();
        long t = timestamp(block);
        PendleAmm.Market m = market(block);
        PendleAmm.PreCompute c = PendleAmm.preCompute(m, t);
        int compared = 0;
        // 1, π and 7.77 times each power of ten from 1 wei to 1e21 (1,000 PT), then up to the market's limits
        for (int k = 0; k <= 21; k++) {
            for (String mantissa : List.of("1", "3.14159265358979", "7.77")) {
                BigInteger x = new BigDecimal(mantissa).movePointRight(k).toBigInteger();
                compared += compareExactAmount(m, c, x, block) + compareExactAmount(m, c, x.negate(), block);
            }
        }
        for (long units = 1_500; units <= 3_700; units += 550) {
            compared += compareExactAmount(m, c, eth(units), block) + compareExactAmount(m, c, eth(units).negate(), block);
        }
        System.out.printf("%d exact-amount quotes of the real market equal ours to the wei%n", compared);
        assertTrue(compared >= 120, "compared " + compared);
    }

    /** Buys ({@code netPt} > 0, swapSyForExactPtStatic) or sells ({@code -netPt}, swapExactPtForSyStatic) exactly. */
    private int compareExactAmount(PendleAmm.Market m, PendleAmm.PreCompute c, BigInteger netPt, long block) throws Exception {
        String function = netPt.signum() > 0 ? "swapSyForExactPtStatic(address,uint256)" : "swapExactPtForSyStatic(address,uint256)";
        EthCall quote = call(null, pendle.routerStatic(), TxBatch.encode(function, new Address(pendle.market()), new Uint256(netPt.abs())),
                block);
        PendleAmm.Trade ours;
        try {
            ours = PendleAmm.calcTrade(m, c, netPt);
        } catch (PendleAmm.Revert | ArithmeticException e) {
            assertTrue(quote.isReverted() || quote.hasError(), netPt + " PT: we say " + e.getMessage() + ", the market must revert");
            return 0;
        }
        List<BigInteger> q = words(quote);
        assertEquals(ours.netSyToAccount().abs(), q.get(0), "SY for " + netPt + " PT");
        assertEquals(ours.netSyFee(), q.get(1), "fee for " + netPt + " PT");
        return 1;
    }

    @Test
    @Order(4)
    void routerSwapsGiveOurAmounts() throws Exception {
        long block = settled();
        long t = timestamp(block);
        PendleAmm.Market m = market(block);
        String router = pendle.router();
        String me = trader.address();
        for (BigInteger syIn : BUYS.subList(0, BUYS.size() - 1)) {
            BigInteger n = PendleAmm.ptOutForExactSyIn(m, t, syIn).orElseThrow();
            // with our amount as the off-chain guess (what Pendle's SDK does) the Router takes it as is
            List<BigInteger> guided = words(call(me, router, swapExactSyForPt(syIn, approx(n)), block));
            assertEquals(n, guided.get(0), "Router PT for " + syIn + " SY, our guess");
            assertEquals(PendleAmm.calcTrade(m, PendleAmm.preCompute(m, t), n).netSyFee(), guided.get(1), "fee");
            List<BigInteger> viaToken = words(call(me, router, swapExactTokenForPt(syIn, approx(n)), block));
            assertEquals(n, viaToken.get(0), "Router PT for " + syIn + " weETH");
            // without a guess the Router approximates on chain and stops within 5e-5 of the input: up to that much less PT
            BigInteger onchain = words(call(me, router, swapExactSyForPt(syIn, approx(BigInteger.ZERO)), block)).get(0);
            assertTrue(onchain.compareTo(n) <= 0, "on-chain approximation ≤ ours");
            assertClose(n, onchain, ONCHAIN_APPROX_EPS * 1.01, 2, "on-chain approximation for " + syIn + " SY");
        }
        for (BigInteger ptIn : SELLS.subList(0, SELLS.size() - 1)) {
            BigInteger ours = PendleAmm.syOutForExactPtIn(m, t, ptIn);
            assertEquals(ours, words(call(me, router, swapExactPtForSy(ptIn), block)).get(0), "Router SY for " + ptIn + " PT");
            assertEquals(ours, words(call(me, router, swapExactPtForToken(ptIn), block)).get(0), "Router weETH for " + ptIn + " PT");
        }
    }

    @Test
    @Order(5)
    void executedTradesMoveTheMarketAsOurModel() throws Exception {
        long before = settled();
        PendleAmm.Market m = market(before);
        BigInteger syIn = eth(250);
        BigInteger guess = PendleAmm.ptOutForExactSyIn(m, timestamp(before) + 1, syIn).orElseThrow();
        BigInteger ptIn = eth(400);
        BigInteger treasurySy = balance(pendle.sy(), deployer.address(), before);
        List<String> h = new ArrayList<>();
        h.add(trader.send(pendle.router(), swapExactSyForPt(syIn, approx(guess)), BigInteger.ZERO, BigInteger.valueOf(3_000_000)));
        h.add(trader.send(pendle.router(), swapExactPtForSy(ptIn), BigInteger.ZERO, BigInteger.valueOf(3_000_000)));
        List<TransactionReceipt> receipts = trader.awaitAll(h, MINED);
        long first = receipts.get(0).getBlockNumber().longValueExact();
        m = market(first - 1);
        BigInteger reserve = BigInteger.ZERO;
        for (int i = 0; i < receipts.size(); i++) {
            TransactionReceipt r = receipts.get(i);
            long t = timestamp(r.getBlockNumber().longValueExact());
            List<BigInteger> swap = swapEvent(r);
            BigInteger netPtOut = signed(swap.get(0));
            PendleAmm.Trade ours = PendleAmm.calcTrade(m, PendleAmm.preCompute(m, t), netPtOut);
            if (i == 0) {
                BigInteger n = PendleAmm.ptOutForExactSyIn(m, t, syIn).orElseThrow();
                assertClose(n, netPtOut, TOLERANCE, 0, "PT bought for " + syIn + " SY");
                assertTrue(ours.netSyToAccount().negate().compareTo(syIn) <= 0, "the cost fits the input");
            } else {
                assertEquals(ptIn.negate(), netPtOut, "PT sold");
            }
            assertEquals(ours.netSyToAccount(), signed(swap.get(1)), "SY to the trader, trade " + i);
            assertEquals(ours.netSyFee(), swap.get(2), "fee, trade " + i);
            assertEquals(ours.netSyToReserve(), swap.get(3), "treasury's share, trade " + i);
            reserve = reserve.add(ours.netSyToReserve());
            m = PendleAmm.afterTrade(m, t, netPtOut);
        }
        long after = receipts.get(receipts.size() - 1).getBlockNumber().longValueExact();
        lastTx = after;
        settled();
        PendleAmm.Market chain = market(after);
        assertEquals(m.totalPt(), chain.totalPt(), "totalPt after the trades");
        assertEquals(m.totalSy(), chain.totalSy(), "totalSy after the trades");
        assertEquals(m.lastLnImpliedRate(), chain.lastLnImpliedRate(), "lastLnImpliedRate after the trades");
        assertEquals(treasurySy.add(reserve), balance(pendle.sy(), deployer.address(), after), "treasury's SY");

        // the market's TWAP source: observe() over a window with no trade is the stored ln implied rate
        rpc.increaseTime(600);
        lastTx = latest();
        long now = settled();
        List<BigInteger> cumulative = words(call(null, pendle.market(), TxBatch.encode("observe(uint32[])",
                new DynamicArray<>(Uint32.class, List.of(new Uint32(600), new Uint32(0)))), now));
        BigInteger twap = cumulative.get(3).subtract(cumulative.get(2)).divide(BigInteger.valueOf(600));
        assertEquals(chain.lastLnImpliedRate(), twap, "600-s TWAP of the ln implied rate");
    }

    // ------------------------------------------------------------------ Router calldata

    private static StaticStruct approx(BigInteger guess) {
        // guessMin, guessMax, guessOffchain, maxIteration, eps (1e-12 of the input)
        BigInteger max = guess.signum() == 0 ? MAX : guess.shiftLeft(1);
        return new StaticStruct(new Uint256(0), new Uint256(max), new Uint256(guess), new Uint256(256), new Uint256(1_000_000));
    }

    /** An empty LimitOrderData: no limit router, no fills (an empty array encodes the same whatever its element type). */
    private static DynamicStruct noLimit() {
        return new DynamicStruct(new Address(BigInteger.ZERO), new Uint256(0), new DynamicArray<>(Uint256.class, List.of()),
                new DynamicArray<>(Uint256.class, List.of()), new DynamicBytes(new byte[0]));
    }

    /** SwapData of SwapType.NONE: the token goes straight into (or out of) the SY. */
    private static DynamicStruct noSwap() {
        return new DynamicStruct(new Uint8(0), new Address(BigInteger.ZERO), new DynamicBytes(new byte[0]), new Bool(false));
    }

    private String swapExactSyForPt(BigInteger syIn, StaticStruct approx) {
        return routerCall("ActionSwapPTV3", "swapExactSyForPt", new Address(trader.address()), new Address(pendle.market()),
                new Uint256(syIn), new Uint256(0), approx, noLimit());
    }

    private String swapExactTokenForPt(BigInteger weEthIn, StaticStruct approx) {
        DynamicStruct input = new DynamicStruct(new Address(weETH), new Uint256(weEthIn), new Address(weETH), new Address(BigInteger.ZERO),
                noSwap());
        return routerCall("ActionSwapPTV3", "swapExactTokenForPt", new Address(trader.address()), new Address(pendle.market()),
                new Uint256(0), approx, input, noLimit());
    }

    private String swapExactPtForSy(BigInteger ptIn) {
        return routerCall("ActionSwapPTV3", "swapExactPtForSy", new Address(trader.address()), new Address(pendle.market()),
                new Uint256(ptIn), new Uint256(0), noLimit());
    }

    private String swapExactPtForToken(BigInteger ptIn) {
        DynamicStruct output = new DynamicStruct(new Address(weETH), new Uint256(0), new Address(weETH), new Address(BigInteger.ZERO),
                noSwap());
        return routerCall("ActionSwapPTV3", "swapExactPtForToken", new Address(trader.address()), new Address(pendle.market()),
                new Uint256(ptIn), output, noLimit());
    }

    private static String routerCall(String facet, String function, Type... args) {
        return TxBatch.encode(AbiSignatures.function(ContractArtifacts.artifact(facet).abi(), function), args);
    }

    // ------------------------------------------------------------------ reads

    /** The market as the yield service sees it at {@code block}: readState(router) and the SY's exchangeRate(). */
    private PendleAmm.Market market(long block) {
        List<Multicall3.Result> r = multicall().aggregate3(List.of(PendleReader.readStateCall(pendle.market(), pendle.router()),
                CoinbaseReader.exchangeRateCall(pendle.sy())), block).await().indefinitely();
        PendleState s = value(PendleReader.decodeReadState(r.get(0)));
        BigInteger index = value(CoinbaseReader.decodeExchangeRate(r.get(1)).map(FixedPoint::raw));
        return new PendleAmm.Market(s.totalPt(), s.totalSy(), s.scalarRoot(), s.expiry().getEpochSecond(), s.lnFeeRateRoot(),
                s.reserveFeePercent(), s.lastLnImpliedRate(), index);
    }

    private Multicall3 multicall() {
        return new Multicall3(anvil.web3j, multicall3, 100);
    }

    private EthCall call(String from, String to, String data, long block) throws Exception {
        EthCall out = anvil.web3j.ethCall(Transaction.createEthCallTransaction(from, to, data),
                DefaultBlockParameter.valueOf(BigInteger.valueOf(block))).send();
        return out;
    }

    private static List<BigInteger> words(EthCall out) {
        assertFalse(out.hasError() || out.isReverted(), "call failed: " + (out.hasError() ? out.getError().getMessage() : out.getRevertReason()));
        return hexWords(out.getValue());
    }

    private BigInteger word(String to, String data, long block) throws Exception {
        return words(call(null, to, data, block)).get(0);
    }

    private BigInteger balance(String token, String holder, long block) throws Exception {
        return word(token, TxBatch.encode("balanceOf(address)", new Address(holder)), block);
    }

    /**
     * The newest block but one, once it holds every transaction sent so far ({@link #lastTx}): a call pinned to Anvil's
     * newest block now and then runs in the environment of the block it is mining (its number and a timestamp one
     * second later; about 1 call in 2,000 here), a block behind never does.
     */
    private long settled() throws Exception {
        long newest = latest();
        while (newest <= lastTx) {
            Thread.sleep(100);
            newest = latest();
        }
        return newest - 1;
    }

    private long latest() throws Exception {
        return anvil.web3j.ethBlockNumber().send().getBlockNumber().longValueExact();
    }

    private long timestamp(long block) throws Exception {
        return anvil.web3j.ethGetBlockByNumber(DefaultBlockParameter.valueOf(BigInteger.valueOf(block)), false).send().getBlock()
                .getTimestamp().longValueExact();
    }

    private static List<BigInteger> swapEvent(TransactionReceipt r) {
        Log log = r.getLogs().stream().filter(l -> l.getTopics().get(0).equals(SWAP_TOPIC)).findFirst().orElseThrow();
        return hexWords(log.getData());
    }

    // ------------------------------------------------------------------ helpers

    private TxSender account(String role) throws Exception {
        Credentials c = Credentials.create(Numeric.toHexStringNoPrefix(Hash.sha3(("pendle-v2-real-market-it " + role).getBytes())));
        rpc.setBalance(c.getAddress(), eth(100_000));
        return new TxSender(anvil.web3j, c, anvil.chainId);
    }

    private static String send(TxSender from, String to, String signature, Type... args) throws Exception {
        return from.send(to, TxBatch.encode(signature, args), BigInteger.ZERO, BigInteger.valueOf(1_500_000));
    }

    private static <T> T value(Read<T> read) {
        assertTrue(read.available(), "read failed: " + read.error());
        return read.value();
    }

    private static List<String> lower(String... addresses) {
        return List.of(addresses).stream().map(String::toLowerCase).toList();
    }

    private static List<BigInteger> hexWords(String hex) {
        String h = Numeric.cleanHexPrefix(hex);
        List<BigInteger> words = new ArrayList<>();
        for (int i = 0; i + 64 <= h.length(); i += 64) {
            words.add(new BigInteger(h.substring(i, i + 64), 16));
        }
        return words;
    }

    private static BigInteger signed(BigInteger word) {
        return word.testBit(255) ? word.subtract(BigInteger.TWO.pow(256)) : word;
    }

    private static BigInteger sqrt(BigInteger x) {
        return x.sqrt();
    }

    private static BigInteger eth(long n) {
        return BigInteger.valueOf(n).multiply(E18);
    }

    /** |expected − actual| within {@code relative} of expected, or within {@code wei} (a quote's granularity at tiny sizes). */
    private static void assertClose(BigInteger expected, BigInteger actual, double relative, long wei, String what) {
        BigDecimal diff = new BigDecimal(expected.subtract(actual).abs());
        BigDecimal bound = new BigDecimal(expected.abs()).multiply(BigDecimal.valueOf(relative), MC).max(BigDecimal.valueOf(wei));
        assertTrue(diff.compareTo(bound) <= 0, what + ": expected " + expected + ", got " + actual + " (diff " + diff + ")");
    }
}
