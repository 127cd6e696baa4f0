package io.lrtyield.rebalancer.execution;

import io.lrtyield.rebalancer.execution.allowlist.Allowlist;
import io.lrtyield.rebalancer.execution.allowlist.AllowlistRule;
import io.lrtyield.rebalancer.execution.sign.KeystoreSigner;
import io.lrtyield.rebalancer.execution.venue.Erc20Calls;
import io.lrtyield.rebalancer.execution.venue.LidoCalls;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.crypto.TransactionDecoder;
import org.web3j.crypto.WalletUtils;
import org.web3j.crypto.transaction.type.Transaction1559;
import org.web3j.utils.Numeric;

import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The executor's order of checks against a scripted node, with a real keystore signer. */
class PlanExecutorTest {

    static final String VAULT = "0x00000000000000000000000000000000000000aa";
    static final String STETH = "0x0000000000000000000000000000000000001000";
    static final String WSTETH = "0x0000000000000000000000000000000000001001";
    static final String PASSWORD_VAR = "TEST_SIGNER_PASSWORD";
    static final BigInteger ONE = BigInteger.TEN.pow(18);

    @TempDir
    static Path dir;
    static KeystoreSigner signer;
    static String privateKeyHex;

    @BeforeAll
    static void keystore() throws Exception {
        ECKeyPair keys = Keys.createEcKeyPair();
        privateKeyHex = Numeric.toHexStringNoPrefix(keys.getPrivateKey());
        String file = WalletUtils.generateWalletFile("s3cret-pass", keys, dir.toFile(), false);
        signer = KeystoreSigner.fromKeystore(dir.resolve(file), PASSWORD_VAR, Map.of(PASSWORD_VAR, "s3cret-pass")::get);
    }

    static Allowlist allowlist() {
        return new Allowlist(List.of(new AllowlistRule(STETH, "submit(address)", true, Map.of()),
                new AllowlistRule(STETH, "approve(address,uint256)", false, Map.of(0, Set.of(WSTETH))),
                new AllowlistRule(WSTETH, "wrap(uint256)", false, Map.of())));
    }

    static PlanExecutor executor(FakeChain chain) {
        FeePolicy policy = new FeePolicy(5, 50, BigInteger.ONE, BigInteger.TEN.pow(10), BigInteger.TEN.pow(12));
        return new PlanExecutor(chain, allowlist(), new TransactionSimulator(chain, 2_000), new FeeOracle(chain, policy), signer,
                VAULT, Duration.ofSeconds(2), ExecutionListener.NONE);
    }

    static ExecutionPlan stakeAndWrap() {
        LidoCalls lido = new LidoCalls(STETH, WSTETH);
        return new ExecutionPlan("p1", List.of(PlannedAction.of("lido-wsteth", "STAKE", lido.submit(ONE)),
                PlannedAction.of("lido-wsteth", "APPROVE", Erc20Calls.approve(STETH, WSTETH, ONE)),
                PlannedAction.of("lido-wsteth", "WRAP", lido.wrap(ONE))));
    }

    @Test
    void signsEachActionAsAVaultManageCallWithConsecutiveNonces() throws Exception {
        FakeChain chain = new FakeChain();
        ExecutionReport report = executor(chain).execute(stakeAndWrap());
        assertTrue(report.done(), report.error());
        assertEquals(3, chain.broadcasts.size());
        for (int i = 0; i < 3; i++) {
            Transaction1559 tx = (Transaction1559) TransactionDecoder.decode(chain.broadcasts.get(i)).getTransaction();
            assertEquals(BigInteger.valueOf(7 + i), tx.getNonce());
            assertEquals(VAULT, tx.getTo());
            assertEquals(BigInteger.ZERO, tx.getValue());
            assertEquals(VaultManage.manage(stakeAndWrap().actions().get(i).call()), tx.getData().startsWith("0x") ? tx.getData() : "0x" + tx.getData());
            assertEquals(BigInteger.valueOf(120_000), tx.getGasLimit(), "estimate + 20 %");
            assertEquals(BigInteger.valueOf(26), tx.getMaxFeePerGas(), "2 x next base fee 12 + median tip 2");
            assertEquals(BigInteger.TWO, tx.getMaxPriorityFeePerGas());
            assertEquals(31337L, tx.getChainId());
        }
        assertEquals(List.of(ActionOutcome.CONFIRMED, ActionOutcome.CONFIRMED, ActionOutcome.CONFIRMED),
                report.outcomes().stream().map(ActionOutcome::status).toList());
    }

    @Test
    void aNonAllowlistedActionIsRefusedBeforeAnythingIsSimulatedOrSigned() throws Exception {
        FakeChain chain = new FakeChain();
        ExecutionPlan plan = new ExecutionPlan("p2", List.of(PlannedAction.of("lido-wsteth", "STAKE", new LidoCalls(STETH, WSTETH).submit(ONE)),
                PlannedAction.of("x", "APPROVE", Erc20Calls.approve(STETH, "0x00000000000000000000000000000000000000bb", ONE))));
        ExecutionReport report = executor(chain).execute(plan);
        assertEquals(ExecutionReport.REFUSED, report.status());
        assertTrue(report.error().contains("argument 0"), report.error());
        assertTrue(chain.calls.isEmpty(), "nothing simulated");
        assertTrue(chain.broadcasts.isEmpty(), "nothing sent");
        assertEquals(0, report.signedCount());
    }

