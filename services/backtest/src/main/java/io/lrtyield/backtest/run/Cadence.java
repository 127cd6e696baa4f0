package io.lrtyield.backtest.run;

/**
 * When the strategy decides: every {@code everyBlocks} blocks (default 300 = 1 h, the policy's cooldown), and at the
 * first sample where the inputs moved beyond a threshold since its last decision — any price status changed, any
 * discount moved by {@code discountBps}, any staking APR by {@code aprBps}, the WETH borrow APR by
 * {@code borrowAprBps}, or a loop's health factor is below {@code hfWatch} (the emergency deleverage must not wait an
 * hour). Between decisions the market is still marked every block.
 */
public record Cadence(long everyBlocks, double discountBps, double aprBps, double borrowAprBps, double hfWatch) {

    public static Cadence defaults() {
        return new Cadence(300, 25, 25, 50, 1.05);
    }

    public Cadence {
        if (everyBlocks <= 0) {
            throw new IllegalArgumentException("decide-every must be a positive number of blocks");
        }
    }
}
