package io.lrtyield.devnet.simulator;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/** Staking rewards for a period: pooled ETH × APR × elapsed / year, in wei, rounded down (as an oracle would). */
public final class RewardAccrual {

    private static final BigDecimal SECONDS_PER_YEAR = BigDecimal.valueOf(365L * 86_400L);

    private RewardAccrual() {
    }

    public static BigInteger rewardsWei(BigInteger pooledEtherWei, BigDecimal apr, long elapsedSeconds) {
        if (elapsedSeconds <= 0 || apr.signum() == 0) {
            return BigInteger.ZERO;
        }
        return new BigDecimal(pooledEtherWei).multiply(apr).multiply(BigDecimal.valueOf(elapsedSeconds))
                .divide(SECONDS_PER_YEAR, 0, RoundingMode.DOWN).toBigIntegerExact();
    }
}
