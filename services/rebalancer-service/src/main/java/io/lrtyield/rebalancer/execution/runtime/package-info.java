/** Quarkus wiring of the execution engine: typed configuration, the start-up allowlist check, readiness. */
package io.lrtyield.rebalancer.execution.runtime;
