package io.lrtyield.rebalancer.execution.journal;

import io.lrtyield.rebalancer.execution.ExecutionPlan;
import io.lrtyield.rebalancer.execution.ExecutionReport;
import io.lrtyield.rebalancer.execution.FakeChainAccess;
import io.lrtyield.rebalancer.execution.PlannedAction;
import io.lrtyield.rebalancer.execution.chain.ExecutionChain;
import io.lrtyield.rebalancer.execution.venue.WethCalls;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Hash;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** CONFIRMED only at depth; a receipt that a reorg removes is followed again with the same bytes, never re-signed. */
class ConfirmationsTest {

    @Test
    void confirmedAtDepthAndReorgedTransactionsAreRebroadcastUnchanged() throws Exception {
        CrashRecoveryTest.keystore();
        ExecutionChain chain = FakeChainAccess.create();
        List<String> broadcasts = FakeChainAccess.broadcasts(chain);
        InMemoryExecutionJournal journal = new InMemoryExecutionJournal();
        long token = journal.acquireLease(CrashRecoveryTest.VAULT, "a", Duration.ofMinutes(1)).orElseThrow();
        ExecutionRecovery recovery = new ExecutionRecovery(journal, chain, CrashRecoveryTest.VAULT, () -> token, Duration.ofSeconds(5));
        var executor = CrashRecoveryTest.executor(chain, new JournalingListener(journal, CrashRecoveryTest.VAULT, () -> token), recovery)
                .withConfirmations(3);
        ExecutionPlan plan = new ExecutionPlan("deep", List.of(PlannedAction.of("idle-eth", "WRAP",
                new WethCalls(CrashRecoveryTest.WETH).deposit(BigInteger.ONE))));

        Thread chainMoves = new Thread(() -> {
            try {
                // mined but not yet 3 blocks deep: a reorg takes it out
                while (journal.entries(CrashRecoveryTest.VAULT, "deep").stream().noneMatch(e -> e.status() == TxStatus.MINED)) {
                    Thread.sleep(10);
                }
                FakeChainAccess.reorgOut(chain, Hash.sha3(broadcasts.get(0)));
                Thread.sleep(600);
                FakeChainAccess.setHead(chain, 1_000L);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        chainMoves.start();
        ExecutionReport report = executor.execute(plan);
        chainMoves.join();

        assertEquals(ExecutionReport.DONE, report.status(), report.error());
        assertEquals(2, broadcasts.size(), "re-broadcast once after the reorg");
        assertEquals(broadcasts.get(0), broadcasts.get(1), "the same signed bytes, never re-signed");
        JournalEntry entry = journal.entries(CrashRecoveryTest.VAULT, "deep").get(0);
        assertEquals(TxStatus.CONFIRMED, entry.status());
        assertEquals(102L, entry.blockNumber(), "the block it was mined in after the reorg");
        assertTrue(journal.openPlans(CrashRecoveryTest.VAULT).isEmpty());
    }
}
