package io.lrtyield.devnet.simulator;

import io.lrtyield.common.chain.Multicall3;
import io.lrtyield.common.chain.reader.AaveReader;
import io.lrtyield.common.chain.reader.ChainlinkReader;
import io.lrtyield.common.chain.reader.ChainlinkRound;
import io.lrtyield.common.chain.reader.CurveReader;
import io.lrtyield.common.chain.reader.Erc20Reader;
import io.lrtyield.common.chain.reader.Read;
import io.lrtyield.common.chain.reader.ReserveData;
import io.lrtyield.common.chain.reader.Slot0;
import io.lrtyield.common.chain.reader.UniswapV3Reader;
import io.lrtyield.common.chain.reader.ViewFunction;
import io.lrtyield.common.dex.CurveMath;
import io.lrtyield.devnet.deploy.DevnetDeployment;
import io.lrtyield.devnet.deploy.FundamentalRates;
import io.lrtyield.devnet.deploy.MarketDeployer;
import io.lrtyield.devnet.deploy.MarketDeployment;
import io.lrtyield.devnet.deploy.TxSender;
import io.lrtyield.devnet.deploy.UniswapV3Price;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Int128;
import org.web3j.abi.datatypes.generated.Int256;
import org.web3j.abi.datatypes.generated.Uint160;
import org.web3j.abi.datatypes.generated.Uint16;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;

import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The simulator's chain reads and writes on the market replicas: one Multicall3 snapshot, Curve swaps sized off-chain
 * to reach a target price, Uniswap v3 swaps to a target price, feed answers (both families), Aave rate parameters and borrowing,
 * Lido's staking pause. Each write waits for its receipt; on a failure the sender's nonce is re-read. Blocking: worker threads only, one caller at a time.
 */
public final class MarketActions {

    static final BigInteger E18 = BigInteger.TEN.pow(18);
    private static final BigInteger RAY = BigInteger.TEN.pow(27);
    private static final Duration MINED_WITHIN = Duration.ofSeconds(30);
    private static final BigInteger AMP = BigInteger.valueOf(MarketDeployer.CURVE_A * 100);
    private static final BigInteger CURVE_FEE = BigInteger.valueOf(MarketDeployer.CURVE_FEE);
    private static final ViewFunction<BigInteger> VIRTUAL_BALANCE = ViewFunction.uint256("getVirtualUnderlyingBalance",
            List.of(Address.class));
    private static final ViewFunction<BigInteger> ASSET_PRICE = ViewFunction.uint256("getAssetPrice", List.of(Address.class));
    private static final ViewFunction<BigInteger> TIMESTAMP = ViewFunction.uint256("getCurrentBlockTimestamp", List.of());
    /**
     * A swap's exact input when it is bounded by its price limit: more than any pool holds in range, so the pool stops at
     * the limit and takes only what that costs (the trader pays in the callback).
     */
    private static final BigInteger SWAP_TO_PRICE_INPUT = BigInteger.TEN.pow(30);
    /** Gas of a swap that crosses a few thousand ticks (about 10 bitmap words and 6 initialized ticks), with room to spare. */
    private static final BigInteger SWAP_GAS = BigInteger.valueOf(1_500_000);

    final Web3j web3j;
    final DevnetDeployment d;
    final MarketDeployment m;
    private final TxSender admin;
    private final TxSender oracle;
    private final TxSender mm;
    /** While a tick batches its writes: the transactions sent and not yet awaited, by sender. */
    private Map<TxSender, List<String>> batch;

    /** @param admin the replicas' admin (the deployer); {@code oracle} updates the feeds; {@code marketMaker} trades */
    public MarketActions(Web3j web3j, DevnetDeployment d, TxSender admin, TxSender oracle, TxSender marketMaker) {
        this.web3j = web3j;
        this.d = d;
        this.m = d.markets();
        this.admin = admin;
        this.oracle = oracle;
        this.mm = marketMaker;
    }

    /** The Curve pool whose coin 1 is the asset (or its unwrapped form: weETH trades as eETH), or null. */
    String poolOf(String asset) {
        return switch (asset) {
            case "stETH" -> m.curveStEthPool();
            case "weETH" -> m.curveEEthPool();
            default -> null;
        };
    }

    String coin1Of(String asset) {
        return asset.equals("stETH") ? d.stETH() : d.eETH();
    }

