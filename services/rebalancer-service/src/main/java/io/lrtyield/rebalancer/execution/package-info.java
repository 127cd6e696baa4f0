/**
 * Execution: venue adapters build calls ({@code venue}), the off-chain allowlist checks them against the vault's
 * ({@code allowlist}), the simulator and fee oracle prepare EIP-1559 transactions through the vault's
 * {@code manage}, the signer signs them ({@code sign}) and {@link io.lrtyield.rebalancer.execution.PlanExecutor} runs
 * a plan action by action. Framework-free; the Quarkus wiring lives in {@code execution.runtime}.
 */
package io.lrtyield.rebalancer.execution;