    @Test
    void aRevertingPreflightAbortsThePlanBeforeSigning() throws Exception {
        FakeChain chain = new FakeChain();
        String wrapData = new LidoCalls(STETH, WSTETH).wrap(ONE).data().substring(2);
        chain.revertWhen = data -> data.contains(wrapData);
        ExecutionReport report = executor(chain).execute(stakeAndWrap());
        assertEquals(ExecutionReport.REFUSED, report.status());
        assertTrue(report.error().contains("scripted"), report.error());
        assertEquals(1, chain.calls.size(), "only the batch preflight ran");
        assertTrue(chain.broadcasts.isEmpty());
    }

    @Test
    void anOnChainRevertStopsThePlanAndLeavesTheRestUnrun() throws Exception {
        FakeChain chain = new FakeChain();
        chain.revertOnChainWhen = raw -> chain.broadcasts.size() == 2;
        ExecutionReport report = executor(chain).execute(stakeAndWrap());
        assertEquals(ExecutionReport.FAILED, report.status());
        assertEquals(List.of(ActionOutcome.CONFIRMED, ActionOutcome.FAILED, ActionOutcome.NOT_RUN),
                report.outcomes().stream().map(ActionOutcome::status).toList());
        assertEquals(2, chain.broadcasts.size());
    }

    @Test
    void everyStateChangeIsPublishedWithoutRawBytes() throws Exception {
        FakeChain chain = new FakeChain();
        java.util.List<io.lrtyield.common.event.ExecutionEvent> events = new java.util.ArrayList<>();
        FeePolicy policy = new FeePolicy(5, 50, BigInteger.ONE, BigInteger.TEN.pow(10), BigInteger.TEN.pow(12));
        PlanExecutor executor = new PlanExecutor(chain, allowlist(), new TransactionSimulator(chain, 2_000), new FeeOracle(chain, policy),
                signer, VAULT, Duration.ofSeconds(2), ExecutionListeners.of(ExecutionListener.NONE,
                new ExecutionEventPublisher(VAULT, 31337, events::add)));
        assertTrue(executor.execute(stakeAndWrap()).done());
        assertEquals(List.of("SIGNED", "SENT", "MINED", "CONFIRMED"), events.subList(0, 4).stream()
                .map(io.lrtyield.common.event.ExecutionEvent::status).toList());
        assertEquals(12, events.size());
        assertEquals(BigInteger.valueOf(9), events.get(11).nonce());
        String json = io.lrtyield.common.codec.EventCodec.mapper().writeValueAsString(events);
        for (String raw : chain.broadcasts) {
            assertFalse(json.contains(raw.substring(2, 60)), "raw transaction bytes in an event");
        }
        assertFalse(json.contains(privateKeyHex));
        assertEquals(events.get(0).eventId(), io.lrtyield.common.event.ExecutionEvent.idFor(VAULT, events.get(0).txHash(), "SIGNED"));
    }

    @Test
    void confirmationsAreCountedInBlocks() throws Exception {
        FakeChain chain = new FakeChain();
        ExecutionReport report = executor(chain).withConfirmations(3).execute(stakeAndWrap());
        assertTrue(report.done(), report.error());
        assertEquals(List.of(101L, 104L, 107L), report.outcomes().stream().map(ActionOutcome::blockNumber).toList());
        // each action waits for its block to be 3 deep (two more blocks) before the next one is signed and sent
        assertEquals(List.of(100L, 103L, 106L), chain.broadcastHeads);
        assertEquals(6, chain.emptyBlocks);
    }

    @Test
    void withoutNewBlocksNothingIsReplacedAndOnlyTheWallClockTimeoutEndsTheWait() throws Exception {
        FakeChain chain = new FakeChain();
        chain.holdWhen = raw -> true;
        chain.stalled = true;
        long start = System.nanoTime();
        ExecutionReport report = executor(chain).withReplacement(new ReplacementPolicy(1, 1_250, 3)).execute(stakeAndWrap());
        long waitedMillis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(ExecutionReport.FAILED, report.status());
        assertEquals("not mined within 2 s", report.outcomes().get(0).error());
        assertTrue(waitedMillis >= 2_000, "gave up after " + waitedMillis + " ms");
        assertEquals(1, chain.broadcasts.size(), "stuck is counted in blocks: no block, no replacement");
    }

    @Test
    void theSignerNeverShowsItsKey() {
        assertFalse(signer.toString().contains(privateKeyHex));
        assertTrue(signer.toString().contains(signer.address()));
        IllegalStateException wrong = assertThrows(IllegalStateException.class, () -> KeystoreSigner.fromKeystore(
                dir.resolve(dir.toFile().list()[0]), PASSWORD_VAR, Map.of(PASSWORD_VAR, "hunter2-not-it")::get));
        assertFalse(wrong.getMessage().contains("hunter2-not-it"), wrong.getMessage());
        assertFalse(wrong.getMessage().contains(privateKeyHex));
        assertThrows(IllegalStateException.class, () -> KeystoreSigner.fromKeystore(dir.resolve("x.json"), PASSWORD_VAR, v -> null));
    }
}
