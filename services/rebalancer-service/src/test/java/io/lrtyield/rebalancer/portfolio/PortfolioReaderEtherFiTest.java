package io.lrtyield.rebalancer.portfolio;

import io.lrtyield.common.catalogue.Asset;
import io.lrtyield.common.catalogue.Catalogue;
import io.lrtyield.common.catalogue.Venue;
import io.lrtyield.common.chain.Multicall3;
import io.smallrye.mutiny.Uni;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static io.lrtyield.rebalancer.portfolio.LrtQueueReaderTest.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The portfolio reader's ether.fi queue: request ids from the mint logs searched only over new blocks, each request read
 * in the block's multicall and valued as an ETH claim, burnt ones dropped — but only by a read at the newest block.
 */
class PortfolioReaderEtherFiTest {

    static final String VAULT = "0x00000000000000000000000000000000000000aa";
    static final String NFT = "0x00000000000000000000000000000000000000cc";
    static final String POOL = "0x00000000000000000000000000000000000000dd";
    static final String EETH = "0x00000000000000000000000000000000000000ee";
    static final BigInteger E18 = BigInteger.TEN.pow(18);
    static final Catalogue CATALOGUE = new Catalogue("t", 1,
            Map.of("multicall3", "0x00000000000000000000000000000000000000f1", "etherfiLiquidityPool", POOL,
                    "etherfiWithdrawRequestNFT", NFT),
            List.of(new Asset("ETH", null, 18, "ETH", null), new Asset("eETH", EETH, 18, "ETH", null),
                    new Asset("weETH", "0x00000000000000000000000000000000000000f5", 18, "eETH", null)),
            List.of(new Venue("idle-eth", "IDLE", "ETH", "vault", 1, 0, 0.0),
                    new Venue("etherfi-weeth", "RESTAKING_TOKEN", "weETH", "etherfi", 3, 604_800, 0.0,
                            Map.of("withdrawalQueue", "etherfiWithdrawRequestNFT"))));

    /** Mints by block; the searched ranges; one failure on demand. */
    final TreeMap<Long, List<BigInteger>> mints = new TreeMap<>();
    final List<String> searched = new ArrayList<>();
    boolean failNextSearch;
    /** The NFT's state (the same at every block: the guard against older blocks is the reader's). */
    final Set<BigInteger> burnt = new HashSet<>();
    long finalizedUpTo;
    final List<String> askedOwners = new ArrayList<>();

    final PortfolioReader reader = new PortfolioReader(CATALOGUE, VAULT, this::aggregate3, this::mintedTo, 0);

    @Test
    void requestsFromTheMintLogsAreReadEachBlockAndValuedAsEthClaims() {
        mints.put(5L, List.of(BigInteger.ONE));
        RawSnapshot first = read(10);
        assertEquals(List.of("0-10"), searched);
        assertEquals(List.of(new LrtWithdrawalRequest("etherfi-weeth", "weETH", 1, E18.multiply(BigInteger.valueOf(100)), false)),
                first.lrtRequests(), "pending: its 100 eETH (its 95 shares are worth 104.5 ETH at 1.1)");
        assertEquals(List.of(new Holding("ether.fi withdrawal request 1 (pending)", "ETH", E18.multiply(BigInteger.valueOf(100)), false)),
                first.venueHoldings().get(PortfolioReader.lidoQueuePosition("etherfi-weeth")));

        mints.put(12L, List.of(BigInteger.TWO));
        finalizedUpTo = 1;
        RawSnapshot second = read(12);
        assertEquals(List.of("0-10", "11-12"), searched, "only the new blocks");
        assertEquals(List.of(new LrtWithdrawalRequest("etherfi-weeth", "weETH", 1, new BigInteger("99000000000000000000"), true),
                new LrtWithdrawalRequest("etherfi-weeth", "weETH", 2, E18.multiply(BigInteger.valueOf(100)), false)), second.lrtRequests());
        assertEquals(second.lrtRequests().subList(0, 1), second.claimableLrtRequests());
    }

