package io.lrtyield.rebalancer.execution.venue;

import io.lrtyield.rebalancer.execution.ContractCall;
import io.lrtyield.rebalancer.execution.VaultManage;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Exact calldata of the venue adapters, against hand-assembled ABI words and the reference's selectors. */
class VenueCallsTest {

    static final String VAULT = "0x1111111111111111111111111111111111111111";
    static final String POOL = "0x2222222222222222222222222222222222222222";
    static final String TOKEN = "0x3333333333333333333333333333333333333333";
    static final String STRATEGY = "0x4444444444444444444444444444444444444444";
    static final BigInteger ONE_ETH = BigInteger.TEN.pow(18);

    @Test
    void lidoSubmitSendsTheEthAndNoReferral() {
        ContractCall c = new LidoCalls(TOKEN, POOL).submit(ONE_ETH);
        assertEquals("submit(address)", c.signature());
        assertEquals("0xa1903eab" + word(0), c.data());
        assertEquals(ONE_ETH, c.valueWei());
        assertEquals(TOKEN, c.target());
    }

    @Test
    void aaveSupplyIsOnBehalfOfTheVault() {
        ContractCall c = new AaveCalls(POOL, VAULT).supply(TOKEN, ONE_ETH);
        assertEquals("0x617ba037" + addr(TOKEN) + "0000000000000000000000000000000000000000000000000de0b6b3a7640000"
                + addr(VAULT) + word(0), c.data());
        assertEquals(BigInteger.ZERO, c.valueWei());
    }

    @Test
    void aaveBorrowRepayWithdrawAndEMode() {
        AaveCalls aave = new AaveCalls(POOL, VAULT);
        assertEquals("0xa415bcad" + addr(TOKEN) + word(5) + word(2) + word(0) + addr(VAULT), aave.borrow(TOKEN, BigInteger.valueOf(5)).data());
        assertEquals("0x573ade81" + addr(TOKEN) + word(7) + word(2) + addr(VAULT), aave.repay(TOKEN, BigInteger.valueOf(7)).data());
        assertEquals("0x69328dec" + addr(TOKEN) + "f".repeat(64) + addr(VAULT), aave.withdraw(TOKEN, AaveCalls.ALL).data());
        assertEquals("0x28530a47" + word(1), aave.setUserEMode(1).data());
    }

    @Test
    void curveExchangeCarriesMinDy() {
        ContractCall c = CurveCalls.exchange(POOL, 1, 0, ONE_ETH, BigInteger.valueOf(999));
        assertEquals("0x3df02124" + word(1) + word(0) + "0000000000000000000000000000000000000000000000000de0b6b3a7640000"
                + word(999), c.data());
        assertThrows(IllegalArgumentException.class, () -> CurveCalls.exchange(POOL, 0, 0, ONE_ETH, ONE_ETH));
    }

    @Test
    void approveExactAndReset() {
        assertEquals("0x095ea7b3" + addr(POOL) + word(42), Erc20Calls.approve(TOKEN, POOL, BigInteger.valueOf(42)).data());
        assertEquals("0x095ea7b3" + addr(POOL) + word(0), Erc20Calls.resetApproval(TOKEN, POOL).data());
        assertThrows(IllegalArgumentException.class, () -> Erc20Calls.approve(TOKEN, POOL, BigInteger.ZERO));
    }

    @Test
    void eigenQueueWithdrawalsEncodesTheStructArray() {
        ContractCall c = new EigenLayerCalls(POOL, TOKEN, VAULT).queueWithdrawal(List.of(STRATEGY), List.of(BigInteger.TEN));
        assertEquals("queueWithdrawals((address[],uint256[],address)[])", c.signature());
        String expected = "0x0dd8dd02"
                + word(0x20)                       // offset of the params array
                + word(1)                          // one QueuedWithdrawalParams
                + word(0x20)                       // offset of element 0 within the array
                + word(0x60) + word(0xa0) + addr(VAULT) // strategies offset, shares offset, withdrawer
                + word(1) + addr(STRATEGY)         // strategies
                + word(1) + word(10);              // depositShares
        assertEquals(expected, c.data());
        assertEquals(TOKEN, c.target());
    }

    @Test
    void eigenCompleteWithdrawalSelectors() {
        EigenLayerCalls eigen = new EigenLayerCalls(POOL, TOKEN, VAULT);
        EigenWithdrawal w = new EigenWithdrawal(VAULT, "0x0000000000000000000000000000000000000000", VAULT, BigInteger.ZERO, 100,
                List.of(STRATEGY), List.of(BigInteger.TEN));
        ContractCall one = eigen.completeQueuedWithdrawal(w, List.of(TOKEN), true);
        assertEquals("completeQueuedWithdrawal((address,address,address,uint256,uint32,address[],uint256[]),address[],bool)", one.signature());
        assertEquals("0xe4cc3f90", one.selector());
        ContractCall many = eigen.completeQueuedWithdrawals(List.of(w), List.of(List.of(TOKEN)), true);
        assertEquals("completeQueuedWithdrawals((address,address,address,uint256,uint32,address[],uint256[])[],address[][],bool[])",
                many.signature());
        assertEquals("0x" + org.web3j.crypto.Hash.sha3String(many.signature()).substring(2, 10), many.selector());
    }

