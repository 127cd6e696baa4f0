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
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The crash test with real processes: an executor JVM ({@link CrashWorker}) is killed with SIGKILL at a random moment
 * of a 5-action plan, ten times in a row, and restarted each time; a last worker runs to the end. On chain: exactly five
 * transactions (nonces without gaps) and the vault's WETH grew by exactly the five deposits; in the journal every
 * action CONFIRMED; in the workers' output, never the strategist's key.
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
        List<Path> logs = new ArrayList<>();
        List<String> atKill = new ArrayList<>();
        for (int round = 0; round < 10; round++) {
            String planId = "sigkill-" + round;
            BigInteger nonceBefore = devnet.chain.pendingNonce(strategist);
            BigInteger wethBefore = devnet.uint(devnet.d.weth(), "balanceOf", new Address(vault));

            // a worker takes the lease, starts the plan and is killed with SIGKILL at a random moment of it
            Path log = dir.resolve(planId + "-killed.log");
            logs.add(log);
            Process worker = start(vault, keystore, planId, log);
            awaitLine(log, "READY", worker);
            // a random point of the plan: action k reaching SIGNED (bytes journaled, maybe not broadcast), SENT, or
            // (before the last action) CONFIRMED; the kill lands there or a moment later
            int k = random.nextInt(5);
            TxStatus phase = List.of(TxStatus.SIGNED, TxStatus.SENT, TxStatus.CONFIRMED).get(random.nextInt(k == 4 ? 2 : 3));
            while (worker.isAlive() && !reached(journal.entries(vault, planId), k, phase)) {
                Thread.sleep(2);
            }
            worker.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook, no lease release
            atKill.add(journal.entries(vault, planId).stream().map(e -> e.status().name().substring(0, 2)).toList().toString());

            // the next worker waits out the dead one's lease, resumes the journal and finishes
            Path last = dir.resolve(planId + "-resumed.log");
            logs.add(last);
            Process finisher = start(vault, keystore, planId, last);
            assertTrue(finisher.waitFor(90, TimeUnit.SECONDS), "round " + round + ": the resuming worker finished");
            assertTrue(Files.readString(last).contains("DONE"), Files.readString(last));

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
        String key = DevnetFixture.STRATEGIST_KEY.substring(2);
        for (Path log : logs) {
            assertFalse(Files.readString(log).toLowerCase().contains(key), "the key appears in " + log);
        }
    }

    private static boolean reached(List<JournalEntry> entries, int k, TxStatus phase) {
        return entries.size() == 5 && entries.get(k).status().ordinal() >= phase.ordinal()
                && entries.get(k).status() != TxStatus.FAILED && entries.get(k).status() != TxStatus.REPLACED;
    }

    private static void awaitLine(Path log, String line, Process worker) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && Files.readString(log).contains(line)) {
                return;
            }
            if (!worker.isAlive()) {
                throw new AssertionError("worker exited before " + line + ": " + Files.readString(log));
            }
            Thread.sleep(20);
        }
        throw new AssertionError("worker never printed " + line);
    }

    private Process start(String vault, Path keystore, String planId, Path log) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "-Djava.util.logging.manager=org.jboss.logmanager.LogManager", CrashWorker.class.getName(),
                devnet.anvil.url(), "redis://127.0.0.1:" + Integer.getInteger("execution.redis.port", 28741), vault,
                devnet.d.weth(), keystore.toString(), planId);
        pb.environment().put("IT_SIGNER_PASSWORD", "it-keystore-pass");
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        return pb.start();
    }
}
