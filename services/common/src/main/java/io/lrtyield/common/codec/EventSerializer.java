package io.lrtyield.common.codec;

import org.apache.kafka.common.serialization.Serializer;

/** Kafka value serializer for every event type. */
public class EventSerializer implements Serializer<Object> {
    @Override
    public byte[] serialize(String topic, Object data) {
        return data == null ? null : EventCodec.toBytes(data);
    }
}
