package io.lrtyield.common.restaking;

import io.lrtyield.common.catalogue.Restaking;
import io.lrtyield.common.chain.Multicall3;
import io.lrtyield.common.chain.UintViewCall;
import io.lrtyield.common.chain.reader.EigenLayerQueueReader;
import io.lrtyield.common.chain.reader.EigenLayerQueueReader.OperatorSetId;
import io.lrtyield.common.chain.reader.EigenLayerReader;
import io.lrtyield.common.chain.reader.PauseReader;
import io.lrtyield.common.chain.reader.Read;
import io.lrtyield.common.chain.reader.RenzoReader;
import io.lrtyield.common.event.RestakingExposure;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The restaking part of the price snapshot, for the catalogue's {@link Restaking} graph: per LRT its issuer's backing, the
 * {@code paused()} flag of its pausable contracts and, per restaking account, {@code delegatedTo},
 * {@code getWithdrawableShares} and {@code getQueuedWithdrawals}; per operator {@code getAllocatedSets} and, per strategy,
 * {@code getMaxMagnitude} and {@code getAllocation} for each set; per position of the vault (an EigenLayer deposit) the
 * same account reads in its own strategy; and {@code minWithdrawalDelayBlocks} once. All of it joins the snapshot's one
 * Multicall3.
 *
 * <p>Discovery: the catalogue says which accounts to look at and seeds the operators and sets; the chain says the rest.
 * Which operators and sets the allocation reads cover is chosen from what the <em>previous</em> block's reads found (an
 * account's {@code delegatedTo}, a queued withdrawal's operator, an operator's {@code getAllocatedSets}): one Multicall3
 * per block cannot read an allocation of an operator it learns of in the same call. An operator or set found this way is
 * read from the next block on; until then the exposure that needs it says so and is {@code complete = false}.
 */
public final class ExposureReads {

    private static final BigInteger WAD = BigInteger.TEN.pow(18);

    private final Restaking graph;
    private final Map<OperatorSetId, String> setNames = new LinkedHashMap<>();
    /** operator (lower case) → catalogue name or null: whose allocations the next plan reads. */
    private final Map<String, String> operators = new LinkedHashMap<>();
    /** operator → the operator sets the next plan reads its allocations to. */
    private final Map<String, Set<OperatorSetId>> setsOf = new LinkedHashMap<>();
    private Plan last;

    public ExposureReads(Restaking graph) {
        this.graph = graph;
        if (graph == null) {
            return;
        }
        graph.operatorSets().forEach(s -> setNames.put(new OperatorSetId(s.avs(), s.id()), s.name()));
        graph.operators().forEach(o -> discover(lower(o.address()), o.name()));
    }

    /** What one block's snapshot found: exposures by LRT, the vault's positions by asset and venue, pause flags by LRT and contract. */
    public record Reading(Map<String, RestakingExposure> exposures, Map<String, Map<String, RestakingExposure>> positions,
                          Map<String, Map<String, Boolean>> paused) {
    }

    /** The calls of a new plan (from what the last decode discovered); {@link #decode} decodes their results. */
    public synchronized List<Multicall3.Call> calls() {
        last = plan();
        return last.calls();
    }

    /** Exposures by LRT from the results of {@link #calls()}, in order (queued withdrawals counted as still slashable). */
    public synchronized Map<String, RestakingExposure> decode(Supplier<Multicall3.Result> next) {
        return (last == null ? plan() : last).decode(next, -1).exposures();
    }

    /** The reads for the next block, chosen from the operators and sets known now. */
    public synchronized Plan plan() {
        List<String> ops = List.copyOf(operators.keySet());
        Map<String, List<OperatorSetId>> sets = new LinkedHashMap<>();
        ops.forEach(op -> sets.put(op, List.copyOf(setsOf.get(op))));
        return new Plan(ops, java.util.Collections.unmodifiableMap(new LinkedHashMap<>(operators)), sets);
    }

    private synchronized void discover(String operator, String name) {
        if (!operators.containsKey(operator)) {
            operators.put(operator, name);
            setsOf.put(operator, new LinkedHashSet<>(setNames.keySet()));
        }
    }

