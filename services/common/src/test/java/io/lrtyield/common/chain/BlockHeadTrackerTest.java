package io.lrtyield.common.chain;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class BlockHeadTrackerTest {

    private BlockHeadTracker tracker;

    @BeforeEach
    void firstHead() {
        tracker = new BlockHeadTracker();
        BlockHead first = tracker.accept(100, "0xa100", "0xa099", 1_000);
        assertEquals(new BlockHead(100, "0xa100", "0xa099", 1_000, false), first);
    }

    @Test
    void sameHeadAgainIsNotNew() {
        assertNull(tracker.accept(100, "0xa100", "0xa099", 1_000));
    }

    @Test
    void childOfTheLastHeadIsNotAReorg() {
        assertEquals(new BlockHead(101, "0xa101", "0xa100", 1_012, false), tracker.accept(101, "0xa101", "0xa100", 1_012));
        assertEquals(new BlockHead(102, "0xa102", "0xa101", 1_024, false), tracker.accept(102, "0xa102", "0xa101", 1_024));
    }

    @Test
    void nextBlockWithAnotherParentIsAReorg() {
        BlockHead head = tracker.accept(101, "0xb101", "0xb100", 1_012);
        assertNotNull(head);
        assertTrue(head.reorg());
        assertEquals(101, head.number());
        assertEquals("0xb101", head.hash());
        // the new branch is now the reference: its child is not another reorg
        assertFalse(tracker.accept(102, "0xb102", "0xb101", 1_024).reorg());
    }

    @Test
    void sameHeightOtherHashIsAReorg() {
        BlockHead head = tracker.accept(100, "0xb100", "0xa099", 1_000);
        assertNotNull(head);
        assertTrue(head.reorg());
        assertNull(tracker.accept(100, "0xb100", "0xa099", 1_000), "the replacement is remembered");
        assertFalse(tracker.accept(101, "0xb101", "0xb100", 1_012).reorg());
        assertTrue(tracker.accept(102, "0xa102", "0xa101", 1_024).reorg(), "a child of the replaced block is a reorg again");
    }

    @Test
    void lowerHeightIsIgnoredAndForgotten() {
        assertNull(tracker.accept(99, "0xa099", "0xa098", 988));
        assertNull(tracker.accept(99, "0xc099", "0xc098", 988), "a lagging endpoint on another branch is ignored too");
        // state is unchanged: the child of 100 is still a plain new head
        assertEquals(new BlockHead(101, "0xa101", "0xa100", 1_012, false), tracker.accept(101, "0xa101", "0xa100", 1_012));
    }

    @Test
    void onlyAHeadThatSkipsHeightsAsksForARead() {
        assertNull(tracker.skippedFrom(100), "same height");
        assertNull(tracker.skippedFrom(101), "the child is checked by its parent hash");
        assertEquals(new BlockHeadTracker.Seen(100, "0xa100"), tracker.skippedFrom(102));
        assertNull(new BlockHeadTracker().skippedFrom(102), "nothing seen yet, nothing to re-read");
    }

    @Test
    void aSkipOverAReplacedBlockIsAReorg() {
        BlockHead head = tracker.accept(103, "0xb103", "0xb102", 1_036, true);
        assertTrue(head.reorg());
        assertFalse(tracker.accept(104, "0xb104", "0xb103", 1_048).reorg(), "the new branch is the reference");
    }

    @Test
    void aSkipOverAnUnchangedBlockIsNotAReorg() {
        assertEquals(new BlockHead(103, "0xa103", "0xa102", 1_036, false), tracker.accept(103, "0xa103", "0xa102", 1_036, false));
        // without a re-read a skip is never a reorg: its parent is a block we did not see
        assertFalse(tracker.accept(106, "0xa106", "0xa105", 1_072).reorg());
    }

    @Test
    void replacedIsIgnoredWithoutASkip() {
        assertFalse(tracker.accept(101, "0xa101", "0xa100", 1_012, true).reorg(), "a child is judged by its parent hash");
        assertNull(tracker.accept(101, "0xa101", "0xa100", 1_012, true), "a duplicate stays a duplicate");
    }
}
