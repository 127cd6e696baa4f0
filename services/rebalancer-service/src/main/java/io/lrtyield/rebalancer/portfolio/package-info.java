/**
 * The vault's positions, read on chain in one Multicall3 snapshot per block (token balances, Aave account, aToken and
 * debt balances, EigenLayer shares and queued withdrawals, PT balance) and valued in ETH at fundamental and at market
 * prices. Plain Java: the Quarkus layer feeds it heads and price ticks.
 */
package io.lrtyield.rebalancer.portfolio;
