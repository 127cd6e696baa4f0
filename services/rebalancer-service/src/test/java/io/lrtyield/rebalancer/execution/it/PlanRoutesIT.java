package io.lrtyield.rebalancer.execution.it;

import io.lrtyield.common.catalogue.Catalogue;
import io.lrtyield.common.catalogue.Venue;
import io.lrtyield.common.chain.Multicall3;
import io.lrtyield.common.chain.reader.MorphoReader;
import io.lrtyield.common.lending.morpho.AccruedMarket;
import io.lrtyield.common.lending.morpho.MorphoMath;
import io.lrtyield.common.lending.morpho.MorphoVenue;
import io.lrtyield.devnet.deploy.DevnetCatalogue;
import io.lrtyield.devnet.deploy.DevnetDeployment;
import io.lrtyield.devnet.deploy.MarketDeployment;
import io.lrtyield.rebalancer.execution.ExecutionListener;
import io.lrtyield.rebalancer.execution.ExecutionPlan;
import io.lrtyield.rebalancer.execution.ExecutionReport;
import io.lrtyield.rebalancer.execution.PlannedAction;
import io.lrtyield.rebalancer.execution.allowlist.AllowlistConsistency;
import io.lrtyield.rebalancer.execution.allowlist.VaultAllowlistVerifier;
import io.lrtyield.rebalancer.execution.chain.ExecutionChain;
import io.lrtyield.rebalancer.execution.sign.SignedTransaction;
import io.lrtyield.rebalancer.plan.BuiltPlan;
import io.lrtyield.rebalancer.plan.DeleverageStep;
import io.lrtyield.rebalancer.plan.LoopState;
import io.lrtyield.rebalancer.plan.PlanAddresses;
import io.lrtyield.rebalancer.plan.PlanBuilder;
import io.lrtyield.rebalancer.plan.PlanSettings;
import io.lrtyield.rebalancer.portfolio.Holding;
import io.lrtyield.rebalancer.portfolio.PortfolioReader;
import io.lrtyield.rebalancer.portfolio.RawSnapshot;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint32;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.utils.Numeric;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * PlanBuilder's routes on a devnet of their own (Anvil on 28831 by default: {@code execution.anvil.port} + 100): plans
 * built from the devnet catalogue and the on-chain fundamental rates (what the price service would publish) run
 * through PlanExecutor and the vault's {@code manage}; the vault's balances afterwards must lie between the plan's
 * min-outs and its expected amounts, and the Aave health factor read on chain after every action of the loop entry
 * must stay ≥ the minimum; a Morpho Blue supply and full exit must move the vault's shares and WETH to the wei.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PlanRoutesIT {

    static final BigInteger E18 = BigInteger.TEN.pow(18);
    static final BigDecimal MIN_HF = new BigDecimal("1.01");
    /** A short loop entry: each turn is 9 transactions, and the devnet's loop venue caps every borrow at its target LTV. */
    static final PlanSettings SETTINGS = new PlanSettings(50, MIN_HF, new BigDecimal("1.06"), 10);

    @TempDir
    static Path keystoreDir;

    DevnetFixture devnet;
    DevnetDeployment d;
    MarketDeployment m;
    String vault;
    Catalogue catalogue;
    PlanBuilder builder;

    @BeforeAll
    void deploy() throws Exception {
        devnet = new DevnetFixture(100, keystoreDir);
        d = devnet.d;
        m = devnet.m;
        vault = devnet.vault;
        catalogue = DevnetCatalogue.of(d);
        builder = new PlanBuilder(PlanAddresses.from(catalogue), vault, SETTINGS);
    }

    @AfterAll
    void stop() {
        if (devnet != null) {
            devnet.close();
        }
    }

    @Test
    @Order(1)
    void theVaultAllowsExactlyTheConfiguredRoutesIncludingTheNewExits() throws Exception {
        long head = devnet.web3j.ethBlockNumber().send().getBlockNumber().longValueExact();
        AllowlistConsistency c = new VaultAllowlistVerifier(devnet.web3j).verify(devnet.allowlist, vault, 0, head);
        assertTrue(c.matches(), "only off chain " + c.onlyOffChain() + ", only on chain " + c.onlyOnChain());
    }

    @Test
    @Order(2)
    void entriesIntoREthPufEthPtAndEigenLayer() throws Exception {
        Map<String, BigDecimal> rates = rates();
        BigInteger rEthBefore = balance(d.rETH());
        BuiltPlan plan = builder.build(List.of(move("rocketpool-reth", 30), move("puffer-pufeth", 20), move("pendle-pt-weeth", 10),
                move("eigenlayer-steth", 5)), rates, ethOf(vault), BigInteger.ZERO, null);
        assertTrue(plan.skipped().isEmpty(), plan.skipped().toString());
        run("it-routes-in", plan, ExecutionListener.NONE);

        assertWithin(balance(d.rETH()).subtract(rEthBefore), action(plan, "rocketpool-reth", "STAKE"), "rETH");
        assertWithin(balance(d.pufETH()), action(plan, "puffer-pufeth", "STAKE"), "pufETH");
        PlannedAction buy = action(plan, "pendle-pt-weeth", "BUY_PT");
        assertTrue(balance(m.pendlePt()).compareTo(buy.minOut()) >= 0, "PT " + balance(m.pendlePt()) + " < " + buy.minOut());
        BigInteger shares = uint(m.eigenStrategyManager(), "stakerDepositShares", new Address(vault), new Address(m.eigenStEthStrategy()));
        assertWithin(shares, action(plan, "eigenlayer-steth", "DEPOSIT"), "EigenLayer shares");
        assertEquals(BigInteger.ZERO, allowance(d.weETH(), m.pendleMarket()));
        assertEquals(BigInteger.ZERO, allowance(d.stETH(), m.eigenStrategyManager()));
    }

    @Test
    @Order(3)
    void exitsFromREthPufEthAndPtFundALoopEntryWhoseHealthFactorStaysAboveTheMinimumOnChain() throws Exception {
        Map<String, BigDecimal> rates = rates();
        BigInteger pt = balance(m.pendlePt());
        BigInteger rEth = balance(d.rETH());
        BigInteger pufEth = balance(d.pufETH());
        BigInteger shares = uint(m.eigenStrategyManager(), "stakerDepositShares", new Address(vault), new Address(m.eigenStEthStrategy()));
        // the PT at its redemption value (one weETH each), as the portfolio values it: the whole position leaves
        BigInteger ptValue = new BigDecimal(pt).multiply(rates.get("weETH")).toBigInteger();
        BigInteger equity = E18.multiply(BigInteger.valueOf(20));
        BigInteger ethBefore = ethOf(vault);
        BigInteger wethBefore = balance(d.weth());
        BuiltPlan plan = builder.build(List.of(new PlanBuilder.Move(venue("aave-wsteth-loop"), equity), move("rocketpool-reth", -22),
                move("puffer-pufeth", -10), new PlanBuilder.Move(venue("pendle-pt-weeth"), ptValue.negate()),
                move("eigenlayer-steth", -2)), rates, ethBefore, wethBefore, null);

        // exits first (the queued EigenLayer withdrawal and the capped loop entry are said), then the loop entry
        List<String> kinds = plan.actions().stream().map(PlannedAction::kind).toList();
        int firstLoop = indexOf(plan, "aave-wsteth-loop");
        assertTrue(plan.actions().subList(0, firstLoop).stream().noneMatch(a -> a.venueId().equals("aave-wsteth-loop")), kinds.toString());
        assertTrue(plan.actions().subList(firstLoop, kinds.size()).stream().allMatch(a -> a.venueId().equals("aave-wsteth-loop")), kinds.toString());
        assertEquals(2, plan.skipped().size(), plan.skipped().toString());
        assertTrue(plan.skipped().get(0).startsWith("eigenlayer-steth: withdrawal of "), plan.skipped().toString());
        assertTrue(plan.skipped().get(1).startsWith("aave-wsteth-loop: loop entry stopped after 10 turns (max steps) at leverage "),
                plan.skipped().toString());

        String aWstEth = reserveWord(d.wstETH(), 8);
        String debtWeth = reserveWord(d.weth(), 10);
        Map<Integer, BigInteger> hfAfter = new TreeMap<>();
        ExecutionListener readHf = new ExecutionListener() {
            @Override
            public void confirmed(String planId, int index, SignedTransaction tx, ExecutionChain.Receipt receipt) {
                try {
                    hfAfter.put(index, accountWord(5));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        };
        run("it-routes-out-loop", plan, readHf);

        // the exits: exactly the tokens the plan sells, and ETH + WETH between the min-outs and the expected amounts
        assertEquals(rEth.subtract(word(action(plan, "rocketpool-reth", "REDEEM"), 0)), balance(d.rETH()));
        assertEquals(pufEth.subtract(word(action(plan, "puffer-pufeth", "REDEEM"), 0)), balance(d.pufETH()));
        assertEquals(pt.subtract(word(action(plan, "pendle-pt-weeth", "SELL_PT"), 1)), balance(m.pendlePt()));
        BigInteger freedMin = action(plan, "rocketpool-reth", "REDEEM").minOut().add(action(plan, "puffer-pufeth", "REDEEM").minOut())
                .add(action(plan, "pendle-pt-weeth", "SWAP").minOut());
        BigInteger freedExpected = action(plan, "rocketpool-reth", "REDEEM").expectedOut()
                .add(action(plan, "puffer-pufeth", "REDEEM").expectedOut()).add(action(plan, "pendle-pt-weeth", "SWAP").expectedOut());
        BigInteger freed = ethOf(vault).add(balance(d.weth())).subtract(ethBefore).subtract(wethBefore).add(equity);
        assertTrue(freed.compareTo(freedMin) >= 0 && freed.compareTo(freedExpected) <= 0,
                "ETH + WETH freed " + freed + " not in [" + freedMin + ", " + freedExpected + "]");
        // the EigenLayer withdrawal is queued, its shares no longer the vault's
        BigInteger queued = shares.subtract(uint(m.eigenStrategyManager(), "stakerDepositShares", new Address(vault),
                new Address(m.eigenStEthStrategy())));
        assertTrue(queued.signum() > 0 && plan.skipped().get(0).contains(" " + queued + " shares"), "queued " + queued);

        // the loop: collateral between the sum of the supplies' min-outs and of the wraps' expected amounts, the debt borrowed
        List<DeleverageStep> steps = plan.steps();
        assertEquals(11, steps.size());
        BigInteger suppliedMin = steps.stream().map(DeleverageStep::repaidWei).reduce(BigInteger.ZERO, BigInteger::add);
        BigInteger wrapped = plan.actions().stream().filter(a -> a.venueId().equals("aave-wsteth-loop") && a.kind().equals("WRAP"))
                .map(PlannedAction::expectedOut).reduce(BigInteger.ZERO, BigInteger::add);
        BigInteger collateral = balance(aWstEth);
        assertTrue(collateral.compareTo(suppliedMin) >= 0 && collateral.compareTo(wrapped) <= 0,
                "aWstETH " + collateral + " not in [" + suppliedMin + ", " + wrapped + "]");
        BigInteger borrowed = steps.stream().map(DeleverageStep::withdrawnWei).reduce(BigInteger.ZERO, BigInteger::add);
        BigInteger debt = balance(debtWeth);
        assertTrue(debt.compareTo(borrowed) >= 0 && debt.compareTo(borrowed.add(E18.divide(BigInteger.valueOf(1_000)))) <= 0,
                "debt " + debt + " vs borrowed " + borrowed);

        // on chain, after every action of the loop entry once there is debt: HF ≥ the minimum, and ≥ what the plan counted
        BigInteger minWad = MIN_HF.movePointRight(18).toBigInteger();
        BigInteger lowest = null;
        int step = 0;
        for (int i = firstLoop; i < kinds.size(); i++) {
            BigInteger hf = hfAfter.get(i);
            if (kinds.get(i).equals("BORROW")) {
                step++;
                assertTrue(new BigDecimal(hf).movePointLeft(18).compareTo(steps.get(step).hfAfterWithdraw()) >= 0,
                        "HF after borrow " + step + " " + hf + " < planned " + steps.get(step).hfAfterWithdraw());
            }
            if (kinds.get(i).equals("SUPPLY") && step > 0) {
                assertTrue(new BigDecimal(hf).movePointLeft(18).compareTo(steps.get(step).hfAfter()) >= 0,
                        "HF after supply " + step + " " + hf + " < planned " + steps.get(step).hfAfter());
            }
            if (step > 0) {
                assertTrue(hf.compareTo(minWad) >= 0, "HF " + hf + " after action " + i + " " + kinds.get(i));
                lowest = lowest == null ? hf : lowest.min(hf);
            }
        }
        assertEquals(10, step);
        for (String[] approval : new String[][] {{d.stETH(), d.wstETH()}, {d.wstETH(), m.aavePool()}, {m.pendlePt(), m.pendleMarket()},
                {d.eETH(), m.curveEEthPool()}}) {
            assertEquals(BigInteger.ZERO, allowance(approval[0], approval[1]), "allowance " + approval[0] + " → " + approval[1]);
        }
        System.out.printf("plan routes on devnet: %d actions; freed %s ETH+WETH in [%s, %s]; loop %d turns, collateral %s in [%s, %s],"
                        + " debt %s, lowest on-chain HF %s (planned lows %s), final HF %s; %s%n", kinds.size(), freed, freedMin,
                freedExpected, step, collateral, suppliedMin, wrapped, debt, new BigDecimal(lowest).movePointLeft(18),
                steps.subList(1, steps.size()).stream().map(DeleverageStep::hfAfterWithdraw).distinct().toList(),
                new BigDecimal(accountWord(5)).movePointLeft(18), plan.skipped());
    }

    @Test
    @Order(4)
    void aLoopTrimTakesItsEquityOutAtTheSameLeverage() throws Exception {
        Map<String, BigDecimal> rates = rates();
        String aWstEth = reserveWord(d.wstETH(), 8);
        String debtWeth = reserveWord(d.weth(), 10);
        BigInteger collateral = balance(aWstEth);
        BigInteger debt = balance(debtWeth);
        BigDecimal hf = new BigDecimal(accountWord(5)).movePointLeft(18);
        BigInteger wethBefore = balance(d.weth());
        LoopState loop = LoopState.fromAccount(collateral, debt, hf, new BigDecimal("0.95"));
        // 5 of the loop's ~20 ETH equity: a quarter of the collateral and of the debt, not the whole loop
        BuiltPlan plan = builder.build(List.of(move("aave-wsteth-loop", -5)), rates, BigInteger.ZERO, BigInteger.ZERO, loop);
        assertTrue(plan.skipped().isEmpty(), plan.skipped().toString());
        run("it-routes-loop-trim", plan, ExecutionListener.NONE);

        BigInteger withdrawn = plan.steps().stream().map(DeleverageStep::withdrawnWei).reduce(BigInteger.ZERO, BigInteger::add);
        BigInteger repaid = plan.steps().stream().map(DeleverageStep::repaidWei).reduce(BigInteger.ZERO, BigInteger::add);
        BigInteger collateralAfter = balance(aWstEth);
        BigInteger debtAfter = balance(debtWeth);
        assertEquals(collateral.subtract(withdrawn), collateralAfter, "exactly the planned withdrawals");
        // the debt: less what was repaid (to a few wei of the pool's ray rounding), plus a few blocks of interest
        assertTrue(debtAfter.compareTo(debt.subtract(repaid).subtract(BigInteger.TEN)) >= 0
                && debtAfter.compareTo(debt.subtract(repaid).add(E18.divide(BigInteger.valueOf(1_000)))) <= 0,
                "debt " + debt + " − repaid " + repaid + " → " + debtAfter + "; steps " + plan.steps());
        BigDecimal f = new BigDecimal(withdrawn).divide(new BigDecimal(collateral), java.math.MathContext.DECIMAL64);
        assertTrue(f.compareTo(new BigDecimal("0.15")) > 0 && f.compareTo(new BigDecimal("0.35")) < 0, "share of the collateral " + f);
        BigDecimal hfAfter = new BigDecimal(accountWord(5)).movePointLeft(18);
        assertTrue(hfAfter.subtract(hf).abs().compareTo(new BigDecimal("0.002")) < 0, "HF " + hf + " → " + hfAfter);
        // the equity left as WETH: at least the sales' min-outs less the repays
        BigInteger minOuts = plan.actions().stream().filter(a -> a.kind().equals("SWAP")).map(PlannedAction::minOut)
                .reduce(BigInteger.ZERO, BigInteger::add);
        BigInteger freed = balance(d.weth()).subtract(wethBefore);
        assertTrue(freed.compareTo(minOuts.subtract(repaid)) >= 0 && freed.compareTo(E18.multiply(BigInteger.valueOf(5))) <= 0,
                "WETH freed " + freed + " vs ≥ " + minOuts.subtract(repaid));
    }

    /**
     * The Morpho Blue venue through the vault, wei-exact against the audited contract: an entry of 100 ETH mints the
     * shares {@code toSharesDown} gives on the market accrued to the supply's block; the portfolio reader values them as
     * {@code market(id)} does right after an {@code accrueInterest} ({@code toAssetsDown}); the full exit the plan builds
     * from that snapshot burns every share (none left) and pays the vault exactly {@code toAssetsDown} of them on the
     * market accrued to the withdrawal's block.
     */
    @Test
    @Order(5)
    void morphoSupplyThenFullExitThroughTheVaultIsWeiExact() throws Exception {
        Venue venue = venue("morpho-weth-supply");
        MorphoVenue mv = MorphoVenue.of(venue, catalogue);
        BigInteger hundred = E18.multiply(BigInteger.valueOf(100));
        BigInteger wethBefore = balance(d.weth());
        BuiltPlan in = builder.build(List.of(move("morpho-weth-supply", 100)), rates(), ethOf(vault), BigInteger.ZERO, null);
        assertEquals(List.of("WRAP", "APPROVE", "SUPPLY", "RESET_APPROVAL"), in.actions().stream().map(PlannedAction::kind).toList());
        long supplyBlock = runReport("it-routes-morpho-in", in).outcomes().get(2).blockNumber();

        io.lrtyield.common.lending.morpho.MarketState before = morphoMarket(mv, supplyBlock - 1);
        AccruedMarket atSupply = AccruedMarket.at(before, rateAtTarget(mv, supplyBlock - 1), timestamp(supplyBlock));
        BigInteger shares = supplyShares(mv, supplyBlock);
        assertEquals(MorphoMath.toSharesDown(hundred, atSupply.state().totalSupplyAssets(), atSupply.state().totalSupplyShares()), shares,
                "shares minted for 100 WETH on the market accrued to the block");
        assertEquals(atSupply.state().totalSupplyAssets().add(hundred), morphoMarket(mv, supplyBlock).totalSupplyAssets());
        assertEquals(wethBefore, balance(d.weth()), "the WETH wrapped is the WETH supplied");
        assertEquals(BigInteger.ZERO, allowance(d.weth(), mv.morpho()));

        // the portfolio reader at a block where the market was just accrued: its value is the contract's own totals
        io.lrtyield.devnet.deploy.TxSender anyone = new io.lrtyield.devnet.deploy.TxSender(devnet.web3j,
                org.web3j.crypto.Credentials.create(DevnetFixture.MARKET_MAKER_KEY), devnet.web3j.ethChainId().send().getChainId().longValueExact());
        org.web3j.abi.datatypes.StaticStruct params = new org.web3j.abi.datatypes.StaticStruct(new Address(mv.params().loanToken()),
                new Address(mv.params().collateralToken()), new Address(mv.params().oracle()), new Address(mv.params().irm()),
                new Uint256(mv.params().lltv()));
        String hash = anyone.send(mv.morpho(), FunctionEncoder.encode(new Function("accrueInterest", List.of(params), List.of())),
                BigInteger.ZERO, BigInteger.valueOf(500_000));
        long accrued = anyone.awaitAll(List.of(hash), java.time.Duration.ofSeconds(30)).get(0).getBlockNumber().longValueExact();
        Multicall3 multicall = new Multicall3(devnet.web3j, catalogue.multicall3(), 300);
        RawSnapshot raw = new PortfolioReader(catalogue, vault, multicall::aggregate3).read(accrued, timestamp(accrued))
                .await().atMost(java.time.Duration.ofSeconds(30));
        io.lrtyield.common.lending.morpho.MarketState onChain = morphoMarket(mv, accrued);
        BigInteger value = MorphoMath.toAssetsDown(shares, onChain.totalSupplyAssets(), onChain.totalSupplyShares());
        assertEquals(List.of(new Holding("morpho supply shares " + shares, "WETH", value, false)), raw.venueHoldings().get(venue.id()));
        assertEquals(shares, raw.venueUnits().get(venue.id()));
        assertTrue(value.compareTo(hundred.subtract(BigInteger.ONE)) >= 0 && value.subtract(hundred).compareTo(E18.divide(BigInteger.valueOf(1_000))) < 0,
                "100 WETH less the supply's share rounding (≤ 1 wei), plus the interest of a few seconds: " + value);

        // the full exit, as PlanMaker builds it from the snapshot: the position's value out, bounded by the shares held
        Map<String, BigDecimal> rates = new HashMap<>(rates());
        rates.putAll(raw.venueRates());
        BuiltPlan out = builder.build(List.of(new PlanBuilder.Move(venue, value.negate())), rates, BigInteger.ZERO, BigInteger.ZERO, null,
                raw.venueUnits());
        assertEquals(1, out.actions().size(), out.actions().toString());
        assertEquals(shares, word(out.actions().get(0), 6), "withdraw by every share");
        assertEquals(BigInteger.ZERO, word(out.actions().get(0), 5));
        BigInteger wethBeforeExit = balance(d.weth());
        long exitBlock = runReport("it-routes-morpho-out", out).outcomes().get(0).blockNumber();
        AccruedMarket atExit = AccruedMarket.at(morphoMarket(mv, exitBlock - 1), rateAtTarget(mv, exitBlock - 1), timestamp(exitBlock));
        BigInteger paid = balance(d.weth()).subtract(wethBeforeExit);
        assertEquals(atExit.supplyAssets(shares), paid, "toAssetsDown of every share on the market accrued to the withdrawal's block");
        assertTrue(paid.compareTo(out.actions().get(0).minOut()) >= 0, paid + " < planned " + out.actions().get(0).minOut());
        assertEquals(BigInteger.ZERO, supplyShares(mv, exitBlock), "no dust left in the market");
        System.out.printf(java.util.Locale.ROOT, "Morpho through the vault: 100 WETH → %s shares, valued %s → %s WETH back (blocks %d, %d, %d)%n",
                shares, value, paid, supplyBlock, accrued, exitBlock);
    }

    private ExecutionReport runReport(String planId, BuiltPlan plan) throws Exception {
        ExecutionReport report = devnet.executor(devnet.allowlist, ExecutionListener.NONE, devnet.chain::pendingNonce)
                .execute(new ExecutionPlan(planId, plan.actions()));
        assertEquals(ExecutionReport.DONE, report.status(), report.error());
        return report;
    }

    private io.lrtyield.common.lending.morpho.MarketState morphoMarket(MorphoVenue mv, long block) throws Exception {
        return decode(MorphoReader.decodeMarket(callAt(MorphoReader.marketCall(mv.morpho(), mv.marketId()), block)));
    }

    private BigInteger rateAtTarget(MorphoVenue mv, long block) throws Exception {
        return decode(MorphoReader.decodeRateAtTarget(callAt(MorphoReader.rateAtTargetCall(mv.params().irm(), mv.marketId()), block)));
    }

    private BigInteger supplyShares(MorphoVenue mv, long block) throws Exception {
        return decode(MorphoReader.decodePosition(callAt(MorphoReader.positionCall(mv.morpho(), mv.marketId(), vault), block))).supplyShares();
    }

    private Multicall3.Result callAt(Multicall3.Call call, long block) throws Exception {
        org.web3j.protocol.core.methods.response.EthCall r = devnet.web3j.ethCall(Transaction.createEthCallTransaction(null, call.target(),
                call.callData()), org.web3j.protocol.core.DefaultBlockParameter.valueOf(BigInteger.valueOf(block))).send();
        return new Multicall3.Result(!r.isReverted() && !r.hasError(), Numeric.hexStringToByteArray(r.getValue() == null ? "0x" : r.getValue()));
    }

    private static <T> T decode(io.lrtyield.common.chain.reader.Read<T> read) {
        assertTrue(read.available(), read.error());
        return read.value();
    }

    private long timestamp(long block) throws Exception {
        return devnet.web3j.ethGetBlockByNumber(org.web3j.protocol.core.DefaultBlockParameter.valueOf(BigInteger.valueOf(block)), false).send()
                .getBlock().getTimestamp().longValueExact();
    }

    private void run(String planId, BuiltPlan plan, ExecutionListener listener) throws Exception {
        ExecutionReport report = devnet.executor(devnet.allowlist, listener, devnet.chain::pendingNonce)
                .execute(new ExecutionPlan(planId, plan.actions()));
        assertEquals(ExecutionReport.DONE, report.status(), report.error());
        assertEquals(plan.actions().size(), report.outcomes().size());
    }

    /** The fundamental rates as the price service reads them, and the PT price from the market's PT oracle. */
    private Map<String, BigDecimal> rates() throws Exception {
        Map<String, BigDecimal> r = new HashMap<>();
        r.put("wstETH", wad(uint(d.wstETH(), "stEthPerToken")));
        r.put("weETH", wad(uint(d.weETH(), "getRate")));
        r.put("rETH", wad(uint(d.rETH(), "getExchangeRate")));
        r.put("pufETH", wad(uint(d.pufETH(), "convertToAssets", new Uint256(E18))));
        r.put("pendle-pt-weeth", wad(uint(m.pendleOracle(), "getPtToAssetRate", new Address(m.pendleMarket()), new Uint32(900))));
        r.put("eigenlayer-steth", wad(uint(m.eigenStEthStrategy(), "sharesToUnderlyingView", new Uint256(E18))));
        return r;
    }

    private Venue venue(String id) {
        return catalogue.venue(id).orElseThrow();
    }

    private PlanBuilder.Move move(String venueId, long eth) {
        return new PlanBuilder.Move(venue(venueId), E18.multiply(BigInteger.valueOf(eth)));
    }

    private static PlannedAction action(BuiltPlan plan, String venueId, String kind) {
        List<PlannedAction> found = new ArrayList<>(plan.actions().stream().filter(a -> a.venueId().equals(venueId) && a.kind().equals(kind)).toList());
        return found.get(found.size() - 1);
    }

    private static int indexOf(BuiltPlan plan, String venueId) {
        for (int i = 0; i < plan.actions().size(); i++) {
            if (plan.actions().get(i).venueId().equals(venueId)) {
                return i;
            }
        }
        throw new AssertionError("no action of " + venueId);
    }

    private static BigInteger word(PlannedAction a, int i) {
        return new BigInteger(a.call().headWord(i), 16);
    }

    private static BigDecimal wad(BigInteger v) {
        return new BigDecimal(v).movePointLeft(18);
    }

    private BigInteger ethOf(String holder) throws Exception {
        return devnet.web3j.ethGetBalance(holder, DefaultBlockParameterName.LATEST).send().getBalance();
    }

    private BigInteger uint(String to, String view, Type<?>... args) throws Exception {
        return devnet.uint(to, view, args);
    }

    private BigInteger balance(String token) throws Exception {
        return uint(token, "balanceOf", new Address(vault));
    }

    private BigInteger allowance(String token, String spender) throws Exception {
        return uint(token, "allowance", new Address(vault), new Address(spender));
    }

    /** An address word of getReserveData (8 aToken, 10 variable debt token). */
    private String reserveWord(String asset, int word) throws Exception {
        String data = FunctionEncoder.encode(new Function("getReserveData", List.of(new Address(asset)), List.of()));
        String out = Numeric.cleanHexPrefix(devnet.web3j.ethCall(Transaction.createEthCallTransaction(null, m.aavePool(), data),
                DefaultBlockParameterName.LATEST).send().getValue());
        return "0x" + out.substring(word * 64 + 24, (word + 1) * 64);
    }

    /** A word of getUserAccountData(vault) (5 = health factor, WAD). */
    private BigInteger accountWord(int word) throws Exception {
        String data = FunctionEncoder.encode(new Function("getUserAccountData", List.of(new Address(vault)), List.of()));
        String out = Numeric.cleanHexPrefix(devnet.web3j.ethCall(Transaction.createEthCallTransaction(null, m.aavePool(), data),
                DefaultBlockParameterName.LATEST).send().getValue());
        return new BigInteger(out.substring(word * 64, (word + 1) * 64), 16);
    }

    private static void assertWithin(BigInteger actual, PlannedAction a, String what) {
        assertTrue(actual.compareTo(a.minOut()) >= 0 && actual.compareTo(a.expectedOut()) <= 0,
                what + " " + actual + " not in [" + a.minOut() + ", " + a.expectedOut() + "]");
    }
}
