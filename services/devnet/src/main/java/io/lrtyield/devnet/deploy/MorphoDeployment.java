package io.lrtyield.devnet.deploy;

import java.math.BigInteger;
import java.util.Map;

/**
 * Morpho Blue on the devnet: the audited contract (npm {@code @morpho-org/morpho-blue} 1.0.0, compiled at build time), our
 * adaptive curve IRM and one WETH-loan market per collateral, each with its fixed-price oracle.
 *
 * @param morpho  the Morpho Blue contract (owner: the deployer)
 * @param irm     {@code MorphoAdaptiveCurveIrm}, the only IRM enabled
 * @param markets by collateral symbol (wstETH, weETH, ezETH)
 */
public record MorphoDeployment(String morpho, String irm, Map<String, Market> markets) {

    public MorphoDeployment {
        markets = Map.copyOf(markets);
    }

    /**
     * One market: WETH lent against {@code collateralToken}.
     *
     * @param oracle   its {@code MorphoFixedPriceOracle}: the collateral's fundamental rate at deployment, scaled 1e36
     * @param lltv     liquidation LTV, WAD
     * @param id       {@code keccak256(abi.encode(marketParams))}
     * @param supplied WETH supplied at deployment (wei); {@code borrowed} WETH borrowed against the collateral
     */
    public record Market(String collateralToken, String oracle, BigInteger lltv, String id, BigInteger supplied, BigInteger borrowed) {
    }
}
