package io.lrtyield.common.chain;

import io.smallrye.mutiny.Uni;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The catch-up over a mocked chain: ranges, order, provenance of past blocks, retries, the window, gaps. */
class CatchUpTest {

    static final Duration WAIT = Duration.ofSeconds(10);

    /** A chain whose reads fail as told: per block, the errors of its next tries (then it succeeds). */
    final Map<Long, List<String>> failures = new HashMap<>();
    final List<String> processed = new ArrayList<>();
    final List<Long> tried = new ArrayList<>();
    final List<Long> headersRead = new ArrayList<>();
    final List<BlockGap> gaps = new ArrayList<>();
    final AtomicLong newest = new AtomicLong(-1);

    CatchUp catchUp(long last, long maxBackfill, int historyAttempts) {
        return new CatchUp(last, new CatchUp.Settings(maxBackfill, historyAttempts, Duration.ofMillis(1), Duration.ofMillis(4), "priced"),
                n -> {
                    headersRead.add(n);
                    return Uni.createFrom().item(new BlockHead(n, hash(n), hash(n - 1), 1_000 + 12 * n, false));
                },
                (block, backfilledAt) -> Uni.createFrom().deferred(() -> {
                    tried.add(block.number());
                    List<String> errors = failures.getOrDefault(block.number(), new ArrayList<>());
                    if (!errors.isEmpty()) {
                        return Uni.createFrom().failure(new IllegalStateException(errors.remove(0)));
                    }
                    assertEquals(hash(block.number()), block.hash(), "each block with its own hash");
                    assertEquals(1_000 + 12 * block.number(), block.timestamp(), "each block with its own timestamp");
                    processed.add(block.number() + (backfilledAt == null ? "" : "@" + backfilledAt));
                    return Uni.createFrom().voidItem();
                }),
                gap -> {
                    gaps.add(gap);
                    return Uni.createFrom().voidItem();
                },
                newest::get);
    }

    static BlockHead head(long n) {
        return new BlockHead(n, hash(n), hash(n - 1), 1_000 + 12 * n, false);
    }

    static String hash(long n) {
        return "0x" + Long.toHexString(0xabc000 + n);
    }

    void fail(long block, String... errors) {
        failures.put(block, new ArrayList<>(List.of(errors)));
    }

    @Test
    void everyMissedBlockIsPricedInOrderThenTheHead() {
        CatchUp c = catchUp(10, 256, 3);
        c.onHead(head(15)).await().atMost(WAIT);
        assertEquals(List.of("11@15", "12@15", "13@15", "14@15", "15"), processed);
        assertEquals(List.of(11L, 12L, 13L, 14L), headersRead, "past blocks' headers read, the head's is known");
        assertEquals(15, c.last());
        c.onHead(head(17)).await().atMost(WAIT);
        assertEquals(List.of("11@15", "12@15", "13@15", "14@15", "15", "16@17", "17"), processed);
        assertTrue(gaps.isEmpty());
    }

    @Test
    void aRewindProcessesTheBlocksAfterItAgainAtTheNextHeadAndNeverGoesForward() {
        CatchUp c = catchUp(10, 256, 3);
        c.onHead(head(13)).await().atMost(WAIT);
        c.rewindTo(11); // another instance recorded up to 11: this one takes over from there
        assertEquals(11, c.last());
        c.rewindTo(20);
        c.rewindTo(-1);
        assertEquals(11, c.last(), "forward or unknown: no change");
        c.onHead(head(14)).await().atMost(WAIT);
        assertEquals(List.of("11@13", "12@13", "13", "12@14", "13@14", "14"), processed);
    }

    @Test
    void theFirstHeadAloneWhenNothingWasProcessedBefore() {
        CatchUp c = catchUp(-1, 256, 3);
        c.onHead(head(500)).await().atMost(WAIT);
        assertEquals(List.of("500"), processed);
        assertTrue(headersRead.isEmpty());
        assertTrue(gaps.isEmpty());
    }