    @Test
    void aClaimedRequestDropsOutButOnlyAtTheNewestBlock() {
        mints.put(5L, List.of(BigInteger.ONE));
        read(10);
        burnt.add(BigInteger.ONE);
        // a read of an older block (a re-delivered head) must not drop it: there a newer mint would look burnt too
        assertTrue(read(9).lrtRequests().isEmpty());
        askedOwners.clear();
        read(10);
        assertEquals(List.of("1"), askedOwners, "still asked at block 10, dropped there");
        askedOwners.clear();
        RawSnapshot after = read(11);
        assertEquals(List.of(), askedOwners);
        assertTrue(after.lrtRequests().isEmpty() && !after.venueHoldings().containsKey(PortfolioReader.lidoQueuePosition("etherfi-weeth")));
    }

    @Test
    void aFailedLogSearchIsReportedAndRepeatedFromTheSameBlock() {
        read(10);
        failNextSearch = true;
        mints.put(11L, List.of(BigInteger.valueOf(3)));
        RawSnapshot failed = read(11);
        assertTrue(failed.unavailable().stream().anyMatch(u -> u.startsWith("etherfi-weeth withdrawal request ids: ")), failed.unavailable().toString());
        assertTrue(failed.lrtRequests().isEmpty());
        RawSnapshot next = read(12);
        assertEquals(List.of("0-10", "11-11", "11-12"), searched);
        assertEquals(List.of(3), next.lrtRequests().stream().map(LrtWithdrawalRequest::index).toList());
    }

    private RawSnapshot read(long block) {
        return reader.read(block, 1_000 + block).await().atMost(Duration.ofSeconds(5));
    }

    private Uni<List<BigInteger>> mintedTo(String token, String owner, long from, long to) {
        assertEquals(NFT, token);
        assertEquals(VAULT, owner);
        searched.add(from + "-" + to);
        if (failNextSearch) {
            failNextSearch = false;
            return Uni.createFrom().failure(new IllegalStateException("eth_getLogs failed: timeout"));
        }
        List<BigInteger> ids = new ArrayList<>();
        mints.subMap(from, true, to, true).values().forEach(ids::addAll);
        return Uni.createFrom().item(ids);
    }

    private Uni<List<Multicall3.Result>> aggregate3(List<Multicall3.Call> calls, long block) {
        List<Multicall3.Result> out = new ArrayList<>();
        for (Multicall3.Call c : calls) {
            String selector = c.callData().substring(0, 10);
            BigInteger arg = c.callData().length() >= 74 ? new BigInteger(c.callData().substring(10, 74), 16) : BigInteger.ZERO;
            out.add(switch (selector) {
                case "0x37cfdaca" -> result(E18.multiply(BigInteger.valueOf(1_100)));  // getTotalPooledEther
                case "0x3a98ef39" -> result(E18.multiply(BigInteger.valueOf(1_000)));  // totalShares
                case "0x6352211e" -> {                                                   // ownerOf
                    askedOwners.add(arg.toString());
                    yield burnt.contains(arg) ? new Multicall3.Result(false, new byte[0]) : result(new BigInteger(VAULT.substring(2), 16));
                }
                case "0xc58343ef" -> burnt.contains(arg) ? result(BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO)
                        : result(E18.multiply(BigInteger.valueOf(100)), E18.multiply(BigInteger.valueOf(95)), BigInteger.ONE, BigInteger.ZERO);
                case "0x33727c4d" -> result(arg.longValueExact() <= finalizedUpTo ? BigInteger.ONE : BigInteger.ZERO);
                case "0x7d8ca242" -> arg.longValueExact() <= finalizedUpTo ? result(new BigInteger("99000000000000000000"))
                        : new Multicall3.Result(false, new byte[0]);
                default -> result(BigInteger.ZERO);
            });
        }
        return Uni.createFrom().item(out);
    }
}
