package io.lrtyield.common.event;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The plan lifecycle's table, and unknown names refused with the known ones listed. */
class PlanStatusTest {

    @Test
    void transitionsAndTerminalStates() {
        assertEquals(Set.of(PlanStatus.APPROVED, PlanStatus.REJECTED, PlanStatus.EXPIRED), PlanStatus.PROPOSED.next());
        assertEquals(Set.of(PlanStatus.EXECUTING, PlanStatus.REJECTED, PlanStatus.EXPIRED), PlanStatus.APPROVED.next());
        assertEquals(Set.of(PlanStatus.DONE, PlanStatus.FAILED), PlanStatus.EXECUTING.next());
        for (PlanStatus s : Set.of(PlanStatus.DONE, PlanStatus.FAILED, PlanStatus.REJECTED, PlanStatus.EXPIRED)) {
            assertTrue(s.terminal(), s.name());
        }
        assertFalse(PlanStatus.EXECUTING.terminal());
    }

    @Test
    void anUnknownNameIsRefused() {
        assertEquals(PlanStatus.DONE, PlanStatus.of("DONE"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PlanStatus.of("done"));
        assertTrue(e.getMessage().contains("unknown plan status 'done'") && e.getMessage().contains("EXPIRED"), e.getMessage());
    }
}
