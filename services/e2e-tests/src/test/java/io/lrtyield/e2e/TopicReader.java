package io.lrtyield.e2e;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Reads a topic from the beginning with a throw-away consumer group, as an outside observer would. Records whose
 * value does not decode (poison messages) are skipped, as a tolerant consumer must.
 */
final class TopicReader<V> implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final Deserializer<V> values;
    private final String topic;
    private final List<ConsumerRecord<String, V>> seen = new ArrayList<>();

    TopicReader(String topic, Deserializer<V> values) {
        this.topic = topic;
        this.values = values;
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SystemUnderTest.kafka());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "e2e-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(topic));
    }

    /** Polls until a record matches, within the timeout. */
    ConsumerRecord<String, V> await(Predicate<ConsumerRecord<String, V>> match, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (ConsumerRecord<String, V> r : seen) {
            if (match.test(r)) {
                return r;
            }
        }
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, byte[]> raw : consumer.poll(Duration.ofMillis(500))) {
                V value;
                try {
                    value = values.deserialize(topic, raw.value());
                } catch (RuntimeException poison) {
                    continue;
                }
                var r = new ConsumerRecord<>(raw.topic(), raw.partition(), raw.offset(), raw.key(), value);
                seen.add(r);
                if (match.test(r)) {
                    return r;
                }
            }
        }
        throw new AssertionError("no matching record within " + timeout.toSeconds() + " s (" + seen.size() + " seen)");
    }

    /** Polls for {@code time}, keeping every decodable record (for "nothing else arrived" checks). */
    void drain(Duration time) {
        long deadline = System.nanoTime() + time.toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, byte[]> raw : consumer.poll(Duration.ofMillis(200))) {
                try {
                    seen.add(new ConsumerRecord<>(raw.topic(), raw.partition(), raw.offset(), raw.key(), values.deserialize(topic, raw.value())));
                } catch (RuntimeException poison) {
                    // skipped, as in await
                }
            }
        }
    }

    /** Polls until every partition is read up to its end offset as of the call (at most {@code max}). */
    void drainToEnd(Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        java.util.Map<org.apache.kafka.common.TopicPartition, Long> end = null;
        while (System.nanoTime() < deadline) {
            drain(Duration.ofMillis(100));
            if (consumer.assignment().isEmpty()) {
                continue;
            }
            if (end == null) {
                end = consumer.endOffsets(consumer.assignment());
            }
            if (end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
                return;
            }
        }
    }

    /** Every decoded record polled so far, in order. */
    List<ConsumerRecord<String, V>> seen() {
        return List.copyOf(seen);
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(2));
    }
}
