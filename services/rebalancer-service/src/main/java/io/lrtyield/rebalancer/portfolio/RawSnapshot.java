package io.lrtyield.rebalancer.portfolio;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * What one Multicall3 snapshot read for the vault, decoded but not yet valued.
 *
 * @param ethBalance      native ETH of the vault
 * @param tokens          {@code balanceOf(vault)} per asset symbol (zero balances included)
 * @param aave            the Aave account, null when the catalogue has no Aave pool or the read failed
 * @param venueHoldings   holdings that belong to a venue by construction (EigenLayer underlying, PT, LP), by venue id
 * @param queuedWithdrawals EigenLayer withdrawals queued by the vault and not yet completed
 * @param unavailable     failed reads, one line each
 * @param venueRates      what one unit of a venue's position is worth in its asset, by venue id, where the snapshot
 *                        read it (EigenLayer: underlying per share, {@code sharesToUnderlyingView(1e18)} / 1e18)
 * @param lidoRequests    the vault's unclaimed requests in Lido's withdrawal queue (its holdings are in
 *                        {@code venueHoldings} under {@link PortfolioReader#lidoQueuePosition})
 * @param lrtRequests     the vault's requests in the restaking issuers' withdrawal queues (Renzo, Kelp), their holdings
 *                        likewise under each venue's queue position
 * @param eigenWithdrawals the vault's queued EigenLayer withdrawals (their underlying likewise under the EigenLayer
 *                        venue's queue position)
 * @param venueUnits      what the vault holds of a venue in the venue's own unit where its holding is the underlying
 *                        instead, by venue id (EigenLayer: {@code stakerDepositShares}, what {@code queueWithdrawals} takes):
 *                        the most a plan may withdraw
 */
public record RawSnapshot(long blockNumber, long blockTimestamp, BigInteger ethBalance, Map<String, BigInteger> tokens,
                          AaveAccount aave, Map<String, List<Holding>> venueHoldings, int queuedWithdrawals,
                          List<String> unavailable, Map<String, BigDecimal> venueRates, List<LidoWithdrawalRequest> lidoRequests,
                          List<LrtWithdrawalRequest> lrtRequests, List<EigenQueuedWithdrawal> eigenWithdrawals,
                          Map<String, BigInteger> venueUnits) {

    public RawSnapshot(long blockNumber, long blockTimestamp, BigInteger ethBalance, Map<String, BigInteger> tokens,
                       AaveAccount aave, Map<String, List<Holding>> venueHoldings, int queuedWithdrawals,
                       List<String> unavailable, Map<String, BigDecimal> venueRates, List<LidoWithdrawalRequest> lidoRequests,
                       List<LrtWithdrawalRequest> lrtRequests, List<EigenQueuedWithdrawal> eigenWithdrawals) {
        this(blockNumber, blockTimestamp, ethBalance, tokens, aave, venueHoldings, queuedWithdrawals, unavailable, venueRates,
                lidoRequests, lrtRequests, eigenWithdrawals, Map.of());
    }

    public RawSnapshot(long blockNumber, long blockTimestamp, BigInteger ethBalance, Map<String, BigInteger> tokens,
                       AaveAccount aave, Map<String, List<Holding>> venueHoldings, int queuedWithdrawals,
                       List<String> unavailable, Map<String, BigDecimal> venueRates, List<LidoWithdrawalRequest> lidoRequests,
                       List<LrtWithdrawalRequest> lrtRequests) {
        this(blockNumber, blockTimestamp, ethBalance, tokens, aave, venueHoldings, queuedWithdrawals, unavailable, venueRates,
                lidoRequests, lrtRequests, List.of());
    }

    public RawSnapshot(long blockNumber, long blockTimestamp, BigInteger ethBalance, Map<String, BigInteger> tokens,
                       AaveAccount aave, Map<String, List<Holding>> venueHoldings, int queuedWithdrawals,
                       List<String> unavailable, Map<String, BigDecimal> venueRates, List<LidoWithdrawalRequest> lidoRequests) {
        this(blockNumber, blockTimestamp, ethBalance, tokens, aave, venueHoldings, queuedWithdrawals, unavailable, venueRates,
                lidoRequests, List.of());
    }

    public RawSnapshot(long blockNumber, long blockTimestamp, BigInteger ethBalance, Map<String, BigInteger> tokens,
                       AaveAccount aave, Map<String, List<Holding>> venueHoldings, int queuedWithdrawals,
                       List<String> unavailable, Map<String, BigDecimal> venueRates) {
        this(blockNumber, blockTimestamp, ethBalance, tokens, aave, venueHoldings, queuedWithdrawals, unavailable, venueRates, List.of());
    }

    /** Ids of the finalized, unclaimed Lido requests: what a plan claims first. */
    public List<BigInteger> finalizedLidoRequests() {
        return lidoRequests.stream().filter(r -> r.finalized() && !r.claimed()).map(LidoWithdrawalRequest::id).toList();
    }

    /** The restaking-queue requests claimable now: what a plan claims first, with Lido's. */
    public List<LrtWithdrawalRequest> claimableLrtRequests() {
        return lrtRequests.stream().filter(LrtWithdrawalRequest::claimable).toList();
    }

    /** The queued EigenLayer withdrawals whose delay passed: what a plan completes first. */
    public List<EigenQueuedWithdrawal> completableEigenWithdrawals() {
        return eigenWithdrawals.stream().filter(EigenQueuedWithdrawal::completable).toList();
    }

    public RawSnapshot {
        lidoRequests = List.copyOf(lidoRequests);
        eigenWithdrawals = List.copyOf(eigenWithdrawals);
        lrtRequests = List.copyOf(lrtRequests);
        venueRates = Map.copyOf(venueRates);
        venueUnits = Map.copyOf(venueUnits);
        tokens = Map.copyOf(tokens);
        venueHoldings = Map.copyOf(venueHoldings);
        unavailable = List.copyOf(unavailable);
    }
}
