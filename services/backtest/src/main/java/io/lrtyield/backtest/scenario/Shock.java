package io.lrtyield.backtest.scenario;

import io.lrtyield.common.event.PriceStatus;

import java.util.Set;

/** A scenario's deterministic shape in time (days from the start), laid over the calm dynamics. */
final class Shock {

    static final double START_DAY = 10;
    private static final Set<String> OTHER_LRTS = Set.of("rsETH", "pufETH", "rswETH", "weETH", "eETH");
    private static final Set<String> STETH = Set.of("stETH", "wstETH");
    private static final Set<String> EETH = Set.of("eETH", "weETH");

    private final Scenario scenario;

    Shock(Scenario scenario) {
        this.scenario = scenario;
    }

    /** Extra discount (fraction) of an asset's market price under its fundamental rate. */
    double discount(String asset, double day) {
        return switch (scenario) {
            case LRT_DEPEG -> "ezETH".equals(asset) ? ezEthDepeg(day) : OTHER_LRTS.contains(asset) ? 0.25 * ezEthDepeg(day) : 0;
            case LST_DISCOUNT -> STETH.contains(asset) ? lstDiscount(day) : EETH.contains(asset) ? 0.5 * lstDiscount(day) : 0;
            case RESTAKING_SLASHING -> EETH.contains(asset) ? slashingOvershoot(day) : 0;
            case ORACLE_OUTAGE -> STETH.contains(asset) && day >= START_DAY && day < START_DAY + 2 ? 0.005 : 0;
            default -> 0;
        };
    }

    /** Factor on the fundamental rate (a slashing lowers it for good). */
    double rateFactor(String asset, double day) {
        return scenario == Scenario.RESTAKING_SLASHING && "weETH".equals(asset) && day >= START_DAY ? 0.99 : 1;
    }

    double depthFactor(String asset, double day) {
        return switch (scenario) {
            case LRT_DEPEG -> ("ezETH".equals(asset) || OTHER_LRTS.contains(asset)) ? 1 - 0.7 * Math.min(1, ezEthDepeg(day) / 0.2) : 1;
            case LST_DISCOUNT -> STETH.contains(asset) ? 1 - 0.6 * Math.min(1, lstDiscount(day) / 0.06) : 1;
            default -> 1;
        };
    }

    double usage(double day, double calm) {
        if (scenario != Scenario.BORROW_SPIKE || day < START_DAY) {
            return calm;
        }
        double u = day < START_DAY + 5 ? 0.925 + 0.005 * Math.sin(day * 7)
                : day < START_DAY + 7 ? 0.92 + (calm - 0.92) * (day - START_DAY - 5) / 2 : calm;
        return Math.max(calm, u);
    }

    PriceStatus status(String asset, double day, double discount) {
        if (scenario == Scenario.ORACLE_OUTAGE && STETH.contains(asset) && day >= START_DAY && day < START_DAY + 2) {
            return PriceStatus.STALE;
        }
        return Math.abs(discount) > 0.02 ? PriceStatus.DEGRADED : PriceStatus.OK;
    }

    /** 20 % within 3 h, held 6 h, then recovering with a one-day half-life. */
    private static double ezEthDepeg(double day) {
        double h = (day - START_DAY) * 24;
        if (h < 0) {
            return 0;
        }
        if (h < 3) {
            return 0.2 * h / 3;
        }
        if (h < 9) {
            return 0.2;
        }
        return 0.2 * Math.pow(0.5, (h - 9) / 24);
    }

    /** Building to 6 % over 4 weeks, held 3 weeks, gone over 5 weeks. */
    private static double lstDiscount(double day) {
        double d = day - START_DAY;
        if (d < 0) {
            return 0;
        }
        if (d < 28) {
            return 0.06 * d / 28;
        }
        if (d < 49) {
            return 0.06;
        }
        return Math.max(0, 0.06 * (1 - (d - 49) / 35));
    }

    /** The market's extra fall below the slashed rate: 1.5 % at once, settling to 0.2 % over 3 days. */
    private static double slashingOvershoot(double day) {
        double d = day - START_DAY;
        if (d < 0) {
            return 0;
        }
        return d < 3 ? 0.015 - 0.013 * d / 3 : 0.002;
    }
}
