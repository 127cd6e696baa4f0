package io.lrtyield.rebalancer.execution.journal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.redis.datasource.RedisDataSource;
import io.lrtyield.rebalancer.lease.RedisLease;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The journal in Redis. Keys per vault share a hash tag so one Lua script can touch them all (cluster-safe):
 * {@code execution:{vault}:lease} (owner, PX ttl), {@code :fence} (the fencing token, INCR on every new holder),
 * {@code :open} (sorted set of plans to resume, by first write), {@code :plans} (every plan, by first write) and {@code :plan:<id>} (hash: action index → entry
 * JSON). Every write is a script that first compares the caller's token with {@code :fence}: the check and the write
 * are atomic. Blocking: worker threads only.
 */
public final class RedisExecutionJournal implements ExecutionJournal {

    private static final String WRITE = """
            if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
            redis.call('HSET', KEYS[2], ARGV[2], ARGV[3])
            redis.call('ZADD', KEYS[3], 'NX', ARGV[5], ARGV[4])
            redis.call('ZADD', KEYS[4], 'NX', ARGV[5], ARGV[4])
            return 1""";
    private static final String CLOSE = """
            if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
            redis.call('ZREM', KEYS[2], ARGV[2])
            return 1""";

    private final RedisDataSource redis;
    private final ObjectMapper json = new ObjectMapper();

    public RedisExecutionJournal(RedisDataSource redis) {
        this.redis = redis;
    }

    @Override
    public OptionalLong acquireLease(String vault, String owner, Duration ttl) {
        return lease(vault).acquire(owner, ttl);
    }

    @Override
    public void releaseLease(String vault, String owner) {
        lease(vault).release(owner);
    }

    @Override
    public void write(String vault, long fencingToken, JournalEntry entry) {
        long ok = eval(WRITE, List.of(key(vault, "fence"), planKey(vault, entry.planId()), key(vault, "open"), key(vault, "plans")),
                Long.toString(fencingToken), Integer.toString(entry.index()), encode(entry), entry.planId(),
                Long.toString(System.currentTimeMillis()));
        if (ok != 1) {
            throw new FencedOutException(vault, fencingToken);
        }
    }

    @Override
    public void closePlan(String vault, long fencingToken, String planId) {
        if (eval(CLOSE, List.of(key(vault, "fence"), key(vault, "open")), Long.toString(fencingToken), planId) != 1) {
            throw new FencedOutException(vault, fencingToken);
        }
    }

    @Override
    public List<String> openPlans(String vault) {
        return redis.sortedSet(String.class).zrange(key(vault, "open"), 0, -1);
    }

    @Override
    public List<String> recentPlans(String vault, int limit) {
        List<String> newestFirst = new ArrayList<>(redis.sortedSet(String.class).zrange(key(vault, "plans"), -limit, -1));
        java.util.Collections.reverse(newestFirst);
        return newestFirst;
    }

    @Override
    public List<JournalEntry> entries(String vault, String planId) {
        Map<String, String> fields = redis.hash(String.class).hgetall(planKey(vault, planId));
        List<JournalEntry> list = new ArrayList<>();
        fields.values().forEach(v -> list.add(decode(v)));
        list.sort(Comparator.comparingInt(JournalEntry::index));
        return list;
    }

    private RedisLease lease(String vault) {
        return new RedisLease(redis, key(vault, "lease"), key(vault, "fence"));
    }

    private long eval(String script, List<String> keys, String... args) {
        return RedisLease.eval(redis, script, keys, args);
    }

    static String key(String vault, String what) {
        return "execution:{" + vault.toLowerCase() + "}:" + what;
    }

    static String planKey(String vault, String planId) {
        return key(vault, "plan:" + planId);
    }

    private String encode(JournalEntry entry) {
        try {
            return json.writeValueAsString(entry);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JournalEntry decode(String value) {
        try {
            return json.readValue(value, JournalEntry.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
