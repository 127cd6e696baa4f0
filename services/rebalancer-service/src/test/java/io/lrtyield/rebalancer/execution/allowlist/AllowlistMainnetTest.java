package io.lrtyield.rebalancer.execution.allowlist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lrtyield.common.catalogue.Catalogue;
import io.lrtyield.common.catalogue.CatalogueLoader;
import io.lrtyield.rebalancer.execution.AddressBook;
import io.lrtyield.rebalancer.execution.ContractCall;
import io.lrtyield.rebalancer.execution.venue.AaveCalls;
import io.lrtyield.rebalancer.execution.venue.CurveCalls;
import io.lrtyield.rebalancer.execution.venue.EigenLayerCalls;
import io.lrtyield.rebalancer.execution.venue.EigenWithdrawal;
import io.lrtyield.rebalancer.execution.venue.Erc20Calls;
import io.lrtyield.rebalancer.execution.venue.LidoCalls;
import io.lrtyield.rebalancer.execution.venue.EtherFiWithdrawalQueueCalls;
import io.lrtyield.rebalancer.execution.venue.LidoWithdrawalQueueCalls;
import io.lrtyield.rebalancer.execution.venue.LiquidStakingDepositCalls;
import io.lrtyield.rebalancer.execution.venue.WethCalls;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Keys;
import org.web3j.utils.Numeric;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code allowlists/mainnet.json}: every selector it states is keccak256 of its signature (web3j), every literal address
 * is a checksummed mainnet address, it loads against the mainnet catalogue's own address book (no extra entries), and
 * the venue adapters' calls for the mainnet venues pass while calls that would move funds elsewhere do not.
 */
class AllowlistMainnetTest {

    static final String VAULT = "0x00000000000000000000000000000000000000aa";
    static final String ATTACKER = "0x00000000000000000000000000000000000000bb";
    static final BigInteger ONE = BigInteger.TEN.pow(18);

    // contracts the mainnet catalogue does not name (shared/reference/mainnet-contracts.md)
    static final String ROCKET_DEPOSIT_POOL = "0xce15294273cfb9d9b628f4d61636623decdf4fdc";
    static final String ETHERFI_LIQUIDITY_POOL = "0x308861a430be4cce5502d0a12724771fc6daf216";
    static final String EETH = "0x35fa164735182de50811e8e2e824cfb9b6118ac2";
    static final String RENZO_RESTAKE_MANAGER = "0x74a09653a083691711cf8215a6ab074bb4e99ef5";
    static final String KELP_DEPOSIT_POOL = "0x036676389e48133b63a802f8635ad39e752d375d";
    static final String EIGEN_STETH_STRATEGY = "0x93c4b944d05dfe6df7645a86cd2206016c51564d";
    static final String LIDO_WITHDRAWAL_QUEUE = "0x889edc2edab5f40e902b864ad4d7ade8e412f9b1";
    static final String RENZO_WITHDRAW_QUEUE = "0x5efc9d10e42fb517456f4ac41eb5e2ebe42c8918";
    static final String KELP_WITHDRAWAL_MANAGER = "0x62de59c08eb5dae4b7e6f7a8cad3006d6965ec16";
    /** ether.fi's WithdrawRequestNFT (etherfi-protocol/smart-contracts script/deploys/Deployed.s.sol WITHDRAW_REQUEST_NFT). */
    static final String ETHERFI_WITHDRAW_REQUEST_NFT = "0x7d5706f6ef3f89b3951e23e557cdfbc3239d4e2c";
    /** Renzo's IS_NATIVE, Kelp's ETH_TOKEN: native ETH as the asset out. */
    static final String NATIVE = "0xeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee";

    Map<String, String> book;
    Allowlist allowlist;

    @BeforeEach
    void load() throws Exception {
        book = AddressBook.of(mainnetCatalogue(), Map.of());
        try (InputStream in = getClass().getResourceAsStream("/allowlists/mainnet.json")) {
            allowlist = AllowlistLoader.load(in, book, VAULT);
        }
    }

