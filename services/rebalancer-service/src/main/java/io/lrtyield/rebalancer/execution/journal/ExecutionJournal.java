package io.lrtyield.rebalancer.execution.journal;

import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;

/**
 * Durable record of every action's transaction, and the lease that makes one executor per vault the only writer.
 * Every write carries the writer's fencing token and is refused ({@link FencedOutException}) unless it is the vault's
 * current one, so an executor that lost its lease (paused, partitioned) can never journal — and therefore never
 * broadcast — again.
 */
public interface ExecutionJournal {

    /** Takes or renews the vault's lease for {@code owner}; the fencing token, or empty while another owner holds it. */
    OptionalLong acquireLease(String vault, String owner, Duration ttl);

    /** Releases the lease if {@code owner} holds it. */
    void releaseLease(String vault, String owner);

    void write(String vault, long fencingToken, JournalEntry entry);

    /** Marks a plan finished (all entries terminal): it is no longer resumed. */
    void closePlan(String vault, long fencingToken, String planId);

    /** Plans with entries still to resume, oldest first. */
    List<String> openPlans(String vault);

    /** The newest plans journaled (open or closed), newest first. */
    List<String> recentPlans(String vault, int limit);

    /** The plan's entries, by index. */
    List<JournalEntry> entries(String vault, String planId);
}
