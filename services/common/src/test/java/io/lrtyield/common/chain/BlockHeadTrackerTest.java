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
}
