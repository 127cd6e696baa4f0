/** The node as the execution engine sees it: simulate, estimate, fee history, nonces, broadcast, receipts. */
package io.lrtyield.rebalancer.execution.chain;
