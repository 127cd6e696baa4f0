package io.lrtyield.rebalancer.execution.journal;

import io.lrtyield.rebalancer.execution.ExecutionReport;
import io.lrtyield.rebalancer.execution.FakeChainAccess;
import io.lrtyield.rebalancer.execution.chain.ExecutionChain;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Two instances, one vault: only the lease holder sends; the standby takes over once the holder's lease lapses. */
class ActiveExecutorTest {

    static ActiveExecutor instance(String id, InMemoryExecutionJournal journal, ExecutionChain chain, Duration ttl) {
        return new ActiveExecutor(journal, chain, CrashRecoveryTest.VAULT, id, ttl, Duration.ofSeconds(1),
                (listener, nonces) -> CrashRecoveryTest.executor(chain, listener, nonces));
    }

    @Test
    void onlyOneSendsAndTheStandbyTakesOver() throws Exception {
        CrashRecoveryTest.keystore();
        ExecutionChain chain = FakeChainAccess.create();
        InMemoryExecutionJournal journal = new InMemoryExecutionJournal();
        ActiveExecutor a = instance("a", journal, chain, Duration.ofMillis(200));
        ActiveExecutor b = instance("b", journal, chain, Duration.ofMillis(200));
        assertTrue(a.tick());
        assertFalse(b.tick(), "b is on standby while a holds the lease");
        assertThrows(IllegalStateException.class, () -> b.execute(CrashRecoveryTest.fiveDeposits("from-b")));
        assertEquals(ExecutionReport.DONE, a.execute(CrashRecoveryTest.fiveDeposits("from-a")).status());
        assertEquals(5, FakeChainAccess.broadcasts(chain).size());

        // a dies (stops renewing); within the lease time b takes over and can send
        Thread.sleep(250);
        assertTrue(b.tick(), "b takes over after a's lease lapsed");
        assertEquals(ExecutionReport.DONE, b.execute(CrashRecoveryTest.fiveDeposits("from-b")).status());
        assertEquals(10, FakeChainAccess.broadcasts(chain).size());
        // a comes back: it cannot act (fenced out of the journal, so it can never broadcast)
        assertFalse(a.tick());
        assertThrows(IllegalStateException.class, () -> a.execute(CrashRecoveryTest.fiveDeposits("late-a")));
        assertEquals(List.of(), journal.openPlans(CrashRecoveryTest.VAULT));
        assertEquals(List.of("from-b", "from-a"), List.copyOf(b.recent(10).keySet()), "newest plan first");
        assertEquals(5, b.recent(1).get("from-b").size());
    }

    @Test
    void aPlanRunTwiceIsSignedOnceAndReportedFromTheJournal() throws Exception {
        CrashRecoveryTest.keystore();
        ExecutionChain chain = FakeChainAccess.create();
        InMemoryExecutionJournal journal = new InMemoryExecutionJournal();
        ActiveExecutor a = instance("a", journal, chain, Duration.ofSeconds(5));
        assertTrue(a.tick());
        ExecutionReport first = a.execute(CrashRecoveryTest.fiveDeposits("twice"));
        ExecutionReport again = a.execute(CrashRecoveryTest.fiveDeposits("twice"));
        assertEquals(ExecutionReport.DONE, first.status());
        assertEquals(5, FakeChainAccess.broadcasts(chain).size(), "the second run signs and sends nothing");
        assertEquals(ExecutionReport.DONE, again.status());
        assertEquals(first.outcomes().stream().map(o -> o.txHash()).toList(), again.outcomes().stream().map(o -> o.txHash()).toList(),
                "the second report is the journal's: the same five transactions");
        assertEquals(first.outcomes().stream().map(o -> o.nonce()).toList(), again.outcomes().stream().map(o -> o.nonce()).toList());
    }

    @Test
    void aClosedPlanWithAFailedActionIsReportedFailedWithItsReason() {
        var call = new io.lrtyield.rebalancer.execution.ContractCall("0x00000000000000000000000000000000000000aa", "f()", "0x26121ff0",
                java.math.BigInteger.ZERO);
        List<JournalEntry> entries = List.of(
                JournalEntry.planned("p", 0, "STAKE", "v", call).signed(java.math.BigInteger.ONE, "0xa1", "0xraw")
                        .minedAs("0xa1", TxStatus.CONFIRMED, 10L, null),
                JournalEntry.planned("p", 1, "WRAP", "v", call).signed(java.math.BigInteger.TWO, "0xa2", "0xraw")
                        .minedAs("0xa2", TxStatus.FAILED, 11L, "reverted on chain"),
                JournalEntry.planned("p", 2, "SUPPLY", "v", call).with(TxStatus.FAILED, null, "not run: an earlier action failed"));
        ExecutionReport r = ActiveExecutor.fromJournal("p", entries);
        assertEquals(ExecutionReport.FAILED, r.status());
        assertEquals("action 1 (WRAP) FAILED: reverted on chain", r.error());
        assertEquals(List.of("CONFIRMED", "FAILED", "NOT_RUN"), r.outcomes().stream().map(o -> o.status()).toList());
    }

    @Test
    void aPauseStopsBeforeTheNextSignatureAndTheResumedPlanFinishesWithoutAGap() throws Exception {
        CrashRecoveryTest.keystore();
        ExecutionChain chain = FakeChainAccess.create();
        InMemoryExecutionJournal journal = new InMemoryExecutionJournal();
        java.util.concurrent.atomic.AtomicBoolean resumed = new java.util.concurrent.atomic.AtomicBoolean();
        // the admin pauses while the second transaction is in flight
        java.util.function.BooleanSupplier paused = () -> !resumed.get() && FakeChainAccess.broadcasts(chain).size() >= 2;
        ActiveExecutor a = new ActiveExecutor(journal, chain, CrashRecoveryTest.VAULT, "a", Duration.ofSeconds(5), Duration.ofSeconds(1),
                (listener, nonces) -> CrashRecoveryTest.executor(chain, listener, nonces).withPause(paused));
        assertTrue(a.tick());
        ExecutionReport first = a.execute(CrashRecoveryTest.fiveDeposits("paused"));
        assertEquals(ExecutionReport.PENDING, first.status(), first.error());
        assertEquals(2, FakeChainAccess.broadcasts(chain).size(), "nothing signed after the pause");
        assertEquals(List.of("paused"), journal.openPlans(CrashRecoveryTest.VAULT), "the plan stays open for the resume");
        assertEquals(List.of(TxStatus.CONFIRMED, TxStatus.CONFIRMED, TxStatus.PLANNED, TxStatus.PLANNED, TxStatus.PLANNED),
                journal.entries(CrashRecoveryTest.VAULT, "paused").stream().map(JournalEntry::status).toList());

        resumed.set(true);
        ExecutionReport second = a.execute(CrashRecoveryTest.fiveDeposits("paused"));
        assertEquals(ExecutionReport.DONE, second.status(), second.error());
        assertEquals(5, FakeChainAccess.broadcasts(chain).size(), "the three remaining actions, once each");
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L), journal.entries(CrashRecoveryTest.VAULT, "paused").stream()
                .map(e -> e.nonce().longValueExact() - journal.entries(CrashRecoveryTest.VAULT, "paused").get(0).nonce().longValueExact())
                .toList(), "consecutive nonces, no gap");
        assertEquals(List.of(), journal.openPlans(CrashRecoveryTest.VAULT));
    }
}
