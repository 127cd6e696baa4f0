package io.lrtyield.common.chain.reader;

import io.lrtyield.common.chain.Multicall3;
import io.lrtyield.common.dex.uniswap.PoolState;
import io.smallrye.mutiny.Uni;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.generated.Int128;
import org.web3j.abi.datatypes.generated.Int16;
import org.web3j.abi.datatypes.generated.Int24;
import org.web3j.abi.datatypes.generated.Int56;
import org.web3j.abi.datatypes.generated.Uint128;
import org.web3j.abi.datatypes.generated.Uint160;
import org.web3j.abi.datatypes.generated.Uint24;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint32;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Reads a Uniswap v3 pool's swap state ({@link PoolState}) at one block, in three Multicall3 rounds pinned to that
 * block: {@code slot0()}, {@code liquidity()}, {@code fee()}, {@code tickSpacing()}; then {@code tickBitmap(int16)}
 * for each word in range; then {@code ticks(int24)} for every set bit, of which only {@code liquidityNet} matters to a
 * swap. A pool with few positions costs one call per bitmap word plus one per initialized tick.
 */
public final class UniswapV3PoolStateReader {

    static final ViewFunction<BigInteger> LIQUIDITY = ViewFunction.of("liquidity", List.of(),
            List.of(new TypeReference<Uint128>() {
            }), out -> out.uint(0));
    static final ViewFunction<Integer> FEE = ViewFunction.of("fee", List.of(),
            List.of(new TypeReference<Uint24>() {
            }), out -> out.smallInt(0));
    static final ViewFunction<Integer> TICK_SPACING = ViewFunction.of("tickSpacing", List.of(),
            List.of(new TypeReference<Int24>() {
            }), out -> out.smallInt(0));
    static final ViewFunction<BigInteger> TICK_BITMAP = ViewFunction.of("tickBitmap", List.of(Int16.class),
            List.of(new TypeReference<Uint256>() {
            }), out -> out.uint(0));
    /** {@code ticks(int24)}: liquidityGross, liquidityNet, two fee growths, tickCumulative, secondsPerLiquidity, seconds, initialized. */
    static final ViewFunction<BigInteger> TICK_LIQUIDITY_NET = ViewFunction.of("ticks", List.of(Int24.class),
            List.of(new TypeReference<Uint128>() {
                    },
                    new TypeReference<Int128>() {
                    },
                    new TypeReference<Uint256>() {
                    },
                    new TypeReference<Uint256>() {
                    },
                    new TypeReference<Int56>() {
                    },
                    new TypeReference<Uint160>() {
                    },
                    new TypeReference<Uint32>() {
                    },
                    new TypeReference<Bool>() {
                    }),
            out -> {
                if (!out.bool(7)) {
                    throw new IllegalStateException("tick set in the bitmap but not initialized");
                }
                return out.signed(1);
            });

    private final Multicall3 multicall;

    public UniswapV3PoolStateReader(Multicall3 multicall) {
        this.multicall = multicall;
    }

    /** The pool with every bitmap word of its tick range: any swap can be quoted. */
    public Uni<Read<PoolState>> readAll(String pool, long blockNumber) {
        return read(pool, blockNumber, Integer.MAX_VALUE);
    }

    /**
     * The pool with the bitmap words within {@code wordRadius} of the current tick's word: swaps that stay there can be
     * quoted (a word spans 256 × tickSpacing ticks, e.g. ±2.6 % of price per word at spacing 1).
     */
    public Uni<Read<PoolState>> read(String pool, long blockNumber, int wordRadius) {
        if (wordRadius < 0) {
            throw new IllegalArgumentException("wordRadius must not be negative");
        }
        List<Multicall3.Call> head = List.of(UniswapV3Reader.slot0Call(pool), LIQUIDITY.call(pool), FEE.call(pool), TICK_SPACING.call(pool));
        return multicall.aggregate3(head, blockNumber).flatMap(results -> {
            Read<Slot0> slot0 = UniswapV3Reader.decodeSlot0(results.get(0));
            Read<BigInteger> liquidity = LIQUIDITY.decode(results.get(1));
            Read<Integer> fee = FEE.decode(results.get(2));
            Read<Integer> spacing = TICK_SPACING.decode(results.get(3));
            Read<PoolState> shell = Read.combine(Read.combine(slot0, liquidity, Head::new), Read.combine(fee, spacing, Params::new),
                    (h, p) -> shell(h, p, wordRadius));
            if (!shell.available()) {
                return Uni.createFrom().item(shell.describe(pool));
            }
            return readTicks(pool, blockNumber, shell.value()).map(r -> r.describe(pool));
        });
    }

    private record Head(Slot0 slot0, BigInteger liquidity) {
    }

    private record Params(int fee, int tickSpacing) {
    }

    /** The pool without its ticks yet: fixes the word range to read. */
    private static PoolState shell(Head head, Params params, int wordRadius) {
        int tickSpacing = params.tickSpacing();
        int word = PoolState.wordOf(head.slot0().tick(), tickSpacing);
        int min = (int) Math.max(PoolState.minWord(tickSpacing), (long) word - wordRadius);
        int max = (int) Math.min(PoolState.maxWord(tickSpacing), (long) word + wordRadius);
        return new PoolState(head.slot0().sqrtPriceX96(), head.slot0().tick(), head.liquidity(), params.fee(), tickSpacing,
                new TreeMap<>(), min, max);
    }

    private Uni<Read<PoolState>> readTicks(String pool, long blockNumber, PoolState shell) {
        List<Multicall3.Call> words = new ArrayList<>();
        for (int w = shell.minWord(); w <= shell.maxWord(); w++) {
            words.add(TICK_BITMAP.call(pool, new Int16(w)));
        }
        return multicall.aggregate3(words, blockNumber).flatMap(bitmaps -> {
            List<Integer> ticks = new ArrayList<>();
            for (int i = 0; i < bitmaps.size(); i++) {
                Read<BigInteger> bitmap = TICK_BITMAP.decode(bitmaps.get(i));
                if (!bitmap.available()) {
                    return Uni.createFrom().item(Read.<PoolState>unavailable(bitmap.error()));
                }
                for (int bit = 0; bit < 256; bit++) {
                    if (bitmap.value().testBit(bit)) {
                        ticks.add(((shell.minWord() + i) * 256 + bit) * shell.tickSpacing());
                    }
                }
            }
            List<Multicall3.Call> calls = ticks.stream().map(t -> TICK_LIQUIDITY_NET.call(pool, new Int24(t))).toList();
            return multicall.aggregate3(calls, blockNumber).map(results -> {
                TreeMap<Integer, BigInteger> net = new TreeMap<>();
                for (int i = 0; i < results.size(); i++) {
                    Read<BigInteger> liquidityNet = TICK_LIQUIDITY_NET.decode(results.get(i));
                    if (!liquidityNet.available()) {
                        return Read.<PoolState>unavailable("tick " + ticks.get(i) + ": " + liquidityNet.error());
                    }
                    net.put(ticks.get(i), liquidityNet.value());
                }
                return Read.of(new PoolState(shell.sqrtPriceX96(), shell.tick(), shell.liquidity(), shell.fee(), shell.tickSpacing(),
                        net, shell.minWord(), shell.maxWord()));
            });
        });
    }
}
