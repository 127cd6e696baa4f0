package io.lrtyield.rebalancer.portfolio;

import java.math.BigInteger;

/**
 * One raw on-chain balance of the vault, before valuation.
 *
 * @param source what was read, e.g. {@code balanceOf(wstETH)}, {@code aToken(wstETH)}, {@code debt(WETH)}
 * @param asset  the catalogue asset the amount is denominated in
 * @param amount base units (wei for 18-decimal tokens); debts are positive here and subtracted by the valuation
 * @param debt   true for a borrow
 */
public record Holding(String source, String asset, BigInteger amount, boolean debt) {
}
