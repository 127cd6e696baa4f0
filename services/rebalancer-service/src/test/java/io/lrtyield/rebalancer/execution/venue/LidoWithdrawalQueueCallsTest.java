package io.lrtyield.rebalancer.execution.venue;

import io.lrtyield.rebalancer.execution.ContractCall;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.List;

import static io.lrtyield.rebalancer.execution.venue.VenueCallsTest.addr;
import static io.lrtyield.rebalancer.execution.venue.VenueCallsTest.word;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Lido's WithdrawalQueueERC721 calls: exact calldata with the reference's selectors, and the queue's request limits. */
class LidoWithdrawalQueueCallsTest {

    static final String QUEUE = "0x5555555555555555555555555555555555555555";
    static final BigInteger E18 = BigInteger.TEN.pow(18);
    final LidoWithdrawalQueueCalls calls = new LidoWithdrawalQueueCalls(QUEUE, VenueCallsTest.VAULT);

    @Test
    void requestWithdrawalsExactCalldata() {
        ContractCall c = calls.requestWithdrawals(List.of(E18, BigInteger.valueOf(100)));
        assertEquals("0xd6681042" + word(0x40) + addr(VenueCallsTest.VAULT) + word(2)
                + "0000000000000000000000000000000000000000000000000de0b6b3a7640000" + word(100), c.data());
        assertEquals(QUEUE, c.target());
        assertEquals(BigInteger.ZERO, c.valueWei());
    }

    @Test
    void claimWithdrawalExactCalldata() {
        ContractCall c = calls.claimWithdrawal(BigInteger.valueOf(42));
        assertEquals("claimWithdrawal(uint256)", c.signature());
        assertEquals("0xf8444436" + word(42), c.data());
        assertThrows(IllegalArgumentException.class, () -> calls.claimWithdrawal(BigInteger.ZERO));
    }

    @Test
    void limitsAreMainnets() {
        assertThrows(IllegalArgumentException.class, () -> calls.requestWithdrawals(List.of(BigInteger.valueOf(99))));
        assertThrows(IllegalArgumentException.class, () -> calls.requestWithdrawals(List.of(E18.multiply(BigInteger.valueOf(1000)).add(BigInteger.ONE))));
        assertThrows(IllegalArgumentException.class, () -> calls.requestWithdrawals(List.of()));
        calls.requestWithdrawals(List.of(BigInteger.valueOf(100), E18.multiply(BigInteger.valueOf(1000))));
    }

    @Test
    void chunksAreAtMost1000StEthAndAtLeast100Wei() {
        BigInteger thousand = E18.multiply(BigInteger.valueOf(1000));
        assertEquals(List.of(thousand, thousand, thousand), LidoWithdrawalQueueCalls.chunks(thousand.multiply(BigInteger.valueOf(3))));
        BigInteger odd = thousand.multiply(BigInteger.TWO).add(E18.multiply(BigInteger.valueOf(345)));
        assertEquals(List.of(thousand, thousand, E18.multiply(BigInteger.valueOf(345))), LidoWithdrawalQueueCalls.chunks(odd));
        // a rest under the minimum borrows from the last full request
        List<BigInteger> tiny = LidoWithdrawalQueueCalls.chunks(thousand.multiply(BigInteger.TWO).add(BigInteger.valueOf(50)));
        assertEquals(List.of(thousand, thousand.subtract(BigInteger.valueOf(100)), BigInteger.valueOf(150)), tiny);
        assertEquals(List.of(BigInteger.valueOf(100)), LidoWithdrawalQueueCalls.chunks(BigInteger.valueOf(100)));
        assertTrue(LidoWithdrawalQueueCalls.chunks(BigInteger.valueOf(99)).isEmpty());
        for (BigInteger total : List.of(BigInteger.valueOf(12_345), thousand.add(BigInteger.ONE), thousand.multiply(BigInteger.valueOf(7)).add(BigInteger.valueOf(99)))) {
            List<BigInteger> c = LidoWithdrawalQueueCalls.chunks(total);
            assertEquals(total, c.stream().reduce(BigInteger.ZERO, BigInteger::add));
            c.forEach(x -> assertTrue(x.compareTo(BigInteger.valueOf(100)) >= 0 && x.compareTo(thousand) <= 0, x.toString()));
        }
    }
}
