package io.lrtyield.rebalancer.plan;

import io.lrtyield.common.catalogue.Asset;
import io.lrtyield.common.catalogue.Catalogue;
import io.lrtyield.common.catalogue.Venue;
import io.lrtyield.common.lending.morpho.MarketParams;
import io.lrtyield.common.lending.morpho.MorphoMath;
import io.lrtyield.rebalancer.execution.AddressBook;
import io.lrtyield.rebalancer.execution.ContractCall;
import io.lrtyield.rebalancer.execution.PlannedAction;
import io.lrtyield.rebalancer.execution.allowlist.Allowlist;
import io.lrtyield.rebalancer.execution.allowlist.AllowlistLoader;
import io.lrtyield.rebalancer.execution.allowlist.NotAllowlistedException;
import io.lrtyield.rebalancer.execution.venue.MorphoCalls;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Morpho Blue lending venue's routes: the exact calldata of {@code supply} and {@code withdraw} (ABI words written
 * out by hand here), their place in a plan, the devnet allowlist's checks of them, and exits bounded by the vault's
 * supply shares — a full exit burns every share, a partial one withdraws its WETH.
 */
class MorphoPlanTest {

    static final String VAULT = "0x00000000000000000000000000000000000000aa";
    static final String ATTACKER = "0x00000000000000000000000000000000000000bb";
    static final String WETH = "0x000000000000000000000000000000000000e001";
    static final String WSTETH = "0x000000000000000000000000000000000000e002";
    static final String MORPHO = "0x000000000000000000000000000000000000e003";
    static final String ORACLE = "0x000000000000000000000000000000000000e004";
    static final String IRM = "0x000000000000000000000000000000000000e005";
    static final BigInteger E18 = BigInteger.TEN.pow(18);
    static final MarketParams PARAMS = new MarketParams(WETH, WSTETH, ORACLE, IRM, new BigInteger("945000000000000000"));
    static final PlanSettings SETTINGS = new PlanSettings(50, new BigDecimal("1.01"), new BigDecimal("1.06"), 10);

    static Catalogue catalogue(String marketId) {
        return new Catalogue("test", 31337, Map.of("multicall3", "0x000000000000000000000000000000000000e000", "morphoBlue", MORPHO,
                "morphoOracleWstEthWeth", ORACLE, "morphoAdaptiveCurveIrm", IRM),
                List.of(new Asset("ETH", null, 18, "ETH", null), new Asset("WETH", WETH, 18, "ETH", null),
                        new Asset("wstETH", WSTETH, 18, "stETH", null)),
                List.of(new Venue("idle-eth", "IDLE", "ETH", "vault", 1, 0, 0.0), venue(marketId)));
    }

    static Venue venue(String marketId) {
        return new Venue("morpho-weth-supply", "LENDING_SUPPLY", "WETH", "morpho-blue", 2, 0, 0.0, Map.of("morpho", "morphoBlue",
                "collateral", "wstETH", "oracle", "morphoOracleWstEthWeth", "irm", "morphoAdaptiveCurveIrm", "lltv", "0.945",
                "marketId", marketId));
    }

    final Catalogue catalogue = catalogue(PARAMS.id());
    final Venue morpho = catalogue.venue("morpho-weth-supply").orElseThrow();
    final PlanBuilder builder = new PlanBuilder(PlanAddresses.from(catalogue), VAULT, SETTINGS);

    @Test
    void supplyAndWithdrawCalldataAreTheAbiWordsOfTheMarketAndTheVault() {
        MorphoCalls calls = new MorphoCalls(MORPHO, PARAMS, VAULT);
        String tuple = word(WETH) + word(WSTETH) + word(ORACLE) + word(IRM) + word(new BigInteger("945000000000000000"));
        ContractCall supply = calls.supply(E18.multiply(BigInteger.valueOf(7)));
        assertEquals("0xa99aad89" + tuple + word(E18.multiply(BigInteger.valueOf(7))) + word(BigInteger.ZERO) + word(VAULT)
                + word(BigInteger.valueOf(9 * 32)) + word(BigInteger.ZERO), supply.data(), "reference selector 0xa99aad89; empty bytes at 0x120");
        assertEquals(MORPHO, supply.target());
        assertEquals(BigInteger.ZERO, supply.valueWei());
        ContractCall withdraw = calls.withdraw(BigInteger.valueOf(5));
        assertEquals("0x5c2bea49" + tuple + word(BigInteger.valueOf(5)) + word(BigInteger.ZERO) + word(VAULT) + word(VAULT), withdraw.data());
        ContractCall byShares = calls.withdrawShares(BigInteger.valueOf(123_456_789));
        assertEquals("0x5c2bea49" + tuple + word(BigInteger.ZERO) + word(BigInteger.valueOf(123_456_789)) + word(VAULT) + word(VAULT),
                byShares.data());
        assertEquals(MorphoCalls.WITHDRAW, byShares.signature());
        assertThrows(IllegalArgumentException.class, () -> calls.supply(BigInteger.ZERO));
    }

