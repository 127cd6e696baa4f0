package io.lrtyield.common.codec;

import io.lrtyield.common.event.Event;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Kafka value deserializer for one event type, for plain Kafka clients (tools, tests). The services' channels
 * receive raw bytes and decode with {@link EventCodec#decode} themselves, so a poison message is nacked with its
 * original bytes intact and lands in the dead-letter topic while the channel keeps going.
 */
public class EventDeserializer<T extends Event> implements Deserializer<T> {

    private final Class<T> type;
    private final int schemaVersion;

    public EventDeserializer(Class<T> type, int schemaVersion) {
        this.type = type;
        this.schemaVersion = schemaVersion;
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        return data == null ? null : EventCodec.decode(data, type, schemaVersion);
    }
}
