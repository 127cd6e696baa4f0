package io.lrtyield.common.runtime;

import io.smallrye.mutiny.Uni;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The newest block that every key (an asset's price ticks, say) has reached, and a bounded wait for a block: how a
 * per-block step that depends on another stream's output for the same block (a decision on the block's prices, a loop's
 * quote on the block's staking APY) waits for it without ever waiting past {@code max} — the other stream may be slow,
 * stopped or catching up, and the step then goes on with what it has.
 */
public final class BlockWatermark {

    private record Waiter(long block, CompletableFuture<Void> done) {
    }

    private final Map<String, Long> blocks = new ConcurrentHashMap<>();
    private final Set<Waiter> waiters = ConcurrentHashMap.newKeySet();

    /** {@code key} has reached {@code block} (a lower block than it had, a redelivery or a backfill, changes nothing). */
    public void advance(String key, long block) {
        blocks.merge(key, block, Math::max);
        if (!waiters.isEmpty()) {
            long through = through();
            waiters.forEach(w -> {
                if (through >= w.block()) {
                    w.done().complete(null);
                }
            });
        }
    }

    /** The newest block every key has reached; -1 before the first. */
    public long through() {
        return blocks.values().stream().mapToLong(Long::longValue).min().orElse(-1);
    }

    /** Completes once every key has reached {@code block}, or after {@code max} (at once when {@code max} is zero). */
    public Uni<Void> reach(long block, Duration max) {
        if (max.isZero() || through() >= block) {
            return Uni.createFrom().voidItem();
        }
        Waiter w = new Waiter(block, new CompletableFuture<>());
        waiters.add(w);
        if (through() >= block) { // advanced between the check and the registration
            w.done().complete(null);
        }
        return Uni.createFrom().completionStage(w.done())
                .ifNoItem().after(max).recoverWithItem((Void) null)
                .eventually(() -> waiters.remove(w));
    }
}
