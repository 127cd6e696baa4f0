/**
 * The node as the execution engine sees it: simulate, estimate, fee history, nonces, broadcast, receipts, and new
 * heads — receipts are followed one look per block ({@link io.lrtyield.rebalancer.execution.chain.ReceiptFollower}).
 */
package io.lrtyield.rebalancer.execution.chain;