    @Test
    void pendleTradesPayTheVault() {
        PendleCalls pendle = new PendleCalls(POOL, VAULT);
        assertEquals("0x" + sel("swapExactTokenForPt(address,uint256,uint256)") + addr(VAULT) + word(100) + word(98),
                pendle.buyPt(BigInteger.valueOf(100), BigInteger.valueOf(98)).data());
        assertEquals("0x" + sel("redeemPt(address,uint256)") + addr(VAULT) + word(5), pendle.redeemPt(BigInteger.valueOf(5)).data());
    }

    @Test
    void selectorsMatchTheMainnetReference() {
        LiquidStakingDepositCalls lrt = new LiquidStakingDepositCalls(VAULT);
        LidoCalls lido = new LidoCalls(TOKEN, POOL);
        WethCalls weth = new WethCalls(TOKEN);
        EigenLayerCalls eigen = new EigenLayerCalls(POOL, TOKEN, VAULT);
        Map<String, ContractCall> bySelector = Map.ofEntries(
                Map.entry("0xea598cb0", lido.wrap(ONE_ETH)),
                Map.entry("0xde0e9a3e", lido.unwrap(ONE_ETH)),
                Map.entry("0xd0e30db0", weth.deposit(ONE_ETH)),
                Map.entry("0x2e1a7d4d", weth.withdraw(ONE_ETH)),
                Map.entry("0xf6326fb3", lrt.renzoDepositEth(POOL, ONE_ETH)),
                Map.entry("0x72c51c0b", lrt.kelpDepositEth(POOL, ONE_ETH, ONE_ETH)),
                Map.entry("0x2d2da806", lrt.pufferDepositEth(POOL, ONE_ETH)),
                Map.entry("0xe7a050aa", eigen.depositIntoStrategy(STRATEGY, TOKEN, ONE_ETH)));
        bySelector.forEach((selector, call) -> assertEquals(selector, call.selector(), call.signature()));
        assertEquals("0xd0e30db0", lrt.rocketPoolDeposit(POOL, ONE_ETH).data());
        assertEquals("0xd0e30db0", lrt.etherFiDeposit(POOL, ONE_ETH).data());
        assertEquals("0x2d2da806" + addr(VAULT), lrt.pufferDepositEth(POOL, ONE_ETH).data());
        assertEquals(ONE_ETH, lrt.kelpDepositEth(POOL, ONE_ETH, ONE_ETH).valueWei());
    }

    @Test
    void rocketBurnAndPufferRedeemAreTheNoPoolExits() {
        LiquidStakingDepositCalls lrt = new LiquidStakingDepositCalls(VAULT);
        // burn(uint256) 0x42966c68 (reference §2); ERC-4626 redeem(uint256,address,address) 0xba087652, to and from the vault
        assertEquals("0x42966c68" + word(7), lrt.rocketPoolBurn(TOKEN, BigInteger.valueOf(7)).data());
        assertEquals("0xba087652" + word(5) + addr(VAULT) + addr(VAULT), lrt.pufferRedeem(POOL, BigInteger.valueOf(5)).data());
        assertEquals(POOL, lrt.pufferRedeem(POOL, BigInteger.ONE).target());
        assertThrows(IllegalArgumentException.class, () -> lrt.rocketPoolBurn(TOKEN, BigInteger.ZERO));
    }

    @Test
    void kelpDepositEncodesTheEmptyReferralString() {
        ContractCall c = new LiquidStakingDepositCalls(VAULT).kelpDepositEth(POOL, ONE_ETH, BigInteger.valueOf(9));
        assertEquals("0x72c51c0b" + word(9) + word(0x40) + word(0), c.data());
    }

    @Test
    void manageWrapsTheCallForTheVault() {
        ContractCall inner = new WethCalls(TOKEN).deposit(BigInteger.valueOf(3));
        // manage(address,bytes,uint256): target, offset of bytes (0x60), value, then bytes length 4 + data padded
        String data = VaultManage.manage(inner);
        assertEquals("0x" + sel(VaultManage.MANAGE) + addr(TOKEN) + word(0x60) + word(3) + word(4)
                + "d0e30db0" + "0".repeat(56), data);
    }

    static String sel(String signature) {
        return org.web3j.crypto.Hash.sha3String(signature).substring(2, 10);
    }

    static String word(long v) {
        return String.format("%064x", v);
    }

    static String addr(String a) {
        return "0".repeat(24) + a.substring(2);
    }
}
