package io.lrtyield.price.pipeline;

import io.lrtyield.common.event.Provenance;
import io.lrtyield.common.event.RiskAlert;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A pause seen by its event and by paused() in the same block is published once, as the event's alert. */
class AlertMergeTest {

    static RiskAlert alert(String kind, String message, Provenance p) {
        return new RiskAlert(RiskAlert.SCHEMA_VERSION, RiskAlert.idFor("ezETH", kind, true, p), "ezETH", kind, "CRITICAL", message, null, null,
                true, p);
    }

    @Test
    void theSameSubjectKindAndBlockIsOneAlertTheEventsFirst() {
        Provenance p = new Provenance(31337, 10, "0x0a", 100);
        RiskAlert event = alert("VENUE_PAUSED", "paused by 0x… (tx 0xabc)", p);
        RiskAlert read = alert("VENUE_PAUSED", "paused() read true", p);
        RiskAlert slash = alert("OPERATOR_SLASHED", "slashed", p);
        assertEquals(List.of(event, slash), PricePipeline.merge(List.of(event), List.of(read, slash)));
        RiskAlert nextBlock = alert("VENUE_PAUSED", "paused() read true", new Provenance(31337, 11, "0x0b", 101));
        assertEquals(List.of(event, nextBlock), PricePipeline.merge(List.of(event), List.of(nextBlock)), "another block is another alert");
    }
}
