package io.lrtyield.price.pipeline;

import io.lrtyield.common.chain.BlockHead;
import io.lrtyield.common.event.PriceStatus;
import io.lrtyield.common.event.PriceTick;
import io.lrtyield.common.event.Provenance;
import io.lrtyield.common.event.RiskAlert;
import io.smallrye.mutiny.Uni;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A retry after a partial failure redoes only the stages that did not complete: nothing sent twice, nothing lost. */
class StagedPublicationTest {

    final List<String> calls = new ArrayList<>();
    int failStoreTimes;
    int failTicksTimes;

    final StagedPublication publication = new StagedPublication(new StagedPublication.Stages() {
        @Override
        public Uni<StagedPublication.Computed> compute(BlockHead block, Long backfilledAt) {
            calls.add("compute " + block.number() + (backfilledAt == null ? "" : "@" + backfilledAt));
            PriceTick tick = new PriceTick(1, "t" + block.number(), "rETH", null, null, BigDecimal.ONE, null, PriceStatus.OK, null, List.of(),
                    List.of(), new Provenance(31337, block.number(), block.hash(), block.timestamp()));
            return Uni.createFrom().item(new StagedPublication.Computed(List.of(backfilledAt == null ? tick : tick.backfilledAt(backfilledAt)),
                    List.<RiskAlert>of()));
        }

        @Override
        public Uni<Void> sendAlerts(List<RiskAlert> alerts) {
            calls.add("alerts");
            return Uni.createFrom().voidItem();
        }

        @Override
        public Uni<Void> sendTicks(List<PriceTick> ticks) {
            calls.add("send " + ticks.get(0).provenance().blockNumber());
            return failTicksTimes-- > 0 ? Uni.createFrom().failure(new IllegalStateException("kafka down")) : Uni.createFrom().voidItem();
        }

        @Override
        public Uni<Void> store(BlockHead block, List<PriceTick> ticks) {
            calls.add("store " + block.number());
            return failStoreTimes-- > 0 ? Uni.createFrom().failure(new IllegalStateException("redis down")) : Uni.createFrom().voidItem();
        }
    });

    static BlockHead block(long n, String hash) {
        return new BlockHead(n, hash, "0xp", 1_000 + n, false);
    }

    List<PriceTick> publish(BlockHead b, Long at) {
        return publication.publish(b, at).await().atMost(Duration.ofSeconds(5));
    }

    @Test
    void aBlockInOneGo() {
        List<PriceTick> ticks = publish(block(7, "0xa"), null);
        assertEquals(List.of("compute 7", "alerts", "send 7", "store 7"), calls);
        assertEquals(7, ticks.get(0).provenance().blockNumber());
    }

    @Test
    void aStoreFailureIsRetriedWithoutSendingTheTicksAgain() {
        failStoreTimes = 2;
        assertThrows(IllegalStateException.class, () -> publish(block(7, "0xa"), 9L));
        assertThrows(IllegalStateException.class, () -> publish(block(7, "0xa"), 10L));
        List<PriceTick> ticks = publish(block(7, "0xa"), 11L);
        assertEquals(List.of("compute 7@9", "alerts", "send 7", "store 7", "store 7", "store 7"), calls,
                "computed and sent once; only the store is repeated");
        assertTrue(ticks.get(0).reasons().contains(PriceTick.BACKFILLED + 9), "the ticks stored are those sent");
    }

    @Test
    void aSendFailureResendsButNeverRecomputes() {
        failTicksTimes = 1;
        assertThrows(IllegalStateException.class, () -> publish(block(7, "0xa"), null));
        publish(block(7, "0xa"), null);
        assertEquals(List.of("compute 7", "alerts", "send 7", "send 7", "store 7"), calls, "alerts sent once");
    }

    @Test
    void anotherHashAtTheSameHeightStartsAfresh() {
        failStoreTimes = 1;
        assertThrows(IllegalStateException.class, () -> publish(block(7, "0xa"), null));
        publish(block(7, "0xb"), null);
        publish(block(8, "0xc"), null);
        assertEquals(List.of("compute 7", "alerts", "send 7", "store 7", "compute 7", "alerts", "send 7", "store 7",
                "compute 8", "alerts", "send 8", "store 8"), calls);
    }
}
