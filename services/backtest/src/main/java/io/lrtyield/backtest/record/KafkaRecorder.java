package io.lrtyield.backtest.record;

import io.lrtyield.backtest.config.BacktestCatalogue;
import io.lrtyield.backtest.history.HistoryFile;
import io.lrtyield.backtest.history.MarketHistory;
import io.lrtyield.backtest.scenario.ScenarioGenerator;
import io.lrtyield.common.codec.EventCodec;
import io.lrtyield.common.event.PriceTick;
import io.lrtyield.common.event.Topics;
import io.lrtyield.common.event.YieldQuote;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

/**
 * {@code make record}: reads {@code prices.v1} and {@code yields.v1} of a running stack from the beginning for a while
 * (a fresh consumer group, nothing committed) and writes them as a history file ({@link RecordedHistory}); only the
 * latest devnet chain's events count ({@link #latestChainStart}).
 * Arguments: {@code <bootstrap> <seconds> <out file> [sample-every-blocks] [gas-gwei]}.
 */
public final class KafkaRecorder {

    /** A fall of block numbers larger than this within one partition is a new devnet chain, not a late event. */
    static final long RESTART_BLOCKS = 64;

    private KafkaRecorder() {
    }

    public static void main(String[] args) {
        System.setProperty("java.util.logging.manager", "org.jboss.logmanager.LogManager");
        if (args.length < 3) {
            System.err.println("usage: KafkaRecorder <bootstrap> <seconds> <out.history.gz> [sample-every-blocks=1] [gas-gwei=20]");
            System.exit(2);
        }
        String bootstrap = args[0];
        long seconds = Long.parseLong(args[1]);
        Path out = Path.of(args[2]);
        int every = args.length > 3 ? Integer.parseInt(args[3]) : 1;
        BigDecimal gas = new BigDecimal(args.length > 4 ? args[4] : "20");
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "backtest-recorder-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        long until = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        Map<TopicPartition, List<Object>> byPartition = new LinkedHashMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            consumer.subscribe(List.of(Topics.PRICES, Topics.YIELDS));
            while (System.nanoTime() < until) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    Object event = Topics.PRICES.equals(r.topic()) ? EventCodec.fromJson(r.value(), PriceTick.class)
                            : EventCodec.fromJson(r.value(), YieldQuote.class);
                    byPartition.computeIfAbsent(new TopicPartition(r.topic(), r.partition()), k -> new ArrayList<>()).add(event);
                }
            }
        }
        RecordedHistory recorded = new RecordedHistory(BacktestCatalogue.devnet(), ScenarioGenerator.assets());
        long prices = 0;
        long yields = 0;
        long dropped = 0;
        for (List<Object> events : byPartition.values()) {
            int from = latestChainStart(events);
            dropped += from;
            for (Object e : events.subList(from, events.size())) {
                if (e instanceof PriceTick t) {
                    recorded.add(t);
                    prices++;
                } else {
                    recorded.add((YieldQuote) e);
                    yields++;
                }
            }
        }
        System.err.printf("recorded %d ticks and %d quotes from %s%s%n", prices, yields, bootstrap,
                dropped == 0 ? "" : " (" + dropped + " events of earlier devnet chains left out)");
        MarketHistory h = recorded.build("recorded", every, gas, BigDecimal.ONE);
        HistoryFile.write(h, out);
        System.err.printf("wrote %s: %d samples from block %d%n", out, h.header().samples(), h.header().startBlock());
    }

    /**
     * Where the latest chain begins in one partition's events (in offset order): {@code make run} keeps Kafka's data
     * over restarts while each devnet starts again at block 0, so a block number that falls back by more than
     * {@link #RESTART_BLOCKS} marks a new chain, and only the events after the last such fall are kept.
     */
    static int latestChainStart(List<Object> events) {
        int start = 0;
        long highest = Long.MIN_VALUE;
        for (int i = 0; i < events.size(); i++) {
            long block = blockOf(events.get(i));
            if (block < highest - RESTART_BLOCKS) {
                start = i;
                highest = block;
            } else {
                highest = Math.max(highest, block);
            }
        }
        return start;
    }

    private static long blockOf(Object event) {
        return event instanceof PriceTick t ? t.provenance().blockNumber() : ((YieldQuote) event).provenance().blockNumber();
    }
}
