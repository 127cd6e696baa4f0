/**
 * Signing: an interface a remote signer can implement, and the local encrypted-keystore signer. The devnet
 * strategist's keystore for {@code make run} is written by {@code sign.devnet} (devnet only).
 */
package io.lrtyield.rebalancer.execution.sign;
