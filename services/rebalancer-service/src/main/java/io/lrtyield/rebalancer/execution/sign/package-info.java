/** Signing: an interface a remote signer can implement, and the local encrypted-keystore signer. */
package io.lrtyield.rebalancer.execution.sign;
