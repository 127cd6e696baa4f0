/**
 * Quarkus adapters every service shares: chain and catalogue configuration, the JSON-RPC transport and head
 * stream as CDI beans, readiness checks, problem+json error mapping. Domain packages never import this one.
 */
package io.lrtyield.common.runtime;
