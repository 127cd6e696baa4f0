/**
 * Approved plans → the execution engine, and the engine's outcome → the plan's lifecycle (EXECUTING → DONE / FAILED).
 * Runs on the instance that holds the vault's executor lease; the journal makes a re-run of the same plan idempotent.
 */
package io.lrtyield.rebalancer.dispatch;
