/**
 * The events that travel on Kafka, defined once and used by producer and consumer alike (ARCHITECTURE §3).
 * Every event carries a {@code schemaVersion}, a deterministic {@code eventId} and block {@link io.lrtyield.common.event.Provenance}.
 * Amounts and prices are {@link java.math.BigDecimal}/{@link java.math.BigInteger}, serialised as decimal strings.
 */
package io.lrtyield.common.event;
