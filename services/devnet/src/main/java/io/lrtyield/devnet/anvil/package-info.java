/** A local Anvil node of its own, for integration tests and benchmarks. */
package io.lrtyield.devnet.anvil;
