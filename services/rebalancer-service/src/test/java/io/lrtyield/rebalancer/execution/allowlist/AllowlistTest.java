package io.lrtyield.rebalancer.execution.allowlist;

import io.lrtyield.rebalancer.execution.ContractCall;
import io.lrtyield.rebalancer.execution.venue.AaveCalls;
import io.lrtyield.rebalancer.execution.venue.Erc20Calls;
import io.lrtyield.rebalancer.execution.venue.LidoCalls;
import io.lrtyield.rebalancer.execution.venue.LiquidStakingDepositCalls;
import io.lrtyield.rebalancer.execution.venue.EtherFiWithdrawalQueueCalls;
import io.lrtyield.rebalancer.execution.venue.LrtWithdrawalQueueCalls;
import io.lrtyield.rebalancer.execution.venue.PendleCalls;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.generated.Uint256;

import java.io.InputStream;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The devnet allowlist configuration, resolved against a made-up address book, checking calls before signing. */
class AllowlistTest {

    static final String VAULT = "0x00000000000000000000000000000000000000aa";
    static final String ATTACKER = "0x00000000000000000000000000000000000000bb";
    static final BigInteger ONE = BigInteger.TEN.pow(18);

    static Map<String, String> addressBook() {
        Map<String, String> book = new LinkedHashMap<>();
        String[] names = {"stETH", "wstETH", "WETH", "rETH", "cbETH", "eETH", "weETH", "ezETH", "rsETH", "pufETH", "usdc",
                "pendlePtWeEth", "rocketDepositPool", "etherfiLiquidityPool", "renzoRestakeManager", "kelpDepositPool",
                "curveStEthWethPool", "curveEEthWethPool", "aavePool", "pendleMarketWeEth", "eigenStrategyManager",
                "eigenDelegationManager", "eigenStEthStrategy", "lidoWithdrawalQueue", "renzoWithdrawQueue", "kelpWithdrawalManager",
                "etherfiWithdrawRequestNFT", "morphoBlue", "morphoOracleWstEthWeth", "morphoAdaptiveCurveIrm"};
        for (int i = 0; i < names.length; i++) {
            book.put(names[i], String.format("0x%040x", 0x1000 + i));
        }
        return book;
    }

    Map<String, String> book;
    Allowlist allowlist;

    @BeforeEach
    void load() throws Exception {
        book = addressBook();
        try (InputStream in = getClass().getResourceAsStream("/allowlists/devnet.json")) {
            allowlist = AllowlistLoader.load(in, book, VAULT);
        }
    }

    @Test
    void devnetConfigurationHasTheVaultsPairs() {
        assertEquals(49, allowlist.pairs().size(), "37 + rETH burn and pufETH redeem + Lido's requestWithdrawals and claimWithdrawal"
                + " + Renzo's withdraw and claim + Kelp's initiateWithdrawal and completeWithdrawal"
                + " + ether.fi's requestWithdraw and claimWithdraw + Morpho's supply and withdraw");
        assertTrue(allowlist.pairs().contains(new VaultPair(book.get("aavePool"), "0x617ba037")));
        assertTrue(allowlist.pairs().contains(new VaultPair(book.get("stETH"), "0xa1903eab")));
    }