    public MarketSnapshot snapshot() throws IOException {
        long block = web3j.ethBlockNumber().send().getBlockNumber().longValueExact();
        Map<String, BigInteger> rates = FundamentalRates.read(web3j, d);
        List<Multicall3.Call> calls = new ArrayList<>();
        calls.add(TIMESTAMP.call(d.multicall3()));
        for (String asset : FundamentalRates.FEED_ASSETS) {
            calls.add(ChainlinkReader.latestRoundDataCall(m.ethFeeds().get(asset)));
        }
        for (String asset : FundamentalRates.FEED_ASSETS) {
            calls.add(ChainlinkReader.latestRoundDataCall(m.redStoneFeeds().get(asset)));
        }
        calls.add(ChainlinkReader.latestRoundDataCall(d.ethUsdFeed()));
        for (String asset : FundamentalRates.UNI_V3_ASSETS) {
            calls.add(UniswapV3Reader.slot0Call(m.uniV3Pools().get(asset)));
        }
        for (String asset : List.of("stETH", "weETH")) {
            calls.add(CurveReader.balancesCall(poolOf(asset), 0));
            calls.add(CurveReader.balancesCall(poolOf(asset), 1));
        }
        calls.add(AaveReader.getReserveDataCall(m.aavePool(), d.weth()));
        calls.add(VIRTUAL_BALANCE.call(m.aavePool(), new Address(d.weth())));
        for (String asset : List.of(d.weth(), d.wstETH(), d.weETH())) {
            calls.add(ASSET_PRICE.call(m.aaveOracle(), new Address(asset)));
        }
        List<Multicall3.Result> r = new Multicall3(web3j, d.multicall3(), 200).aggregate3(calls, block).await().atMost(Duration.ofSeconds(20));
        int k = 0;
        long timestamp = value(TIMESTAMP.decode(r.get(k++))).longValueExact();
        Map<String, MarketSnapshot.Feed> feeds = new LinkedHashMap<>();
        for (String asset : FundamentalRates.FEED_ASSETS) {
            ChainlinkRound round = value(ChainlinkReader.decodeLatestRoundData(r.get(k++)));
            feeds.put(asset, new MarketSnapshot.Feed(m.ethFeeds().get(asset), round.answer(), round.updatedAt().getEpochSecond()));
        }
        Map<String, MarketSnapshot.Feed> redStone = new LinkedHashMap<>();
        for (String asset : FundamentalRates.FEED_ASSETS) {
            ChainlinkRound round = value(ChainlinkReader.decodeLatestRoundData(r.get(k++)));
            redStone.put(asset, new MarketSnapshot.Feed(m.redStoneFeeds().get(asset), round.answer(), round.updatedAt().getEpochSecond()));
        }
        ChainlinkRound ethUsdRound = value(ChainlinkReader.decodeLatestRoundData(r.get(k++)));
        MarketSnapshot.Feed ethUsd = new MarketSnapshot.Feed(d.ethUsdFeed(), ethUsdRound.answer(), ethUsdRound.updatedAt().getEpochSecond());
        Map<String, MarketSnapshot.UniPool> uniPools = new LinkedHashMap<>();
        for (String asset : FundamentalRates.UNI_V3_ASSETS) {
            Slot0 slot0 = value(UniswapV3Reader.decodeSlot0(r.get(k++)));
            boolean token0 = UniswapV3Price.assetIsToken0(MarketDeployer.token(d, asset), d.weth());
            BigInteger price = UniswapV3Price.wethPerAsset(slot0.sqrtPriceX96(), token0, 18).movePointRight(18).toBigIntegerExact();
            uniPools.put(asset, new MarketSnapshot.UniPool(m.uniV3Pools().get(asset), slot0.sqrtPriceX96(), token0, price));
        }
        Map<String, MarketSnapshot.Pool> pools = new LinkedHashMap<>();
        for (String asset : List.of("stETH", "weETH")) {
            BigInteger b0 = value(CurveReader.decodeBalances(r.get(k++)));
            BigInteger b1 = value(CurveReader.decodeBalances(r.get(k++)));
            pools.put(asset, new MarketSnapshot.Pool(poolOf(asset), b0, b1, CurveMath.p(b0, b1, AMP)));
        }
        ReserveData reserve = value(AaveReader.decodeReserveData(r.get(k++)));
        BigInteger available = value(VIRTUAL_BALANCE.decode(r.get(k++)));
        Map<String, BigInteger> aavePrices = new LinkedHashMap<>();
        aavePrices.put("WETH", value(ASSET_PRICE.decode(r.get(k++))));
        aavePrices.put("wstETH", value(ASSET_PRICE.decode(r.get(k++))));
        aavePrices.put("weETH", value(ASSET_PRICE.decode(r.get(k))));
        BigInteger debt = uint(reserve.variableDebtTokenAddress(), Erc20Reader.totalSupplyCall(reserve.variableDebtTokenAddress()), block);
        BigInteger total = debt.add(available);
        BigInteger usage = total.signum() == 0 ? BigInteger.ZERO : debt.multiply(E18).divide(total);
        return new MarketSnapshot(block, timestamp, rates, feeds, redStone, ethUsd, pools, uniPools,
                new MarketSnapshot.Aave(reserve.currentVariableBorrowRate(), reserve.currentLiquidityRate(), usage, debt, available,
                        aavePrices));
    }