    private synchronized void discoverSets(String operator, List<OperatorSetId> sets) {
        setsOf.computeIfAbsent(operator, k -> new LinkedHashSet<>()).addAll(sets);
    }

    private List<String> strategies() {
        Set<String> s = new LinkedHashSet<>();
        s.add(lower(graph.strategy()));
        graph.positions().forEach(p -> s.add(lower(p.strategy())));
        return List.copyOf(s);
    }

    /** One block's reads: the calls, and the decoding that walks their results in the same order. */
    public final class Plan {
        private final List<String> ops;
        private final Map<String, String> names;
        private final Map<String, List<OperatorSetId>> sets;
        private final List<Multicall3.Call> calls = new ArrayList<>();

        private Plan(List<String> ops, Map<String, String> names, Map<String, List<OperatorSetId>> sets) {
            this.ops = ops;
            this.names = names;
            this.sets = sets;
            if (graph == null) {
                return;
            }
            calls.add(EigenLayerQueueReader.minWithdrawalDelayBlocksCall(graph.delegationManager()));
            for (String op : ops) {
                calls.add(EigenLayerQueueReader.allocatedSetsCall(graph.allocationManager(), op));
                for (String strategy : strategies()) {
                    calls.add(EigenLayerReader.maxMagnitudeCall(graph.allocationManager(), op, strategy));
                    sets.get(op).forEach(set -> calls.add(EigenLayerReader.allocationCall(graph.allocationManager(), op, set.avs(), set.id(), strategy)));
                }
            }
            for (Restaking.Lrt lrt : graph.assets()) {
                Restaking.Backing b = lrt.backing();
                calls.add(b.function().equals(Restaking.Backing.RENZO_TVLS) ? RenzoReader.calculateTvlsCall(b.contract())
                        : new Multicall3.Call(b.contract(), backingCall(b)));
                lrt.delegators().forEach(account -> accountCalls(account, graph.strategy()));
                lrt.pausable().forEach(c -> calls.add(PauseReader.pausedCall(c)));
            }
            for (Restaking.Position p : graph.positions()) {
                accountCalls(p.staker(), p.strategy());
                calls.add(EigenLayerReader.sharesToUnderlyingViewCall(p.strategy(), WAD));
            }
        }

        private void accountCalls(String account, String strategy) {
            calls.add(EigenLayerReader.delegatedToCall(graph.delegationManager(), account));
            calls.add(EigenLayerReader.withdrawableSharesCall(graph.delegationManager(), account, strategy));
            calls.add(EigenLayerQueueReader.queuedWithdrawalsCall(graph.delegationManager(), account));
        }

        public List<Multicall3.Call> calls() {
            return List.copyOf(calls);
        }

