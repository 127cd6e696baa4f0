package io.lrtyield.backtest.sim;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What one simulated vault holds, in token base units (wei), and what it has paid. WETH counts as idle ETH (the
 * plan builder unwraps what it needs). Gas is paid by the strategist's account in production; here it is charged to
 * the vault's result ({@link #gasPaidWei}) so that net APY is after gas, without ever making a balance negative.
 */
public final class Ledger {

    BigInteger eth;
    final Map<String, BigInteger> tokens = new HashMap<>();
    BigInteger aWeth = BigInteger.ZERO;
    BigInteger loopCollateral = BigInteger.ZERO;
    BigInteger loopDebt = BigInteger.ZERO;
    final List<QueueClaim> queue = new ArrayList<>();
    BigInteger gasPaidWei = BigInteger.ZERO;
    BigDecimal slippageEth = BigDecimal.ZERO;
    BigDecimal tradedEth = BigDecimal.ZERO;
    BigDecimal liquidatedCollateralEth = BigDecimal.ZERO;
    int liquidations;
    int plans;

    public Ledger(BigInteger initialEthWei) {
        this.eth = initialEthWei;
    }

    public BigInteger eth() {
        return eth;
    }

    public BigInteger token(String asset) {
        return tokens.getOrDefault(asset, BigInteger.ZERO);
    }

    public Map<String, BigInteger> tokens() {
        return Map.copyOf(tokens);
    }

    public BigInteger aWeth() {
        return aWeth;
    }

    public BigInteger loopCollateral() {
        return loopCollateral;
    }

    public BigInteger loopDebt() {
        return loopDebt;
    }

    public List<QueueClaim> queue() {
        return List.copyOf(queue);
    }

    public BigInteger queuedWei() {
        return queue.stream().map(QueueClaim::ethWei).reduce(BigInteger.ZERO, BigInteger::add);
    }

    public BigInteger gasPaidWei() {
        return gasPaidWei;
    }

    /** Value given up to the pools on sales: fundamental value sold less ETH received. */
    public BigDecimal slippageEth() {
        return slippageEth;
    }

    /** Fundamental ETH value moved by trades, entries and exits both counted. */
    public BigDecimal tradedEth() {
        return tradedEth;
    }

    public int liquidations() {
        return liquidations;
    }

    /** Collateral seized by liquidators, valued at the lending oracle. */
    public BigDecimal liquidatedCollateralEth() {
        return liquidatedCollateralEth;
    }

    public int plans() {
        return plans;
    }

    void credit(String asset, BigInteger amount) {
        tokens.merge(asset, amount, BigInteger::add);
    }
}
