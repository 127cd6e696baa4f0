package io.lrtyield.rebalancer.execution.journal;

import io.lrtyield.rebalancer.execution.ExecutionPlan;
import io.lrtyield.rebalancer.execution.ExecutionReport;
import io.lrtyield.rebalancer.execution.FakeChainAccess;
import io.lrtyield.rebalancer.execution.PlanExecutor;
import io.lrtyield.rebalancer.execution.PlannedAction;
import io.lrtyield.rebalancer.execution.chain.ExecutionChain;
import io.lrtyield.rebalancer.execution.venue.WethCalls;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Hash;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * CONFIRMED only at depth, counted in blocks, by the executor and by crash recovery alike; a receipt that a reorg
 * removes is followed again with the same bytes, never re-signed.
 */
class ConfirmationsTest {

    static final String PLAN = "deep";
    static final ExecutionPlan WRAP = new ExecutionPlan(PLAN, List.of(PlannedAction.of("idle-eth", "WRAP",
            new WethCalls(CrashRecoveryTest.WETH).deposit(BigInteger.ONE))));

    final ExecutionChain chain = FakeChainAccess.create();
    final List<String> broadcasts = FakeChainAccess.broadcasts(chain);
    final InMemoryExecutionJournal journal = new InMemoryExecutionJournal();
    /** The action's journal status at each new head. */
    final List<String> statusAtHead = new ArrayList<>();

    long token;

    PlanExecutor executor(int confirmations, boolean dieWhenMined) throws Exception {
        CrashRecoveryTest.keystore();
        token = journal.acquireLease(CrashRecoveryTest.VAULT, "i" + token, Duration.ofMillis(1)).orElseThrow();
        Thread.sleep(2);
        long t = token;
        JournalingListener journaling = new JournalingListener(journal, CrashRecoveryTest.VAULT, () -> t);
        return CrashRecoveryTest.executor(chain, dieWhenMined ? new CrashRecoveryTest.DyingListener(journaling, 0, 2) : journaling,
                recovery()).withConfirmations(confirmations);
    }

    ExecutionRecovery recovery() {
        long t = token;
        return new ExecutionRecovery(journal, chain, CrashRecoveryTest.VAULT, () -> t, Duration.ofSeconds(5));
    }

    void recordStatusAtEachHead() {
        FakeChainAccess.onBlock(chain, head -> statusAtHead.add(head + ":" + status()));
    }

    TxStatus status() {
        List<JournalEntry> entries = journal.entries(CrashRecoveryTest.VAULT, PLAN);
        return entries.isEmpty() ? null : entries.get(0).status();
    }

    @Test
    void confirmedAtDepthAndReorgedTransactionsAreRebroadcastUnchanged() throws Exception {
        PlanExecutor executor = executor(3, false);
        // mined in 101; at head 102 (one block deep of three) a reorg takes it out
        FakeChainAccess.onBlock(chain, head -> {
            if (head == 102) {
                FakeChainAccess.reorgOut(chain, Hash.sha3(broadcasts.get(0)));
            }
        });
        ExecutionReport report = executor.execute(WRAP);

        assertEquals(ExecutionReport.DONE, report.status(), report.error());
        assertEquals(2, broadcasts.size(), "re-broadcast once after the reorg");
        assertEquals(broadcasts.get(0), broadcasts.get(1), "the same signed bytes, never re-signed");
        JournalEntry entry = journal.entries(CrashRecoveryTest.VAULT, PLAN).get(0);
        assertEquals(TxStatus.CONFIRMED, entry.status());
        assertEquals(103L, entry.blockNumber(), "the block it was mined in after the reorg");
        assertEquals(105L, chain.blockNumber(), "CONFIRMED when 103 was 3 blocks deep, not a block later or sooner");
        assertTrue(journal.openPlans(CrashRecoveryTest.VAULT).isEmpty());
    }

    @Test
    void recoveryWaitsForTheSameDepthAsTheExecutor() throws Exception {
        // the first instance dies as its transaction is mined (block 101): the journal says SENT
        assertThrows(CrashRecoveryTest.Crash.class, () -> executor(3, true).execute(WRAP));
        assertEquals(TxStatus.SENT, status());
        assertEquals(101L, chain.blockNumber());

        recordStatusAtEachHead();
        PlanExecutor next = executor(3, false);
        List<ExecutionReport> resumed = recovery().resumeAll(next);

        assertEquals(1, resumed.size());
        assertEquals(ExecutionReport.DONE, resumed.get(0).status(), resumed.get(0).error());
        assertEquals(List.of("102:MINED", "103:MINED"), statusAtHead, "not CONFIRMED on its first receipt");
        JournalEntry entry = journal.entries(CrashRecoveryTest.VAULT, PLAN).get(0);
        assertEquals(TxStatus.CONFIRMED, entry.status());
        assertEquals(101L, entry.blockNumber());
        assertEquals(103L, chain.blockNumber(), "confirmed once 101 was 3 blocks deep");
        assertEquals(1, broadcasts.size(), "mined bytes are not broadcast again");
        assertTrue(journal.openPlans(CrashRecoveryTest.VAULT).isEmpty());
    }

    @Test
    void recoveryFollowsAReorgedTransactionAgainWithItsJournaledBytes() throws Exception {
        assertThrows(CrashRecoveryTest.Crash.class, () -> executor(2, true).execute(WRAP));
        FakeChainAccess.onBlock(chain, head -> {
            if (head == 102) {
                FakeChainAccess.reorgOut(chain, Hash.sha3(broadcasts.get(0)));
            }
        });
        PlanExecutor next = executor(2, false);
        List<ExecutionReport> resumed = recovery().resumeAll(next);

        assertEquals(ExecutionReport.DONE, resumed.get(0).status(), resumed.get(0).error());
        assertEquals(2, broadcasts.size(), "re-broadcast once after the reorg");
        assertEquals(broadcasts.get(0), broadcasts.get(1), "the journaled bytes, never re-signed");
        JournalEntry entry = journal.entries(CrashRecoveryTest.VAULT, PLAN).get(0);
        assertEquals(TxStatus.CONFIRMED, entry.status());
        assertEquals(103L, entry.blockNumber(), "where it was mined again");
        assertEquals(104L, chain.blockNumber());
    }
}