        /**
         * Decodes the results of {@link #calls()} in order, read at block {@code block} (-1: unknown, every queued withdrawal
         * counted as still slashable), and remembers the operators and sets it found for the next plan.
         */
        public Reading decode(Supplier<Multicall3.Result> next, long block) {
            Reading empty = new Reading(Map.of(), Map.of(), Map.of());
            if (graph == null) {
                return empty;
            }
            Read<BigInteger> delay = EigenLayerQueueReader.decodeMinWithdrawalDelayBlocks(next.get());
            Map<String, OperatorView> views = new LinkedHashMap<>();
            for (String op : ops) {
                Read<List<OperatorSetId>> allocated = EigenLayerQueueReader.decodeAllocatedSets(next.get());
                List<String> unread = new ArrayList<>();
                if (allocated.available()) {
                    allocated.value().stream().filter(s -> !sets.get(op).contains(s)).forEach(s -> unread.add(setName(s)));
                    discoverSets(op, allocated.value());
                }
                for (String strategy : strategies()) {
                    Read<BigInteger> max = EigenLayerReader.decodeMaxMagnitude(next.get());
                    Map<OperatorSetId, Read<BigInteger>> allocations = new LinkedHashMap<>();
                    sets.get(op).forEach(set -> allocations.put(set, EigenLayerReader.decodeAllocation(next.get())));
                    Map<OperatorSetId, String> named = new LinkedHashMap<>();
                    allocations.keySet().forEach(s -> named.put(s, setName(s)));
                    views.put(op + "/" + strategy, new OperatorView(max, allocations, unread, named));
                }
            }
            Accounts accounts = new Accounts(views, delay, block);
            Map<String, RestakingExposure> exposures = new LinkedHashMap<>();
            Map<String, Map<String, Boolean>> paused = new LinkedHashMap<>();
            for (Restaking.Lrt lrt : graph.assets()) {
                List<String> errors = new ArrayList<>();
                BigDecimal backing = backing(lrt.backing(), next.get(), errors);
                List<RestakingExposure.Delegation> delegations = new ArrayList<>();
                for (String account : lrt.delegators()) {
                    accounts.read(account, graph.strategy(), BigDecimal.ONE, next, errors).ifPresent(delegations::add);
                }
                Map<String, Boolean> flags = new LinkedHashMap<>();
                for (String c : lrt.pausable()) {
                    Read<Boolean> flag = PauseReader.decodePaused(next.get());
                    if (flag.available()) {
                        flags.put(c, flag.value());
                    }
                }
                paused.put(lrt.asset(), flags);
                exposures.put(lrt.asset(), new RestakingExposure(backing, delegations, errors.isEmpty(), errors));
            }
            Map<String, Map<String, RestakingExposure>> positions = new LinkedHashMap<>();
            for (Restaking.Position p : graph.positions()) {
                List<String> errors = new ArrayList<>();
                List<Multicall3.Result> reads = List.of(next.get(), next.get(), next.get());
                Read<BigInteger> perShare = EigenLayerReader.decodeSharesToUnderlyingView(next.get());
                BigDecimal ethPerShare = perShare.available() ? RestakingExposure.eth(perShare.value()) : BigDecimal.ONE;
                if (!perShare.available()) {
                    errors.add(p.venue() + ": shares counted 1:1, sharesToUnderlyingView unreadable: " + perShare.error());
                }
                var d = accounts.read(p.staker(), p.strategy(), ethPerShare, reads.iterator()::next, errors);
                BigDecimal total = d.map(x -> x.withdrawableEth().add(x.queued().stream().map(RestakingExposure.QueuedWithdrawal::sharesEth)
                        .reduce(BigDecimal.ZERO, BigDecimal::add))).orElse(null);
                positions.computeIfAbsent(p.asset(), k -> new LinkedHashMap<>()).put(p.venue(), new RestakingExposure(total,
                        d.map(List::of).orElse(List.of()), errors.isEmpty(), errors));
            }
            return new Reading(exposures, positions, paused);
        }

        private String setName(OperatorSetId s) {
            return setNames.getOrDefault(s, s.avs() + "/" + s.id());
        }

        /** An account's reads (delegatedTo, withdrawable shares, queued withdrawals) turned into its delegation. */
        private final class Accounts {
            private final Map<String, OperatorView> views;
            private final Read<BigInteger> delay;
            private final long block;

            Accounts(Map<String, OperatorView> views, Read<BigInteger> delay, long block) {
                this.views = views;
                this.delay = delay;
                this.block = block;
            }

            java.util.Optional<RestakingExposure.Delegation> read(String account, String strategy, BigDecimal ethPerShare,
                                                                 Supplier<Multicall3.Result> next, List<String> errors) {
                Read<String> operator = EigenLayerReader.decodeDelegatedTo(next.get());
                Read<EigenLayerReader.StakerShares> shares = EigenLayerReader.decodeWithdrawableShares(next.get());
                Read<List<EigenLayerQueueReader.QueuedWithdrawal>> queued = EigenLayerQueueReader.decodeQueuedWithdrawals(next.get(), strategy);
                if (!operator.available() || !shares.available()) {
                    errors.add(account + ": " + (operator.available() ? shares.error() : operator.error()));
                    return java.util.Optional.empty();
                }
                if (!queued.available()) {
                    errors.add(account + ": queued withdrawals unreadable: " + queued.error());
                }
                BigInteger withdrawableWei = shares.value().withdrawable();
                BigDecimal withdrawable = RestakingExposure.eth(withdrawableWei).multiply(ethPerShare);
                String op = zero(operator.value()) ? null : lower(operator.value());
                List<RestakingExposure.Allocation> allocations = List.of();
                BigDecimal max = null;
                if (op != null) {
                    OperatorView view = view(op, strategy, account, errors);
                    if (view != null) {
                        allocations = view.slashable(account + ": operator " + op, withdrawableWei, ethPerShare, errors);
                        max = view.maxMagnitude().available() ? RestakingExposure.fraction(view.maxMagnitude().value()) : null;
                    }
                }
                List<RestakingExposure.QueuedWithdrawal> list = new ArrayList<>();
                for (var q : queued.orElse(List.of())) {
                    list.add(queuedWithdrawal(account, strategy, ethPerShare, q, errors));
                }
                return java.util.Optional.of(new RestakingExposure.Delegation(account, op, op == null ? null : names.get(op), withdrawable,
                        max, allocations, list));
            }

