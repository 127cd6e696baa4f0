/**
 * Chain access: a non-blocking JSON-RPC transport on Vert.x that web3j runs on, block heads, and Multicall3
 * snapshots pinned to one block. The rest of the code never sees raw JSON-RPC.
 */
package io.lrtyield.common.chain;
