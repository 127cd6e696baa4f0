package io.lrtyield.rebalancer.execution.journal;

import io.lrtyield.rebalancer.execution.ActionOutcome;
import io.lrtyield.rebalancer.execution.ExecutionPlan;
import io.lrtyield.rebalancer.execution.ExecutionReport;
import io.lrtyield.rebalancer.execution.FakeChainAccess;
import io.lrtyield.rebalancer.execution.PlanExecutor;
import io.lrtyield.rebalancer.execution.PlannedAction;
import io.lrtyield.rebalancer.execution.ReplacementPolicy;
import io.lrtyield.rebalancer.execution.chain.ExecutionChain;
import io.lrtyield.rebalancer.execution.venue.WethCalls;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Hash;
import org.web3j.crypto.TransactionDecoder;
import org.web3j.crypto.transaction.type.Transaction1559;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A transaction not mined within N new blocks is replaced at the same nonce with bumped fees — after exactly N blocks,
 * not before, not by the clock — at most the policy's number of times; the journal keeps every hash.
 */
class ReplacementTest {

    static final ExecutionPlan WRAP = new ExecutionPlan("stuck", List.of(PlannedAction.of("idle-eth", "WRAP",
            new WethCalls(CrashRecoveryTest.WETH).deposit(BigInteger.ONE))));

    InMemoryExecutionJournal journal = new InMemoryExecutionJournal();

    PlanExecutor executor(ExecutionChain chain, ReplacementPolicy policy) throws Exception {
        CrashRecoveryTest.keystore();
        long token = journal.acquireLease(CrashRecoveryTest.VAULT, "a", Duration.ofMinutes(1)).orElseThrow();
        ExecutionRecovery recovery = new ExecutionRecovery(journal, chain, CrashRecoveryTest.VAULT, () -> token, Duration.ofSeconds(1));
        return CrashRecoveryTest.executor(chain, new JournalingListener(journal, CrashRecoveryTest.VAULT, () -> token), recovery)
                .withReplacement(policy);
    }

    @Test
    void replacedAfterExactlyNBlocksAtTheSameNonceWithHigherFees() throws Exception {
        ExecutionChain chain = FakeChainAccess.create();
        List<String> broadcasts = FakeChainAccess.broadcasts(chain);
        FakeChainAccess.holdWhen(chain, raw -> broadcasts.size() == 1); // the first copy never mines

        ExecutionReport report = executor(chain, new ReplacementPolicy(4, 1_250, 2)).execute(WRAP);
        assertEquals(ExecutionReport.DONE, report.status(), report.error());
        assertEquals(2, broadcasts.size(), "the original and one replacement");
        List<Long> heads = FakeChainAccess.broadcastHeads(chain);
        assertEquals(4L, heads.get(1) - heads.get(0), "replaced once 4 blocks passed without it, not one block sooner: " + heads);

        Transaction1559 first = (Transaction1559) TransactionDecoder.decode(broadcasts.get(0)).getTransaction();
        Transaction1559 second = (Transaction1559) TransactionDecoder.decode(broadcasts.get(1)).getTransaction();
        assertEquals(first.getNonce(), second.getNonce(), "same nonce");
        assertEquals(first.getData(), second.getData(), "same call");
        assertTrue(second.getMaxFeePerGas().multiply(BigInteger.valueOf(10_000))
                .compareTo(first.getMaxFeePerGas().multiply(BigInteger.valueOf(11_250))) >= 0, "max fee bumped >= 12.5 %");
        assertTrue(second.getMaxPriorityFeePerGas().compareTo(first.getMaxPriorityFeePerGas()) > 0, "tip bumped");

        ActionOutcome outcome = report.outcomes().get(0);
        assertEquals(Hash.sha3(broadcasts.get(1)), outcome.txHash());
        JournalEntry entry = journal.entries(CrashRecoveryTest.VAULT, "stuck").get(0);
        assertEquals(TxStatus.CONFIRMED, entry.status());
        assertEquals(Hash.sha3(broadcasts.get(1)), entry.txHash());
        assertEquals(List.of(Hash.sha3(broadcasts.get(0))), entry.replacedHashes());
        assertTrue(journal.openPlans(CrashRecoveryTest.VAULT).isEmpty());
    }

    @Test
    void eachCopyGetsNBlocksAndReplacementsStopAtTheLimit() throws Exception {
        ExecutionChain chain = FakeChainAccess.create();
        List<String> broadcasts = FakeChainAccess.broadcasts(chain);
        FakeChainAccess.holdWhen(chain, raw -> true); // nothing ever mines
        long start = chain.blockNumber();
        FakeChainAccess.onBlock(chain, head -> FakeChainAccess.stall(chain, head >= start + 30)); // then the node stalls

        ExecutionReport report = executor(chain, new ReplacementPolicy(3, 1_250, 2)).execute(WRAP);
        assertEquals(ExecutionReport.FAILED, report.status());
        assertTrue(report.error().startsWith("not mined within"), report.error());
        assertEquals(List.of(start, start + 3, start + 6), FakeChainAccess.broadcastHeads(chain), "every 3 blocks, twice, then no more");
        assertEquals(3, broadcasts.size());
        assertEquals(2, journal.entries(CrashRecoveryTest.VAULT, "stuck").get(0).replacedHashes().size());
    }

    @Test
    void aPolicyCountsAtLeastOneBlock() {
        assertThrows(IllegalArgumentException.class, () -> new ReplacementPolicy(0, 1_250, 1));
        assertTrue(new ReplacementPolicy(2, 1_250, 1).stuck(10, 12));
        assertTrue(!new ReplacementPolicy(2, 1_250, 1).stuck(10, 11));
        assertTrue(!ReplacementPolicy.NONE.stuck(10, Long.MAX_VALUE - 1));
    }
}
