/**
 * The embedded default chain (ARCHITECTURE §8): deploys Solidity replicas of the mainnet venues on Anvil,
 * publishes the devnet catalogue, and moves the market (oracle reports that accrue staking rewards).
 */
package io.lrtyield.devnet;