    @Test
    void everyStatedSelectorIsTheKeccakOfItsSignature() throws Exception {
        JsonNode rules = file().path("rules");
        assertEquals(40, rules.size());
        for (JsonNode r : rules) {
            String signature = r.path("signature").asText();
            assertEquals(r.path("selector").asText(), keccakSelector(signature), signature);
            assertEquals(ContractCall.selectorOf(signature), keccakSelector(signature), signature);
        }
        // anchors from the reference's own checks, so that a wrong hash function could not agree with itself
        assertEquals("0x70a08231", keccakSelector("balanceOf(address)"));
        assertEquals("0xa9059cbb", keccakSelector("transfer(address,uint256)"));
        assertEquals("0xf6326fb3", keccakSelector("depositETH()"));
        assertEquals("0x397a1b28", keccakSelector("requestWithdraw(address,uint256)"), "the reference's ether.fi requestWithdraw");
        // and web3j's ABI encoder derives the same selector from typed arguments
        String approve = FunctionEncoder.encode(new Function("approve", List.of(new Address(ATTACKER), new Uint256(ONE)), List.of()));
        assertEquals(keccakSelector("approve(address,uint256)"), approve.substring(0, 10));
    }

    /** First 4 bytes of keccak256 of the canonical signature, 0x-prefixed. */
    private static String keccakSelector(String signature) {
        return Numeric.toHexString(Hash.sha3(signature.getBytes(StandardCharsets.US_ASCII))).substring(0, 10);
    }

    @Test
    void literalAddressesAreChecksummedAndNamed() throws Exception {
        Set<String> literals = new HashSet<>();
        for (JsonNode r : file().path("rules")) {
            String target = r.path("target").asText();
            if (target.startsWith("0x")) {
                assertEquals(Keys.toChecksumAddress(target), target, "EIP-55 checksum of " + target);
                assertFalse(r.path("contract").asText().isBlank(), target + " says which contract it is");
                literals.add(target.toLowerCase());
            }
            r.path("args").forEach(values -> values.forEach(v -> {
                if (v.asText().startsWith("0x")) {
                    assertEquals(Keys.toChecksumAddress(v.asText()), v.asText(), "EIP-55 checksum of " + v.asText());
                    literals.add(v.asText().toLowerCase());
                }
            }));
        }
        assertEquals(Set.of(ROCKET_DEPOSIT_POOL, ETHERFI_LIQUIDITY_POOL, EETH, RENZO_RESTAKE_MANAGER, KELP_DEPOSIT_POOL,
                EIGEN_STETH_STRATEGY, LIDO_WITHDRAWAL_QUEUE, RENZO_WITHDRAW_QUEUE, KELP_WITHDRAWAL_MANAGER, ETHERFI_WITHDRAW_REQUEST_NFT, NATIVE),
                literals);
    }

    @Test
    void loadsAgainstTheMainnetCataloguesAddressBook() {
        assertEquals(40, allowlist.pairs().size());
        assertTrue(allowlist.pairs().contains(new VaultPair("0xbbbbbbbbbb9cc5e90e3b3af64bdaf62c37eeffcb", "0xa99aad89")), "Morpho Blue supply");
        assertTrue(allowlist.pairs().contains(new VaultPair("0xbbbbbbbbbb9cc5e90e3b3af64bdaf62c37eeffcb", "0x5c2bea49")), "Morpho Blue withdraw");
        assertTrue(allowlist.pairs().contains(new VaultPair("0x87870bca3f3fd6335c3f4ce8392d69350b4fa4e2", "0x617ba037")), "Aave v3 supply");
        assertTrue(allowlist.pairs().contains(new VaultPair("0xae7ab96520de3a18e5e111b5eaab095312d7fe84", "0xa1903eab")), "Lido submit");
        assertTrue(allowlist.pairs().contains(new VaultPair("0xdc24316b9ae028f1497c275eb9192a3ea0f67022", "0x3df02124")), "Curve exchange");
        assertTrue(allowlist.pairs().contains(new VaultPair(ROCKET_DEPOSIT_POOL, "0xd0e30db0")), "Rocket Pool deposit");
        assertTrue(allowlist.pairs().contains(new VaultPair("0x39053d51b77dc0d36036fc1fcc8cb819df8ef37a", "0xe4cc3f90")),
                "EigenLayer completeQueuedWithdrawal");
    }

