package io.lrtyield.common.event;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Deterministic event ids: SHA-256 over the event type and the fields that identify it, first 16 bytes, hex. */
public final class EventIds {

    private EventIds() {
    }

    public static String of(String eventType, Object... parts) {
        StringBuilder canonical = new StringBuilder(eventType);
        for (Object part : parts) {
            canonical.append('|').append(part == null ? "" : part.toString());
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the JVM specification", e);
        }
    }
}
