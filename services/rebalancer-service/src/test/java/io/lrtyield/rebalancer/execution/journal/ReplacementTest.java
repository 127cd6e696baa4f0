package io.lrtyield.rebalancer.execution.journal;

import io.lrtyield.rebalancer.execution.ActionOutcome;
import io.lrtyield.rebalancer.execution.ExecutionPlan;
import io.lrtyield.rebalancer.execution.ExecutionReport;
import io.lrtyield.rebalancer.execution.FakeChainAccess;
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
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A stuck transaction is replaced at the same nonce with bumped fees; the journal keeps both hashes. */
class ReplacementTest {

    @Test
    void aStuckTransactionIsReplacedAtTheSameNonceWithHigherFees() throws Exception {
        CrashRecoveryTest.keystore();
        ExecutionChain chain = FakeChainAccess.create();
        List<String> broadcasts = FakeChainAccess.broadcasts(chain);
        FakeChainAccess.holdWhen(chain, raw -> broadcasts.size() == 1); // the first copy never mines
        InMemoryExecutionJournal journal = new InMemoryExecutionJournal();
        long token = journal.acquireLease(CrashRecoveryTest.VAULT, "a", Duration.ofMinutes(1)).orElseThrow();
        ExecutionRecovery recovery = new ExecutionRecovery(journal, chain, CrashRecoveryTest.VAULT, () -> token, Duration.ofSeconds(1));
        var executor = CrashRecoveryTest.executor(chain, new JournalingListener(journal, CrashRecoveryTest.VAULT, () -> token), recovery)
                .withReplacement(new ReplacementPolicy(Duration.ofMillis(300), 1_250, 2));
        ExecutionPlan plan = new ExecutionPlan("stuck", List.of(PlannedAction.of("idle-eth", "WRAP",
                new WethCalls(CrashRecoveryTest.WETH).deposit(BigInteger.ONE))));

        ExecutionReport report = executor.execute(plan);
        assertEquals(ExecutionReport.DONE, report.status(), report.error());
        assertEquals(2, broadcasts.size(), "the original and one replacement");
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
}
