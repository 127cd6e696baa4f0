package io.lrtyield.rebalancer.execution.journal;

import io.lrtyield.rebalancer.execution.ExecutionListener;
import io.lrtyield.rebalancer.execution.ExecutionPlan;
import io.lrtyield.rebalancer.execution.ExecutionReport;
import io.lrtyield.rebalancer.execution.FakeChainAccess;
import io.lrtyield.rebalancer.execution.FeeOracle;
import io.lrtyield.rebalancer.execution.FeePolicy;
import io.lrtyield.rebalancer.execution.PlanExecutor;
import io.lrtyield.rebalancer.execution.PlannedAction;
import io.lrtyield.rebalancer.execution.TransactionSimulator;
import io.lrtyield.rebalancer.execution.allowlist.Allowlist;
import io.lrtyield.rebalancer.execution.allowlist.AllowlistRule;
import io.lrtyield.rebalancer.execution.chain.ExecutionChain;
import io.lrtyield.rebalancer.execution.sign.KeystoreSigner;
import io.lrtyield.rebalancer.execution.sign.SignedTransaction;
import io.lrtyield.rebalancer.execution.venue.WethCalls;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Keys;
import org.web3j.crypto.TransactionDecoder;
import org.web3j.crypto.WalletUtils;

import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The executor "dies" at random points of a 5-action plan (an Error thrown from a journal hook: after the SIGNED
 * write before the broadcast, after the broadcast before SENT, after mining before CONFIRMED), ten times in a row,
 * and a fresh executor resumes from the journal each time: no duplicate transaction, no nonce gap, every action
 * CONFIRMED.
 */
class CrashRecoveryTest {

    static final String VAULT = "0x00000000000000000000000000000000000000aa";
    static final String WETH = "0x0000000000000000000000000000000000001000";

    @TempDir
    static Path dir;
    static KeystoreSigner signer;

    @BeforeAll
    static synchronized void keystore() throws Exception {
        if (signer != null) {
            return;
        }
        if (dir == null) {
            dir = java.nio.file.Files.createTempDirectory("crash-keystore");
        }
        String file = WalletUtils.generateWalletFile("pw", Keys.createEcKeyPair(), dir.toFile(), false);
        signer = KeystoreSigner.fromKeystore(dir.resolve(file), "P", Map.of("P", "pw")::get);
    }

    static final class Crash extends Error {
    }

    /** Delegates to the journal listener and dies at the {@code crashAt}-th hook (counted over signed/sent/mined). */
    static final class DyingListener implements ExecutionListener {
        final JournalingListener journal;
        final int crashAt;
        final int where;
        int hooks;

        DyingListener(JournalingListener journal, int crashAt, int where) {
            this.journal = journal;
            this.crashAt = crashAt;
            this.where = where;
        }

        @Override
        public void planned(ExecutionPlan plan, int from) {
            journal.planned(plan, from);
        }

        @Override
        public void signed(String planId, int index, SignedTransaction tx) {
            journal.signed(planId, index, tx);
            die(0);
        }

        @Override
        public void sent(String planId, int index, SignedTransaction tx) {
            die(1);
            journal.sent(planId, index, tx);
        }

        @Override
        public void mined(String planId, int index, SignedTransaction tx, ExecutionChain.Receipt receipt) {
            die(2);
            journal.mined(planId, index, tx, receipt);
        }

        @Override
        public void confirmed(String planId, int index, SignedTransaction tx, ExecutionChain.Receipt receipt) {
            journal.confirmed(planId, index, tx, receipt);
        }

        @Override
        public void failed(String planId, int index, String txHash, String error) {
            journal.failed(planId, index, txHash, error);
        }

        @Override
        public void finished(ExecutionPlan plan, ExecutionReport report) {
            journal.finished(plan, report);
        }

        private void die(int point) {
            if (point == where && hooks++ == crashAt) {
                throw new Crash();
            }
        }
    }

    static PlanExecutor executor(ExecutionChain chain, ExecutionListener listener, ExecutionRecovery recovery) {
        return executor(chain, listener, recovery::nextNonce);
    }

