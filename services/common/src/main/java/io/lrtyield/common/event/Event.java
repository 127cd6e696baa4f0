package io.lrtyield.common.event;

/** What every event on our topics has in common. */
public interface Event {

    /** Version of the event's JSON shape; consumers reject versions they do not know. */
    int schemaVersion();

    /** Deterministic id: the same inputs always give the same id, so consumers can dedupe. */
    String eventId();

    /** The Kafka record key: the entity whose order matters (asset, venue, vault, subject). */
    String key();

    Provenance provenance();
}
