package io.lrtyield.rebalancer.execution.it;

import io.lrtyield.rebalancer.execution.ExecutionListener;
import io.lrtyield.rebalancer.execution.ExecutionPlan;
import io.lrtyield.rebalancer.execution.ExecutionReport;
import io.lrtyield.rebalancer.execution.PlanExecutor;
import io.lrtyield.rebalancer.execution.PlannedAction;
import io.lrtyield.rebalancer.execution.chain.ExecutionChain;
import io.lrtyield.rebalancer.execution.journal.ExecutionRecovery;
import io.lrtyield.rebalancer.execution.journal.FencedOutException;
import io.lrtyield.rebalancer.execution.journal.JournalEntry;
import io.lrtyield.rebalancer.execution.journal.JournalingListener;
import io.lrtyield.rebalancer.execution.journal.RedisExecutionJournal;
import io.lrtyield.rebalancer.execution.journal.TxStatus;
import io.lrtyield.rebalancer.execution.sign.SignedTransaction;
import io.lrtyield.rebalancer.execution.venue.WethCalls;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.abi.datatypes.Address;

import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Exactly-once on a real chain with the Redis journal: an executor dies at random points of a 5-action plan ten times
 * in a row (an Error thrown from a journal hook, abandoning the executor mid-flight), a new "instance" takes the lease
 * over each time and resumes from Redis. The chain then shows exactly five transactions per plan (nonces without
 * gaps) and the vault's WETH grew by exactly the plan's amounts: nothing lost, nothing doubled. Its output and logs
 * never show the strategist's key or the keystore password.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JournalRecoveryIT {

    @TempDir
    static Path keystoreDir;

    DevnetFixture devnet;
    RedisProcess redis;
    RedisExecutionJournal journal;

    @BeforeAll
    void start() throws Exception {
        devnet = new DevnetFixture(1, keystoreDir);
        redis = RedisProcess.start(devnet.vertx);
        journal = new RedisExecutionJournal(redis.dataSource);
    }

    @AfterAll
    void stop() {
        if (redis != null) {
            redis.close();
        }
        if (devnet != null) {
            devnet.close();
        }
    }

    static final class Crash extends Error {
    }

    /** Journals, and dies at the {@code crashAt}-th passage through hook {@code where} (0 signed, 1 sent, 2 mined). */
    static final class DyingListener implements ExecutionListener {
        final JournalingListener inner;
        final int crashAt;
        final int where;
        int seen;

        DyingListener(JournalingListener inner, int crashAt, int where) {
            this.inner = inner;
            this.crashAt = crashAt;
            this.where = where;
        }

        @Override
        public void planned(ExecutionPlan plan, int from) {
            inner.planned(plan, from);
        }

        @Override
        public void signed(String planId, int index, SignedTransaction tx) {
            inner.signed(planId, index, tx);
            die(0);
        }

        @Override
        public void sent(String planId, int index, SignedTransaction tx) {
            die(1);
            inner.sent(planId, index, tx);
        }

        @Override
        public void mined(String planId, int index, SignedTransaction tx, ExecutionChain.Receipt receipt) {
            die(2);
            inner.mined(planId, index, tx, receipt);
        }

        @Override
        public void failed(String planId, int index, String txHash, String error) {
            inner.failed(planId, index, txHash, error);
        }

        @Override
        public void finished(ExecutionPlan plan, ExecutionReport report) {
            inner.finished(plan, report);
        }

        private void die(int point) {
            if (point == where && seen++ == crashAt) {
                throw new Crash();
            }
        }
    }

    ExecutionPlan fiveDeposits(String planId) {
        List<PlannedAction> actions = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            actions.add(PlannedAction.of("idle-eth", "WRAP", new WethCalls(devnet.d.weth()).deposit(BigInteger.valueOf(1_000 + i))));
        }
        return new ExecutionPlan(planId, actions);
    }

    @Test
    void tenCrashesInARowEachResumedExactlyOnce() throws Exception {
        CapturedOutput captured = new CapturedOutput(keystoreDir, "journal-recovery");
        try (captured) {
            tenCrashesInARow();
        }
        long searched = SecretScan.assertNoSecrets(captured.files(), DevnetFixture.STRATEGIST_KEY, DevnetFixture.KEYSTORE_PASSWORD);
        System.out.println("no key or password in this JVM's output and logs (" + searched + " chars)");
    }

    private void tenCrashesInARow() throws Exception {
        Random random = new Random(42);
        String vault = devnet.vault;
        String strategist = devnet.signer.address();
        int instance = 0;
        for (int run = 0; run < 10; run++) {
            String planId = "crash-" + run;
            BigInteger nonceBefore = devnet.chain.pendingNonce(strategist);
            BigInteger wethBefore = devnet.uint(devnet.d.weth(), "balanceOf", new Address(vault));
            boolean started = false;
            int crashes = 0;
            while (true) {
                String owner = "instance-" + instance++;
                long token = acquire(vault, owner);
                ExecutionRecovery recovery = new ExecutionRecovery(journal, devnet.chain, vault, () -> token, Duration.ofSeconds(30));
                JournalingListener journaling = new JournalingListener(journal, vault, () -> token);
                boolean crash = crashes == 0 || (crashes < 3 && random.nextBoolean());
                ExecutionListener listener = crash ? new DyingListener(journaling, random.nextInt(3), random.nextInt(3)) : journaling;
                PlanExecutor executor = devnet.executor(devnet.allowlist, listener, recovery::nextNonce);
                try {
                    recovery.resumeAll(executor);
                    if (!started) {
                        started = true;
                        assertEquals(ExecutionReport.DONE, executor.execute(fiveDeposits(planId)).status());
                    }
                    journal.releaseLease(vault, owner);
                    if (journal.openPlans(vault).isEmpty()) {
                        break;
                    }
                } catch (Crash died) {
                    crashes++; // the instance is gone without releasing its lease: the next one waits for it to lapse
                }
            }
            List<JournalEntry> entries = journal.entries(vault, planId);
            assertEquals(5, entries.size());
            assertTrue(entries.stream().allMatch(e -> e.status() == TxStatus.CONFIRMED), "run " + run + ": " + entries);
            assertEquals(nonceBefore.add(BigInteger.valueOf(5)), devnet.chain.pendingNonce(strategist),
                    "run " + run + ": exactly five transactions, no gap, no duplicate");
            for (int i = 0; i < 5; i++) {
                assertEquals(nonceBefore.add(BigInteger.valueOf(i)), entries.get(i).nonce());
            }
            BigInteger wethAfter = devnet.uint(devnet.d.weth(), "balanceOf", new Address(vault));
            assertEquals(BigInteger.valueOf(5_015), wethAfter.subtract(wethBefore), "run " + run + ": each deposit exactly once");
            assertTrue(crashes >= 1, "run " + run + " never crashed");
        }
    }

    @Test
    void onlyTheLeaseHolderWritesAndTheOtherTakesOverWhenItLapses() throws Exception {
        String vault = "0x00000000000000000000000000000000000000f1";
        long a = journal.acquireLease(vault, "a", Duration.ofMillis(300)).orElseThrow();
        assertTrue(journal.acquireLease(vault, "b", Duration.ofSeconds(5)).isEmpty(), "b stays on standby");
        assertEquals(a, journal.acquireLease(vault, "a", Duration.ofMillis(300)).orElseThrow(), "renewal keeps the token");
        Thread.sleep(400);
        long b = journal.acquireLease(vault, "b", Duration.ofSeconds(5)).orElseThrow();
        assertTrue(b > a, "a new holder gets a newer fencing token");
        JournalEntry entry = JournalEntry.planned("p", 0, "WRAP", "idle-eth", new WethCalls(devnet.d.weth()).deposit(BigInteger.ONE));
        assertThrows(FencedOutException.class, () -> journal.write(vault, a, entry), "the old holder is fenced out");
        journal.write(vault, b, entry);
        assertEquals(List.of(entry), journal.entries(vault, "p"));
        assertEquals(List.of("p"), journal.openPlans(vault));
        journal.closePlan(vault, b, "p");
        assertEquals(List.of(), journal.openPlans(vault));
        assertEquals(List.of("p"), journal.recentPlans(vault, 10), "closed plans stay listed");
    }

    private long acquire(String vault, String owner) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            var token = journal.acquireLease(vault, owner, Duration.ofMillis(500));
            if (token.isPresent()) {
                return token.getAsLong();
            }
            Thread.sleep(50);
        }
        throw new AssertionError(owner + " never got the lease");
    }
}