    static PlanExecutor executor(ExecutionChain chain, ExecutionListener listener, PlanExecutor.NonceSource nonces) {
        Allowlist allowlist = new Allowlist(List.of(new AllowlistRule(WETH, "deposit()", true, Map.of())));
        FeePolicy fees = new FeePolicy(5, 50, BigInteger.ONE, BigInteger.TEN.pow(10), BigInteger.TEN.pow(12));
        return new PlanExecutor(chain, allowlist, new TransactionSimulator(chain, 1_000), new FeeOracle(chain, fees), signer, VAULT,
                Duration.ofSeconds(2), listener, nonces);
    }

    static ExecutionPlan fiveDeposits(String id) {
        List<PlannedAction> actions = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            actions.add(PlannedAction.of("idle-eth", "WRAP", new WethCalls(WETH).deposit(BigInteger.valueOf(i))));
        }
        return new ExecutionPlan(id, actions);
    }

    @Test
    void tenRandomCrashesInARowThenResumeGivesExactlyOnce() throws Exception {
        Random random = new Random(7);
        for (int run = 0; run < 10; run++) {
            var chain = FakeChainAccess.create();
            InMemoryExecutionJournal journal = new InMemoryExecutionJournal();
            String planId = "plan-" + run;
            int crashes = 0;
            boolean started = false;
            for (int attempt = 0; attempt < 20; attempt++) {
                long token = journal.acquireLease(VAULT, "instance-" + attempt, Duration.ofMillis(1)).orElseThrow();
                Thread.sleep(2); // the dead instance's lease lapses; the next one takes over with a new token
                ExecutionRecovery recovery = new ExecutionRecovery(journal, chain, VAULT, () -> token, Duration.ofSeconds(2));
                // the first attempt always dies (all five actions still ahead), later ones maybe; the last run clean
                boolean crash = attempt == 0 || (attempt < 4 && random.nextBoolean());
                ExecutionListener listener = crash
                        ? new DyingListener(new JournalingListener(journal, VAULT, () -> token), random.nextInt(5), random.nextInt(3))
                        : new JournalingListener(journal, VAULT, () -> token);
                PlanExecutor executor = executor(chain, listener, recovery);
                try {
                    recovery.resumeAll(executor);
                    if (!started) {
                        started = true;
                        ExecutionReport r = executor.execute(fiveDeposits(planId));
                        assertEquals(ExecutionReport.DONE, r.status(), r.error());
                    }
                    if (journal.openPlans(VAULT).isEmpty()) {
                        break;
                    }
                } catch (Crash expected) {
                    crashes++;
                }
            }
            assertTrue(crashes >= 1, "run " + run + " never crashed");
            assertTrue(journal.openPlans(VAULT).isEmpty(), "run " + run + ": plan still open after " + crashes + " crashes");
            List<JournalEntry> entries = journal.entries(VAULT, planId);
            assertEquals(5, entries.size());
            assertTrue(entries.stream().allMatch(e -> e.status() == TxStatus.CONFIRMED), "run " + run + ": " + entries);

            // each nonce carries exactly one distinct transaction, nonces 7..11 without gaps
            Map<BigInteger, Set<String>> byNonce = new HashMap<>();
            for (String raw : FakeChainAccess.broadcasts(chain)) {
                BigInteger nonce = TransactionDecoder.decode(raw).getNonce();
                byNonce.computeIfAbsent(nonce, n -> new HashSet<>()).add(raw);
            }
            assertEquals(Set.of(7, 8, 9, 10, 11).stream().map(BigInteger::valueOf).collect(java.util.stream.Collectors.toSet()),
                    byNonce.keySet(), "run " + run);
            assertTrue(byNonce.values().stream().allMatch(s -> s.size() == 1), "run " + run + ": a nonce was signed twice");
            assertEquals(entries.stream().map(JournalEntry::nonce).toList(),
                    List.of(7, 8, 9, 10, 11).stream().map(BigInteger::valueOf).toList());
        }
    }

    /**
     * executions.v1 after crashes: the executor's events come after its journal writes (a crash in between loses them),
     * the recovery's after its own — together every action's MINED and CONFIRMED are published exactly once.
     */
    @Test
    void afterCrashesEveryActionIsMinedAndConfirmedOnTheTopicExactlyOnce() throws Exception {
        Random random = new Random(11);
        for (int run = 0; run < 6; run++) {
            var chain = FakeChainAccess.create();
            InMemoryExecutionJournal journal = new InMemoryExecutionJournal();
            List<io.lrtyield.common.event.ExecutionEvent> topic = new ArrayList<>();
            var publisher = new io.lrtyield.rebalancer.execution.ExecutionEventPublisher(VAULT, 31337, topic::add);
            String planId = "events-" + run;
            boolean started = false;
            for (int attempt = 0; attempt < 20; attempt++) {
                long token = journal.acquireLease(VAULT, "instance-" + attempt, Duration.ofMillis(1)).orElseThrow();
                Thread.sleep(2);
                ExecutionRecovery recovery = new ExecutionRecovery(journal, chain, VAULT, () -> token, Duration.ofSeconds(2), publisher);
                boolean crash = attempt == 0 || (attempt < 4 && random.nextBoolean());
                JournalingListener journaling = new JournalingListener(journal, VAULT, () -> token);
                ExecutionListener listener = io.lrtyield.rebalancer.execution.ExecutionListeners.of(
                        crash ? new DyingListener(journaling, random.nextInt(5), random.nextInt(3)) : journaling, publisher);
                PlanExecutor executor = executor(chain, listener, recovery);
                try {
                    recovery.resumeAll(executor);
                    if (!started) {
                        started = true;
                        assertEquals(ExecutionReport.DONE, executor.execute(fiveDeposits(planId)).status());
                    }
                    if (journal.openPlans(VAULT).isEmpty()) {
                        break;
                    }
                } catch (Crash expected) {
                    // the next instance takes over
                }
            }
            assertTrue(journal.openPlans(VAULT).isEmpty(), "run " + run);
            for (String status : List.of("MINED", "CONFIRMED")) {
                Map<Integer, Long> perAction = topic.stream().filter(e -> status.equals(e.status()))
                        .collect(java.util.stream.Collectors.groupingBy(io.lrtyield.common.event.ExecutionEvent::actionIndex,
                                java.util.stream.Collectors.counting()));
                assertEquals(Map.of(0, 1L, 1, 1L, 2, 1L, 3, 1L, 4, 1L), perAction, "run " + run + " " + status + ": " + topic);
            }
            List<JournalEntry> entries = journal.entries(VAULT, planId);
            for (JournalEntry e : entries) {
                var confirmed = topic.stream().filter(x -> "CONFIRMED".equals(x.status()) && x.actionIndex() == e.index()).findFirst().orElseThrow();
                assertEquals(e.txHash(), confirmed.txHash());
                assertEquals(e.nonce(), confirmed.nonce());
                assertEquals(VAULT, confirmed.to(), "every call goes through the vault's manage");
            }
        }
    }

    @Test
    void aStaleFencingTokenCannotJournalSoCannotBroadcast() throws Exception {
        var chain = FakeChainAccess.create();
        InMemoryExecutionJournal journal = new InMemoryExecutionJournal();
        long first = journal.acquireLease(VAULT, "a", Duration.ofMillis(1)).orElseThrow();
        Thread.sleep(3);
        long second = journal.acquireLease(VAULT, "b", Duration.ofSeconds(30)).orElseThrow();
        assertTrue(second > first);
        assertTrue(journal.acquireLease(VAULT, "a", Duration.ofSeconds(30)).isEmpty(), "b holds the lease");
        ExecutionRecovery recovery = new ExecutionRecovery(journal, chain, VAULT, () -> first, Duration.ofSeconds(1));
        PlanExecutor stale = executor(chain, new JournalingListener(journal, VAULT, () -> first), recovery);
        assertThrows(FencedOutException.class, () -> stale.execute(fiveDeposits("p")));
        assertTrue(FakeChainAccess.broadcasts(chain).isEmpty(), "nothing broadcast without a journal write");
    }
}
