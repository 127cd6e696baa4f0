package io.lrtyield.rebalancer.execution.journal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;

/** The journal's semantics without Redis, for tests and a single-process dry run; lease expiry by wall clock. */
public final class InMemoryExecutionJournal implements ExecutionJournal {

    private final Map<String, String> leaseOwner = new HashMap<>();
    private final Map<String, Long> leaseUntil = new HashMap<>();
    private final Map<String, Long> fence = new HashMap<>();
    private final Map<String, Set<String>> open = new HashMap<>();
    private final Map<String, Set<String>> all = new HashMap<>();
    private final Map<String, TreeMap<Integer, JournalEntry>> plans = new HashMap<>();

    @Override
    public synchronized OptionalLong acquireLease(String vault, String owner, Duration ttl) {
        long now = System.currentTimeMillis();
        String holder = leaseOwner.get(vault);
        boolean free = holder == null || leaseUntil.get(vault) <= now;
        if (!free && !holder.equals(owner)) {
            return OptionalLong.empty();
        }
        if (free) {
            fence.merge(vault, 1L, Long::sum);
            leaseOwner.put(vault, owner);
        }
        leaseUntil.put(vault, now + ttl.toMillis());
        return OptionalLong.of(fence.get(vault));
    }

    @Override
    public synchronized void releaseLease(String vault, String owner) {
        if (owner.equals(leaseOwner.get(vault))) {
            leaseOwner.remove(vault);
        }
    }

    @Override
    public synchronized void write(String vault, long fencingToken, JournalEntry entry) {
        check(vault, fencingToken);
        plans.computeIfAbsent(vault + "/" + entry.planId(), k -> new TreeMap<>()).put(entry.index(), entry);
        open.computeIfAbsent(vault, k -> new LinkedHashSet<>()).add(entry.planId());
        all.computeIfAbsent(vault, k -> new LinkedHashSet<>()).add(entry.planId());
    }

    @Override
    public synchronized List<String> recentPlans(String vault, int limit) {
        List<String> plans = new ArrayList<>(all.getOrDefault(vault, Set.of()));
        java.util.Collections.reverse(plans);
        return plans.subList(0, Math.min(limit, plans.size()));
    }

    @Override
    public synchronized void closePlan(String vault, long fencingToken, String planId) {
        check(vault, fencingToken);
        open.getOrDefault(vault, new LinkedHashSet<>()).remove(planId);
    }

    @Override
    public synchronized List<String> openPlans(String vault) {
        return List.copyOf(open.getOrDefault(vault, Set.of()));
    }

    @Override
    public synchronized List<JournalEntry> entries(String vault, String planId) {
        List<JournalEntry> list = new ArrayList<>(plans.getOrDefault(vault + "/" + planId, new TreeMap<>()).values());
        list.sort(Comparator.comparingInt(JournalEntry::index));
        return list;
    }

    private void check(String vault, long token) {
        if (fence.getOrDefault(vault, 0L) != token) {
            throw new FencedOutException(vault, token);
        }
    }
}
