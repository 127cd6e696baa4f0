package io.lrtyield.backtest.run;

/**
 * One contender's outcome over one history. Values in ETH unless named otherwise; the vault starts with
 * {@code startEth}. Net APY is the fundamental value at the end (after gas, slippage and liquidations) annualised over
 * the history's days; drawdowns are peak-to-trough of the per-block marks, at market prices and at the protocols'
 * rates; turnover is ETH traded (entries and exits) over the starting value.
 *
 * @param worstHealthFactor lowest loop health factor seen, NaN when the contender never held a loop
 */
public record Metrics(String contender, double startEth, double endFundamentalEth, double endMarketEth, double netApy,
                      double maxDrawdownMarket, double maxDrawdownFundamental, double worstHealthFactor, int liquidations,
                      double liquidatedCollateralEth, double turnover, double gasEth, double slippageEth, double queueEthDays,
                      double avgIdleShare, int plans, int decisions) {
}
