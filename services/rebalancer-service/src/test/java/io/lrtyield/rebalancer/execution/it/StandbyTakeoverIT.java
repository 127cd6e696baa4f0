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
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.Transaction;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two executor processes ({@link ExecutorWorker}) for one vault, both handed the same 5-action plan: the one that takes
 * the Redis lease signs and sends, the other stays a standby and writes nothing. The active one is killed with
 * SIGKILL in the middle of the plan; the standby takes the lease over once the dead one's lease lapses (within the
 * lease TTL plus one tick), resumes the journal and finishes the plan. On chain: exactly five transactions from the
 * strategist, consecutive nonces, the vault's WETH up by exactly the five deposits; in the journal every action
 * CONFIRMED once, written by the active process until it died and by the standby only after it; in the captured
 * output of both, never the strategist's key nor the keystore password. Anvil on execution.anvil.port + 40 (28771),
 * a redis of its own on 28772.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StandbyTakeoverIT {

    /** As the service ticks: every third of the lease TTL. */
    static final long LEASE_TTL_MS = 1_500;
    static final long TICK_MS = 500;
    /** Redis round trips and process scheduling on a shared 2-core machine, on top of TTL + one tick. */
    static final long ALLOWANCE_MS = 300;
    static final int KILL_AT_ACTION = 2;

    @TempDir
    static Path dir;

    DevnetFixture devnet;
    RedisProcess redis;

    @BeforeAll
    void start() throws Exception {
        devnet = new DevnetFixture(40, dir);
        redis = RedisProcess.start(devnet.vertx, Integer.getInteger("execution.takeover.redis.port", 28772));
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
    void onlyTheLeaseHolderSendsAndTheStandbyFinishesThePlanExactlyOnce() throws Exception {
        String vault = devnet.vault;
        String strategist = devnet.signer.address();
        String planId = "takeover";
        RedisExecutionJournal journal = new RedisExecutionJournal(redis.dataSource);
        long firstBlock = devnet.web3j.ethBlockNumber().send().getBlockNumber().longValueExact() + 1;
        BigInteger nonceBefore = devnet.chain.pendingNonce(strategist);
        BigInteger wethBefore = devnet.uint(devnet.d.weth(), "balanceOf", new Address(vault));

        List<WorkerProcess> workers = List.of(start("instance-a", planId), start("instance-b", planId));
        WorkerProcess active = awaitFirstReady(workers);
        WorkerProcess standby = workers.get(0) == active ? workers.get(1) : workers.get(0);

        // the active process runs the plan; it is killed once action 2's signed bytes are journaled
        while (active.alive() && !reached(journal.entries(vault, planId), KILL_AT_ACTION)) {
            Thread.sleep(2);
        }
        assertTrue(active.alive(), "the active process finished before the kill: " + active.output());
        assertEquals(List.of(), standby.lines("LEASE"), "the standby never held the lease while the active one lived");
        assertEquals(List.of(), standby.lines("WRITE"), "the standby never wrote to the journal while the active one lived");
        long killedAt = System.currentTimeMillis();
        active.kill();
        List<JournalEntry> atKill = journal.entries(vault, planId);
        Set<Integer> unsignedAtKill = atKill.stream().filter(e -> e.status() == TxStatus.PLANNED).map(JournalEntry::index)
                .collect(Collectors.toCollection(TreeSet::new));

        if (!standby.waitFor(Duration.ofSeconds(90))) {
            String diagnosis = standby.diagnosis();
            standby.kill();
            throw new AssertionError("the standby did not finish\n" + diagnosis);
        }
        assertTrue(standby.output().contains("DONE"), standby.output());
        List<String> leases = standby.lines("LEASE");
        assertEquals(1, leases.size(), leases.toString());
        long takeoverMs = field(leases.get(0), "at") - killedAt;
        System.out.printf("standby took the lease over %d ms after the SIGKILL (lease TTL %d ms + tick %d ms); journal at the kill: %s%n",
                takeoverMs, LEASE_TTL_MS, TICK_MS, atKill.stream().map(e -> e.index() + ":" + e.status()).toList());
        assertTrue(takeoverMs > 0 && takeoverMs <= LEASE_TTL_MS + TICK_MS + ALLOWANCE_MS, "took over after " + takeoverMs + " ms");

        // the journal: every action CONFIRMED, one transaction each, consecutive nonces
        List<JournalEntry> entries = journal.entries(vault, planId);
        assertEquals(5, entries.size(), entries.toString());
        for (JournalEntry e : entries) {
            assertEquals(TxStatus.CONFIRMED, e.status(), e.toString());
            assertEquals(nonceBefore.add(BigInteger.valueOf(e.index())), e.nonce(), e.toString());
            assertEquals(List.of(), e.replacedHashes(), e.toString());
        }
        assertEquals(5, entries.stream().map(JournalEntry::txHash).distinct().count());
        assertTrue(journal.openPlans(vault).isEmpty());

        // the journal's writers: the active process with its token until it died, then only the standby with a newer
        // one; the standby signed exactly the actions nobody had signed when the active one died
        long activeToken = field(active.lines("LEASE").get(0), "token");
        long standbyToken = field(leases.get(0), "token");
        assertTrue(standbyToken > activeToken);
        assertTrue(active.lines("WRITE").stream().allMatch(l -> field(l, "token") == activeToken), active.lines("WRITE").toString());
        assertTrue(active.lines("WRITE").stream().allMatch(l -> field(l, "at") <= killedAt));
        List<String> standbyWrites = standby.lines("WRITE");
        assertTrue(standbyWrites.stream().allMatch(l -> field(l, "token") == standbyToken && field(l, "at") > killedAt), standbyWrites.toString());
        assertEquals(unsignedAtKill, signedIndices(standbyWrites), "signed by the standby");
        Set<Integer> signedBefore = IntStream.range(0, 5).boxed().filter(i -> !unsignedAtKill.contains(i)).collect(Collectors.toSet());
        assertTrue(signedBefore.containsAll(signedIndices(active.lines("WRITE"))), "the active process signed only what it journaled");
        assertTrue(signedBefore.contains(KILL_AT_ACTION), "killed mid-plan: " + atKill);

        // the chain: exactly five transactions from the strategist, to the vault, nonces without a gap
        List<Transaction> sent = strategistTransactions(strategist, firstBlock);
        assertEquals(5, sent.size(), sent.stream().map(Transaction::getHash).toList().toString());
        assertEquals(IntStream.range(0, 5).mapToObj(i -> nonceBefore.add(BigInteger.valueOf(i))).toList(),
                sent.stream().map(Transaction::getNonce).sorted().toList());
        assertTrue(sent.stream().allMatch(t -> vault.equalsIgnoreCase(t.getTo())));
        assertEquals(entries.stream().map(JournalEntry::txHash).collect(Collectors.toSet()),
                sent.stream().map(Transaction::getHash).collect(Collectors.toSet()), "the journal's transactions are the chain's");
        assertEquals(nonceBefore.add(BigInteger.valueOf(5)), devnet.chain.pendingNonce(strategist));
        assertEquals(BigInteger.valueOf(5_015), devnet.uint(devnet.d.weth(), "balanceOf", new Address(vault)).subtract(wethBefore),
                "each deposit took effect exactly once");

        List<Path> captured = new ArrayList<>();
        workers.forEach(w -> captured.addAll(w.files()));
        long searched = SecretScan.assertNoSecrets(captured, DevnetFixture.STRATEGIST_KEY, DevnetFixture.KEYSTORE_PASSWORD);
        System.out.println("no key or password in " + captured.size() + " captured files (" + searched + " chars)");
    }

    private WorkerProcess start(String instance, String planId) throws Exception {
        Path keystore = Files.list(dir).filter(p -> p.getFileName().toString().startsWith("UTC")).findFirst().orElseThrow();
        return WorkerProcess.start(dir, instance, DevnetFixture.KEYSTORE_PASSWORD, devnet.anvil.url(), redis.url(), devnet.vault,
                devnet.d.weth(), keystore.toString(), planId, instance, Long.toString(LEASE_TTL_MS), Long.toString(TICK_MS));
    }

    private static WorkerProcess awaitFirstReady(List<WorkerProcess> workers) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            for (WorkerProcess w : workers) {
                if (w.output().contains("READY")) {
                    return w;
                }
                if (!w.alive()) {
                    throw new AssertionError(w.name + " exited: " + w.output());
                }
            }
            Thread.sleep(5);
        }
        throw new AssertionError("no worker took the lease");
    }

    private static boolean reached(List<JournalEntry> entries, int k) {
        return entries.size() == 5 && entries.get(k).status() != TxStatus.PLANNED;
    }

    /** {@code name=value} of a worker's LEASE or WRITE line, as a number. */
    private static long field(String line, String name) {
        for (String part : line.split(" ")) {
            if (part.startsWith(name + "=")) {
                return Long.parseLong(part.substring(name.length() + 1));
            }
        }
        throw new AssertionError("no " + name + " in " + line);
    }

    private static Set<Integer> signedIndices(List<String> writes) {
        return writes.stream().filter(l -> l.split(" ")[4].equals(TxStatus.SIGNED.name()))
                .map(l -> Integer.parseInt(l.split(" ")[3].substring(l.split(" ")[3].indexOf('#') + 1)))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private List<Transaction> strategistTransactions(String strategist, long fromBlock) throws Exception {
        long head = devnet.web3j.ethBlockNumber().send().getBlockNumber().longValueExact();
        List<Transaction> txs = new ArrayList<>();
        for (long n = fromBlock; n <= head; n++) {
            EthBlock.Block block = devnet.web3j.ethGetBlockByNumber(DefaultBlockParameter.valueOf(BigInteger.valueOf(n)), true).send().getBlock();
            for (EthBlock.TransactionResult<?> r : block.getTransactions()) {
                Transaction t = (Transaction) r.get();
                if (strategist.equalsIgnoreCase(t.getFrom())) {
                    txs.add(t);
                }
            }
        }
        return txs;
    }
}
