package io.lrtyield.common.codec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import io.lrtyield.common.event.Event;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * The one JSON codec of the system. Amounts, prices and rates travel as decimal strings (exact, never a float);
 * unknown fields are ignored so an older consumer reads a newer producer's events.
 */
public final class EventCodec {

    private static final ObjectMapper MAPPER = configure(new ObjectMapper());

    private EventCodec() {
    }

    /** Applies the house rules to a mapper (used for Quarkus' REST mapper too, so the API speaks like the topics). */
    public static ObjectMapper configure(ObjectMapper mapper) {
        SimpleModule exactNumbers = new SimpleModule("exact-numbers");
        exactNumbers.addSerializer(BigDecimal.class, new PlainBigDecimalSerializer());
        exactNumbers.addSerializer(BigInteger.class, ToStringSerializer.instance);
        return mapper.registerModule(exactNumbers)
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true)
                .setSerializationInclusion(JsonInclude.Include.ALWAYS);
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static byte[] toBytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode " + value.getClass().getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }

    public static String toJson(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode " + value.getClass().getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }

    /** Decodes an event and checks its schema version; throws {@link EventDecodingException} on any defect. */
    public static <T extends Event> T decode(byte[] json, Class<T> type, int supportedSchemaVersion) {
        T event;
        try {
            event = MAPPER.readValue(json, type);
        } catch (IOException e) {
            throw new EventDecodingException("malformed " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
        if (event == null) {
            throw new EventDecodingException("empty " + type.getSimpleName(), null);
        }
        if (event.schemaVersion() != supportedSchemaVersion) {
            throw new EventDecodingException(type.getSimpleName() + " schemaVersion " + event.schemaVersion()
                    + " is not supported (expected " + supportedSchemaVersion + ")", null);
        }
        if (event.eventId() == null || event.eventId().isBlank()) {
            throw new EventDecodingException(type.getSimpleName() + " without eventId", null);
        }
        return event;
    }

    public static <T> T fromJson(String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (IOException e) {
            throw new EventDecodingException("malformed " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    /** BigDecimal as a plain decimal string: "0.0312", never "3.12E-2". */
    private static final class PlainBigDecimalSerializer extends ToStringSerializer {
        PlainBigDecimalSerializer() {
            super(BigDecimal.class);
        }

        @Override
        public void serialize(Object value, JsonGenerator gen, com.fasterxml.jackson.databind.SerializerProvider provider)
                throws IOException {
            gen.writeString(((BigDecimal) value).toPlainString());
        }
    }
}