    @Test
    void aHeadAlreadyProcessedIsSkippedUnlessAReorgReplacedIt() {
        CatchUp c = catchUp(20, 256, 3);
        c.onHead(head(19)).await().atMost(WAIT);
        c.onHead(head(20)).await().atMost(WAIT);
        assertTrue(processed.isEmpty());
        c.onHead(new BlockHead(20, hash(20), hash(19), 1_240, true)).await().atMost(WAIT);
        assertEquals(List.of("20"), processed);
        assertEquals(20, c.last());
        // a deeper reorg: the new branch's 19 and then 20 are processed again, 19 after one failed try
        fail(19, "connection refused");
        c.onHead(new BlockHead(19, hash(19), hash(18), 1_228, true)).await().atMost(WAIT);
        c.onHead(head(20)).await().atMost(WAIT);
        assertEquals(List.of("20", "19", "20"), processed);
        assertEquals(List.of(20L, 19L, 19L, 20L), tried);
    }

    @Test
    void aFailedBlockIsRetriedAndLaterBlocksWaitBehindIt() {
        fail(12, "connection refused", "HTTP 503", "timeout");
        CatchUp c = catchUp(10, 256, 3);
        c.onHead(head(14)).await().atMost(WAIT);
        assertEquals(List.of("11@14", "12@14", "13@14", "14"), processed, "nothing skipped, nothing out of order");
        assertEquals(List.of(11L, 12L, 12L, 12L, 12L, 13L, 14L), tried, "12 four times, 13 only after it");
        assertTrue(gaps.isEmpty(), "a transient failure, however often, is no gap while the block is in the window");
    }

    @Test
    void aHeadHeldByFailuresUntilNewerHeadsArrivedIsMarkedBackfilled() {
        fail(30, "connection refused", "connection refused");
        CatchUp c = catchUp(29, 256, 3);
        newest.set(30);
        c.onHead(head(30)).await().atMost(WAIT);
        assertEquals(List.of("30"), processed, "priced at once: still the head");
        processed.clear();
        fail(31, "connection refused", "connection refused");
        newest.set(35); // heads 32…35 arrived while 31 failed
        c.onHead(head(31)).await().atMost(WAIT);
        c.onHead(head(35)).await().atMost(WAIT);
        assertEquals(List.of("31@35", "32@35", "33@35", "34@35", "35"), processed);
    }

    @Test
    void aBlockTheNodeCannotServeBecomesAGapAfterTheConfiguredTries() {
        fail(12, "missing trie node abc (path )", "missing trie node abc (path )", "header not found", "never reached");
        CatchUp c = catchUp(10, 256, 3);
        newest.set(14);
        c.onHead(head(14)).await().atMost(WAIT);
        assertEquals(List.of("11@14", "13@14", "14"), processed);
        assertEquals(1, gaps.size());
        BlockGap gap = gaps.get(0);
        assertEquals(12, gap.fromBlock());
        assertEquals(12, gap.toBlock());
        assertTrue(gap.reason().contains("cannot serve block 12 after 3 tries") && gap.reason().contains("header not found"), gap.reason());
        assertEquals(List.of(11L, 12L, 12L, 12L, 13L, 14L), tried);
    }

    @Test
    void aHistoryErrorThatClearsBeforeTheLastTryIsNoGap() {
        fail(12, "header not found", "header not found");
        CatchUp c = catchUp(10, 256, 3);
        newest.set(13);
        c.onHead(head(13)).await().atMost(WAIT);
        assertEquals(List.of("11@13", "12@13", "13"), processed);
        assertTrue(gaps.isEmpty());
    }

    @Test
    void headerNotFoundForTheNewestHeadIsALaggingNodeRetriedNeverAGap() {
        fail(21, "header not found", "header not found", "header not found", "header not found", "header not found");
        CatchUp c = catchUp(20, 256, 3);
        newest.set(21);
        c.onHead(head(21)).await().atMost(WAIT);
        assertEquals(List.of("21"), processed, "priced once the node caught up");
        assertTrue(gaps.isEmpty());
    }

