package io.lrtyield.common.runtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lrtyield.common.codec.EventCodec;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/** The REST APIs speak like the topics: exact decimals as strings. */
@Singleton
public class JacksonCustomizer implements ObjectMapperCustomizer {
    @Override
    public void customize(ObjectMapper mapper) {
        EventCodec.configure(mapper);
    }
}
