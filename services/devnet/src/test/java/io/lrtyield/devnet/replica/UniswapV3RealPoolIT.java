package io.lrtyield.devnet.replica;

import io.lrtyield.common.chain.Multicall3;
import io.lrtyield.common.chain.reader.Read;
import io.lrtyield.common.dex.uniswap.PoolState;
import io.lrtyield.common.dex.uniswap.SqrtPriceMath;
import io.lrtyield.common.dex.uniswap.SwapSimulator;
import io.lrtyield.common.dex.uniswap.SwapSimulator.SwapResult;
import io.lrtyield.common.dex.uniswap.TickMath;
import io.lrtyield.common.chain.reader.UniswapV3PoolStateReader;
import io.lrtyield.devnet.deploy.ContractArtifacts;
import io.lrtyield.devnet.deploy.TxSender;
import io.lrtyield.devnet.deploy.UniswapV3Price;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeEncoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Int24;
import org.web3j.abi.datatypes.generated.Int256;
import org.web3j.abi.datatypes.generated.Uint128;
import org.web3j.abi.datatypes.generated.Uint160;
import org.web3j.abi.datatypes.generated.Uint24;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.ContractUtils;
import org.web3j.crypto.Hash;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real Uniswap v3 bytecode (npm {@code @uniswap/v3-core}, unmodified) on the test Anvil, against the project's
 * Java swap math: factory, two 18-decimal tokens, a 0.05 % pool and a 0.01 % pool at a wstETH/WETH-like price of 1.17,
 * several overlapping positions minted through {@code UniswapV3Trader}; then the Java quote over the chain-read pool
 * state must equal what the pool's {@code swap} returns, to the wei, for exact input and exact output in both directions
 * and sizes from 1 wei to swaps that cross several initialized ticks. Dev account 7 deploys and trades.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UniswapV3RealPoolIT {

    /** keccak256 of UniswapV3Pool's creation code, as the mainnet factory deploys it (periphery's PoolAddress.POOL_INIT_CODE_HASH). */
    private static final String MAINNET_POOL_INIT_CODE_HASH = "0xe34f199b19b2b4f47f68442619d555527d244f78a3297ea89325f843f87b8b54";
    private static final BigInteger E18 = BigInteger.TEN.pow(18);
    private static final BigInteger GAS = BigInteger.valueOf(1_500_000);
    /** 1.17 WETH per wstETH-like token. */
    private static final BigInteger PRICE = new BigInteger("1170000000000000000");
    private static final List<BigInteger> SIZES = List.of(BigInteger.ONE, BigInteger.valueOf(1_000), new BigInteger("1000000000000000"),
            E18.divide(BigInteger.TEN), E18, eth(10), eth(50), eth(200), eth(600), eth(1_500), eth(3_000));

    private AnvilFixture anvil;
    private TxSender tx;
    private String me;
    private String factory;
    private String token0;
    private String token1;
    private String trader;
    private Multicall3 multicall;
    private UniswapV3PoolStateReader reader;
    private final List<Pool> pools = new ArrayList<>();

    private record Pool(String address, int fee, int tickSpacing, int wordRadius) {
    }

    private record Position(int lower, int upper, BigInteger liquidity) {
    }

    private record Call(String to, Function f) {
    }

    @BeforeAll
    void deploy() throws Exception {
        anvil = new AnvilFixture();
        tx = anvil.sender(7);
        me = tx.address();
        // one batch: the addresses follow from the nonces
        BigInteger nonce = tx.peekNonce();
        factory = created(nonce);
        String wst = created(nonce.add(BigInteger.ONE));
        String weth = created(nonce.add(BigInteger.TWO));
        trader = created(nonce.add(BigInteger.valueOf(3)));
        String multicall3 = created(nonce.add(BigInteger.valueOf(4)));
        List<String> hashes = new ArrayList<>();
        hashes.add(tx.send(null, ContractArtifacts.bytecode("UniswapV3Factory"), BigInteger.ZERO, BigInteger.valueOf(6_000_000)));
        hashes.add(tx.send(null, token("Wrapped liquid staked Ether", "wstETH"), BigInteger.ZERO, BigInteger.valueOf(2_000_000)));
        hashes.add(tx.send(null, token("Wrapped Ether", "WETH"), BigInteger.ZERO, BigInteger.valueOf(2_000_000)));
        hashes.add(tx.send(null, ContractArtifacts.bytecode("UniswapV3Trader"), BigInteger.ZERO, GAS));
        hashes.add(tx.send(null, ContractArtifacts.bytecode("Multicall3"), BigInteger.ZERO, GAS));
        tx.awaitAll(hashes, Duration.ofSeconds(30));
        boolean wstIsToken0 = UniswapV3Price.assetIsToken0(wst, weth);
        token0 = wstIsToken0 ? wst : weth;
        token1 = wstIsToken0 ? weth : wst;
        multicall = new Multicall3(anvil.web3j, multicall3, 1_000);
        reader = new UniswapV3PoolStateReader(multicall);

        BigInteger sqrtPrice = UniswapV3Price.sqrtPriceX96(PRICE, wstIsToken0);
        pools.add(new Pool(poolAddress(500), 500, 10, Integer.MAX_VALUE));
        pools.add(new Pool(poolAddress(100), 100, 1, 40));
        List<Call> setup = new ArrayList<>(List.of(
                new Call(token0, fn("mint", new Address(trader), uint(eth(10_000_000)))),
                new Call(token1, fn("mint", new Address(trader), uint(eth(10_000_000)))),
                // the 0.01 % tier came after launch (governance, Nov 2021): enabled by the factory's owner, as on mainnet
                new Call(factory, fn("enableFeeAmount", new Uint24(100), new Int24(1)))));
        for (Pool pool : pools) {
            setup.add(new Call(factory, fn("createPool", new Address(token0), new Address(token1), new Uint24(pool.fee()))));
            setup.add(new Call(pool.address(), fn("initialize", new Uint160(sqrtPrice))));
        }
        int tick = TickMath.getTickAtSqrtRatio(sqrtPrice);
        for (Pool pool : pools) {
            for (Position p : positions(tick)) {
                setup.add(new Call(trader, fn("mint", new Address(pool.address()), new Int24(p.lower()), new Int24(p.upper()),
                        new Uint128(p.liquidity()))));
            }
        }
        batch(setup, BigInteger.valueOf(6_000_000));
    }

    @AfterAll
    void close() {
        if (anvil != null) {
            anvil.close();
        }
    }

    @Test
    @Order(1)
    void factoryAndPoolsAreTheAuditedMainnetBytecode() throws Exception {
        ContractArtifacts.Artifact factoryArtifact = ContractArtifacts.artifact("UniswapV3Factory");
        ContractArtifacts.Artifact poolArtifact = ContractArtifacts.artifact("UniswapV3Pool");
        for (ContractArtifacts.Artifact a : List.of(factoryArtifact, poolArtifact)) {
            assertEquals("@uniswap/v3-core", a.npm().orElseThrow().packageName());
            assertEquals("1.0.1", a.npm().orElseThrow().version());
        }
        assertTrue(ContractArtifacts.artifact("UniswapV3Trader").npm().isEmpty(), "our helper is compiled here");
        assertEquals(MAINNET_POOL_INIT_CODE_HASH, Hash.sha3(poolArtifact.bytecode()));
        // the factory deploys with CREATE2 over that init code: each pool sits where mainnet's formula puts it
        for (Pool pool : pools) {
            String got = ((Address) anvil.call(factory, new Function("getPool", List.of(new Address(token0), new Address(token1),
                    new Uint24(pool.fee())), List.of(new TypeReference<Address>() {
                    }))).get(0)).getValue();
            assertEquals(pool.address(), got.toLowerCase(Locale.ROOT));
            String code = anvil.web3j.ethGetCode(pool.address(), org.web3j.protocol.core.DefaultBlockParameterName.LATEST).send().getCode();
            assertTrue(code.length() > 40_000, "a full pool's runtime code, " + code.length() / 2 + " bytes");
        }
    }

    @Test
    @Order(2)
    void mintPaysWhatSqrtPriceMathSays() throws Exception {
        for (Pool pool : pools) {
            PoolState state = read(pool, latest());
            int s = pool.tickSpacing();
            BigInteger liquidity = eth(1_234);
            int[][] ranges = {{floor(state.tick(), s) - 30 * s, floor(state.tick(), s) + 40 * s},
                    {floor(state.tick(), s) + 7 * s, floor(state.tick(), s) + 90 * s},
                    {floor(state.tick(), s) - 90 * s, floor(state.tick(), s) - 7 * s}};
            for (int[] r : ranges) {
                BigInteger lower = TickMath.getSqrtRatioAtTick(r[0]);
                BigInteger upper = TickMath.getSqrtRatioAtTick(r[1]);
                BigInteger price = state.sqrtPriceX96();
                BigInteger amount0 = price.compareTo(upper) >= 0 ? BigInteger.ZERO
                        : SqrtPriceMath.getAmount0Delta(price.max(lower), upper, liquidity);
                BigInteger amount1 = price.compareTo(lower) <= 0 ? BigInteger.ZERO
                        : SqrtPriceMath.getAmount1Delta(lower, price.min(upper), liquidity);
                List<BigInteger> paid = ethCall(trader, fn("mint", new Address(pool.address()), new Int24(r[0]), new Int24(r[1]),
                        new Uint128(liquidity)), latest(), false);
                assertEquals(List.of(amount0, amount1), paid, "fee " + pool.fee() + " range " + r[0] + ".." + r[1]);
            }
        }
    }

    @Test
    @Order(3)
    void javaQuotesEqualTheRealPoolsSwapsToTheWei() throws Exception {
        for (Pool pool : pools) {
            long block = latest();
            PoolState state = read(pool, block);
            int compared = 0;
            int maxCrossed = 0;
            for (boolean zeroForOne : new boolean[] {true, false}) {
                for (boolean exactInput : new boolean[] {true, false}) {
                    for (BigInteger size : SIZES) {
                        SwapResult quote = exactInput ? SwapSimulator.exactInput(state, zeroForOne, size)
                                : SwapSimulator.exactOutput(state, zeroForOne, size);
                        List<BigInteger> real = ethCall(trader, swap(pool, zeroForOne, exactInput, size, BigInteger.ZERO), block, true);
                        String what = "fee " + pool.fee() + (zeroForOne ? " 0→1 " : " 1→0 ") + (exactInput ? "exact in " : "exact out ") + size;
                        assertEquals(real, List.of(quote.amount0(), quote.amount1()), what);
                        BigInteger specified = zeroForOne == exactInput ? quote.amount0() : quote.amount1();
                        assertEquals(exactInput ? size : size.negate(), specified, what + ": the whole amount is swapped");
                        maxCrossed = Math.max(maxCrossed, quote.ticksCrossed());
                        compared++;
                    }
                }
            }
            assertEquals(4 * SIZES.size(), compared);
            assertTrue(maxCrossed >= 3, "the largest swaps cross several initialized ticks, fee " + pool.fee() + ": " + maxCrossed);
        }
    }

    @Test
    @Order(4)
    void aPriceLimitEndsTheSwapWhereTheJavaQuoteEndsIt() throws Exception {
        for (Pool pool : pools) {
            long block = latest();
            PoolState state = read(pool, block);
            BigInteger below = TickMath.getSqrtRatioAtTick(state.tick() - 37 * pool.tickSpacing() - 3);
            BigInteger above = TickMath.getSqrtRatioAtTick(state.tick() + 41 * pool.tickSpacing() + 5);
            for (boolean exactInput : new boolean[] {true, false}) {
                for (boolean zeroForOne : new boolean[] {true, false}) {
                    BigInteger limit = zeroForOne ? below : above;
                    BigInteger size = eth(5_000);
                    SwapResult quote = SwapSimulator.swap(state, zeroForOne, exactInput ? size : size.negate(), limit);
                    assertEquals(limit, quote.after().sqrtPriceX96());
                    List<BigInteger> real = ethCall(trader, swap(pool, zeroForOne, exactInput, size, limit), block, true);
                    assertEquals(real, List.of(quote.amount0(), quote.amount1()), "fee " + pool.fee() + " limit " + limit);
                }
            }
        }
    }

    @Test
    @Order(5)
    void executedSwapsMoveBalancesAndThePoolExactlyAsQuoted() throws Exception {
        for (Pool pool : pools) {
            for (boolean zeroForOne : new boolean[] {true, false}) {
                long block = latest();
                PoolState state = read(pool, block);
                boolean exactInput = zeroForOne; // one of each kind per pool
                BigInteger size = eth(1_500);
                SwapResult quote = exactInput ? SwapSimulator.exactInput(state, zeroForOne, size) : SwapSimulator.exactOutput(state, zeroForOne, size);
                BigInteger before0 = balance(token0, trader, block);
                BigInteger before1 = balance(token1, trader, block);
                TransactionReceipt receipt = batch(List.of(new Call(trader, swap(pool, zeroForOne, exactInput, size, BigInteger.ZERO))), GAS).get(0);
                long mined = receipt.getBlockNumber().longValueExact();
                assertEquals(quote.amount0().negate(), balance(token0, trader, mined).subtract(before0));
                assertEquals(quote.amount1().negate(), balance(token1, trader, mined).subtract(before1));
                PoolState after = read(pool, mined);
                assertEquals(quote.after().sqrtPriceX96(), after.sqrtPriceX96());
                assertEquals(quote.after().tick(), after.tick());
                assertEquals(quote.after().liquidity(), after.liquidity());
                assertFalse(quote.ticksCrossed() == 0, "the executed swap crosses ticks");
            }
        }
    }

    // ---- positions and calls ----

    /**
     * Overlapping positions around the price, one-sided ones above and below, and a wide one spanning bitmap words; in
     * steps of 10 ticks for both pools, so they hold the same depth, while the 0.01 % pool (a bitmap word per 256 ticks
     * rather than 2,560) makes the swaps stop at many more word edges.
     */
    private static List<Position> positions(int tick) {
        int t = floor(tick, 10);
        return List.of(
                new Position(t - 6_000, t + 6_000, eth(2_000)),
                new Position(t - 2_000, t + 2_000, eth(20_000)),
                new Position(t - 100, t + 50, eth(200_000)),
                new Position(t - 30, t + 120, eth(150_000)),
                new Position(t + 200, t + 800, eth(60_000)),
                new Position(t - 900, t - 250, eth(60_000)),
                new Position(t - 6_000, t - 3_000, eth(30_000)),
                new Position(t + 3_000, t + 7_000, eth(30_000)));
    }

    private static int floor(int tick, int spacing) {
        return Math.floorDiv(tick, spacing) * spacing;
    }

    private Function swap(Pool pool, boolean zeroForOne, boolean exactInput, BigInteger size, BigInteger limit) {
        return fn(exactInput ? "swapExactInput" : "swapExactOutput", new Address(pool.address()), new Bool(zeroForOne), uint(size),
                new Uint160(limit));
    }

    private PoolState read(Pool pool, long block) {
        Read<PoolState> read = (pool.wordRadius() == Integer.MAX_VALUE ? reader.readAll(pool.address(), block)
                : reader.read(pool.address(), block, pool.wordRadius())).await().atMost(Duration.ofSeconds(20));
        assertTrue(read.available(), () -> "pool state: " + read.error());
        return read.value();
    }

    /** The two words a mint or swap returns, from an eth_call by the trader's owner at {@code block}. */
    private List<BigInteger> ethCall(String to, Function f, long block, boolean signed) throws Exception {
        EthCall response = anvil.web3j.ethCall(Transaction.createEthCallTransaction(me, to, FunctionEncoder.encode(f)),
                DefaultBlockParameter.valueOf(BigInteger.valueOf(block))).send();
        assertFalse(response.isReverted() || response.hasError(), () -> f.getName() + " reverted: " + response.getRevertReason());
        List<TypeReference<Type>> outputs = signed
                ? org.web3j.abi.Utils.convert(List.of(new TypeReference<Int256>() {
                }, new TypeReference<Int256>() {
                }))
                : org.web3j.abi.Utils.convert(List.of(new TypeReference<Uint256>() {
                }, new TypeReference<Uint256>() {
                }));
        return FunctionReturnDecoder.decode(response.getValue(), outputs).stream().map(v -> (BigInteger) v.getValue()).toList();
    }

    private BigInteger balance(String token, String holder, long block) throws Exception {
        EthCall response = anvil.web3j.ethCall(Transaction.createEthCallTransaction(me, token,
                FunctionEncoder.encode(fn("balanceOf", new Address(holder)))), DefaultBlockParameter.valueOf(BigInteger.valueOf(block))).send();
        return Numeric.toBigInt(response.getValue());
    }

    private long latest() throws Exception {
        return anvil.web3j.ethBlockNumber().send().getBlockNumber().longValueExact();
    }

    private List<TransactionReceipt> batch(List<Call> calls, BigInteger gas) throws Exception {
        List<String> hashes = new ArrayList<>();
        for (Call c : calls) {
            hashes.add(tx.send(c.to(), FunctionEncoder.encode(c.f()), BigInteger.ZERO, gas));
        }
        return tx.awaitAll(hashes, Duration.ofSeconds(30));
    }

    private String created(BigInteger nonce) {
        return ContractUtils.generateContractAddress(me, nonce).toLowerCase(Locale.ROOT);
    }

    /** CREATE2 address of the pool: keccak256(0xff ++ factory ++ keccak256(abi.encode(token0, token1, fee)) ++ initCodeHash). */
    private String poolAddress(int fee) {
        String salt = Hash.sha3(TypeEncoder.encode(new Address(token0)) + TypeEncoder.encode(new Address(token1))
                + TypeEncoder.encode(new Uint24(fee)));
        String preimage = "0xff" + Numeric.cleanHexPrefix(factory) + Numeric.cleanHexPrefix(salt) + Numeric.cleanHexPrefix(MAINNET_POOL_INIT_CODE_HASH);
        return "0x" + Hash.sha3(preimage).substring(26);
    }

    private static String token(String name, String symbol) {
        return ContractArtifacts.bytecode("ReplicaERC20") + FunctionEncoder.encodeConstructor(List.of(new Utf8String(name), new Utf8String(symbol)));
    }

    private static Function fn(String name, Type<?>... args) {
        return new Function(name, List.of(args), List.of());
    }

    private static Uint256 uint(BigInteger v) {
        return new Uint256(v);
    }

    private static BigInteger eth(long n) {
        return BigInteger.valueOf(n).multiply(E18);
    }
}
