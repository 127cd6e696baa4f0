package io.lrtyield.rebalancer.plan;

import io.lrtyield.common.catalogue.Asset;
import io.lrtyield.common.catalogue.Catalogue;

/** Contracts the plan builder routes through, from the catalogue (null where the catalogue has none). */
public record PlanAddresses(String weth, String stETH, String wstETH, String eETH, String weETH, String aavePool,
                            String curveStEthPool, String curveEEthPool, String etherfiLiquidityPool,
                            String rocketDepositPool, String renzoRestakeManager, String kelpDepositPool, String pufETH) {

    public static PlanAddresses from(Catalogue c) {
        return new PlanAddresses(token(c, "WETH"), token(c, "stETH"), token(c, "wstETH"), token(c, "eETH"), token(c, "weETH"),
                c.contracts().get("aavePool"), c.contracts().get("curveStEthWethPool"), c.contracts().get("curveEEthWethPool"),
                c.contracts().get("etherfiLiquidityPool"), c.contracts().get("rocketDepositPool"),
                c.contracts().get("renzoRestakeManager"), c.contracts().get("kelpDepositPool"), token(c, "pufETH"));
    }

    private static String token(Catalogue c, String symbol) {
        return c.asset(symbol).map(Asset::address).orElse(null);
    }
}
