package io.lrtyield.common.codec;

/** A message that is not a valid event of the expected type and version: it goes to the dead-letter topic. */
public class EventDecodingException extends RuntimeException {
    public EventDecodingException(String message, Throwable cause) {
        super(message, cause);
    }
}
