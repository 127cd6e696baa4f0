package io.lrtyield.common.chain;

import io.smallrye.mutiny.Uni;
import org.jboss.logging.Logger;

import java.util.function.LongFunction;

/**
 * The last block a per-block pipeline fully processed, as it keeps it (in Redis) to resume after a restart: the
 * blocks mined while it was down are then processed in order ({@link CatchUp}) instead of skipped.
 */
public record ProcessedBlock(long chainId, long number, String hash) {

    private static final Logger LOG = Logger.getLogger(ProcessedBlock.class);

    /**
     * Where to resume: the stored block if it is still on the node's chain (same chain id, same hash at that height),
     * otherwise -1 — a reset devnet or a reorg past it starts afresh at the next head rather than skipping blocks or
     * processing another chain's. An unreadable resume point starts at the next head too, with a warning.
     */
    public static Uni<Long> resumePoint(Uni<ProcessedBlock> stored, long chainId, LongFunction<Uni<BlockHead>> header, String what) {
        return stored.chain(last -> {
            if (last == null || last.chainId() != chainId) {
                return Uni.createFrom().item(-1L);
            }
            return header.apply(last.number()).map(block -> last.hash().equalsIgnoreCase(block.hash()) ? last.number() : -1L);
        }).onFailure().recoverWithItem(e -> {
            LOG.warnf("%s: resume point unknown (%s); starting at the next head", what, e.getMessage());
            return -1L;
        });
    }
}
