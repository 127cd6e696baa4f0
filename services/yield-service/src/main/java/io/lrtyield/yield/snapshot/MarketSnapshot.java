package io.lrtyield.yield.snapshot;

import io.lrtyield.common.catalogue.Asset;
import io.lrtyield.common.catalogue.Catalogue;
import io.lrtyield.common.catalogue.Venue;
import io.lrtyield.common.chain.Multicall3;
import io.lrtyield.common.lending.morpho.MorphoVenue;
import io.lrtyield.common.chain.reader.AaveReader;
import io.lrtyield.common.chain.reader.CoinbaseReader;
import io.lrtyield.common.chain.reader.CurveReader;
import io.lrtyield.common.chain.reader.Erc20Reader;
import io.lrtyield.common.chain.reader.FixedPoint;
import io.lrtyield.common.chain.reader.MorphoReader;
import io.lrtyield.common.chain.reader.PendleReader;
import io.lrtyield.common.chain.reader.PendleState;
import io.lrtyield.common.chain.reader.Read;
import io.lrtyield.common.chain.reader.ReserveData;
import io.lrtyield.yield.model.MarketState;
import io.lrtyield.yield.model.StablePool;
import io.lrtyield.yield.model.VenueQuoter;
import io.smallrye.mutiny.Uni;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * One Multicall3 {@code aggregate3} per block, pinned to the block, of every market read the catalogue's venues
 * need: Aave {@code getReserveData} of each reserve a lending or loop venue touches with its aToken and variable
 * debt token supplies; Curve {@code balances(0/1)}, {@code A()}, {@code fee()}, {@code get_virtual_price()} of each LP
 * pool and of each staking venue's {@code exitPool}; Pendle {@code readState(router)} of each PT market (the AMM's
 * reserves, scalar root, fee and reserve share), and its SY's {@code exchangeRate()} when the venue names an {@code sy}
 * (the AMM's SY index; without one the SY is taken to be the asset); Morpho Blue {@code market(id)} and its IRM's
 * {@code rateAtTarget(id)} of each Morpho lending venue (the market's parameters come from the catalogue, checked against
 * its id, so no discovery round trip). A failed sub-call makes that item unavailable (with the
 * reason), never the snapshot. The reserve token addresses are learnt once (one extra round trip on the first block)
 * and kept: they never change for a reserve.
 */
public final class MarketSnapshot {

    /** Pendle Router V4 (reference §8); {@code readState} takes it to select the factory's fee overrides. */
    static final String PENDLE_ROUTER = "0x888888888889758F76e7103c6CbF23ABbF58F946";
    private static final BigInteger WAD = BigInteger.TEN.pow(18);

    private record ReserveRef(String pool, String symbol, String assetAddress, int decimals) {
        String key() {
            return MarketState.reserveKey(pool, symbol);
        }
    }

    /** {@code sy}: the SY whose {@code exchangeRate()} is the AMM's index, or null (index 1). */
    private record PendleRef(String market, String router, String sy) {
    }

    /** A Morpho Blue market: its contract, id and IRM ({@code rateAtTarget}). */
    private record MorphoRef(String morpho, String id, String irm) {
    }

    /** One {@code aggregate3} pinned to a block ({@link Multicall3#aggregate3}; a fake in tests). */
    @FunctionalInterface
    public interface BlockReads {
        Uni<List<Multicall3.Result>> aggregate3(List<Multicall3.Call> calls, long blockNumber);
    }

    private final BlockReads multicall;
    private final List<ReserveRef> reserves;
    private final Set<String> pools;
    private final List<PendleRef> markets;
    private final List<MorphoRef> morphoMarkets;
    /** reserve key → {aToken, variable debt token} */
    private final Map<String, String[]> reserveTokens = new ConcurrentHashMap<>();
    private final Map<String, String> skipped = new LinkedHashMap<>();

    public MarketSnapshot(BlockReads multicall, Catalogue catalogue) {
        this.multicall = multicall;
        Map<String, ReserveRef> reserveRefs = new LinkedHashMap<>();
        Set<String> poolSet = new LinkedHashSet<>();
        Map<String, PendleRef> marketRefs = new LinkedHashMap<>();
        Map<String, MorphoRef> morphoRefs = new LinkedHashMap<>();
        for (Venue v : catalogue.venues()) {
            try {
                if (MorphoVenue.isMorpho(v)) {
                    MorphoVenue m = MorphoVenue.of(v, catalogue);
                    if (v.param("marketId").isEmpty()) {
                        throw new IllegalArgumentException("venue " + v.id() + " needs param marketId");
                    }
                    morphoRefs.putIfAbsent(m.marketId(), new MorphoRef(m.morpho(), m.marketId(), m.params().irm()));
                } else {
                    plan(v, catalogue, reserveRefs, poolSet, marketRefs);
                }
            } catch (IllegalArgumentException e) {
                skipped.put(v.id(), e.getMessage());
            }
        }
        this.reserves = List.copyOf(reserveRefs.values());
        this.pools = Set.copyOf(poolSet);
        this.markets = List.copyOf(marketRefs.values());
        this.morphoMarkets = List.copyOf(morphoRefs.values());
    }

    /** Venues the catalogue describes too little to read, with the reason (logged once by the caller). */
    public Map<String, String> skipped() {
        return Map.copyOf(skipped);
    }

    private static void plan(Venue v, Catalogue catalogue, Map<String, ReserveRef> reserveRefs, Set<String> poolSet,
                             Map<String, PendleRef> marketRefs) {
        switch (v.venueKind()) {
            case LENDING_SUPPLY -> addReserve(reserveRefs, catalogue, VenueQuoter.address(v, "pool", catalogue.contracts()), v.asset());
            case LEVERAGED_LOOP -> {
                String pool = VenueQuoter.address(v, "pool", catalogue.contracts());
                addReserve(reserveRefs, catalogue, pool, v.asset());
                addReserve(reserveRefs, catalogue, pool, v.param("borrowAsset").orElse("WETH"));
                if (v.param("exitPool").isPresent()) {
                    poolSet.add(VenueQuoter.address(v, "exitPool", catalogue.contracts()));
                }
            }
            case LP -> poolSet.add(VenueQuoter.address(v, "pool", catalogue.contracts()));
            case FIXED_YIELD_PT -> {
                String market = VenueQuoter.address(v, "market", catalogue.contracts());
                String router = v.param("router").orElse(catalogue.contracts().getOrDefault("pendleRouter", PENDLE_ROUTER));
                String sy = v.param("sy").isPresent() ? VenueQuoter.address(v, "sy", catalogue.contracts()) : null;
                marketRefs.put(market, new PendleRef(market, router, sy));
            }
            case NATIVE_STAKING, RESTAKING_TOKEN -> {
                // an instant exit through a StableSwap pool prices the staking venue's size curve
                if (v.param("exitPool").isPresent()) {
                    poolSet.add(VenueQuoter.address(v, "exitPool", catalogue.contracts()));
                }
            }
            default -> {
            }
        }
    }

    private static void addReserve(Map<String, ReserveRef> refs, Catalogue catalogue, String pool, String symbol) {
        Asset asset = catalogue.asset(symbol).orElseThrow(() -> new IllegalArgumentException("catalogue has no asset " + symbol));
        if (asset.address() == null) {
            throw new IllegalArgumentException("asset " + symbol + " has no token address to look its reserve up by");
        }
        ReserveRef ref = new ReserveRef(pool, asset.symbol(), asset.address(), asset.decimals());
        refs.putIfAbsent(ref.key(), ref);
    }

    /** How many sub-calls a block's snapshot makes (once the reserve tokens are known). */
    public int callCount() {
        return reserves.size() * 3 + pools.size() * 5 + markets.size() + (int) markets.stream().filter(m -> m.sy() != null).count()
                + morphoMarkets.size() * 2;
    }

    public Uni<MarketState> read(long blockNumber, long blockTimestamp) {
        boolean discover = reserves.stream().anyMatch(r -> !reserveTokens.containsKey(r.key()));
        Uni<Void> ready = discover ? discoverTokens(blockNumber) : Uni.createFrom().voidItem();
        return ready.chain(() -> {
            List<Multicall3.Call> calls = new ArrayList<>();
            List<Consumer<Multicall3.Result>> decoders = new ArrayList<>();
            Builder b = new Builder(blockTimestamp);
            for (ReserveRef r : reserves) {
                b.planReserve(r, calls, decoders);
            }
            for (String pool : pools) {
                b.planPool(pool, calls, decoders);
            }
            for (PendleRef m : markets) {
                b.planPendle(m, calls, decoders);
            }
            for (MorphoRef m : morphoMarkets) {
                b.planMorpho(m, calls, decoders);
            }
            if (calls.isEmpty()) {
                return Uni.createFrom().item(b.build());
            }
            return multicall.aggregate3(calls, blockNumber).map(results -> {
                for (int i = 0; i < results.size(); i++) {
                    decoders.get(i).accept(results.get(i));
                }
                return b.build();
            });
        });
    }

    private Uni<Void> discoverTokens(long blockNumber) {
        List<Multicall3.Call> calls = reserves.stream().map(r -> AaveReader.getReserveDataCall(r.pool(), r.assetAddress())).toList();
        return multicall.aggregate3(calls, blockNumber).invoke(results -> {
            for (int i = 0; i < results.size(); i++) {
                Read<ReserveData> read = AaveReader.decodeReserveData(results.get(i));
                if (read.available()) {
                    reserveTokens.put(reserves.get(i).key(), new String[] {read.value().aTokenAddress(), read.value().variableDebtTokenAddress()});
                }
            }
        }).replaceWithVoid();
    }

    /** Collects one block's decoded reads. */
    private final class Builder {
        private final long timestamp;
        private final Map<String, MarketState.AaveReserve> reserveStates = new HashMap<>();
        private final Map<String, StablePool> poolStates = new HashMap<>();
        private final Map<String, MarketState.PendleMarketState> pendleStates = new HashMap<>();
        private final Map<String, MarketState.MorphoMarket> morphoStates = new HashMap<>();
        private final Map<String, String> unavailable = new HashMap<>();

        Builder(long timestamp) {
            this.timestamp = timestamp;
        }

        void planReserve(ReserveRef r, List<Multicall3.Call> calls, List<Consumer<Multicall3.Result>> decoders) {
            String[] tokens = reserveTokens.get(r.key());
            if (tokens == null) {
                unavailable.put(r.key(), "reserve " + r.symbol() + " not found in pool " + r.pool());
                return;
            }
            Object[] parts = new Object[3];
            calls.add(AaveReader.getReserveDataCall(r.pool(), r.assetAddress()));
            decoders.add(result -> parts[0] = AaveReader.decodeReserveData(result));
            calls.add(Erc20Reader.totalSupplyCall(tokens[0]));
            decoders.add(result -> parts[1] = Erc20Reader.decodeTotalSupply(result));
            calls.add(Erc20Reader.totalSupplyCall(tokens[1]));
            decoders.add(result -> {
                parts[2] = Erc20Reader.decodeTotalSupply(result);
                reserve(r, parts);
            });
        }

        @SuppressWarnings("unchecked")
        private void reserve(ReserveRef r, Object[] parts) {
            Read<ReserveData> data = (Read<ReserveData>) parts[0];
            Read<BigInteger> supply = (Read<BigInteger>) parts[1];
            Read<BigInteger> debt = (Read<BigInteger>) parts[2];
            if (!data.available() || !supply.available() || !debt.available()) {
                unavailable.put(r.key(), firstError(data, supply, debt));
                return;
            }
            BigDecimal debtTokens = new BigDecimal(debt.value(), r.decimals());
            BigDecimal available = new BigDecimal(supply.value().subtract(debt.value()).max(BigInteger.ZERO), r.decimals());
            ReserveData d = data.value();
            reserveStates.put(r.key(), new MarketState.AaveReserve(d.currentLiquidityRate(), d.currentVariableBorrowRate(),
                    MarketState.reserveFactorOf(d.configuration()), debtTokens, available));
        }

        void planPool(String pool, List<Multicall3.Call> calls, List<Consumer<Multicall3.Result>> decoders) {
            Object[] parts = new Object[5];
            calls.add(CurveReader.balancesCall(pool, 0));
            decoders.add(result -> parts[0] = CurveReader.decodeBalances(result));
            calls.add(CurveReader.balancesCall(pool, 1));
            decoders.add(result -> parts[1] = CurveReader.decodeBalances(result));
            calls.add(CurveReader.aCall(pool));
            decoders.add(result -> parts[2] = CurveReader.decodeA(result));
            calls.add(CurveReader.feeCall(pool));
            decoders.add(result -> parts[3] = CurveReader.decodeFee(result));
            calls.add(CurveReader.getVirtualPriceCall(pool));
            decoders.add(result -> {
                parts[4] = CurveReader.decodeGetVirtualPrice(result).map(FixedPoint::raw);
                pool(pool, parts);
            });
        }

        @SuppressWarnings("unchecked")
        private void pool(String pool, Object[] parts) {
            for (Object part : parts) {
                if (!((Read<?>) part).available()) {
                    unavailable.put(pool, "curve pool " + pool + ": " + ((Read<?>) part).error());
                    return;
                }
            }
            poolStates.put(pool, new StablePool(new BigInteger[] {((Read<BigInteger>) parts[0]).value(), ((Read<BigInteger>) parts[1]).value()},
                    ((Read<BigInteger>) parts[2]).value(), ((Read<BigInteger>) parts[3]).value(), ((Read<BigInteger>) parts[4]).value()));
        }

        void planPendle(PendleRef m, List<Multicall3.Call> calls, List<Consumer<Multicall3.Result>> decoders) {
            Object[] parts = new Object[] {null, Read.of(WAD)};
            calls.add(PendleReader.readStateCall(m.market(), m.router()));
            decoders.add(result -> {
                parts[0] = PendleReader.decodeReadState(result);
                if (m.sy() == null) {
                    pendle(m.market(), parts);
                }
            });
            if (m.sy() != null) {
                // SY exchangeRate() (reference §8) has cbETH's exchangeRate() signature: the same typed call
                calls.add(CoinbaseReader.exchangeRateCall(m.sy()));
                decoders.add(result -> {
                    parts[1] = CoinbaseReader.decodeExchangeRate(result).map(FixedPoint::raw);
                    pendle(m.market(), parts);
                });
            }
        }

        @SuppressWarnings("unchecked")
        private void pendle(String market, Object[] parts) {
            Read<PendleState> read = (Read<PendleState>) parts[0];
            Read<BigInteger> index = (Read<BigInteger>) parts[1];
            if (!read.available() || !index.available()) {
                unavailable.put(market, "pendle market " + market + ": " + firstError(read, index));
                return;
            }
            PendleState s = read.value();
            pendleStates.put(market, new MarketState.PendleMarketState(s.lastLnImpliedRate(), s.expiry().getEpochSecond(), s.totalPt(),
                    s.totalSy(), s.scalarRoot(), s.lnFeeRateRoot(), s.reserveFeePercent(), index.value()));
        }

        void planMorpho(MorphoRef m, List<Multicall3.Call> calls, List<Consumer<Multicall3.Result>> decoders) {
            Object[] parts = new Object[2];
            calls.add(MorphoReader.marketCall(m.morpho(), m.id()));
            decoders.add(result -> parts[0] = MorphoReader.decodeMarket(result));
            calls.add(MorphoReader.rateAtTargetCall(m.irm(), m.id()));
            decoders.add(result -> {
                parts[1] = MorphoReader.decodeRateAtTarget(result);
                morpho(m, parts);
            });
        }

        @SuppressWarnings("unchecked")
        private void morpho(MorphoRef m, Object[] parts) {
            Read<io.lrtyield.common.lending.morpho.MarketState> market = (Read<io.lrtyield.common.lending.morpho.MarketState>) parts[0];
            Read<BigInteger> rateAtTarget = (Read<BigInteger>) parts[1];
            if (!market.available() || !rateAtTarget.available()) {
                unavailable.put(m.id(), "morpho market " + m.id() + ": " + firstError(market, rateAtTarget));
            } else if (market.value().lastUpdate() == 0) {
                unavailable.put(m.id(), "morpho market " + m.id() + " does not exist on " + m.morpho());
            } else {
                morphoStates.put(m.id(), new MarketState.MorphoMarket(market.value(), rateAtTarget.value()));
            }
        }

        MarketState build() {
            return new MarketState(timestamp, reserveStates, poolStates, pendleStates, morphoStates, unavailable);
        }

        private static String firstError(Read<?>... reads) {
            for (Read<?> r : reads) {
                if (!r.available()) {
                    return r.error();
                }
            }
            return "unavailable";
        }
    }
}
