package io.lrtyield.rebalancer.portfolio;

import io.lrtyield.common.chain.Multicall3;
import org.junit.jupiter.api.Test;
import org.web3j.utils.Numeric;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Renzo's and Kelp's queue views decoded into the vault's requests, with their claimability at the block. */
class LrtQueueReaderTest {

    static final String VAULT = "0x00000000000000000000000000000000000000aa";
    static final String QUEUE = "0x00000000000000000000000000000000000000cc";
    static final BigInteger E18 = BigInteger.TEN.pow(18);

    @Test
    void renzoRequestsAreClaimableAfterTheCooldown() {
        LrtQueueReader r = new LrtQueueReader("renzo-ezeth", "ezETH", QUEUE, VAULT);
        assertEquals(2 + 2, r.calls(2).size());
        // two requests: created at 1,000 and 5,000; cooldown 7 days; the block at 1,000 + 604,800
        List<Multicall3.Result> results = List.of(words(2), words(604_800),
                result(BigInteger.ONE, BigInteger.ZERO, E18.multiply(BigInteger.valueOf(600)), BigInteger.valueOf(571), BigInteger.valueOf(1_000)),
                result(BigInteger.ONE, BigInteger.ONE, E18.multiply(BigInteger.valueOf(300)), BigInteger.valueOf(285), BigInteger.valueOf(5_000)));
        LrtQueueReader.Decoded d = r.decode(results, 2, 99, 605_800);
        assertEquals(2, d.count());
        assertEquals(List.of(new LrtWithdrawalRequest("renzo-ezeth", "ezETH", 0, E18.multiply(BigInteger.valueOf(600)), true),
                new LrtWithdrawalRequest("renzo-ezeth", "ezETH", 1, E18.multiply(BigInteger.valueOf(300)), false)), d.requests());
    }

    @Test
    void aChangedCountAsksForAnotherRead() {
        LrtQueueReader r = new LrtQueueReader("renzo-ezeth", "ezETH", QUEUE, VAULT);
        LrtQueueReader.Decoded d = r.decode(List.of(words(1), words(604_800)), 0, 1, 1);
        assertEquals(1, d.count());
        assertTrue(d.requests().isEmpty());
    }

    @Test
    void kelpRequestsAreClaimableOnceUnlockedAndTheDelayPassed() {
        LrtQueueReader r = new LrtQueueReader("kelp-rseth", "rsETH", QUEUE, VAULT);
        assertEquals(3 + 3, r.calls(3).size());
        // nonces 4..7 of the vault's list from 1: three outstanding; next locked nonce 6; delay 100 blocks; block 1,000
        List<Multicall3.Result> results = List.of(words(1, 4), words(6), words(100),
                words(10, 11, 800, 4), words(20, 21, 950, 5), words(30, 31, 500, 6));
        LrtQueueReader.Decoded d = r.decode(results, 3, 1_000, 0);
        assertEquals(3, d.count());
        assertEquals(List.of(new LrtWithdrawalRequest("kelp-rseth", "rsETH", 0, BigInteger.valueOf(11), true),
                new LrtWithdrawalRequest("kelp-rseth", "rsETH", 1, BigInteger.valueOf(21), false),
                new LrtWithdrawalRequest("kelp-rseth", "rsETH", 2, BigInteger.valueOf(31), false)), d.requests(),
                "unlocked and 200 blocks old; unlocked but 50 blocks old; still locked");
    }

    @Test
    void aRevertedReadIsAnErrorNotAnEmptyQueue() {
        LrtQueueReader r = new LrtQueueReader("kelp-rseth", "rsETH", QUEUE, VAULT);
        LrtQueueReader.Decoded d = r.decode(List.of(new Multicall3.Result(false, new byte[0]), words(0), words(0)), 1, 1, 1);
        assertNotNull(d.error());
        assertTrue(d.error().startsWith("kelp-rseth withdrawal requests: "), d.error());
        assertThrows(IllegalArgumentException.class, () -> new LrtQueueReader("x", "weETH", QUEUE, VAULT));
    }

    /** A successful result of these 32-byte words. */
    static Multicall3.Result words(long... values) {
        List<BigInteger> w = new ArrayList<>();
        for (long v : values) {
            w.add(BigInteger.valueOf(v));
        }
        return result(w.toArray(BigInteger[]::new));
    }

    static Multicall3.Result result(BigInteger... words) {
        byte[] data = new byte[32 * words.length];
        for (int i = 0; i < words.length; i++) {
            System.arraycopy(Numeric.toBytesPadded(words[i], 32), 0, data, 32 * i, 32);
        }
        return new Multicall3.Result(true, data);
    }
}
