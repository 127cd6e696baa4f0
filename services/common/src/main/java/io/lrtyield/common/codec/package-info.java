/**
 * The one JSON codec of the system and its Kafka adapters: exact decimals as strings, schema version and event id
 * checked on decode, unknown fields ignored for forward compatibility.
 */
package io.lrtyield.common.codec;