    @Test
    void theCatchUpIsCappedAndWhatIsOlderIsOneGap() {
        CatchUp c = catchUp(10, 256, 3);
        c.onHead(head(1_000)).await().atMost(WAIT);
        assertEquals(List.of(new BlockGap(11, 743, gaps.get(0).reason())), gaps);
        assertTrue(gaps.get(0).reason().contains("more than 256 blocks behind the head 1000"), gaps.get(0).reason());
        List<String> expected = new ArrayList<>(LongStream.rangeClosed(744, 999).mapToObj(n -> n + "@1000").toList());
        expected.add("1000");
        assertEquals(expected, processed, "256 backfilled blocks, then the head");
    }

    @Test
    void aBlockStuckUntilItLeavesTheWindowIsReportedAndTheCatchUpGoesOn() {
        // block 12 keeps failing; meanwhile the chain moves on so far that 12…14 fall out of a 5-block window
        List<String> errors = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            errors.add("connection refused");
        }
        failures.put(12L, errors);
        CatchUp c = new CatchUp(10, new CatchUp.Settings(5, 3, Duration.ofMillis(1), Duration.ofMillis(2), "priced"),
                n -> Uni.createFrom().item(new BlockHead(n, hash(n), hash(n - 1), 1_000 + 12 * n, false)),
                (block, at) -> Uni.createFrom().deferred(() -> {
                    tried.add(block.number());
                    List<String> e = failures.getOrDefault(block.number(), new ArrayList<>());
                    if (!e.isEmpty()) {
                        e.remove(0);
                        if (e.size() == 2) {
                            newest.set(20); // the node came back with heads up to 20: window 15…20
                        }
                        return Uni.createFrom().failure(new IllegalStateException("connection refused"));
                    }
                    processed.add(block.number() + (at == null ? "" : "@" + at));
                    return Uni.createFrom().voidItem();
                }),
                gap -> {
                    gaps.add(gap);
                    return Uni.createFrom().voidItem();
                },
                newest::get);
        newest.set(16);
        c.onHead(head(16)).await().atMost(WAIT);
        assertEquals(1, gaps.size());
        assertEquals(12, gaps.get(0).fromBlock());
        assertEquals(14, gaps.get(0).toBlock());
        assertEquals(List.of("11@16", "15@20", "16@20"), processed, "priced while head 20 exists: backfilled at 20");
        assertEquals(16, c.last());
    }

    @Test
    void theBackOffDoublesUpToItsBound() {
        CatchUp c = new CatchUp(0, new CatchUp.Settings(256, 5, Duration.ofMillis(250), Duration.ofSeconds(5), "priced"),
                n -> Uni.createFrom().nullItem(), (b, h) -> Uni.createFrom().voidItem(), g -> Uni.createFrom().voidItem(), () -> -1);
        assertEquals(List.of(250L, 500L, 1_000L, 2_000L, 4_000L, 5_000L, 5_000L),
                LongStream.rangeClosed(1, 7).mapToObj(n -> c.backoff((int) n).toMillis()).toList());
        assertEquals(5_000, c.backoff(200).toMillis());
    }

    @Test
    void historyErrorsAreToldFromTransientOnes() {
        assertTrue(CatchUp.historyUnavailable("missing trie node 8f3a… (path ) state 0x1 is not available"));
        assertTrue(CatchUp.historyUnavailable("aggregate3 at block 12 failed: header not found"));
        assertTrue(CatchUp.historyUnavailable("Unknown block"));
        assertFalse(CatchUp.historyUnavailable("Connection refused: localhost/127.0.0.1:8545"));
        assertFalse(CatchUp.historyUnavailable("execution reverted"));
        assertFalse(CatchUp.historyUnavailable(null));
    }
}
