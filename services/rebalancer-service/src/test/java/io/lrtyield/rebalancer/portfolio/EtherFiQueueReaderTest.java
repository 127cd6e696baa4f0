package io.lrtyield.rebalancer.portfolio;

import io.lrtyield.common.chain.Multicall3;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.List;

import static io.lrtyield.rebalancer.portfolio.LrtQueueReaderTest.result;
import static io.lrtyield.rebalancer.portfolio.LrtQueueReaderTest.words;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ether.fi's WithdrawRequestNFT views decoded into the vault's requests: value, claimability, ids that dropped out. */
class EtherFiQueueReaderTest {

    static final String VAULT = "0x00000000000000000000000000000000000000aa";
    static final String OTHER = "0x00000000000000000000000000000000000000bb";
    static final String NFT = "0x00000000000000000000000000000000000000cc";
    static final String POOL = "0x00000000000000000000000000000000000000dd";
    static final String EETH = "0x00000000000000000000000000000000000000ee";
    static final BigInteger E18 = BigInteger.TEN.pow(18);
    static final Multicall3.Result REVERTED = new Multicall3.Result(false, new byte[0]);

    @Test
    void callsAreTheRatesThenFourReadsPerId() {
        EtherFiQueueReader r = new EtherFiQueueReader("etherfi-weeth", NFT, POOL, EETH, VAULT);
        List<Multicall3.Call> calls = r.calls(List.of(BigInteger.valueOf(7), BigInteger.valueOf(9)));
        assertEquals(2 + 4 * 2, calls.size());
        assertEquals(List.of(POOL, EETH, NFT, NFT, NFT, NFT), calls.subList(0, 6).stream().map(Multicall3.Call::target).toList());
        // getTotalPooledEther(), totalShares(), ownerOf(7), getRequest(7), isFinalized(7), getClaimableAmount(7)
        assertEquals(List.of("0x37cfdaca", "0x3a98ef39", "0x6352211e", "0xc58343ef", "0x33727c4d", "0x7d8ca242"),
                calls.subList(0, 6).stream().map(c -> c.callData().substring(0, 10)).toList());
        assertTrue(calls.get(2).callData().endsWith("07"));
    }

    @Test
    void pendingRequestsAreWorthTheLowerOfTheirEEthAndTheirSharesFinalizedOnesTheirClaimableAmount() {
        EtherFiQueueReader r = new EtherFiQueueReader("etherfi-weeth", NFT, POOL, EETH, VAULT);
        List<BigInteger> ids = List.of(BigInteger.valueOf(3), BigInteger.valueOf(5), BigInteger.valueOf(8));
        BigInteger hundred = E18.multiply(BigInteger.valueOf(100));
        BigInteger shares = new BigInteger("95000000000000000000");
        // pool: 1,100 ETH over 1,000 shares (1.1 ETH a share); then per id: owner, request, finalized, claimable
        List<Multicall3.Result> results = List.of(result(E18.multiply(BigInteger.valueOf(1_100))), result(E18.multiply(BigInteger.valueOf(1_000))),
                // 3: finalized, pays its frozen 99.5 ETH
                owner(VAULT), result(hundred, shares, BigInteger.ONE, BigInteger.ZERO), words(1), result(new BigInteger("99500000000000000000")),
                // 5: pending, 95 shares are worth 104.5 ETH now, so it pays its 100 eETH
                owner(VAULT), result(hundred, shares, BigInteger.ONE, BigInteger.ZERO), words(0), REVERTED,
                // 8: pending with a fee of 1,000 gwei: its 100 eETH less the fee
                owner(VAULT), result(hundred, shares, BigInteger.ONE, BigInteger.valueOf(1_000)), words(0), REVERTED);
        EtherFiQueueReader.Decoded d = r.decode(results, ids);
        assertEquals(List.of(), d.gone());
        assertEquals(List.of(new LrtWithdrawalRequest("etherfi-weeth", "weETH", 3, new BigInteger("99500000000000000000"), true),
                new LrtWithdrawalRequest("etherfi-weeth", "weETH", 5, hundred, false),
                new LrtWithdrawalRequest("etherfi-weeth", "weETH", 8, hundred.subtract(BigInteger.valueOf(1_000).multiply(BigInteger.TEN.pow(9))), false)),
                d.requests());
    }

    @Test
    void aLossBeforeFinalizationLowersAPendingRequestToItsSharesValue() {
        EtherFiQueueReader r = new EtherFiQueueReader("etherfi-weeth", NFT, POOL, EETH, VAULT);
        // 900 ETH over 1,000 shares: 95 shares are worth 85.5 ETH, below the 100 eETH requested
        List<Multicall3.Result> results = List.of(result(E18.multiply(BigInteger.valueOf(900))), result(E18.multiply(BigInteger.valueOf(1_000))),
                owner(VAULT), result(E18.multiply(BigInteger.valueOf(100)), new BigInteger("95000000000000000000"), BigInteger.ONE, BigInteger.ZERO),
                words(0), REVERTED);
        assertEquals(new BigInteger("85500000000000000000"), r.decode(results, List.of(BigInteger.ONE)).requests().get(0).ethAmount());
    }

    @Test
    void burntAndTransferredRequestsDropOutForGood() {
        EtherFiQueueReader r = new EtherFiQueueReader("etherfi-weeth", NFT, POOL, EETH, VAULT);
        r.add(List.of(BigInteger.valueOf(4), BigInteger.TWO, BigInteger.valueOf(6)));
        assertEquals(List.of(BigInteger.TWO, BigInteger.valueOf(4), BigInteger.valueOf(6)), r.ids(), "ascending");
        List<Multicall3.Result> results = List.of(words(1_000), words(1_000),
                REVERTED, result(BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO), words(1), REVERTED,
                owner(OTHER), result(E18, E18, BigInteger.ONE, BigInteger.ZERO), words(0), REVERTED,
                owner(VAULT), result(E18, E18, BigInteger.ONE, BigInteger.ZERO), words(0), REVERTED);
        EtherFiQueueReader.Decoded d = r.decode(results, r.ids());
        assertEquals(List.of(BigInteger.TWO, BigInteger.valueOf(4)), d.gone(), "claimed (ownerOf reverts), transferred away");
        assertEquals(List.of(6), d.requests().stream().map(LrtWithdrawalRequest::index).toList());
        r.drop(d.gone());
        assertEquals(List.of(BigInteger.valueOf(6)), r.ids());
    }

    @Test
    void aRevertedRateReadIsAnErrorNotAnEmptyQueue() {
        EtherFiQueueReader r = new EtherFiQueueReader("etherfi-weeth", NFT, POOL, EETH, VAULT);
        EtherFiQueueReader.Decoded d = r.decode(List.of(REVERTED, words(1)), List.of());
        assertNotNull(d.error());
        assertTrue(d.error().startsWith("etherfi-weeth withdrawal requests: "), d.error());
        assertTrue(d.gone().isEmpty(), "nothing dropped on a failed read");
    }

    static Multicall3.Result owner(String address) {
        return result(new BigInteger(address.substring(2), 16));
    }
}
