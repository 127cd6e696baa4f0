package io.lrtyield.devnet.deploy;

/** Addresses of the replicas deployed on the devnet. */
public record DevnetDeployment(long chainId, String multicall3, String stETH, String wstETH, String oracle,
                               long deployedAtBlock) {
}