    @Test
    void allowsThePlansCalls() {
        LidoCalls lido = new LidoCalls(book.get("stETH"), book.get("wstETH"));
        AaveCalls aave = new AaveCalls(book.get("aavePool"), VAULT);
        assertDoesNotThrow(() -> allowlist.require(lido.submit(ONE)));
        assertDoesNotThrow(() -> allowlist.require(Erc20Calls.approve(book.get("stETH"), book.get("wstETH"), ONE)));
        assertDoesNotThrow(() -> allowlist.require(lido.wrap(ONE)));
        assertDoesNotThrow(() -> allowlist.require(Erc20Calls.approve(book.get("wstETH"), book.get("aavePool"), ONE)));
        assertDoesNotThrow(() -> allowlist.require(aave.supply(book.get("wstETH"), ONE)));
        assertDoesNotThrow(() -> allowlist.require(Erc20Calls.resetApproval(book.get("wstETH"), book.get("aavePool"))));
        assertDoesNotThrow(() -> allowlist.require(new LiquidStakingDepositCalls(VAULT).pufferDepositEth(book.get("pufETH"), ONE)));
        var queue = new io.lrtyield.rebalancer.execution.venue.LidoWithdrawalQueueCalls(book.get("lidoWithdrawalQueue"), VAULT);
        assertDoesNotThrow(() -> allowlist.require(Erc20Calls.approve(book.get("stETH"), book.get("lidoWithdrawalQueue"), ONE)));
        assertDoesNotThrow(() -> allowlist.require(queue.requestWithdrawals(java.util.List.of(ONE, ONE))));
        assertDoesNotThrow(() -> allowlist.require(queue.claimWithdrawal(BigInteger.ONE)));
        assertThrows(NotAllowlistedException.class, () -> allowlist.require(
                new io.lrtyield.rebalancer.execution.venue.LidoWithdrawalQueueCalls(book.get("lidoWithdrawalQueue"), ATTACKER)
                        .requestWithdrawals(java.util.List.of(ONE))), "requests owned by another than the vault");
        // Renzo's and Kelp's queues: native ETH out, claims for the vault only
        String renzo = book.get("renzoWithdrawQueue");
        String kelp = book.get("kelpWithdrawalManager");
        assertDoesNotThrow(() -> allowlist.require(Erc20Calls.approve(book.get("ezETH"), renzo, ONE)));
        assertDoesNotThrow(() -> allowlist.require(LrtWithdrawalQueueCalls.renzoWithdraw(renzo, ONE)));
        assertDoesNotThrow(() -> allowlist.require(LrtWithdrawalQueueCalls.renzoClaim(renzo, 2, VAULT)));
        assertThrows(NotAllowlistedException.class, () -> allowlist.require(LrtWithdrawalQueueCalls.renzoClaim(renzo, 0, ATTACKER)),
                "a claim paid to another than the vault");
        assertThrows(NotAllowlistedException.class, () -> allowlist.require(ContractCall.of(renzo, BigInteger.ZERO, "withdraw",
                new Uint256(ONE), new Address(book.get("stETH")))), "an asset out other than native ETH");
        assertDoesNotThrow(() -> allowlist.require(Erc20Calls.approve(book.get("rsETH"), kelp, ONE)));
        assertDoesNotThrow(() -> allowlist.require(LrtWithdrawalQueueCalls.kelpInitiateWithdrawal(kelp, ONE)));
        assertDoesNotThrow(() -> allowlist.require(LrtWithdrawalQueueCalls.kelpCompleteWithdrawal(kelp)));
        assertThrows(NotAllowlistedException.class, () -> allowlist.require(Erc20Calls.approve(book.get("rsETH"), renzo, ONE)),
                "rsETH approved to Renzo's queue");
        // ether.fi's: eETH approved to the LiquidityPool, the request NFT minted to the vault only
        String pool = book.get("etherfiLiquidityPool");
        assertDoesNotThrow(() -> allowlist.require(Erc20Calls.approve(book.get("eETH"), pool, ONE)));
        assertDoesNotThrow(() -> allowlist.require(EtherFiWithdrawalQueueCalls.requestWithdraw(pool, VAULT, ONE)));
        assertDoesNotThrow(() -> allowlist.require(EtherFiWithdrawalQueueCalls.claimWithdraw(book.get("etherfiWithdrawRequestNFT"),
                BigInteger.valueOf(7))));
        assertThrows(NotAllowlistedException.class, () -> allowlist.require(EtherFiWithdrawalQueueCalls.requestWithdraw(pool, ATTACKER, ONE)),
                "a request NFT minted to another than the vault");
    }

    @Test
    void refusesATransferOutOfTheVault() {
        ContractCall transfer = ContractCall.of(book.get("WETH"), BigInteger.ZERO, "transfer", new Address(ATTACKER), new Uint256(ONE));
        NotAllowlistedException e = assertThrows(NotAllowlistedException.class, () -> allowlist.require(transfer));
        assertTrue(e.getMessage().contains("transfer(address,uint256)"), e.getMessage());
    }

    @Test
    void refusesAReceiverOtherThanTheVault() {
        assertThrows(NotAllowlistedException.class, () -> allowlist.require(new AaveCalls(book.get("aavePool"), ATTACKER)
                .supply(book.get("wstETH"), ONE)));
        assertThrows(NotAllowlistedException.class, () -> allowlist.require(new AaveCalls(book.get("aavePool"), ATTACKER)
                .borrow(book.get("WETH"), ONE)));
        assertThrows(NotAllowlistedException.class, () -> allowlist.require(new PendleCalls(book.get("pendleMarketWeEth"), ATTACKER)
                .buyPt(ONE, ONE)));
    }

    @Test
    void refusesAnApprovalToAnUnknownSpender() {
        NotAllowlistedException e = assertThrows(NotAllowlistedException.class,
                () -> allowlist.require(Erc20Calls.approve(book.get("wstETH"), ATTACKER, ONE)));
        assertTrue(e.getMessage().contains("argument 0"), e.getMessage());
    }

    @Test
    void refusesEthOnANonPayableCall() {
        ContractCall wrapWithEth = new ContractCall(book.get("wstETH"), "wrap(uint256)",
                new LidoCalls(book.get("stETH"), book.get("wstETH")).wrap(ONE).data(), ONE);
        assertThrows(NotAllowlistedException.class, () -> allowlist.require(wrapWithEth));
    }

    @Test
    void refusesAnUnknownContractName() {
        Map<String, String> partial = addressBook();
        partial.remove("aavePool");
        assertThrows(IllegalArgumentException.class, () -> AllowlistLoader.load(
                getClass().getResourceAsStream("/allowlists/devnet.json"), partial, VAULT));
    }

    @Test
    void consistencyNamesBothDifferences() {
        VaultPair a = new VaultPair(book.get("aavePool"), "0x617ba037");
        VaultPair b = new VaultPair(book.get("WETH"), "0xa9059cbb");
        Set<VaultPair> onChain = new java.util.TreeSet<>(allowlist.pairs());
        onChain.remove(a);
        onChain.add(b);
        AllowlistConsistency c = AllowlistConsistency.compare(allowlist.pairs(), onChain);
        assertFalse(c.matches());
        assertEquals(Set.of(a), c.onlyOffChain());
        assertEquals(Set.of(b), c.onlyOnChain());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> c.requireMatch(VAULT));
        assertTrue(e.getMessage().contains("refusing to run"));
        assertTrue(AllowlistConsistency.compare(allowlist.pairs(), allowlist.pairs()).matches());
    }
}
