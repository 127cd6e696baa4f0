package io.lrtyield.yield.model;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * Aave v3's two-slope interest-rate model (DefaultReserveInterestRateStrategyV2, as the devnet replica computes it):
 * below the optimal usage ratio (the kink) the borrow rate climbs {@code slope1} over {@code optimal}; above it,
 * {@code slope2} over the rest. Supply rate = borrow rate × usage × (1 − reserve factor). Usage = debt / (debt +
 * available liquidity). APRs, decimal fractions. Used for the rate impact of our own supply or borrow.
 *
 * @param base base variable borrow rate
 * @param slope1 rate added from 0 to optimal usage
 * @param slope2 rate added from optimal to full usage
 * @param optimal optimal usage ratio (the kink), in (0, 1)
 */
public record AaveRateModel(BigDecimal base, BigDecimal slope1, BigDecimal slope2, BigDecimal optimal) {

    private static final MathContext MC = YieldMath.MC;

    public AaveRateModel {
        if (optimal.signum() <= 0 || optimal.compareTo(BigDecimal.ONE) >= 0) {
            throw new IllegalArgumentException("optimal usage must be in (0, 1), got " + optimal);
        }
    }

    /** From the catalogue form {@code "base,slope1,slope2,optimal"}, e.g. {@code "0,0.027,0.8,0.9"}. */
    public static AaveRateModel parse(String spec) {
        String[] parts = spec.split(",");
        if (parts.length != 4) {
            throw new IllegalArgumentException("rate model needs base,slope1,slope2,optimal; got " + spec);
        }
        return new AaveRateModel(new BigDecimal(parts[0].trim()), new BigDecimal(parts[1].trim()),
                new BigDecimal(parts[2].trim()), new BigDecimal(parts[3].trim()));
    }

    public static BigDecimal usage(BigDecimal debt, BigDecimal available) {
        BigDecimal total = debt.add(available);
        return total.signum() == 0 ? BigDecimal.ZERO : debt.divide(total, MC);
    }

    public BigDecimal borrowApr(BigDecimal usage) {
        if (usage.compareTo(optimal) <= 0) {
            return base.add(slope1.multiply(usage, MC).divide(optimal, MC));
        }
        BigDecimal excess = usage.subtract(optimal).divide(BigDecimal.ONE.subtract(optimal), MC);
        return base.add(slope1).add(slope2.multiply(excess, MC));
    }

    public BigDecimal supplyApr(BigDecimal usage, BigDecimal reserveFactor) {
        if (usage.signum() == 0) {
            return BigDecimal.ZERO;
        }
        return borrowApr(usage).multiply(usage, MC).multiply(BigDecimal.ONE.subtract(reserveFactor), MC);
    }

    /** Supply APR after adding {@code supplied} to the available liquidity. */
    public BigDecimal supplyAprAfterSupply(BigDecimal debt, BigDecimal available, BigDecimal supplied, BigDecimal reserveFactor) {
        return supplyApr(usage(debt, available.add(supplied)), reserveFactor);
    }

    /** Borrow APR after borrowing {@code borrowed} more (it leaves the available liquidity, joins the debt). */
    public BigDecimal borrowAprAfterBorrow(BigDecimal debt, BigDecimal available, BigDecimal borrowed) {
        if (borrowed.compareTo(available) > 0) {
            throw new IllegalArgumentException("cannot borrow " + borrowed + " from " + available + " available");
        }
        return borrowApr(usage(debt.add(borrowed), available.subtract(borrowed)));
    }
}
