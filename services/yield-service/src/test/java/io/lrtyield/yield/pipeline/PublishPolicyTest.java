package io.lrtyield.yield.pipeline;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A quote counts as published only once Kafka acknowledged it: a failed send stays due, an acknowledged one is not sent twice. */
class PublishPolicyTest {

    final PublishPolicy policy = new PublishPolicy(BigDecimal.ONE, 10);
    final BigDecimal apy = new BigDecimal("0.0300");

    @Test
    void aSendThatFailedLeavesTheQuoteDueForTheRetryOfItsBlock() {
        assertTrue(policy.due("v", 100, apy));
        // the send failed: nothing recorded, the retry of block 100 publishes it
        assertTrue(policy.due("v", 100, apy));
    }

    @Test
    void anAcknowledgedQuoteIsNotDueAgainAtTheSameBlock() {
        policy.published("v", 100, apy);
        assertFalse(policy.due("v", 100, new BigDecimal("0.0400")), "a retry after the acknowledgement sends nothing twice");
    }

    @Test
    void theHeartbeatAndAMaterialChangeMakeItDue() {
        policy.published("v", 100, apy);
        assertFalse(policy.due("v", 105, apy));
        assertTrue(policy.due("v", 105, new BigDecimal("0.0302")), "2 bps ≥ 1 bp");
        assertTrue(policy.due("v", 110, apy), "10 blocks later");
    }
}
