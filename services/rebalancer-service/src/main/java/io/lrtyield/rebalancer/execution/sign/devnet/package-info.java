/**
 * Devnet only: the encrypted keystore of the local devnet vault's strategist, Anvil's public dev account 2, written for
 * {@code make run} (deploy/local/services.sh). Its key is published with every Anvil; it signs nothing of value
 * anywhere else. Production keystores are made and held outside this repository.
 */
package io.lrtyield.rebalancer.execution.sign.devnet;
