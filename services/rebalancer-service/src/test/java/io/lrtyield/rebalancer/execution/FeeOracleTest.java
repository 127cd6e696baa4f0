package io.lrtyield.rebalancer.execution;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FeeOracleTest {

    static final BigInteger GWEI = BigInteger.TEN.pow(9);

    static FeePolicy policy(long capGwei) {
        return new FeePolicy(10, 50, BigInteger.ONE, GWEI.multiply(BigInteger.valueOf(5)), GWEI.multiply(BigInteger.valueOf(capGwei)));
    }

    @Test
    void maxFeeIsTwiceTheNextBaseFeePlusTheMedianTip() throws Exception {
        FakeChain chain = new FakeChain();
        chain.baseFees = List.of(GWEI.multiply(BigInteger.valueOf(10)), GWEI.multiply(BigInteger.valueOf(20)));
        chain.rewards = List.of(GWEI, GWEI.multiply(BigInteger.valueOf(3)), GWEI.multiply(BigInteger.TWO));
        FeeQuote q = new FeeOracle(chain, policy(200)).quote();
        assertEquals(GWEI.multiply(BigInteger.TWO), q.maxPriorityFeePerGas());
        assertEquals(GWEI.multiply(BigInteger.valueOf(42)), q.maxFeePerGas());
        assertEquals(GWEI.multiply(BigInteger.valueOf(20)), q.nextBaseFee());
    }

    @Test
    void tipIsClampedToThePolicy() throws Exception {
        FakeChain chain = new FakeChain();
        chain.baseFees = List.of(GWEI);
        chain.rewards = List.of(GWEI.multiply(BigInteger.valueOf(50)));
        assertEquals(GWEI.multiply(BigInteger.valueOf(5)), new FeeOracle(chain, policy(200)).quote().maxPriorityFeePerGas());
        chain.rewards = List.of();
        assertEquals(BigInteger.ONE, new FeeOracle(chain, policy(200)).quote().maxPriorityFeePerGas());
    }

    @Test
    void aboveTheCapTheFeeIsClampedAndPastItNothingIsSigned() throws Exception {
        FakeChain chain = new FakeChain();
        chain.baseFees = List.of(GWEI.multiply(BigInteger.valueOf(40)));
        chain.rewards = List.of(GWEI);
        FeeQuote q = new FeeOracle(chain, policy(50)).quote();
        assertEquals(GWEI.multiply(BigInteger.valueOf(50)), q.maxFeePerGas());
        chain.baseFees = List.of(GWEI.multiply(BigInteger.valueOf(50)));
        assertThrows(FeeCapExceededException.class, () -> new FeeOracle(chain, policy(50)).quote());
    }

    @Test
    void replacementBumpsByAtLeastTheGivenShare() throws Exception {
        FakeChain chain = new FakeChain();
        chain.baseFees = List.of(GWEI);
        chain.rewards = List.of(GWEI);
        FeeOracle oracle = new FeeOracle(chain, policy(100));
        FeeQuote old = new FeeQuote(GWEI.multiply(BigInteger.valueOf(30)), GWEI.multiply(BigInteger.TWO), GWEI);
        FeeQuote bumped = oracle.bump(old, 1_250);
        assertEquals(new BigInteger("33750000000"), bumped.maxFeePerGas());
        assertEquals(new BigInteger("2250000000"), bumped.maxPriorityFeePerGas());
        assertThrows(FeeCapExceededException.class, () -> oracle.bump(new FeeQuote(GWEI.multiply(BigInteger.valueOf(95)), GWEI, GWEI), 1_000));
    }
}
