package io.lrtyield.rebalancer.lease;

import io.lrtyield.rebalancer.api.RebalancerTestServices;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The decision lease on a real Redis, this application's {@link DecisionLeader} against a second instance (another
 * owner of the same lease): one leader at a time, a graceful stop hands the lease over at once, a dead holder's lease
 * lapses after its TTL, and every new holder gets a higher fencing token.
 */
@QuarkusTest
@WithTestResource(RebalancerTestServices.class)
class DecisionLeaderTest {

    private static final Duration SHORT = Duration.ofMillis(300);

    @Inject
    DecisionLeader leader;

    @Inject
    RedisDataSource redis;

    @Test
    void oneInstanceDecidesAtATimeAndAStandbyTakesOverOnHandOverOrExpiry() throws Exception {
        RedisLease other = new RedisLease(redis, DecisionLeader.key("test-vault", "decider"), DecisionLeader.key("test-vault", "decider-fence"));
        leader.tick();
        assertTrue(leader.leads(), "the only instance leads: " + leader.state());
        assertEquals(OptionalLong.empty(), other.acquire("standby-b", SHORT), "a second instance stands by while the lease is held");

        leader.stop(null); // graceful stop: the lease is handed back at once
        assertFalse(leader.leads());
        OptionalLong b = other.acquire("standby-b", SHORT);
        assertTrue(b.isPresent(), "the standby takes over without waiting for the TTL");
        leader.tick();
        assertFalse(leader.leads(), "the first instance is now the standby: " + leader.state());
        assertTrue(leader.state().startsWith("standby"), leader.state());

        Thread.sleep(SHORT.toMillis() + 200); // b dies without handing back: its lease lapses
        leader.tick();
        assertTrue(leader.leads(), "the lease of a dead holder lapses after its TTL: " + leader.state());
        assertTrue(leader.state().matches("leader \\(fencing token \\d+\\)"), leader.state());
        long token = Long.parseLong(leader.state().replaceAll("\\D", ""));
        assertTrue(token > b.getAsLong(), "every new holder gets a higher fencing token: " + token + " after " + b.getAsLong());
        other.release("standby-b"); // not the holder any more: nothing happens
        leader.tick();
        assertTrue(leader.leads(), "only the holder can release the lease");
    }
}