    /** Swaps through the market maker so the pool's spot price of the asset reaches {@code target} (1e18). */
    public void movePoolTo(String asset, BigInteger target, MarketSnapshot.Pool pool) throws IOException {
        if (pool.price().subtract(target).abs().compareTo(E18.divide(BigInteger.valueOf(20_000))) < 0) {
            return; // within half a basis point
        }
        int i = pool.price().compareTo(target) > 0 ? 1 : 0; // too dear: sell the token; too cheap: sell WETH
        String coin = i == 1 ? coin1Of(asset) : d.weth();
        BigInteger held = uint(coin, Erc20Reader.balanceOfCall(coin, mm.address()), -1);
        BigInteger dx = CurveMath.dxForPrice(new BigInteger[] {pool.balance0(), pool.balance1()}, i, target, AMP, CURVE_FEE,
                held.subtract(BigInteger.TEN.pow(15)).max(BigInteger.ZERO));
        if (dx.compareTo(BigInteger.TEN.pow(15)) < 0) {
            return;
        }
        send(mm, pool.address(), "exchange", new Int128(i), new Int128(1 - i), new Uint256(dx), new Uint256(BigInteger.ZERO));
    }

    public void publish(String asset, BigInteger answer) throws IOException {
        send(oracle, m.ethFeeds().get(asset), "updateAnswer", new Int256(answer));
    }

    /** A new round on the asset's RedStone-style feed. */
    public void publishRedStone(String asset, BigInteger answer) throws IOException {
        send(oracle, m.redStoneFeeds().get(asset), "updateAnswer", new Int256(answer));
    }

    /**
     * The market maker moves the asset's Uniswap v3 pool to {@code wethPerAsset} (1e18) by a swap through its trader: exact
     * input with the target as the price limit, selling token0 when the pool price (token1 per token0) must fall, so the
     * pool ends exactly at the target.
     */
    public void setUniPrice(String asset, BigInteger wethPerAsset, MarketSnapshot.UniPool pool) throws IOException {
        BigInteger sqrtPrice = UniswapV3Price.sqrtPriceX96(wethPerAsset, pool.assetIsToken0());
        int direction = sqrtPrice.compareTo(pool.sqrtPriceX96());
        if (direction == 0) {
            return;
        }
        send(mm, m.uniV3Trader(), SWAP_GAS, "swapExactInput", new Address(pool.address()), new Bool(direction < 0),
                new Uint256(SWAP_TO_PRICE_INPUT), new Uint160(sqrtPrice));
    }

    /** A new round on the ETH/USD feed (8 decimals). */
    public void publishEthUsd(BigInteger answer) throws IOException {
        send(oracle, d.ethUsdFeed(), "updateAnswer", new Int256(answer));
    }

    /** The ETH/USD feed's latest answer (8 decimals), one read. */
    public BigInteger ethUsdAnswer() throws IOException {
        long block = web3j.ethBlockNumber().send().getBlockNumber().longValueExact();
        List<Multicall3.Result> r = new Multicall3(web3j, d.multicall3(), 10)
                .aggregate3(List.of(ChainlinkReader.latestRoundDataCall(d.ethUsdFeed())), block).await().atMost(Duration.ofSeconds(20));
        return value(ChainlinkReader.decodeLatestRoundData(r.get(0))).answer();
    }

