package io.lrtyield.rebalancer.execution.it;

import io.lrtyield.rebalancer.execution.journal.JournalEntry;
import io.lrtyield.rebalancer.execution.journal.RedisExecutionJournal;
import io.lrtyield.rebalancer.execution.journal.TxStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.abi.datatypes.Address;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The crash test with real processes: an executor JVM ({@link ExecutorWorker}) is killed with SIGKILL at a random moment
 * of a 5-action plan, ten times in a row, and restarted each time; a last worker runs to the end. On chain: exactly five
 * transactions (nonces without gaps) and the vault's WETH grew by exactly the five deposits; in the journal every
 * action CONFIRMED; in the workers' captured stdout and stderr, never the strategist's key nor the keystore password.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SigkillCrashIT {

    @TempDir
    static Path dir;

    DevnetFixture devnet;
    RedisProcess redis;

    @BeforeAll
    void start() throws Exception {
        devnet = new DevnetFixture(2, dir);
        redis = RedisProcess.start(devnet.vertx);
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

    @Test
    void killedTenTimesInARowStillExactlyOnce() throws Exception {
        String vault = devnet.vault;
        String strategist = devnet.signer.address();
        Path keystore = Files.list(dir).filter(p -> p.getFileName().toString().startsWith("UTC")).findFirst().orElseThrow();
        RedisExecutionJournal journal = new RedisExecutionJournal(redis.dataSource);
        Random random = new Random(11);
        List<Path> captured = new ArrayList<>();
        List<String> atKill = new ArrayList<>();
        for (int round = 0; round < 10; round++) {
            String planId = "sigkill-" + round;
            BigInteger nonceBefore = devnet.chain.pendingNonce(strategist);
            BigInteger wethBefore = devnet.uint(devnet.d.weth(), "balanceOf", new Address(vault));

            // a worker takes the lease, starts the plan and is killed with SIGKILL at a random moment of it
            WorkerProcess worker = start(vault, keystore, planId, planId + "-killed");
            captured.addAll(worker.files());
            worker.awaitLine("READY", Duration.ofSeconds(60));
            // a random point of the plan: action k reaching SIGNED (bytes journaled, maybe not broadcast), SENT, or
            // (before the last action) CONFIRMED; the kill lands there or a moment later
            int k = random.nextInt(5);
            TxStatus phase = List.of(TxStatus.SIGNED, TxStatus.SENT, TxStatus.CONFIRMED).get(random.nextInt(k == 4 ? 2 : 3));
            while (worker.alive() && !reached(journal.entries(vault, planId), k, phase)) {
                Thread.sleep(2);
            }
            worker.kill(); // SIGKILL: no shutdown hook, no lease release
            atKill.add(journal.entries(vault, planId).stream().map(e -> e.status().name().substring(0, 2)).toList().toString());

            // the next worker waits out the dead one's lease, resumes the journal and finishes
            WorkerProcess finisher = start(vault, keystore, planId, planId + "-resumed");
            captured.addAll(finisher.files());
            if (!finisher.waitFor(Duration.ofSeconds(90))) {
                String diagnosis = finisher.diagnosis();
                finisher.kill();
                throw new AssertionError("round " + round + ": the resuming worker did not finish; journal at the kill "
                        + atKill.get(round) + "\n" + diagnosis);
            }
            assertTrue(finisher.output().contains("DONE"), finisher.output());

            List<JournalEntry> entries = journal.entries(vault, planId);
            assertEquals(5, entries.size(), entries.toString());
            assertTrue(entries.stream().allMatch(e -> e.status() == TxStatus.CONFIRMED), entries.toString());
            for (int i = 0; i < 5; i++) {
                assertEquals(nonceBefore.add(BigInteger.valueOf(i)), entries.get(i).nonce(), "round " + round + " nonce of action " + i);
            }
            assertEquals(nonceBefore.add(BigInteger.valueOf(5)), devnet.chain.pendingNonce(strategist),
                    "round " + round + ": five transactions, no gap, no duplicate");
            assertEquals(BigInteger.valueOf(5_015), devnet.uint(devnet.d.weth(), "balanceOf", new Address(vault)).subtract(wethBefore),
                    "round " + round + ": each deposit took effect exactly once");
        }
        // journal state when each worker died (PL planned, SI signed, SE sent, CO confirmed)
        System.out.println("journal at each SIGKILL: " + atKill);
        long midPlan = atKill.stream().filter(s -> s.contains("PL") || s.contains("SI") || s.contains("SE")).count();
        assertTrue(midPlan >= 8, "only " + midPlan + " of 10 kills landed mid-plan: " + atKill);
        long searched = SecretScan.assertNoSecrets(captured, DevnetFixture.STRATEGIST_KEY, DevnetFixture.KEYSTORE_PASSWORD);
        System.out.println("no key or password in " + captured.size() + " captured files (" + searched + " chars)");
    }

    private static boolean reached(List<JournalEntry> entries, int k, TxStatus phase) {
        return entries.size() == 5 && entries.get(k).status().ordinal() >= phase.ordinal()
                && entries.get(k).status() != TxStatus.FAILED && entries.get(k).status() != TxStatus.REPLACED;
    }

    private WorkerProcess start(String vault, Path keystore, String planId, String name) throws Exception {
        return WorkerProcess.start(dir, name, DevnetFixture.KEYSTORE_PASSWORD, devnet.anvil.url(), redis.url(), vault, devnet.d.weth(),
                keystore.toString(), planId);
    }
}
