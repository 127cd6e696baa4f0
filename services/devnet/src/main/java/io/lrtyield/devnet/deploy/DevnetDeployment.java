package io.lrtyield.devnet.deploy;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * Addresses of the replicas deployed on the devnet.
 *
 * @param rethDepositPool Rocket Pool's deposit pool (rETH mints there)
 * @param etherfiPool ether.fi LiquidityPool (eETH mints there; weETH wraps eETH)
 * @param renzoRestakeManager Renzo's RestakeManager (ezETH mints there; {@code calculateTVLs})
 * @param kelpDepositPool Kelp's LRTDepositPool; {@code kelpOracle} is its LRTOracle ({@code rsETHPrice})
 * @param rswETH Swell's rswETH (its own rate provider: {@code getRate()}; {@code deposit()} payable)
 * @param ethUsdFeed Chainlink-style ETH/USD aggregator (8 decimals)
 * @param markets feeds, pools, lending, PT, EigenLayer and the vault; null when only the tokens were deployed
 * @param restaking EigenLayer's slashing layer and the LRTs' exposure graph (operators, AVS sets, allocations, the
 *                  issuers' restaking accounts); null when not deployed
 */
public record DevnetDeployment(long chainId, String multicall3, String stETH, String wstETH, String oracle,
                               long deployedAtBlock, String weth, String rETH, String rethDepositPool, String cbETH,
                               String etherfiPool, String eETH, String weETH, String renzoRestakeManager, String ezETH,
                               String kelpDepositPool, String kelpOracle, String rsETH, String pufETH, String rswETH, String ethUsdFeed,
                               MarketDeployment markets, RestakingDeployment restaking) {

    /** Without the restaking layer. */
    public DevnetDeployment(long chainId, String multicall3, String stETH, String wstETH, String oracle,
                            long deployedAtBlock, String weth, String rETH, String rethDepositPool, String cbETH,
                            String etherfiPool, String eETH, String weETH, String renzoRestakeManager, String ezETH,
                            String kelpDepositPool, String kelpOracle, String rsETH, String pufETH, String rswETH, String ethUsdFeed,
                            MarketDeployment markets) {
        this(chainId, multicall3, stETH, wstETH, oracle, deployedAtBlock, weth, rETH, rethDepositPool, cbETH, etherfiPool,
                eETH, weETH, renzoRestakeManager, ezETH, kelpDepositPool, kelpOracle, rsETH, pufETH, rswETH, ethUsdFeed, markets, null);
    }

    /** The tokens only (no markets). */
    public DevnetDeployment(long chainId, String multicall3, String stETH, String wstETH, String oracle,
                            long deployedAtBlock, String weth, String rETH, String rethDepositPool, String cbETH,
                            String etherfiPool, String eETH, String weETH, String renzoRestakeManager, String ezETH,
                            String kelpDepositPool, String kelpOracle, String rsETH, String pufETH, String rswETH, String ethUsdFeed) {
        this(chainId, multicall3, stETH, wstETH, oracle, deployedAtBlock, weth, rETH, rethDepositPool, cbETH, etherfiPool,
                eETH, weETH, renzoRestakeManager, ezETH, kelpDepositPool, kelpOracle, rsETH, pufETH, rswETH, ethUsdFeed, null, null);
    }

    /**
     * Every contract above with its artifact and whether its bytecode is the audited npm release (package, version) or our
     * replica; derived, so it is written to JSON and never read back.
     */
    @JsonProperty(value = "contracts", access = JsonProperty.Access.READ_ONLY)
    public List<DeployedContracts.DeployedContract> contracts() {
        return DeployedContracts.of(this);
    }

    public DevnetDeployment withMarkets(MarketDeployment m, long block) {
        return new DevnetDeployment(chainId, multicall3, stETH, wstETH, oracle, block, weth, rETH, rethDepositPool, cbETH,
                etherfiPool, eETH, weETH, renzoRestakeManager, ezETH, kelpDepositPool, kelpOracle, rsETH, pufETH, rswETH, ethUsdFeed, m,
                restaking);
    }

    public DevnetDeployment withRestaking(RestakingDeployment r, long block) {
        return new DevnetDeployment(chainId, multicall3, stETH, wstETH, oracle, block, weth, rETH, rethDepositPool, cbETH,
                etherfiPool, eETH, weETH, renzoRestakeManager, ezETH, kelpDepositPool, kelpOracle, rsETH, pufETH, rswETH, ethUsdFeed, markets, r);
    }
}
