package io.lrtyield.rebalancer.lease;

import io.quarkus.redis.datasource.RedisDataSource;
import io.vertx.mutiny.redis.client.Response;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * A lease in Redis: {@code leaseKey} holds the owner with a PX expiry, {@code fenceKey} a fencing token INCRemented on
 * every new holder. Taking and renewing is one script (check and write atomic); so is releasing, which only the owner
 * can do. Both keys must share a hash tag on a cluster. Blocking: worker threads only.
 */
public final class RedisLease {

    private static final String ACQUIRE = """
            local holder = redis.call('GET', KEYS[1])
            if holder == ARGV[1] then
              redis.call('PEXPIRE', KEYS[1], ARGV[2])
              return tonumber(redis.call('GET', KEYS[2]))
            end
            if holder then return -1 end
            redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
            return redis.call('INCR', KEYS[2])""";
    private static final String RELEASE = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
            return 0""";

    private final RedisDataSource redis;
    private final String leaseKey;
    private final String fenceKey;

    public RedisLease(RedisDataSource redis, String leaseKey, String fenceKey) {
        this.redis = redis;
        this.leaseKey = leaseKey;
        this.fenceKey = fenceKey;
    }

    /** Takes the lease if free, renews it if {@code owner} holds it: the fencing token, or empty when another holds it. */
    public OptionalLong acquire(String owner, Duration ttl) {
        long token = eval(redis, ACQUIRE, List.of(leaseKey, fenceKey), owner, Long.toString(ttl.toMillis()));
        return token < 0 ? OptionalLong.empty() : OptionalLong.of(token);
    }

    /** Hands the lease back if {@code owner} holds it (a graceful stop: the next instance need not wait for the TTL). */
    public void release(String owner) {
        eval(redis, RELEASE, List.of(leaseKey), owner);
    }

    /** Runs a Lua script; its integer reply (0 for nil). */
    public static long eval(RedisDataSource redis, String script, List<String> keys, String... args) {
        List<String> argv = new ArrayList<>();
        argv.add(script);
        argv.add(Integer.toString(keys.size()));
        argv.addAll(keys);
        argv.addAll(List.of(args));
        Response r = redis.execute("EVAL", argv.toArray(String[]::new));
        return r == null ? 0 : r.toLong();
    }
}