    @Test
    void anEntryWrapsApprovesMorphoSuppliesForTheVaultAndResetsTheApproval() throws Exception {
        BigInteger ten = E18.multiply(BigInteger.TEN);
        assertTrue(builder.canEnter(morpho) && builder.canExit(morpho));
        assertEquals(4, builder.entryActions(morpho));
        BuiltPlan plan = builder.build(List.of(new PlanBuilder.Move(morpho, ten)), Map.of(), ten, BigInteger.ZERO, null);
        assertEquals(List.of("WRAP", "APPROVE", "SUPPLY", "RESET_APPROVAL"), plan.actions().stream().map(PlannedAction::kind).toList());
        assertEquals(ten, plan.actions().get(0).call().valueWei());
        assertEquals("approve(address,uint256)", plan.actions().get(1).call().signature());
        assertEquals(word(MORPHO) + word(ten), plan.actions().get(1).call().data().substring(10));
        assertEquals(new MorphoCalls(MORPHO, PARAMS, VAULT).supply(ten), plan.actions().get(2).call());
        assertEquals(word(MORPHO) + word(BigInteger.ZERO), plan.actions().get(3).call().data().substring(10));
        Allowlist allowlist = allowlist();
        plan.actions().forEach(a -> assertDoesNotThrow(() -> allowlist.require(a.call()), a.toString()));
    }

    @Test
    void theAllowlistRefusesAnotherMarketOrAnotherBeneficiary() throws Exception {
        Allowlist allowlist = allowlist();
        MarketParams foreignOracle = new MarketParams(WETH, WSTETH, ATTACKER, IRM, PARAMS.lltv());
        assertThrows(NotAllowlistedException.class, () -> allowlist.require(new MorphoCalls(MORPHO, foreignOracle, VAULT).supply(E18)),
                "the vault's WETH lent in a market priced by someone else's oracle");
        MarketParams foreignCollateral = new MarketParams(WETH, ATTACKER, ORACLE, IRM, PARAMS.lltv());
        assertThrows(NotAllowlistedException.class, () -> allowlist.require(new MorphoCalls(MORPHO, foreignCollateral, VAULT).supply(E18)));
        assertThrows(NotAllowlistedException.class, () -> allowlist.require(new MorphoCalls(MORPHO, PARAMS, ATTACKER).supply(E18)));
        assertThrows(NotAllowlistedException.class, () -> allowlist.require(new MorphoCalls(MORPHO, PARAMS, ATTACKER).withdraw(E18)));
        assertDoesNotThrow(() -> allowlist.require(new MorphoCalls(MORPHO, PARAMS, VAULT).withdrawShares(E18)));
    }

