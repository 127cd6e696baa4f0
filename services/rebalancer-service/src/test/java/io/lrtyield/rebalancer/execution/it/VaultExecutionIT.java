package io.lrtyield.rebalancer.execution.it;

import io.lrtyield.devnet.deploy.DevnetDeployment;
import io.lrtyield.devnet.deploy.MarketDeployment;
import io.lrtyield.rebalancer.execution.ActionOutcome;
import io.lrtyield.rebalancer.execution.ContractCall;
import io.lrtyield.rebalancer.execution.EntryRoutes;
import io.lrtyield.rebalancer.execution.ExecutionPlan;
import io.lrtyield.rebalancer.execution.ExecutionReport;
import io.lrtyield.rebalancer.execution.PlanExecutor;
import io.lrtyield.rebalancer.execution.PlannedAction;
import io.lrtyield.rebalancer.execution.allowlist.Allowlist;
import io.lrtyield.rebalancer.execution.allowlist.AllowlistConsistency;
import io.lrtyield.rebalancer.execution.allowlist.AllowlistRule;
import io.lrtyield.rebalancer.execution.allowlist.VaultAllowlistVerifier;
import io.lrtyield.rebalancer.execution.allowlist.VaultPair;
import io.lrtyield.rebalancer.execution.chain.Web3jExecutionChain;
import io.lrtyield.rebalancer.execution.sign.KeystoreSigner;
import io.lrtyield.rebalancer.execution.venue.AaveCalls;
import io.lrtyield.rebalancer.execution.venue.Erc20Calls;
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
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.utils.Numeric;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The execution engine end to end on a devnet of its own: the real deployer, the vault's on-chain allowlist, a
 * keystore signer for the strategist (Anvil account 2), plans sent through {@code manage} and checked on chain.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class VaultExecutionIT {

    static final String STRATEGIST_KEY = DevnetFixture.STRATEGIST_KEY;
    static final BigInteger E18 = BigInteger.TEN.pow(18);
    static final int SLIPPAGE_BPS = 10;

    @TempDir
    static Path keystoreDir;

    DevnetFixture devnet;
    Web3j web3j;
    DevnetDeployment d;
    MarketDeployment m;
    String vault;
    Allowlist allowlist;
    KeystoreSigner signer;
    Web3jExecutionChain chain;

    @BeforeAll
    void deploy() throws Exception {
        devnet = new DevnetFixture(0, keystoreDir);
        web3j = devnet.web3j;
        d = devnet.d;
        m = devnet.m;
        vault = devnet.vault;
        allowlist = devnet.allowlist;
        signer = devnet.signer;
        chain = devnet.chain;
    }

    @AfterAll
    void stop() {
        if (devnet != null) {
            devnet.close();
        }
    }

    PlanExecutor executor(Allowlist list) {
        return devnet.executor(list);
    }

    @Test
    @Order(1)
    void offChainAllowlistMatchesTheVaultsAndAMismatchIsCaught() throws Exception {
        long head = web3j.ethBlockNumber().send().getBlockNumber().longValueExact();
        VaultAllowlistVerifier verifier = new VaultAllowlistVerifier(web3j);
        AllowlistConsistency ok = verifier.verify(allowlist, vault, 0, head);
        assertTrue(ok.matches(), "only off chain " + ok.onlyOffChain() + ", only on chain " + ok.onlyOnChain());

        // drop one configured rule: the vault still allows it, so the check must refuse to run
        List<AllowlistRule> fewer = new ArrayList<>(allowlist.rules());
        AllowlistRule dropped = fewer.remove(0);
        AllowlistConsistency missing = verifier.verify(new Allowlist(fewer), vault, 0, head);
        assertEquals(List.of(dropped.pair()), List.copyOf(missing.onlyOnChain()));
        // add a rule the vault does not have (WETH transfer): also a mismatch
        List<AllowlistRule> more = new ArrayList<>(allowlist.rules());
        more.add(new AllowlistRule(d.weth(), "transfer(address,uint256)", false, Map.of(0, java.util.Set.of(vault))));
        AllowlistConsistency extra = verifier.verify(new Allowlist(more), vault, 0, head);
        assertEquals(List.of(new VaultPair(d.weth(), "0xa9059cbb")), List.copyOf(extra.onlyOffChain()));
    }

    @Test
    @Order(2)
    void ethToWstEthCollateralOnAaveAndToWeEth() throws Exception {
        BigInteger stEthPerWstEth = uint(d.wstETH(), "stEthPerToken");
        BigInteger eEthPerWeEth = uint(d.weETH(), "getRate");
        String aWstEth = aToken(d.wstETH());
        BigInteger vaultEthBefore = web3j.ethGetBalance(vault, DefaultBlockParameterName.LATEST).send().getBalance();
        BigInteger aBefore = balance(aWstEth, vault);
        BigInteger weEthBefore = balance(d.weETH(), vault);
        BigInteger nonceBefore = chain.pendingNonce(signer.address());

        EntryRoutes routes = new EntryRoutes(new EntryRoutes.Addresses(d.weth(), d.stETH(), d.wstETH(), m.aavePool(), d.etherfiPool(),
                d.eETH(), d.weETH()), vault);
        BigInteger toAave = eth(100);
        BigInteger toWeEth = eth(50);
        List<PlannedAction> actions = new ArrayList<>(routes.stakeWrapAndSupply("aave-wsteth-loop", toAave, stEthPerWstEth, SLIPPAGE_BPS));
        actions.addAll(routes.depositAndWrapWeEth("etherfi-weeth", toWeEth, eEthPerWeEth, SLIPPAGE_BPS));
        ExecutionReport report = executor(allowlist).execute(new ExecutionPlan("it-entry", actions));

        assertEquals(ExecutionReport.DONE, report.status(), report.error());
        assertEquals(actions.size(), report.outcomes().size());
        assertTrue(report.outcomes().stream().allMatch(o -> ActionOutcome.CONFIRMED.equals(o.status())));
        assertEquals(nonceBefore.add(BigInteger.valueOf(actions.size())), chain.pendingNonce(signer.address()), "one nonce per action, no gaps");

        // the vault paid exactly the plan's ETH (gas is the strategist's)
        BigInteger vaultEthAfter = web3j.ethGetBalance(vault, DefaultBlockParameterName.LATEST).send().getBalance();
        assertEquals(vaultEthBefore.subtract(toAave).subtract(toWeEth), vaultEthAfter);

        // wstETH collateral on Aave: the route supplies its minimum, the expected amount less 10 bps
        PlannedAction wrap = actions.get(2);
        PlannedAction supply = actions.get(5);
        BigInteger supplied = balance(aWstEth, vault).subtract(aBefore);
        assertWithin(supplied, supply.minOut(), wrap.expectedOut(), "aWstETH");
        assertTrue(balance(d.wstETH(), vault).compareTo(wrap.expectedOut().subtract(supply.minOut()).add(BigInteger.TEN)) <= 0,
                "wstETH dust left in the vault");
        // weETH in the vault within the slippage bound of the fundamental rate
        PlannedAction weWrap = actions.get(9);
        assertWithin(balance(d.weETH(), vault).subtract(weEthBefore), weWrap.minOut(), weWrap.expectedOut(), "weETH");

        // every approval is back to zero
        assertEquals(BigInteger.ZERO, allowance(d.stETH(), vault, d.wstETH()));
        assertEquals(BigInteger.ZERO, allowance(d.wstETH(), vault, m.aavePool()));
        assertEquals(BigInteger.ZERO, allowance(d.eETH(), vault, d.weETH()));
    }

    @Test
    @Order(3)
    void aLoopOpensOnTheWstEthCollateral() throws Exception {
        BigInteger stEthPerWstEth = uint(d.wstETH(), "stEthPerToken");
        String aWstEth = aToken(d.wstETH());
        String debtWeth = reserveWord(d.weth(), 10);
        BigInteger aBefore = balance(aWstEth, vault);
        EntryRoutes routes = new EntryRoutes(new EntryRoutes.Addresses(d.weth(), d.stETH(), d.wstETH(), m.aavePool(), d.etherfiPool(),
                d.eETH(), d.weETH()), vault);
        BigInteger borrow = eth(60);
        List<PlannedAction> actions = routes.openLoop("aave-wsteth-loop", 1, borrow, stEthPerWstEth, SLIPPAGE_BPS);
        ExecutionReport report = executor(allowlist).execute(new ExecutionPlan("it-loop", actions));
        assertEquals(ExecutionReport.DONE, report.status(), report.error());

        // 60 WETH of variable debt (plus at most a few blocks of interest), 60 ETH more wstETH collateral
        assertWithin(balance(debtWeth, vault), borrow, borrow.add(eth(1).divide(BigInteger.valueOf(1_000))), "WETH debt");
        PlannedAction wrap = actions.get(5);
        PlannedAction supply = actions.get(8);
        assertWithin(balance(aWstEth, vault).subtract(aBefore), supply.minOut(), wrap.expectedOut(), "aWstETH added by the loop");
        BigInteger healthFactor = accountWord(5);
        assertTrue(healthFactor.compareTo(eth(2)) > 0, "health factor " + healthFactor);
        assertEquals(BigInteger.ZERO, allowance(d.wstETH(), vault, m.aavePool()));
    }

    @Test
    @Order(4)
    void aNonAllowlistedActionIsRefusedBeforeSigning() throws Exception {
        BigInteger nonceBefore = chain.pendingNonce(signer.address());
        ContractCall steal = ContractCall.of(d.weth(), BigInteger.ZERO, "transfer",
                new Address(Credentials.create(STRATEGIST_KEY).getAddress()), new Uint256(E18));
        ExecutionPlan plan = new ExecutionPlan("it-steal", List.of(
                PlannedAction.of("idle-eth", "WRAP", new io.lrtyield.rebalancer.execution.venue.WethCalls(d.weth()).deposit(E18)),
                PlannedAction.of("idle-eth", "TRANSFER", steal)));
        ExecutionReport report = executor(allowlist).execute(plan);
        assertEquals(ExecutionReport.REFUSED, report.status());
        assertTrue(report.error().contains("not allowlisted"), report.error());
        assertEquals(0, report.signedCount());
        assertEquals(nonceBefore, chain.pendingNonce(signer.address()), "nothing signed or sent");
    }

    @Test
    @Order(5)
    void aRevertingSimulationAbortsThePlan() throws Exception {
        BigInteger nonceBefore = chain.pendingNonce(signer.address());
        BigInteger tooMuch = eth(1_000_000);
        AaveCalls aave = new AaveCalls(m.aavePool(), vault);
        ExecutionPlan plan = new ExecutionPlan("it-revert", List.of(
                PlannedAction.of("aave-wsteth-loop", "APPROVE", Erc20Calls.approve(d.wstETH(), m.aavePool(), tooMuch)),
                PlannedAction.of("aave-wsteth-loop", "SUPPLY", aave.supply(d.wstETH(), tooMuch)),
                PlannedAction.of("aave-wsteth-loop", "RESET_APPROVAL", Erc20Calls.resetApproval(d.wstETH(), m.aavePool()))));
        ExecutionReport report = executor(allowlist).execute(plan);
        assertEquals(ExecutionReport.REFUSED, report.status());
        assertTrue(report.error().contains("reverted"), report.error());
        assertEquals(0, report.signedCount());
        assertEquals(nonceBefore, chain.pendingNonce(signer.address()));

        // a call the configuration allows but the vault does not is caught by the simulation, not on chain
        List<AllowlistRule> lax = new ArrayList<>(allowlist.rules());
        lax.add(new AllowlistRule(d.weth(), "transfer(address,uint256)", false, Map.of()));
        ExecutionReport onChainRefusal = executor(new Allowlist(lax)).execute(new ExecutionPlan("it-vault-refuses", List.of(
                PlannedAction.of("idle-eth", "TRANSFER", ContractCall.of(d.weth(), BigInteger.ZERO, "transfer",
                        new Address(vault), new Uint256(BigInteger.ONE))))));
        assertEquals(ExecutionReport.REFUSED, onChainRefusal.status());
        assertTrue(onChainRefusal.error().contains("not allowlisted"), onChainRefusal.error());
        assertEquals(nonceBefore, chain.pendingNonce(signer.address()));
        assertFalse(onChainRefusal.error().contains(Numeric.cleanHexPrefix(STRATEGIST_KEY)));
    }

    private BigInteger uint(String to, String view, Type<?>... args) throws Exception {
        return devnet.uint(to, view, args);
    }

    private BigInteger balance(String token, String holder) throws Exception {
        return uint(token, "balanceOf", new Address(holder));
    }

    private BigInteger allowance(String token, String owner, String spender) throws Exception {
        return uint(token, "allowance", new Address(owner), new Address(spender));
    }

    /** The aToken of {@code asset}: word 8 of getReserveData (ReserveDataLegacy.aTokenAddress). */
    private String aToken(String asset) throws Exception {
        return reserveWord(asset, 8);
    }

    /** An address word of getReserveData (8 aToken, 10 variable debt token). */
    private String reserveWord(String asset, int word) throws Exception {
        String data = FunctionEncoder.encode(new Function("getReserveData", List.of(new Address(asset)), List.of()));
        String out = Numeric.cleanHexPrefix(web3j.ethCall(Transaction.createEthCallTransaction(null, m.aavePool(), data),
                DefaultBlockParameterName.LATEST).send().getValue());
        return "0x" + out.substring(word * 64 + 24, (word + 1) * 64);
    }

    /** A word of getUserAccountData(vault) (5 = health factor, WAD). */
    private BigInteger accountWord(int word) throws Exception {
        String data = FunctionEncoder.encode(new Function("getUserAccountData", List.of(new Address(vault)), List.of()));
        String out = Numeric.cleanHexPrefix(web3j.ethCall(Transaction.createEthCallTransaction(null, m.aavePool(), data),
                DefaultBlockParameterName.LATEST).send().getValue());
        return new BigInteger(out.substring(word * 64, (word + 1) * 64), 16);
    }

    private static void assertWithin(BigInteger actual, BigInteger min, BigInteger max, String what) {
        assertTrue(actual.compareTo(min) >= 0 && actual.compareTo(max) <= 0, what + " " + actual + " not in [" + min + ", " + max + "]");
    }

    private static BigInteger eth(long n) {
        return BigInteger.valueOf(n).multiply(E18);
    }
}
