/**
 * Exactly-once execution: the journal (PLANNED → SIGNED → SENT → MINED → CONFIRMED / FAILED / REPLACED, raw bytes
 * stored before broadcast), the per-vault lease with a fencing token checked on every write, and crash recovery.
 */
package io.lrtyield.rebalancer.execution.journal;
