/**
 * Restaking exposure: reading an LRT's exposure graph (issuer accounts, operators, AVS operator sets, magnitudes,
 * withdrawable shares) in a Multicall3 snapshot, and the slashing incidents it shows from one block to the next.
 * Plain Java; the price service runs it per block, tests run it against the devnet.
 */
package io.lrtyield.common.restaking;
