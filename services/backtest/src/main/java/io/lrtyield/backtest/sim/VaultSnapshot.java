package io.lrtyield.backtest.sim;

import io.lrtyield.backtest.market.MarketView;
import io.lrtyield.common.catalogue.Asset;
import io.lrtyield.common.catalogue.Catalogue;
import io.lrtyield.rebalancer.portfolio.AaveAccount;
import io.lrtyield.rebalancer.portfolio.Holding;
import io.lrtyield.rebalancer.portfolio.PortfolioReader;
import io.lrtyield.rebalancer.portfolio.RawSnapshot;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The simulated vault as the rebalancer's {@code PortfolioReader} would read it at a block: native ETH, every
 * catalogue token's {@code balanceOf} (zeros included), the Aave account (WETH supplied, wstETH collateral, WETH
 * debt, the health factor at the lending oracle) and Lido withdrawal requests as ETH claims in the venue's queue
 * position. The production {@code PortfolioValuer} then values it.
 */
public final class VaultSnapshot {

    private VaultSnapshot() {
    }

    public static RawSnapshot raw(Ledger l, MarketView m, Executor ex, Catalogue catalogue) {
        Map<String, BigInteger> tokens = new HashMap<>();
        for (Asset a : catalogue.assets()) {
            if (!"ETH".equals(a.symbol())) {
                tokens.put(a.symbol(), l.token(a.symbol()));
            }
        }
        tokens.put("WETH", BigInteger.ZERO);
        AaveAccount aave = null;
        if (l.aWeth.signum() > 0 || l.loopCollateral.signum() > 0 || l.loopDebt.signum() > 0) {
            String collateral = ex.loopVenue() == null ? "wstETH" : ex.loopVenue().asset();
            BigDecimal hf = ex.healthFactor(l, m);
            BigInteger collateralBase = new BigDecimal(l.loopCollateral).multiply(m.lendingOracle(collateral))
                    .setScale(0, RoundingMode.DOWN).toBigInteger().add(l.aWeth);
            aave = new AaveAccount(collateralBase, l.loopDebt, ex.liquidationThreshold(), hf,
                    Map.of(collateral, l.loopCollateral, "WETH", l.aWeth), Map.of("WETH", l.loopDebt));
        }
        Map<String, List<Holding>> venueHoldings = new HashMap<>();
        for (QueueClaim c : l.queue) {
            venueHoldings.computeIfAbsent(PortfolioReader.lidoQueuePosition(c.venueId()), k -> new java.util.ArrayList<>())
                    .add(new Holding("withdrawal request due at block " + c.dueBlock(), "ETH", c.ethWei(), false));
        }
        return new RawSnapshot(m.block(), m.timestamp(), l.eth, tokens, aave, venueHoldings, 0, List.of(), Map.of(), List.of());
    }
}