    /** Rewrites the feed's latest updatedAt (chain time), e.g. hours back so it looks stale. */
    public void backdate(String asset, long updatedAt) throws IOException {
        send(oracle, m.ethFeeds().get(asset), "setUpdatedAt", new Uint256(BigInteger.valueOf(Math.max(1, updatedAt))));
    }

    /** The WETH reserve's rate model (ray); {@code MarketDeployer.WETH_RATES} restores the deployed one. */
    public void setWethRateModel(BigInteger base, BigInteger slope1, BigInteger slope2, BigInteger optimal) throws IOException {
        send(admin, m.aavePool(), "setReserveInterestRateParams", new Address(d.weth()), new Uint256(base), new Uint256(slope1),
                new Uint256(slope2), new Uint256(optimal));
    }

    /** Market maker borrows ({@code amount} > 0) or repays (< 0) WETH. */
    public void borrowOrRepay(BigInteger amount) throws IOException {
        Address me = new Address(mm.address());
        if (amount.signum() > 0) {
            send(mm, m.aavePool(), "borrow", new Address(d.weth()), new Uint256(amount), new Uint256(2), new Uint16(0), me);
        } else if (amount.signum() < 0) {
            send(mm, m.aavePool(), "repay", new Address(d.weth()), new Uint256(amount.negate()), new Uint256(2), me);
        }
    }

    /** Aave oracle price (USD, 8 decimals) of WETH, wstETH or weETH. */
    public void setAavePrice(String asset, BigInteger price) throws IOException {
        String token = switch (asset) {
            case "WETH" -> d.weth();
            case "wstETH" -> d.wstETH();
            case "weETH" -> d.weETH();
            default -> throw new IllegalArgumentException("no Aave price for " + asset);
        };
        send(admin, m.aaveOracle(), "setAssetPrice", new Address(token), new Uint256(price));
    }

    public void setLidoStakingPaused(boolean paused) throws IOException {
        send(oracle, d.stETH(), "setStakingPaused", new Bool(paused));
    }

    public long latestTimestamp() throws IOException {
        return web3j.ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false).send().getBlock().getTimestamp().longValueExact();
    }

    static BigInteger rayOf(int bps) {
        return RAY.multiply(BigInteger.valueOf(bps)).divide(BigInteger.valueOf(10_000));
    }

    /** From now until {@link #flush()}, writes are sent without waiting, so a tick's swaps and updates share a block. */
    void beginBatch() {
        batch = new LinkedHashMap<>();
    }

    /** Waits for every write since {@link #beginBatch()}; on a failure every sender re-reads its nonce. */
    void flush() throws IOException {
        Map<TxSender, List<String>> pending = batch;
        batch = null;
        if (pending == null) {
            return;
        }
        try {
            for (var e : pending.entrySet()) {
                e.getKey().awaitAll(e.getValue(), MINED_WITHIN);
            }
        } catch (IOException e) {
            pending.keySet().forEach(TxSender::resetNonce);
            throw e;
        }
    }

    private void send(TxSender from, String to, String function, Type... args) throws IOException {
        send(from, to, TxSender.DEFAULT_GAS_LIMIT, function, args);
    }

    private void send(TxSender from, String to, BigInteger gas, String function, Type... args) throws IOException {
        try {
            String hash = from.send(to, FunctionEncoder.encode(new Function(function, List.of(args), List.of())), BigInteger.ZERO, gas);
            if (batch != null) {
                batch.computeIfAbsent(from, k -> new ArrayList<>()).add(hash);
            } else {
                from.awaitAll(List.of(hash), MINED_WITHIN);
            }
        } catch (IOException e) {
            from.resetNonce();
            throw new IOException(function + " on " + to + " failed: " + e.getMessage(), e);
        }
    }

    private BigInteger uint(String target, Multicall3.Call call, long block) throws IOException {
        long at = block >= 0 ? block : web3j.ethBlockNumber().send().getBlockNumber().longValueExact();
        List<Multicall3.Result> r = new Multicall3(web3j, d.multicall3(), 10).aggregate3(List.of(call), at).await().atMost(Duration.ofSeconds(20));
        return value(ViewFunction.uint256("any", List.of()).decode(r.get(0)).describe(target));
    }

    private static <T> T value(Read<T> read) throws IOException {
        if (!read.available()) {
            throw new IOException(read.error());
        }
        return read.value();
    }
}
