package io.lrtyield.devnet.deploy;

import java.util.Map;

/**
 * Where {@link AaveV3Deployer} put the real Aave v3 market. Pool and PoolConfigurator are the provider's proxies (the
 * addresses users call); the implementations sit behind them.
 *
 * @param origin           npm package and version of the bytecode, e.g. {@code @aave/core-v3@1.19.3}
 * @param provider         PoolAddressesProvider
 * @param aclManager       ACLManager (the deployer holds the pool, risk and emergency admin roles)
 * @param pool             Pool proxy
 * @param poolConfigurator PoolConfigurator proxy
 * @param oracle           AaveOracle (USD base currency, 8 decimals)
 * @param dataProvider     AaveProtocolDataProvider
 * @param libraries        logic library name → address
 * @param reserves         asset symbol → its reserve's contracts
 * @param eModeCategory    the ETH-correlated eMode category id
 * @param deployedAtBlock  block of the last deployment transaction
 */
public record AaveV3Deployment(String origin, String provider, String aclManager, String pool, String poolConfigurator,
                               String oracle, String dataProvider, Map<String, String> libraries, Map<String, Reserve> reserves,
                               int eModeCategory, long deployedAtBlock) {

    /**
     * @param asset        the underlying token
     * @param feed         its Chainlink-interface USD feed (our ChainlinkAggregator replica, 8 decimals)
     * @param rateStrategy its DefaultReserveInterestRateStrategy
     * @param params       the parameters it was deployed with
     */
    public record Reserve(String asset, String feed, String rateStrategy, AaveV3Reserve params) {
    }

    public AaveV3Deployment {
        libraries = Map.copyOf(libraries);
        reserves = Map.copyOf(reserves);
    }

    public Reserve reserve(String symbol) {
        Reserve r = reserves.get(symbol);
        if (r == null) {
            throw new IllegalArgumentException("no Aave reserve " + symbol);
        }
        return r;
    }
}