    @Test
    void anAddressBookWithoutACatalogueContractIsRefused() throws Exception {
        Map<String, String> partial = new java.util.HashMap<>(book);
        partial.remove("curveStEthEthPool");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AllowlistLoader.load(new java.io.ByteArrayInputStream(resource().getBytes(StandardCharsets.UTF_8)), partial, VAULT));
        assertTrue(e.getMessage().contains("curveStEthEthPool"), e.getMessage());
    }

    @Test
    void allowsTheMainnetVenuesCalls() {
        LidoCalls lido = new LidoCalls(book.get("stETH"), book.get("wstETH"));
        AaveCalls aave = new AaveCalls(book.get("aavePool"), VAULT);
        LiquidStakingDepositCalls deposits = new LiquidStakingDepositCalls(VAULT);
        EigenLayerCalls eigen = new EigenLayerCalls(book.get("eigenStrategyManager"), book.get("eigenDelegationManager"), VAULT);
        WethCalls weth = new WethCalls(book.get("WETH"));
        List<ContractCall> calls = List.of(
                lido.submit(ONE), Erc20Calls.approve(book.get("stETH"), book.get("wstETH"), ONE), lido.wrap(ONE), lido.unwrap(ONE),
                Erc20Calls.approve(book.get("wstETH"), book.get("aavePool"), ONE), aave.supply(book.get("wstETH"), ONE),
                aave.setUserEMode(1), aave.borrow(book.get("WETH"), ONE), weth.withdraw(ONE), weth.deposit(ONE),
                Erc20Calls.approve(book.get("WETH"), book.get("aavePool"), ONE), aave.repay(book.get("WETH"), ONE),
                aave.withdraw(book.get("wstETH"), AaveCalls.ALL), Erc20Calls.resetApproval(book.get("WETH"), book.get("aavePool")),
                Erc20Calls.approve(book.get("stETH"), book.get("curveStEthEthPool"), ONE),
                CurveCalls.exchange(book.get("curveStEthEthPool"), 1, 0, ONE, ONE.subtract(BigInteger.TEN)),
                deposits.rocketPoolDeposit(ROCKET_DEPOSIT_POOL, ONE), deposits.rocketPoolBurn(book.get("rETH"), ONE),
                deposits.etherFiDeposit(ETHERFI_LIQUIDITY_POOL, ONE), Erc20Calls.approve(EETH, book.get("weETH"), ONE),
                deposits.weEthWrap(book.get("weETH"), ONE), deposits.weEthUnwrap(book.get("weETH"), ONE),
                deposits.renzoDepositEth(RENZO_RESTAKE_MANAGER, ONE), deposits.kelpDepositEth(KELP_DEPOSIT_POOL, ONE, ONE),
                deposits.pufferDepositEth(book.get("pufETH"), ONE), deposits.pufferRedeem(book.get("pufETH"), ONE),
                Erc20Calls.approve(book.get("stETH"), book.get("eigenStrategyManager"), ONE),
                eigen.depositIntoStrategy(EIGEN_STETH_STRATEGY, book.get("stETH"), ONE),
                eigen.queueWithdrawal(List.of(EIGEN_STETH_STRATEGY), List.of(ONE)),
                eigen.completeQueuedWithdrawal(new EigenWithdrawal(VAULT, ATTACKER, VAULT, BigInteger.ZERO, 21_000_000L,
                        List.of(EIGEN_STETH_STRATEGY), List.of(ONE)), List.of(book.get("stETH")), true),
                Erc20Calls.approve(book.get("stETH"), LIDO_WITHDRAWAL_QUEUE, ONE),
                new LidoWithdrawalQueueCalls(LIDO_WITHDRAWAL_QUEUE, VAULT).requestWithdrawals(List.of(LidoWithdrawalQueueCalls.MAX_REQUEST, ONE)),
                new LidoWithdrawalQueueCalls(LIDO_WITHDRAWAL_QUEUE, VAULT).claimWithdrawal(BigInteger.valueOf(42)),
                Erc20Calls.approve(EETH, ETHERFI_LIQUIDITY_POOL, ONE),
                EtherFiWithdrawalQueueCalls.requestWithdraw(ETHERFI_LIQUIDITY_POOL, VAULT, ONE),
                EtherFiWithdrawalQueueCalls.claimWithdraw(ETHERFI_WITHDRAW_REQUEST_NFT, BigInteger.valueOf(42)),
                Erc20Calls.approve(book.get("WETH"), book.get("morphoBlue"), ONE), morpho(VAULT).supply(ONE), morpho(VAULT).withdraw(ONE),
                morpho(VAULT).withdrawShares(ONE));
        for (ContractCall call : calls) {
            assertDoesNotThrow(() -> allowlist.require(call), call.signature() + " on " + call.target());
        }
    }

    @Test
    void refusesCallsThatWouldMoveFundsElsewhere() {
        assertThrows(NotAllowlistedException.class, () -> allowlist.require(new AaveCalls(book.get("aavePool"), ATTACKER)
                .supply(book.get("wstETH"), ONE)));
        assertThrows(NotAllowlistedException.class, () -> allowlist.require(new AaveCalls(book.get("aavePool"), ATTACKER)
                .withdraw(book.get("wstETH"), ONE)));
        assertThrows(NotAllowlistedException.class, () -> allowlist.require(Erc20Calls.approve(book.get("stETH"), ATTACKER, ONE)));
        assertThrows(NotAllowlistedException.class, () -> allowlist.require(
                EtherFiWithdrawalQueueCalls.requestWithdraw(ETHERFI_LIQUIDITY_POOL, ATTACKER, ONE)));
        assertThrows(NotAllowlistedException.class, () -> allowlist.require(new LiquidStakingDepositCalls(ATTACKER)
                .pufferDepositEth(book.get("pufETH"), ONE)));
        assertThrows(NotAllowlistedException.class, () -> allowlist.require(new LiquidStakingDepositCalls(ATTACKER)
                .pufferRedeem(book.get("pufETH"), ONE)));
        assertThrows(NotAllowlistedException.class, () -> allowlist.require(
                new EigenLayerCalls(book.get("eigenStrategyManager"), book.get("eigenDelegationManager"), VAULT)
                        .depositIntoStrategy(ATTACKER, book.get("stETH"), ONE)), "another strategy");
        assertThrows(NotAllowlistedException.class, () -> allowlist.require(new LidoWithdrawalQueueCalls(LIDO_WITHDRAWAL_QUEUE, ATTACKER)
                .requestWithdrawals(List.of(ONE))), "queue requests owned by another");
        assertThrows(NotAllowlistedException.class, () -> allowlist.require(
                ContractCall.of(book.get("WETH"), BigInteger.ZERO, "transfer", new Address(ATTACKER), new Uint256(ONE))));
        ContractCall wrapWithEth = new ContractCall(book.get("wstETH"), "wrap(uint256)",
                new LidoCalls(book.get("stETH"), book.get("wstETH")).wrap(ONE).data(), ONE);
        assertThrows(NotAllowlistedException.class, () -> allowlist.require(wrapWithEth), "ETH on a non-payable call");
        assertThrows(NotAllowlistedException.class, () -> allowlist.require(
                Erc20Calls.approve(book.get("cbETH"), book.get("aavePool"), ONE)), "cbETH has no mainnet route");
        assertThrows(NotAllowlistedException.class, () -> allowlist.require(morpho(ATTACKER).supply(ONE)));
        assertThrows(NotAllowlistedException.class, () -> allowlist.require(morpho(ATTACKER).withdraw(ONE)));
        io.lrtyield.common.lending.morpho.MarketParams theirs = new io.lrtyield.common.lending.morpho.MarketParams(book.get("WETH"),
                book.get("wstETH"), ATTACKER, book.get("morphoAdaptiveCurveIrm"), new BigInteger("945000000000000000"));
        assertThrows(NotAllowlistedException.class, () -> allowlist.require(
                new io.lrtyield.rebalancer.execution.venue.MorphoCalls(book.get("morphoBlue"), theirs, VAULT).supply(ONE)),
                "a market priced by another oracle");
    }

    /** The mainnet catalogue's Morpho market, for {@code onBehalf} / receiver {@code who}. */
    private io.lrtyield.rebalancer.execution.venue.MorphoCalls morpho(String who) {
        try {
            Catalogue c = mainnetCatalogue();
            io.lrtyield.common.lending.morpho.MorphoVenue m = io.lrtyield.common.lending.morpho.MorphoVenue.of(
                    c.venue("morpho-weth-supply").orElseThrow(), c);
            return new io.lrtyield.rebalancer.execution.venue.MorphoCalls(m.morpho(), m.params(), who);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Catalogue mainnetCatalogue() throws IOException {
        try (InputStream in = AllowlistMainnetTest.class.getClassLoader().getResourceAsStream("catalogues/mainnet.json")) {
            if (in == null) {
                throw new IOException("catalogues/mainnet.json (services/common) is not on the test classpath");
            }
            return CatalogueLoader.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private static String resource() throws IOException {
        try (InputStream in = AllowlistMainnetTest.class.getResourceAsStream("/allowlists/mainnet.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static JsonNode file() throws IOException {
        return new ObjectMapper().readTree(resource());
    }
}
