package io.lrtyield.devnet.simulator;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;

import static org.junit.jupiter.api.Assertions.*;

class RewardAccrualTest {

    private static final BigInteger ONE_ETH = BigInteger.TEN.pow(18);
    private static final BigInteger THOUSAND_ETH = ONE_ETH.multiply(BigInteger.valueOf(1_000));
    private static final BigDecimal APR = new BigDecimal("0.032");
    private static final long YEAR = 365L * 86_400L;

    @Test
    void oneYearAtTheAprIsExact() {
        assertEquals(ONE_ETH.multiply(BigInteger.valueOf(32)), RewardAccrual.rewardsWei(THOUSAND_ETH, APR, YEAR));
    }

    @Test
    void shortPeriodsRoundDown() {
        // 1000e18 × 0.032 × 2 / 31 536 000 = 2 029 426 686 960.93… wei
        assertEquals(new BigInteger("2029426686960"), RewardAccrual.rewardsWei(THOUSAND_ETH, APR, 2));
        BigInteger exactFloor = THOUSAND_ETH.multiply(BigInteger.valueOf(32 * 2)).divide(BigInteger.valueOf(1_000 * YEAR));
        assertEquals(exactFloor, RewardAccrual.rewardsWei(THOUSAND_ETH, APR, 2));
        // one 12 s block: 12 176 560 121 765.2… wei
        assertEquals(new BigInteger("12176560121765"), RewardAccrual.rewardsWei(THOUSAND_ETH, APR, 12));
    }

    @Test
    void dustAmountsRoundToZero() {
        assertEquals(BigInteger.ZERO, RewardAccrual.rewardsWei(BigInteger.valueOf(1_000), APR, 1));
    }

    @Test
    void noTimeOrNoAprMeansNoReward() {
        assertEquals(BigInteger.ZERO, RewardAccrual.rewardsWei(THOUSAND_ETH, APR, 0));
        assertEquals(BigInteger.ZERO, RewardAccrual.rewardsWei(THOUSAND_ETH, APR, -5));
        assertEquals(BigInteger.ZERO, RewardAccrual.rewardsWei(THOUSAND_ETH, BigDecimal.ZERO, YEAR));
        assertEquals(BigInteger.ZERO, RewardAccrual.rewardsWei(THOUSAND_ETH, new BigDecimal("0.000"), YEAR));
    }
}