    @Test
    void aFullExitBurnsEveryShareAndAPartialOneWithdrawsItsWeth() {
        // 1,000 WETH supplied a while ago, worth 1,000.5 now: shares 1e6 per wei then, the market's totals now
        BigInteger shares = E18.multiply(BigInteger.valueOf(1_000)).multiply(BigInteger.TEN.pow(6));
        BigInteger totalAssets = E18.multiply(BigInteger.valueOf(20_010)).add(BigInteger.valueOf(12_345));
        BigInteger totalShares = E18.multiply(BigInteger.valueOf(20_000)).multiply(BigInteger.TEN.pow(6));
        BigInteger value = MorphoMath.toAssetsDown(shares, totalAssets, totalShares);
        BigDecimal perShare = new BigDecimal(totalAssets.add(BigInteger.ONE)).divide(new BigDecimal(totalShares.add(MorphoMath.VIRTUAL_SHARES)),
                40, RoundingMode.DOWN);
        Map<String, BigDecimal> rates = Map.of(morpho.id(), perShare);
        Map<String, BigInteger> held = Map.of(morpho.id(), shares);

        BuiltPlan full = builder.build(List.of(new PlanBuilder.Move(morpho, value.negate())), rates, BigInteger.ZERO, BigInteger.ZERO, null, held);
        assertEquals(List.of("WITHDRAW"), full.actions().stream().map(PlannedAction::kind).toList());
        PlannedAction w = full.actions().get(0);
        assertEquals(new MorphoCalls(MORPHO, PARAMS, VAULT).withdrawShares(shares), w.call(), "every share: no dust left");
        BigInteger counted = new BigDecimal(shares).multiply(perShare).setScale(0, RoundingMode.DOWN).toBigInteger();
        assertTrue(counted.compareTo(value) <= 0 && value.subtract(counted).compareTo(BigInteger.ONE) <= 0,
                "the WETH counted on is the shares' value at the block, at most 1 wei under: " + counted + " vs " + value);
        assertEquals(counted, w.minOut());
        assertTrue(full.skipped().isEmpty(), full.skipped().toString());

        BigInteger half = value.divide(BigInteger.TWO);
        BuiltPlan part = builder.build(List.of(new PlanBuilder.Move(morpho, half.negate())), rates, BigInteger.ZERO, BigInteger.ZERO, null, held);
        assertEquals(new MorphoCalls(MORPHO, PARAMS, VAULT).withdraw(half), part.actions().get(0).call());

        // more than held is clamped to every share; nothing held, nothing withdrawn
        BuiltPlan more = builder.build(List.of(new PlanBuilder.Move(morpho, value.multiply(BigInteger.TWO).negate())), rates, BigInteger.ZERO,
                BigInteger.ZERO, null, held);
        assertEquals(new MorphoCalls(MORPHO, PARAMS, VAULT).withdrawShares(shares), more.actions().get(0).call());
        BuiltPlan none = builder.build(List.of(new PlanBuilder.Move(morpho, half.negate())), rates, BigInteger.ZERO, BigInteger.ZERO, null,
                Map.of(morpho.id(), BigInteger.ZERO));
        assertTrue(none.actions().isEmpty());
        assertEquals(List.of("morpho-weth-supply: nothing held at the plan's block; not exited"), none.skipped());
    }

    @Test
    void aVenueWhoseParametersAreNotItsMarketHasNoRoute() {
        Catalogue wrong = catalogue("0x" + "00".repeat(31) + "01");
        PlanBuilder b = new PlanBuilder(PlanAddresses.from(wrong), VAULT, SETTINGS);
        Venue v = wrong.venue("morpho-weth-supply").orElseThrow();
        assertFalse(b.canEnter(v));
        assertFalse(b.canExit(v));
        assertEquals(0, b.entryActions(v));
    }

    private Allowlist allowlist() throws Exception {
        Map<String, String> book = new HashMap<>(AddressBook.of(catalogue, Map.of()));
        int n = 0x2000;
        for (String name : List.of("stETH", "rETH", "cbETH", "eETH", "weETH", "ezETH", "rsETH", "pufETH", "usdc", "pendlePtWeEth",
                "rocketDepositPool", "etherfiLiquidityPool", "renzoRestakeManager", "kelpDepositPool", "curveStEthWethPool",
                "curveEEthWethPool", "aavePool", "pendleMarketWeEth", "eigenStrategyManager", "eigenDelegationManager", "eigenStEthStrategy",
                "lidoWithdrawalQueue", "renzoWithdrawQueue", "kelpWithdrawalManager", "etherfiWithdrawRequestNFT")) {
            book.putIfAbsent(name, String.format("0x%040x", n++));
        }
        try (InputStream in = getClass().getResourceAsStream("/allowlists/devnet.json")) {
            return AllowlistLoader.load(in, book, VAULT);
        }
    }

    private static String word(String address) {
        return "0".repeat(24) + address.substring(2).toLowerCase();
    }

    private static String word(BigInteger v) {
        return String.format("%64s", v.toString(16)).replace(' ', '0');
    }
}
