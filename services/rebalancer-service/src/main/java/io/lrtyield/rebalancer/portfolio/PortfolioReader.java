package io.lrtyield.rebalancer.portfolio;

import io.lrtyield.common.catalogue.Asset;
import io.lrtyield.common.catalogue.Catalogue;
import io.lrtyield.common.catalogue.Venue;
import io.lrtyield.common.catalogue.VenueKind;
import io.lrtyield.common.chain.Multicall3;
import io.lrtyield.common.lending.morpho.AccruedMarket;
import io.lrtyield.common.lending.morpho.MorphoMath;
import io.lrtyield.common.lending.morpho.MorphoVenue;
import io.lrtyield.common.chain.reader.AaveReader;
import io.lrtyield.common.chain.reader.CurveReader;
import io.lrtyield.common.chain.reader.EigenLayerReader;
import io.lrtyield.common.chain.reader.Erc20Reader;
import io.lrtyield.common.chain.reader.MorphoReader;
import io.lrtyield.common.chain.reader.Read;
import io.lrtyield.common.chain.reader.ReserveData;
import io.lrtyield.common.chain.reader.UserAccountData;
import io.lrtyield.common.chain.reader.ViewFunction;
import io.smallrye.mutiny.Uni;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.generated.Bytes32;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads the vault's positions in one Multicall3 {@code aggregate3} pinned to the block: native ETH, {@code balanceOf}
 * of every catalogue asset, Aave {@code getUserAccountData} with every reserve's aToken and variable-debt balance,
 * EigenLayer deposit shares (and their underlying at the strategy's rate) and queued withdrawal roots, the PT balance
 * of each Pendle venue, the LP balance and virtual price of each Curve LP venue and the supply position of each Morpho
 * Blue venue with its market ({@link #morpho}). The aToken and debt-token
 * addresses come from {@code getReserveData} once (they never change) and are cached; after that every block is one
 * round trip. A failed sub-call is listed in {@link RawSnapshot#unavailable()} and never fails the snapshot.
 * <p>Lido's withdrawal queue needs two dependent reads: the vault's request ids ({@code getWithdrawalRequests}), then
 * their status. The ids read at the previous block are kept and their status read in the same multicall as the new
 * ids; only when the ids changed (a request made or claimed, a few blocks in a position's life) is a second multicall
 * of the same block sent for the new ids' status. So the snapshot is always consistent at its block, and every other
 * block stays one round trip — simpler than keeping ids from the plans, which would miss requests made by hand.
 * Renzo's and Kelp's queues ({@link LrtQueueReader}) are read the same way, by the number of the vault's requests.
 * <p>ether.fi's WithdrawRequestNFT ({@link EtherFiQueueReader}) cannot list an owner's tokens: the ids minted to the
 * vault come from its {@code Transfer(0, vault, id)} logs, searched once from a start block and then only over the
 * blocks since the previous snapshot, and are read in the block's multicall; claimed (burnt) ones drop out. Without a
 * log source ({@link #PortfolioReader(Catalogue, String, Aggregator)}) that queue is not read.
 */
public final class PortfolioReader {

    /** Multicall3 {@code getEthBalance(address)}. */
    static final ViewFunction<BigInteger> GET_ETH_BALANCE = ViewFunction.uint256("getEthBalance", List.of(Address.class));
    /** EigenLayer DelegationManager {@code getQueuedWithdrawalRoots(address)}. */
    static final ViewFunction<Integer> QUEUED_ROOTS = ViewFunction.of("getQueuedWithdrawalRoots", List.of(Address.class),
            List.of(new TypeReference<DynamicArray<Bytes32>>() {
            }), out -> ((DynamicArray<?>) out.raw(0)).getValue().size());
    private static final BigInteger E18 = BigInteger.TEN.pow(18);

    /** The one call the reader needs from the chain layer. */
    @FunctionalInterface
    public interface Aggregator {
        Uni<List<Multicall3.Result>> aggregate3(List<Multicall3.Call> calls, long blockNumber);
    }

    /** ERC-721 mints to an owner in a block range ({@link io.lrtyield.common.chain.Erc721MintLogs#mintedTo}). */
    @FunctionalInterface
    public interface MintLogs {
        Uni<List<BigInteger>> mintedTo(String token, String owner, long fromBlock, long toBlock);
    }

    private record Reserve(String asset, String aToken, String debtToken) {
    }

    private final Catalogue catalogue;
    private final String vault;
    private final Aggregator chain;
    private final String aavePool;
    private volatile List<Reserve> reserves;
    private final String lidoQueue;
    private final String lidoVenue;
    private volatile List<BigInteger> lidoIds = List.of();
    private final List<LrtQueueReader> lrtQueues = new ArrayList<>();
    private final Map<String, Integer> lrtKnown = new java.util.concurrent.ConcurrentHashMap<>();
    private final EigenQueueReader eigenQueue;
    private final Venue eigenVenue;
    private final String eigenStrategy;
    private volatile List<byte[]> eigenRoots = List.of();
    private final EtherFiQueueReader etherfiQueue;
    private final MintLogs mintLogs;
    /** The last block whose mint logs were searched; the next search starts after it. */
    private volatile long logsSearchedThrough;

    /** Without a log source: ether.fi's WithdrawRequestNFT is not read. */
    public PortfolioReader(Catalogue catalogue, String vault, Aggregator chain) {
        this(catalogue, vault, chain, null, 0);
    }

    /**
     * @param mintLogs      where the ids of ether.fi request NFTs minted to the vault come from (null: not read)
     * @param logsFromBlock the first block to search them in (the vault's deployment block on mainnet)
     */
    public PortfolioReader(Catalogue catalogue, String vault, Aggregator chain, MintLogs mintLogs, long logsFromBlock) {
        this.catalogue = catalogue;
        this.vault = vault.toLowerCase();
        this.chain = chain;
        this.aavePool = catalogue.contracts().get("aavePool");
        Venue queued = catalogue.venues().stream().filter(v -> "wstETH".equals(v.asset()) && v.param("withdrawalQueue").isPresent())
                .findFirst().orElse(null);
        this.lidoVenue = queued == null ? null : queued.id();
        this.lidoQueue = queued == null ? null : resolve(queued.param("withdrawalQueue").orElseThrow());
        this.eigenVenue = catalogue.venues().stream().filter(v -> v.venueKind() == io.lrtyield.common.catalogue.VenueKind.EIGENLAYER_STRATEGY)
                .findFirst().orElse(null);
        String delegation = catalogue.contracts().get("eigenDelegationManager");
        this.eigenStrategy = eigenVenue == null ? null
                : eigenVenue.param("strategy").map(this::resolve).orElseGet(() -> strategyFor(eigenVenue.asset()));
        this.eigenQueue = eigenVenue == null || delegation == null || eigenStrategy == null ? null : new EigenQueueReader(delegation, this.vault);
        for (Venue v : catalogue.venues()) {
            String queue = v.param("withdrawalQueue").map(this::resolve).orElse(null);
            if (queue != null && ("ezETH".equals(v.asset()) || "rsETH".equals(v.asset()))) {
                lrtQueues.add(new LrtQueueReader(v.id(), v.asset(), queue, this.vault));
            }
        }
        Venue etherfi = catalogue.venues().stream().filter(v -> "weETH".equals(v.asset()) && v.venueKind() == VenueKind.RESTAKING_TOKEN
                && v.param("withdrawalQueue").isPresent()).findFirst().orElse(null);
        String nft = etherfi == null ? null : resolve(etherfi.param("withdrawalQueue").orElseThrow());
        String pool = catalogue.contracts().get("etherfiLiquidityPool");
        String eEth = catalogue.asset("eETH").map(Asset::address).orElse(null);
        this.etherfiQueue = mintLogs == null || nft == null || pool == null || eEth == null ? null
                : new EtherFiQueueReader(etherfi.id(), nft, pool, eEth, this.vault);
        this.mintLogs = mintLogs;
        this.logsSearchedThrough = logsFromBlock - 1;
    }

    /**
     * The portfolio position that holds a venue's queued withdrawals: apart from the venue itself, so the policy never
     * plans to sell a claim (it is neither tradable nor in the venue's size), but in the vault's total.
     */
    public static String lidoQueuePosition(String venueId) {
        return venueId + ":withdrawal-queue";
    }

    public Uni<RawSnapshot> read(long blockNumber, long blockTimestamp) {
        Uni<List<Reserve>> known = reserves != null || aavePool == null
                ? Uni.createFrom().item(reserves == null ? List.of() : reserves)
                : resolveReserves(blockNumber);
        return known.chain(list -> searchMintLogs(blockNumber).chain(logError -> {
            Plan plan = plan(list);
            return chain.aggregate3(plan.calls, blockNumber).map(results -> plan.decode(results, blockNumber, blockTimestamp))
                    .chain(raw -> lidoStatusesIfChanged(plan, raw))
                    .chain(raw -> lrtRequests(plan, raw))
                    .map(raw -> etherfiRequests(plan, raw, logError))
                    .chain(raw -> eigenWithdrawals(plan, raw));
        }));
    }

    /**
     * Adds the ether.fi request ids minted to the vault since the last search (through {@code blockNumber}); the item
     * is the search's error, null when it succeeded or was not needed (the ids known so far are read either way).
     */
    private Uni<String> searchMintLogs(long blockNumber) {
        long from = logsSearchedThrough + 1;
        if (etherfiQueue == null || blockNumber < from) {
            return Uni.createFrom().nullItem();
        }
        return mintLogs.mintedTo(etherfiQueue.nft(), vault, from, blockNumber).map(ids -> {
            etherfiQueue.add(ids);
            logsSearchedThrough = blockNumber;
            return (String) null;
        }).onFailure().recoverWithItem(e -> etherfiQueue.venueId() + " withdrawal request ids: " + e.getMessage());
    }

    /** {@code raw} with the vault's ether.fi requests among the restaking-queue requests, each an ETH claim. */
    private RawSnapshot etherfiRequests(Plan plan, RawSnapshot raw, String logError) {
        if (etherfiQueue == null) {
            return raw;
        }
        List<String> unavailable = new ArrayList<>(raw.unavailable());
        if (logError != null) {
            unavailable.add(logError);
        }
        EtherFiQueueReader.Decoded d = etherfiQueue.decode(plan.etherfiResults, plan.etherfiAsked);
        Map<String, List<Holding>> holdings = new LinkedHashMap<>(raw.venueHoldings());
        holdings.remove(lidoQueuePosition(etherfiQueue.venueId()));
        if (d.error() != null) {
            unavailable.add(d.error());
        } else if (raw.blockNumber() >= logsSearchedThrough) {
            // only a read at the newest block searched drops ids: at an older block a newer mint looks burnt
            etherfiQueue.drop(d.gone());
        }
        for (LrtWithdrawalRequest r : d.requests()) {
            holdings.computeIfAbsent(lidoQueuePosition(r.venueId()), k -> new ArrayList<>()).add(new Holding("ether.fi withdrawal request "
                    + r.index() + (r.claimable() ? " (finalized)" : " (pending)"), "ETH", r.ethAmount(), false));
        }
        List<LrtWithdrawalRequest> requests = new ArrayList<>(raw.lrtRequests());
        requests.addAll(d.requests());
        return new RawSnapshot(raw.blockNumber(), raw.blockTimestamp(), raw.ethBalance(), raw.tokens(), raw.aave(), holdings,
                raw.queuedWithdrawals(), unavailable, raw.venueRates(), raw.lidoRequests(), requests, raw.eigenWithdrawals(), raw.venueUnits());
    }

    /**
     * The restaking queues' requests: decoded from the block's multicall when their number is the one asked for (the
     * previous block's), else read again at the same block for the new number (as Lido's ids, see the class comment).
     */
    private Uni<RawSnapshot> lrtRequests(Plan plan, RawSnapshot raw) {
        if (lrtQueues.isEmpty()) {
            return Uni.createFrom().item(raw);
        }
        List<LrtWithdrawalRequest> found = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        List<LrtQueueReader> again = new ArrayList<>();
        for (LrtQueueReader q : lrtQueues) {
            int known = plan.lrtAsked.get(q);
            LrtQueueReader.Decoded d = q.decode(plan.lrtResults.get(q), known, raw.blockNumber(), raw.blockTimestamp());
            if (d.error() != null) {
                failed.add(d.error());
            } else if (d.count() != known) {
                lrtKnown.put(q.venueId(), d.count());
                if (d.count() > 0) {
                    again.add(q);
                }
            } else {
                found.addAll(d.requests());
            }
        }
        if (again.isEmpty()) {
            return Uni.createFrom().item(withLrt(raw, found, failed));
        }
        List<Multicall3.Call> calls = new ArrayList<>();
        again.forEach(q -> calls.addAll(q.calls(lrtKnown.get(q.venueId()))));
        return chain.aggregate3(calls, raw.blockNumber()).map(results -> {
            int offset = 0;
            for (LrtQueueReader q : again) {
                int n = lrtKnown.get(q.venueId());
                int size = q.calls(n).size();
                LrtQueueReader.Decoded d = q.decode(results.subList(offset, offset + size), n, raw.blockNumber(), raw.blockTimestamp());
                offset += size;
                if (d.error() != null || d.count() != n) {
                    failed.add(d.error() != null ? d.error() : q.venueId() + " withdrawal requests: their number changed within the block's reads");
                } else {
                    found.addAll(d.requests());
                }
            }
            return withLrt(raw, found, failed);
        });
    }

    /** {@code raw} with these restaking-queue requests, each an ETH claim in its venue's queue position. */
    private RawSnapshot withLrt(RawSnapshot raw, List<LrtWithdrawalRequest> requests, List<String> failed) {
        Map<String, List<Holding>> holdings = new LinkedHashMap<>(raw.venueHoldings());
        lrtQueues.forEach(q -> holdings.remove(lidoQueuePosition(q.venueId())));
        for (LrtWithdrawalRequest r : requests) {
            holdings.computeIfAbsent(lidoQueuePosition(r.venueId()), k -> new ArrayList<>()).add(new Holding(r.asset()
                    + " withdrawal request " + r.index() + (r.claimable() ? " (claimable)" : " (pending)"), "ETH", r.ethAmount(), false));
        }
        List<String> unavailable = new ArrayList<>(raw.unavailable());
        unavailable.addAll(failed);
        return new RawSnapshot(raw.blockNumber(), raw.blockTimestamp(), raw.ethBalance(), raw.tokens(), raw.aave(), holdings,
                raw.queuedWithdrawals(), unavailable, raw.venueRates(), raw.lidoRequests(), requests, raw.eigenWithdrawals(), raw.venueUnits());
    }

    /**
     * The queued EigenLayer withdrawals: decoded from the block's multicall when the roots are those asked for (the
     * previous block's), else read again at the same block for the new roots.
     */
    private Uni<RawSnapshot> eigenWithdrawals(Plan plan, RawSnapshot raw) {
        if (eigenQueue == null) {
            return Uni.createFrom().item(raw);
        }
        EigenQueueReader.Decoded d = eigenQueue.decode(plan.eigenResults, plan.eigenAsked, raw.blockNumber());
        if (d.error() != null) {
            return Uni.createFrom().item(withEigen(raw, List.of(), List.of(d.error())));
        }
        if (sameRoots(d.roots(), plan.eigenAsked)) {
            return Uni.createFrom().item(withEigen(raw, d.withdrawals(), List.of()));
        }
        eigenRoots = d.roots();
        if (d.roots().isEmpty()) {
            return Uni.createFrom().item(withEigen(raw, List.of(), List.of()));
        }
        List<byte[]> roots = d.roots();
        return chain.aggregate3(eigenQueue.calls(roots), raw.blockNumber()).map(results -> {
            EigenQueueReader.Decoded again = eigenQueue.decode(results, roots, raw.blockNumber());
            return again.error() == null && sameRoots(again.roots(), roots) ? withEigen(raw, again.withdrawals(), List.of())
                    : withEigen(raw, List.of(), List.of(again.error() != null ? again.error()
                    : "EigenLayer queued withdrawals: they changed within the block's reads"));
        });
    }

    private static boolean sameRoots(List<byte[]> a, List<byte[]> b) {
        return a.size() == b.size() && java.util.stream.IntStream.range(0, a.size()).allMatch(i -> java.util.Arrays.equals(a.get(i), b.get(i)));
    }

    /**
     * {@code raw} with these queued EigenLayer withdrawals, each its strategy's underlying (shares × the strategy's
     * rate read in the same snapshot) in the EigenLayer venue's queue position.
     */
    private RawSnapshot withEigen(RawSnapshot raw, List<EigenQueuedWithdrawal> withdrawals, List<String> failed) {
        Map<String, List<Holding>> holdings = new LinkedHashMap<>(raw.venueHoldings());
        List<String> unavailable = new ArrayList<>(raw.unavailable());
        unavailable.addAll(failed);
        if (eigenVenue != null) {
            holdings.remove(lidoQueuePosition(eigenVenue.id()));
            java.math.BigDecimal rate = raw.venueRates().get(eigenVenue.id());
            for (EigenQueuedWithdrawal w : withdrawals) {
                for (int i = 0; i < w.shares().size(); i++) {
                    if (!w.withdrawal().strategies().get(i).equalsIgnoreCase(eigenStrategy)) {
                        unavailable.add("EigenLayer queued withdrawal " + w.withdrawal().nonce() + ": strategy " + w.withdrawal().strategies().get(i)
                                + " is not the venue's");
                    } else if (rate == null) {
                        unavailable.add("EigenLayer queued withdrawal " + w.withdrawal().nonce() + ": no share rate in this snapshot");
                    } else {
                        BigInteger underlying = new java.math.BigDecimal(w.shares().get(i)).multiply(rate).toBigInteger();
                        holdings.computeIfAbsent(lidoQueuePosition(eigenVenue.id()), k -> new ArrayList<>()).add(new Holding(
                                "EigenLayer queued withdrawal " + w.withdrawal().nonce() + (w.completable() ? " (completable)" : " (pending)"),
                                eigenVenue.asset(), underlying, false));
                    }
                }
            }
        }
        return new RawSnapshot(raw.blockNumber(), raw.blockTimestamp(), raw.ethBalance(), raw.tokens(), raw.aave(), holdings,
                raw.queuedWithdrawals(), unavailable, raw.venueRates(), raw.lidoRequests(), raw.lrtRequests(), withdrawals, raw.venueUnits());
    }

    /** The second multicall of a block whose Lido request ids differ from the previous block's (see the class comment). */
    private Uni<RawSnapshot> lidoStatusesIfChanged(Plan plan, RawSnapshot raw) {
        if (lidoQueue == null || plan.lidoIdsNow == null || plan.lidoIdsNow.equals(plan.lidoIdsAsked)) {
            return Uni.createFrom().item(raw);
        }
        List<BigInteger> ids = plan.lidoIdsNow;
        lidoIds = ids;
        if (ids.isEmpty()) {
            return Uni.createFrom().item(withLido(raw, List.of(), List.of()));
        }
        return chain.aggregate3(List.of(LidoQueueReader.getWithdrawalStatusCall(lidoQueue, ids)), raw.blockNumber()).map(results -> {
            Read<List<LidoWithdrawalRequest>> r = LidoQueueReader.decodeWithdrawalStatus(results.get(0), ids);
            return r.available() ? withLido(raw, r.value(), List.of())
                    : withLido(raw, List.of(), List.of(lidoVenue + " withdrawal requests: " + r.error()));
        });
    }

    /** {@code raw} with these Lido requests, the unclaimed ones as a claim holding each (ETH, 1:1 after finalization). */
    private RawSnapshot withLido(RawSnapshot raw, List<LidoWithdrawalRequest> requests, List<String> failed) {
        Map<String, List<Holding>> holdings = new LinkedHashMap<>(raw.venueHoldings());
        holdings.remove(lidoQueuePosition(lidoVenue));
        List<Holding> claims = requests.stream().filter(q -> !q.claimed())
                .map(q -> new Holding("Lido withdrawal request " + q.id() + (q.finalized() ? " (finalized)" : " (pending)"), "ETH",
                        q.amountOfStETH(), false)).toList();
        if (!claims.isEmpty()) {
            holdings.put(lidoQueuePosition(lidoVenue), claims);
        }
        List<String> unavailable = new ArrayList<>(raw.unavailable());
        unavailable.addAll(failed);
        return new RawSnapshot(raw.blockNumber(), raw.blockTimestamp(), raw.ethBalance(), raw.tokens(), raw.aave(), holdings,
                raw.queuedWithdrawals(), unavailable, raw.venueRates(), requests, raw.lrtRequests(), raw.eigenWithdrawals(), raw.venueUnits());
    }

    private Uni<List<Reserve>> resolveReserves(long blockNumber) {
        List<Asset> tokens = catalogue.assets().stream().filter(a -> a.address() != null).toList();
        List<Multicall3.Call> calls = tokens.stream().map(a -> AaveReader.getReserveDataCall(aavePool, a.address())).toList();
        return chain.aggregate3(calls, blockNumber).map(results -> {
            List<Reserve> found = new ArrayList<>();
            for (int i = 0; i < tokens.size(); i++) {
                Read<ReserveData> r = AaveReader.decodeReserveData(results.get(i));
                if (r.available() && !isZero(r.value().aTokenAddress())) {
                    found.add(new Reserve(tokens.get(i).symbol(), r.value().aTokenAddress(), r.value().variableDebtTokenAddress()));
                }
            }
            reserves = List.copyOf(found);
            return reserves;
        });
    }

    /** The calls of one snapshot and how each result lands in the snapshot. */
    private final class Plan {
        final List<Multicall3.Call> calls = new ArrayList<>();
        final List<Consumer<Multicall3.Result>> sinks = new ArrayList<>();
        final Map<String, BigInteger> tokens = new LinkedHashMap<>();
        final Map<String, List<Holding>> venues = new LinkedHashMap<>();
        final Map<String, java.math.BigDecimal> venueRates = new LinkedHashMap<>();
        final Map<String, BigInteger> venueUnits = new LinkedHashMap<>();
        final Map<String, BigInteger> supplied = new HashMap<>();
        final Map<String, BigInteger> borrowed = new HashMap<>();
        final List<String> unavailable = new ArrayList<>();
        BigInteger eth = BigInteger.ZERO;
        /** The block's timestamp, set before the results are decoded (a Morpho market is accrued to it). */
        long timestamp;
        UserAccountData account;
        int queued;
        List<BigInteger> lidoIdsAsked;
        List<BigInteger> lidoIdsNow;
        List<LidoWithdrawalRequest> lidoRequests = List.of();
        final Map<LrtQueueReader, Integer> lrtAsked = new HashMap<>();
        final Map<LrtQueueReader, List<Multicall3.Result>> lrtResults = new HashMap<>();
        List<byte[]> eigenAsked = List.of();
        final List<Multicall3.Result> eigenResults = new ArrayList<>();
        List<BigInteger> etherfiAsked = List.of();
        final List<Multicall3.Result> etherfiResults = new ArrayList<>();

        void add(Multicall3.Call call, Consumer<Multicall3.Result> sink) {
            calls.add(call);
            sinks.add(sink);
        }

        <T> void note(Read<T> read, String what, Consumer<T> use) {
            if (read.available()) {
                use.accept(read.value());
            } else {
                unavailable.add(what + ": " + read.error());
            }
        }

        RawSnapshot decode(List<Multicall3.Result> results, long block, long timestamp) {
            this.timestamp = timestamp;
            for (int i = 0; i < sinks.size(); i++) {
                sinks.get(i).accept(results.get(i));
            }
            AaveAccount aave = account == null ? null : new AaveAccount(account.totalCollateralBase(), account.totalDebtBase(),
                    account.liquidationThresholdFraction(), account.hasDebt() ? account.healthFactorDecimal() : null, supplied, borrowed);
            RawSnapshot raw = new RawSnapshot(block, timestamp, eth, tokens, aave, venues, queued, unavailable, venueRates, List.of(),
                    List.of(), List.of(), venueUnits);
            return lidoQueue == null ? raw : withLido(raw, lidoRequests, List.of());
        }
    }

    private Plan plan(List<Reserve> reserveList) {
        Plan p = new Plan();
        p.add(GET_ETH_BALANCE.call(catalogue.multicall3(), ViewFunction.address(vault)),
                r -> p.note(GET_ETH_BALANCE.decode(r), "ETH balance", v -> p.eth = v));
        for (Asset asset : catalogue.assets()) {
            if (asset.address() == null) {
                continue;
            }
            p.add(Erc20Reader.balanceOfCall(asset.address(), vault),
                    r -> p.note(Erc20Reader.decodeBalanceOf(r), "balanceOf " + asset.symbol(), v -> p.tokens.put(asset.symbol(), v)));
        }
        if (aavePool != null) {
            p.add(AaveReader.getUserAccountDataCall(aavePool, vault),
                    r -> p.note(AaveReader.decodeUserAccountData(r), "Aave getUserAccountData", v -> p.account = v));
            for (Reserve reserve : reserveList) {
                p.add(Erc20Reader.balanceOfCall(reserve.aToken(), vault),
                        r -> p.note(Erc20Reader.decodeBalanceOf(r), "aToken " + reserve.asset(), v -> p.supplied.put(reserve.asset(), v)));
                if (!isZero(reserve.debtToken())) {
                    p.add(Erc20Reader.balanceOfCall(reserve.debtToken(), vault),
                            r -> p.note(Erc20Reader.decodeBalanceOf(r), "debt " + reserve.asset(), v -> p.borrowed.put(reserve.asset(), v)));
                }
            }
        }
        for (Venue venue : catalogue.venues()) {
            switch (venue.venueKind()) {
                case EIGENLAYER_STRATEGY -> eigen(p, venue);
                case FIXED_YIELD_PT -> pt(p, venue);
                case LP -> lp(p, venue);
                case LENDING_SUPPLY -> {
                    if (MorphoVenue.isMorpho(venue)) {
                        morpho(p, venue);
                    }
                }
                default -> {
                }
            }
        }
        String delegation = catalogue.contracts().get("eigenDelegationManager");
        if (delegation != null) {
            p.add(QUEUED_ROOTS.call(delegation, ViewFunction.address(vault)),
                    r -> p.note(QUEUED_ROOTS.decode(r), "EigenLayer queued withdrawals", v -> p.queued = v));
        }
        if (lidoQueue != null) {
            lido(p);
        }
        for (LrtQueueReader q : lrtQueues) {
            int known = lrtKnown.getOrDefault(q.venueId(), 0);
            List<Multicall3.Result> got = new ArrayList<>();
            p.lrtAsked.put(q, known);
            p.lrtResults.put(q, got);
            q.calls(known).forEach(c -> p.add(c, got::add));
        }
        if (eigenQueue != null) {
            p.eigenAsked = eigenRoots;
            eigenQueue.calls(p.eigenAsked).forEach(c -> p.add(c, p.eigenResults::add));
        }
        if (etherfiQueue != null) {
            p.etherfiAsked = etherfiQueue.ids();
            etherfiQueue.calls(p.etherfiAsked).forEach(c -> p.add(c, p.etherfiResults::add));
        }
        return p;
    }

    private void lido(Plan p) {
        List<BigInteger> known = lidoIds;
        p.lidoIdsAsked = known;
        p.add(LidoQueueReader.getWithdrawalRequestsCall(lidoQueue, vault),
                r -> p.note(LidoQueueReader.decodeWithdrawalRequests(r), lidoVenue + " withdrawal request ids", v -> p.lidoIdsNow = v));
        if (!known.isEmpty()) {
            p.add(LidoQueueReader.getWithdrawalStatusCall(lidoQueue, known),
                    r -> p.note(LidoQueueReader.decodeWithdrawalStatus(r, known), lidoVenue + " withdrawal requests", v -> p.lidoRequests = v));
        }
    }

    private void eigen(Plan p, Venue venue) {
        String manager = catalogue.contracts().get("eigenStrategyManager");
        String strategy = venue.param("strategy").map(this::resolve).orElseGet(() -> strategyFor(venue.asset()));
        if (manager == null || strategy == null) {
            p.unavailable.add(venue.id() + ": no EigenLayer strategy manager or strategy in the catalogue");
            return;
        }
        BigInteger[] shares = new BigInteger[1];
        p.add(EigenLayerReader.stakerDepositSharesCall(manager, vault, strategy),
                r -> p.note(EigenLayerReader.decodeStakerDepositShares(r), venue.id() + " shares", v -> shares[0] = v));
        p.add(EigenLayerReader.sharesToUnderlyingViewCall(strategy, E18),
                r -> p.note(EigenLayerReader.decodeSharesToUnderlyingView(r), venue.id() + " share rate", rate -> {
                    p.venueRates.put(venue.id(), new java.math.BigDecimal(rate).movePointLeft(18));
                    if (shares[0] != null) {
                        p.venues.put(venue.id(), List.of(new Holding("eigenlayer shares " + shares[0], venue.asset(),
                                shares[0].multiply(rate).divide(E18), false)));
                        p.venueUnits.put(venue.id(), shares[0]);
                    }
                }));
    }

    private void pt(Plan p, Venue venue) {
        String market = venue.param("market").orElse(null);
        String pt = venue.param("pt").map(this::resolve)
                .orElseGet(() -> market == null ? null : catalogue.contracts().get(market.replace("Market", "Pt")));
        if (pt == null) {
            p.unavailable.add(venue.id() + ": no PT token in the catalogue");
            return;
        }
        p.add(Erc20Reader.balanceOfCall(pt, vault), r -> p.note(Erc20Reader.decodeBalanceOf(r), venue.id() + " PT balance",
                v -> p.venues.put(venue.id(), List.of(new Holding("PT balance", venue.asset(), v, false)))));
    }

    private void lp(Plan p, Venue venue) {
        String pool = venue.param("pool").map(this::resolve).orElse(null);
        if (pool == null) {
            return;
        }
        BigInteger[] lp = new BigInteger[1];
        p.add(Erc20Reader.balanceOfCall(venue.param("lpToken").map(this::resolve).orElse(pool), vault),
                r -> p.note(Erc20Reader.decodeBalanceOf(r), venue.id() + " LP balance", v -> lp[0] = v));
        p.add(CurveReader.getVirtualPriceCall(pool), r -> p.note(CurveReader.decodeGetVirtualPrice(r), venue.id() + " virtual price",
                vp -> {
                    if (lp[0] != null) {
                        BigInteger eth = new BigDecimal(lp[0]).multiply(vp.toBigDecimal()).toBigInteger();
                        p.venues.put(venue.id(), List.of(new Holding("LP " + lp[0] + " at virtual price", "ETH", eth, false)));
                    }
                }));
    }

    /**
     * A Morpho Blue supply: the vault's {@code position(id)}, {@code market(id)} and the IRM's {@code rateAtTarget(id)} in
     * the block's multicall; the market accrued to the block ({@link AccruedMarket}) values the shares as a withdrawal by
     * shares would pay them ({@code toAssetsDown}). The shares are the venue's unit (what a full exit burns), the WETH
     * per share (rounded down, so a plan never counts on more) its rate.
     */
    private void morpho(Plan p, Venue venue) {
        MorphoVenue m;
        try {
            m = MorphoVenue.of(venue, catalogue);
        } catch (IllegalArgumentException e) {
            p.unavailable.add(venue.id() + ": " + e.getMessage());
            return;
        }
        Object[] parts = new Object[2];
        p.add(MorphoReader.positionCall(m.morpho(), m.marketId(), vault),
                r -> p.note(MorphoReader.decodePosition(r), venue.id() + " position", v -> parts[0] = v));
        p.add(MorphoReader.marketCall(m.morpho(), m.marketId()),
                r -> p.note(MorphoReader.decodeMarket(r), venue.id() + " market", v -> parts[1] = v));
        p.add(MorphoReader.rateAtTargetCall(m.params().irm(), m.marketId()),
                r -> p.note(MorphoReader.decodeRateAtTarget(r), venue.id() + " rate at target", rate -> {
                    if (parts[0] == null || parts[1] == null) {
                        return;
                    }
                    BigInteger shares = ((io.lrtyield.common.lending.morpho.Position) parts[0]).supplyShares();
                    AccruedMarket market;
                    try {
                        market = AccruedMarket.at((io.lrtyield.common.lending.morpho.MarketState) parts[1], rate, p.timestamp);
                    } catch (ArithmeticException e) {
                        p.unavailable.add(venue.id() + " market accrual: " + e.getMessage());
                        return;
                    }
                    p.venues.put(venue.id(), List.of(new Holding("morpho supply shares " + shares, venue.asset(), market.supplyAssets(shares), false)));
                    p.venueUnits.put(venue.id(), shares);
                    io.lrtyield.common.lending.morpho.MarketState s = market.state();
                    p.venueRates.put(venue.id(), new BigDecimal(s.totalSupplyAssets().add(MorphoMath.VIRTUAL_ASSETS))
                            .divide(new BigDecimal(s.totalSupplyShares().add(MorphoMath.VIRTUAL_SHARES)), 40, java.math.RoundingMode.DOWN));
                }));
    }

    /** A catalogue contract name or an address. */
    private String resolve(String nameOrAddress) {
        return nameOrAddress.startsWith("0x") ? nameOrAddress : catalogue.contracts().get(nameOrAddress);
    }

    private String strategyFor(String asset) {
        String wanted = asset.toLowerCase();
        return catalogue.contracts().entrySet().stream()
                .filter(e -> e.getKey().startsWith("eigen") && e.getKey().endsWith("Strategy")
                        && e.getKey().toLowerCase().equals("eigen" + wanted + "strategy"))
                .map(Map.Entry::getValue).findFirst().orElse(null);
    }

    private static boolean isZero(String address) {
        return address == null || new BigInteger(address.substring(2), 16).signum() == 0;
    }
}