            private RestakingExposure.QueuedWithdrawal queuedWithdrawal(String account, String strategy, BigDecimal ethPerShare,
                                                                       EigenLayerQueueReader.QueuedWithdrawal q, List<String> errors) {
                String op = zero(q.delegatedTo()) ? null : lower(q.delegatedTo());
                long until = delay.available() ? q.startBlock() + delay.value().longValueExact() : Long.MAX_VALUE;
                if (!delay.available()) {
                    errors.add("minWithdrawalDelayBlocks unreadable (queued withdrawals counted as slashable): " + delay.error());
                }
                BigDecimal eth = RestakingExposure.eth(q.shares()).multiply(ethPerShare);
                List<RestakingExposure.Allocation> allocations = List.of();
                if (op != null && (block < 0 || block <= until)) {
                    OperatorView view = view(op, strategy, account + "'s queued withdrawal", errors);
                    if (view != null) {
                        allocations = view.slashable(account + ": queued under operator " + op, q.shares(), ethPerShare, errors);
                    }
                }
                return new RestakingExposure.QueuedWithdrawal(op, op == null ? null : names.get(op), q.startBlock(),
                        until == Long.MAX_VALUE ? -1 : until, eth, allocations);
            }

            /** The operator's view, or null (with the reason) when it was first seen this block: read from the next one on. */
            private OperatorView view(String op, String strategy, String who, List<String> errors) {
                OperatorView view = views.get(op + "/" + lower(strategy));
                if (view == null) {
                    discover(op, null);
                    errors.add(who + ": operator " + op + " discovered this block (delegatedTo): its allocations are read from the next block");
                }
                return view;
            }
        }
    }

    /** {@code function(args)}: an argument starting with 0x is an address, any other a uint256. */
    static String backingCall(Restaking.Backing b) {
        List<org.web3j.abi.datatypes.Type> args = new ArrayList<>();
        for (String a : b.args()) {
            args.add(a.startsWith("0x") ? new org.web3j.abi.datatypes.Address(a)
                    : new org.web3j.abi.datatypes.generated.Uint256(new BigInteger(a)));
        }
        return org.web3j.abi.FunctionEncoder.encode(new org.web3j.abi.datatypes.Function(b.function(), args, List.of()));
    }

    private static BigDecimal backing(Restaking.Backing b, Multicall3.Result result, List<String> errors) {
        if (b.function().equals(Restaking.Backing.RENZO_TVLS)) {
            var tvls = RenzoReader.decodeCalculateTvls(result);
            if (!tvls.available()) {
                errors.add("backing: " + tvls.error());
                return null;
            }
            return RestakingExposure.eth(tvls.value().totalTvl());
        }
        if (!result.success()) {
            errors.add("backing: " + b.function() + " reverted");
            return null;
        }
        try {
            return RestakingExposure.eth(UintViewCall.decode(result.returnData()));
        } catch (IllegalArgumentException e) {
            errors.add("backing: " + e.getMessage());
            return null;
        }
    }

    private static boolean zero(String address) {
        return new BigInteger(address.substring(2), 16).signum() == 0;
    }

    private static String lower(String address) {
        return address.toLowerCase(Locale.ROOT);
    }
}
