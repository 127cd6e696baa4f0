package io.lrtyield.devnet.deploy;

import org.jboss.logging.Logger;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Bytes4;
import org.web3j.abi.datatypes.generated.Int24;
import org.web3j.abi.datatypes.generated.Int256;
import org.web3j.abi.datatypes.generated.Uint128;
import org.web3j.abi.datatypes.generated.Uint160;
import org.web3j.abi.datatypes.generated.Uint24;
import org.web3j.abi.datatypes.generated.StaticArray2;
import org.web3j.abi.datatypes.generated.Uint16;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint32;
import org.web3j.abi.datatypes.generated.Uint8;
import org.web3j.crypto.ContractUtils;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthEstimateGas;
import org.web3j.utils.Numeric;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Deploys and seeds the markets on top of the tokens: Chainlink- and RedStone-style X/ETH market feeds, the real Uniswap v3
 * (npm v3-core bytecode: factory and one 0.01 % asset/WETH pool per asset), Curve stETH/WETH and eETH/WETH pools, an
 * Aave-v3-style pool (WETH, wstETH, weETH, USDC; ETH-correlated eMode; ~60 % WETH utilisation), a Pendle PT market
 * on weETH, EigenLayer with a stETH strategy, Lido's withdrawal queue, Morpho Blue (npm bytecode) with WETH markets on wstETH,
 * weETH and ezETH at 90 % utilisation ({@link MorphoDeployer}), and the strategy vault with its allowlist. Three phases, each one batch
 * of consecutive nonces per sender and one wait: deploy (the second feed family and the Uniswap trader's inventory in a
 * batch of their own), configure, supply. Liquidity comes from the market maker; its {@code UniswapV3Trader} holds the
 * Uniswap positions and later swaps the pools to the simulator's prices.
 */
public final class MarketDeployer {

    private static final Logger LOG = Logger.getLogger(MarketDeployer.class);
    static final BigInteger E18 = BigInteger.TEN.pow(18);
    static final BigInteger MAX = BigInteger.TWO.pow(256).subtract(BigInteger.ONE);
    private static final Duration MINED_WITHIN = Duration.ofSeconds(90);
    /** Gas limit when a call cannot be estimated yet (it depends on an unmined transaction of the same batch). */
    private static final BigInteger FALLBACK_GAS = BigInteger.valueOf(1_500_000);
    /** ETH/USD in the lending pool's oracle, 8 decimals (the ETH/USD feed's starting answer). */
    public static final BigInteger ETH_USD_8 = BigInteger.valueOf(3_000_00000000L);
    private static final BigInteger USDC_UNIT = BigInteger.TEN.pow(6);
    public static final long EIGEN_WITHDRAWAL_DELAY_BLOCKS = 600;
    /** Both Curve pools: A = 100 and a 1 bp fee (1e10 precision), as mainnet's ETH/stETH-like pools. */
    public static final long CURVE_A = 100;
    public static final long CURVE_FEE = 1_000_000;
    /** The WETH reserve's rate model as deployed: base, slope 1, slope 2, optimal usage (fractions; ray on chain). */
    public static final List<String> WETH_RATES = List.of("0", "0.027", "0.8", "0.9");
    public static final BigInteger VAULT_ETH = eth(10_000);
    /** The Uniswap v3 pools: the 0.01 % tier of mainnet's LST/WETH pools, tick spacing 1 (not a default tier of v3-core 1.0.1). */
    public static final long UNI_V3_FEE = 100;
    public static final long UNI_V3_TICK_SPACING = 1;
    /** Gas of a pool creation (about 4.5 M), which cannot be estimated before the fee tier is enabled in the same batch. */
    private static final BigInteger CREATE_POOL_GAS = BigInteger.valueOf(6_000_000);
    /** The trader's inventory per asset (tokens) and in WETH: its positions take up to ~1,400 a side per pool, the rest trades. */
    private static final BigInteger UNI_V3_ASSET_INVENTORY = eth(4_000);
    private static final BigInteger UNI_V3_WETH_INVENTORY = eth(40_000);
    /** The weETH PT market (180 days to expiry): ln implied rate 0.034 (~3.46 % APY), 1e18. */
    public static final BigInteger PENDLE_LN_IMPLIED_RATE = new BigInteger("34000000000000000");
    /**
     * Its AMM: scalarRoot 20 (mainnet LST/LRT markets sit between single digits and a few tens; the lower, the steeper
     * the price impact), fee ln(1.001) (0.1 % a year to expiry, the common mainnet tier), 80 % of fees to the
     * treasury (mainnet's vePENDLE share). Illustrative values, not one market's.
     */
    public static final BigInteger PENDLE_SCALAR_ROOT = eth(20);
    public static final BigInteger PENDLE_LN_FEE_RATE_ROOT = new BigInteger("999500333083533");
    public static final long PENDLE_RESERVE_FEE_PERCENT = 80;
    /**
     * PT and weETH seeded each. At deploy, buying with 10 / 100 / 1,000 weETH locks in about 3.33 / 3.10 / 0.77 % a year
     * against 3.46 % spot (fee and price impact); 10,000 does not fit (the rate would fall below 1).
     */
    public static final BigInteger PENDLE_SEED = eth(4_000);

    private final Web3j web3j;
    private final AnvilRpc anvil;
    private final TxSender deployer;
    private final TxSender oracle;
    private final TxSender mm;
    private final String strategist;

    public MarketDeployer(Web3j web3j, AnvilRpc anvil, TxSender deployer, TxSender oracle, TxSender marketMaker, String strategist) {
        this.web3j = web3j;
        this.anvil = anvil;
        this.deployer = deployer;
        this.oracle = oracle;
        this.mm = marketMaker;
        this.strategist = strategist;
    }

    public MarketDeployment deploy(DevnetDeployment d) throws IOException {
        Map<String, BigInteger> rates = FundamentalRates.read(web3j, d);
        anvil.setBalance(mm.address(), eth(400_000));
        // Morpho's supply and its borrowers' collateral come from the deployer, beyond the tokens' seeds
        BigInteger deployerEth = web3j.ethGetBalance(deployer.address(), DefaultBlockParameterName.LATEST).send().getBalance();
        anvil.setBalance(deployer.address(), deployerEth.add(MorphoDeployer.ethNeeded()).add(eth(1_000)));
        long now = web3j.ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false).send().getBlock().getTimestamp().longValueExact();
        long expiry = now + 180 * 86_400L;
        String me = mm.address();

        // phase 1: contracts (deployer) and the market maker's tokens and approvals (addresses are known from nonces)
        List<String> dh = new ArrayList<>();
        List<String> mh = new ArrayList<>();
        Map<String, String> feeds = new LinkedHashMap<>();
        for (String asset : FundamentalRates.FEED_ASSETS) {
            feeds.put(asset, deploy(dh, "ChainlinkAggregator", BigInteger.ZERO, new Uint8(18), new Utf8String(asset + " / ETH"),
                    new Int256(rates.get(asset)), new Address(oracle.address())));
        }
        // mainnet ETH/stETH-like: A = 100, fee 1 bp, no admin fee, EMA half-life 10 min
        String curveSt = deploy(dh, "CurveStableSwap", BigInteger.ZERO, coins(d.weth(), d.stETH()), uint(CURVE_A), uint(CURVE_FEE), uint(0),
                uint(866), new Utf8String("Curve.fi ETH/stETH"), new Utf8String("steCRV"));
        String curveE = deploy(dh, "CurveStableSwap", BigInteger.ZERO, coins(d.weth(), d.eETH()), uint(CURVE_A), uint(CURVE_FEE), uint(0),
                uint(866), new Utf8String("Curve.fi WETH/eETH"), new Utf8String("eETHWETH-f"));
        String aaveOracle = deploy(dh, "AaveReplicaOracle", BigInteger.ZERO);
        String aave = deploy(dh, "AaveV3Pool", BigInteger.ZERO, new Address(aaveOracle));
        String usdc = deploy(dh, "StableToken", BigInteger.ZERO, new Utf8String("USD Coin"), new Utf8String("USDC"));
        String pendle = deploy(dh, "PendleMarket", BigInteger.ZERO, new Address(d.weETH()), uint(expiry),
                uint(PENDLE_LN_IMPLIED_RATE), new Int256(PENDLE_SCALAR_ROOT), uint(PENDLE_LN_FEE_RATE_ROOT),
                uint(BigInteger.valueOf(PENDLE_RESERVE_FEE_PERCENT)));
        String pendlePt = ContractUtils.generateContractAddress(pendle, BigInteger.ONE);
        String pendleOracle = deploy(dh, "PendlePYLpOracle", BigInteger.ZERO);
        String eigenSm = deploy(dh, "EigenStrategyManager", BigInteger.ZERO);
        String eigenDm = deploy(dh, "EigenDelegationManager", BigInteger.ZERO, new Address(eigenSm), new Uint32(EIGEN_WITHDRAWAL_DELAY_BLOCKS));
        String eigenSt = deploy(dh, "EigenStrategyBase", BigInteger.ZERO, new Address(eigenSm), new Address(d.stETH()));
        // Lido's withdrawal queue: the oracle account finalizes requests (the simulator, after the venue's delay)
        String lidoQueue = deploy(dh, "LidoWithdrawalQueue", BigInteger.ZERO, new Address(oracle.address()), new Address(d.stETH()),
                new Address(d.wstETH()));
        // Renzo's and Kelp's withdrawal queues: ezETH claimable after the cooldown; rsETH unlocked by the oracle account as
        // Kelp's operator (the simulator, after the delay) and completable after the delay in blocks (1-s blocks here)
        String renzoQueue = deploy(dh, "RenzoWithdrawQueue", BigInteger.ZERO, new Address(d.renzoRestakeManager()),
                new Address(oracle.address()), uint(BigInteger.valueOf(DevnetCatalogue.RENZO_COOLDOWN_SECONDS)));
        String kelpManager = deploy(dh, "LRTWithdrawalManager", BigInteger.ZERO, new Address(d.kelpDepositPool()),
                new Address(oracle.address()), uint(BigInteger.valueOf(DevnetCatalogue.KELP_WITHDRAWAL_DELAY_SECONDS)));
        // ether.fi's WithdrawRequestNFT: requests made through the LiquidityPool, finalized by the oracle account as admin
        // (the simulator, after the etherfi-weeth delay)
        String etherfiNft = deploy(dh, "EtherFiWithdrawRequestNFT", BigInteger.ZERO, new Address(d.etherfiPool()),
                new Address(oracle.address()));
        String vault = deploy(dh, "StrategyVault", VAULT_ETH, new Address(deployer.address()), new Address(strategist));
        String uniFactory = deploy(dh, "UniswapV3Factory", BigInteger.ZERO);
        // the trader is the market maker's (its owner is its deployer)
        String uniTrader = deploy(mm, mh, "UniswapV3Trader", BigInteger.ZERO);
        MorphoDeployer morphoDeployer = new MorphoDeployer(deployer, d, rates);
        MorphoDeployment morpho = morphoDeployer.deployContracts(dh);
        // the contracts mined before the deployer's calls: on interval-mined Anvil a batch whose deployments fill the
        // blocks saw its later calls dropped from the pool (never mined) instead of moved to the next block
        deployer.awaitAll(dh, MINED_WITHIN);
        dh.clear();
        // the deployer's weETH for the Pendle market (PENDLE_SEED PT + PENDLE_SEED weETH)
        call(deployer, dh, d.etherfiPool(), "deposit", eth(11_000));
        call(deployer, dh, d.eETH(), "approve", BigInteger.ZERO, new Address(d.weETH()), uint(MAX));
        call(deployer, dh, d.weETH(), "wrap", BigInteger.ZERO, uint(eth(10_500)));
        call(deployer, dh, d.weETH(), "approve", BigInteger.ZERO, new Address(pendle), uint(MAX));
        morphoDeployer.configure(dh);
        // Uniswap v3: the 0.01 % tier came after launch (enabled by the factory's owner, as on mainnet), then a pool per
        // asset (CREATE2 addresses), initialized in phase 1b at its fundamental rate once it exists
        call(deployer, dh, uniFactory, "enableFeeAmount", BigInteger.ZERO, new Uint24(UNI_V3_FEE), new Int24(UNI_V3_TICK_SPACING));
        Map<String, String> uniPools = new LinkedHashMap<>();
        Map<String, BigInteger> uniPrices = new LinkedHashMap<>();
        for (String asset : FundamentalRates.UNI_V3_ASSETS) {
            String token = token(d, asset);
            call(deployer, dh, uniFactory, "createPool", BigInteger.ZERO, CREATE_POOL_GAS, new Address(token), new Address(d.weth()),
                    new Uint24(UNI_V3_FEE));
            uniPools.put(asset, UniswapV3Market.poolAddress(uniFactory, token, d.weth(), UNI_V3_FEE));
            uniPrices.put(asset, UniswapV3Price.sqrtPriceX96(rates.get(asset), UniswapV3Price.assetIsToken0(token, d.weth())));
        }

        call(mm, mh, d.stETH(), "submit", eth(30_000), new Address(Address.DEFAULT.getValue()));
        call(mm, mh, d.weth(), "deposit", eth(60_000));
        call(mm, mh, d.etherfiPool(), "deposit", eth(12_000));
        call(mm, mh, d.stETH(), "approve", BigInteger.ZERO, new Address(d.wstETH()), uint(MAX));
        call(mm, mh, d.wstETH(), "wrap", BigInteger.ZERO, uint(eth(8_000)));
        call(mm, mh, d.eETH(), "approve", BigInteger.ZERO, new Address(d.weETH()), uint(MAX));
        call(mm, mh, d.weETH(), "wrap", BigInteger.ZERO, uint(eth(5_000)));
        for (String[] approval : new String[][] {{d.weth(), curveSt}, {d.stETH(), curveSt}, {d.weth(), curveE}, {d.eETH(), curveE},
                {d.weth(), aave}, {d.wstETH(), aave}, {d.weETH(), aave}, {usdc, aave}, {d.stETH(), eigenSm}}) {
            call(mm, mh, approval[0], "approve", BigInteger.ZERO, new Address(approval[1]), uint(MAX));
        }
        awaitBoth(dh, mh);

        // phase 1b: the second feed family and the Uniswap trader's inventory, a batch of their own (phase 1 fills blocks already)
        dh.clear();
        mh.clear();
        Map<String, String> redStone = new LinkedHashMap<>();
        for (String asset : FundamentalRates.FEED_ASSETS) {
            redStone.put(asset, deploy(dh, "ChainlinkAggregator", BigInteger.ZERO, new Uint8(18),
                    new Utf8String(asset + " / ETH (RedStone)"), new Int256(rates.get(asset)), new Address(oracle.address())));
        }
        for (var pool : uniPools.entrySet()) {
            call(deployer, dh, pool.getValue(), "initialize", BigInteger.ZERO, new Uint160(uniPrices.get(pool.getKey())));
        }
        fundTrader(d, uniTrader, dh, mh);
        awaitBoth(dh, mh);

        MarketDeployment m = new MarketDeployment(me, strategist, feeds, curveSt, curveE, aave, aaveOracle, usdc, pendle, pendlePt,
                pendleOracle, expiry, eigenSm, eigenDm, eigenSt, EIGEN_WITHDRAWAL_DELAY_BLOCKS, vault, redStone, uniPools, lidoQueue,
                renzoQueue, kelpManager, etherfiNft, uniFactory, uniTrader, morpho);

        // phase 2: configuration (deployer, the admin of every replica) and pool liquidity (market maker)
        dh.clear();
        mh.clear();
        Map<String, BigInteger> prices = aavePrices(d.weth(), d.wstETH(), d.weETH(), usdc, rates);
        for (var p : prices.entrySet()) {
            call(deployer, dh, aaveOracle, "setAssetPrice", BigInteger.ZERO, new Address(p.getKey()), uint(p.getValue()));
        }
        // mainnet-like v3 parameters: LTV / LT / bonus / reserve factor in bps; base, slope1, slope2, optimal usage in ray
        initReserve(dh, aave, d.weth(), 8050, 8300, 10500, 1500, WETH_RATES.get(0), WETH_RATES.get(1), WETH_RATES.get(2), WETH_RATES.get(3));
        initReserve(dh, aave, d.wstETH(), 7850, 8100, 10600, 1500, "0", "0.045", "0.8", "0.45");
        initReserve(dh, aave, d.weETH(), 7250, 7500, 10700, 4500, "0", "0.07", "3", "0.35");
        initReserve(dh, aave, usdc, 7500, 7800, 10450, 1000, "0", "0.065", "0.6", "0.92");
        call(deployer, dh, aave, "configureEModeCategory", BigInteger.ZERO, new Uint8(1), new Uint16(9300), new Uint16(9500),
                new Uint16(10100), new Utf8String("ETH correlated"));
        for (String asset : List.of(d.weth(), d.wstETH(), d.weETH())) {
            call(deployer, dh, aave, "setReserveEModeCategory", BigInteger.ZERO, new Address(asset), new Uint8(1));
        }
        call(deployer, dh, usdc, "mint", BigInteger.ZERO, new Address(me), uint(BigInteger.valueOf(20_000_000).multiply(USDC_UNIT)));
        call(deployer, dh, pendle, "seed", BigInteger.ZERO, uint(PENDLE_SEED), uint(PENDLE_SEED));
        call(deployer, dh, eigenSm, "setDelegationManager", BigInteger.ZERO, new Address(eigenDm));
        call(deployer, dh, eigenSm, "addStrategiesToDepositWhitelist", BigInteger.ZERO,
                new DynamicArray<>(Address.class, List.of(new Address(eigenSt))));
        morphoDeployer.seed(dh);
        for (VaultAllowlist.Pair pair : VaultAllowlist.pairs(d, m)) {
            call(deployer, dh, vault, "setAllowed", BigInteger.ZERO, new Address(pair.target()),
                    new Bytes4(Numeric.hexStringToByteArray(pair.selector())), new Bool(true));
        }
        // the queues pay out of the protocols' TVL: each protocol's admin (the oracle account) names its queue
        List<String> oh = new ArrayList<>();
        call(oracle, oh, d.renzoRestakeManager(), "setWithdrawQueue", BigInteger.ZERO, new Address(renzoQueue));
        call(oracle, oh, d.kelpDepositPool(), "setWithdrawalManager", BigInteger.ZERO, new Address(kelpManager));
        call(oracle, oh, d.etherfiPool(), "setWithdrawRequestNFT", BigInteger.ZERO, new Address(etherfiNft));
        oracle.awaitAll(oh, MINED_WITHIN);
        call(mm, mh, curveSt, "add_liquidity", BigInteger.ZERO, amounts(eth(5_000), eth(5_000)), uint(0));
        call(mm, mh, curveE, "add_liquidity", BigInteger.ZERO, amounts(eth(2_000), eth(2_000)), uint(0));
        for (var pool : uniPools.entrySet()) {
            for (UniswapV3Market.Position p : UniswapV3Market.positions(uniPrices.get(pool.getKey()))) {
                call(mm, mh, uniTrader, "mint", BigInteger.ZERO, new Address(pool.getValue()), new Int24(p.lower()), new Int24(p.upper()),
                        new Uint128(p.liquidity()));
            }
        }
        awaitBoth(dh, mh);

        // phase 3: Aave liquidity and debt (WETH utilisation 12,000 / 20,000 = 60 %), EigenLayer TVL
        mh.clear();
        supply(mh, aave, d.weth(), eth(20_000));
        supply(mh, aave, d.wstETH(), eth(3_000));
        supply(mh, aave, d.weETH(), eth(2_000));
        supply(mh, aave, usdc, BigInteger.valueOf(10_000_000).multiply(USDC_UNIT));
        borrow(mh, aave, d.weth(), eth(12_000));
        borrow(mh, aave, usdc, BigInteger.valueOf(4_000_000).multiply(USDC_UNIT));
        call(mm, mh, eigenSm, "depositIntoStrategy", BigInteger.ZERO, new Address(eigenSt), new Address(d.stETH()), uint(eth(2_000)));
        mm.awaitAll(mh, MINED_WITHIN);
        LOG.infof("markets deployed: curve stETH %s, aave %s, pendle %s, eigen %s, vault %s", curveSt, aave, pendle, eigenSm, vault);
        return m;
    }

    /**
     * The trader's inventory: {@link #UNI_V3_ASSET_INVENTORY} of every pool asset and {@link #UNI_V3_WETH_INVENTORY}, bought by
     * the market maker from each protocol at its rate and sent on (cbETH minted by the deployer, Coinbase's minter here).
     */
    private void fundTrader(DevnetDeployment d, String trader, List<String> dh, List<String> mh) throws IOException {
        BigInteger amount = UNI_V3_ASSET_INVENTORY;
        BigInteger perDeposit = amount.multiply(BigInteger.valueOf(5)).divide(BigInteger.valueOf(4)); // every rate is below 1.25
        Address to = new Address(trader);
        call(deployer, dh, d.cbETH(), "mint", BigInteger.ZERO, to, uint(amount));
        call(mm, mh, d.weth(), "deposit", UNI_V3_WETH_INVENTORY);
        call(mm, mh, d.weth(), "transfer", BigInteger.ZERO, to, uint(UNI_V3_WETH_INVENTORY));
        call(mm, mh, d.stETH(), "submit", perDeposit.multiply(BigInteger.TWO), new Address(Address.DEFAULT.getValue()));
        call(mm, mh, d.wstETH(), "wrap", BigInteger.ZERO, uint(perDeposit));
        call(mm, mh, d.etherfiPool(), "deposit", perDeposit.multiply(BigInteger.TWO));
        call(mm, mh, d.weETH(), "wrap", BigInteger.ZERO, uint(perDeposit));
        call(mm, mh, d.rethDepositPool(), "deposit", perDeposit);
        call(mm, mh, d.renzoRestakeManager(), "depositETH", perDeposit);
        call(mm, mh, d.kelpDepositPool(), "depositETH", perDeposit, uint(0), new Utf8String("devnet"));
        call(mm, mh, d.pufETH(), "depositETH", perDeposit, to);
        call(mm, mh, d.rswETH(), "deposit", perDeposit);
        for (String asset : FundamentalRates.UNI_V3_ASSETS) {
            if (!asset.equals("cbETH") && !asset.equals("pufETH")) {
                call(mm, mh, token(d, asset), "transfer", BigInteger.ZERO, to, uint(amount));
            }
        }
    }

    /** The token contract of an asset symbol of {@link FundamentalRates#UNI_V3_ASSETS}. */
    public static String token(DevnetDeployment d, String asset) {
        return switch (asset) {
            case "stETH" -> d.stETH();
            case "wstETH" -> d.wstETH();
            case "rETH" -> d.rETH();
            case "cbETH" -> d.cbETH();
            case "eETH" -> d.eETH();
            case "weETH" -> d.weETH();
            case "ezETH" -> d.ezETH();
            case "rsETH" -> d.rsETH();
            case "pufETH" -> d.pufETH();
            case "rswETH" -> d.rswETH();
            default -> throw new IllegalArgumentException("no token for " + asset);
        };
    }

    /** Aave oracle prices (USD, 8 decimals): ETH/USD × each asset's fundamental rate; USDC at $1. */
    public static Map<String, BigInteger> aavePrices(String weth, String wstEth, String weEth, String usdc, Map<String, BigInteger> rates) {
        Map<String, BigInteger> prices = new LinkedHashMap<>();
        prices.put(weth, ETH_USD_8);
        prices.put(wstEth, ETH_USD_8.multiply(rates.get("wstETH")).divide(E18));
        prices.put(weEth, ETH_USD_8.multiply(rates.get("weETH")).divide(E18));
        prices.put(usdc, BigInteger.valueOf(100_000_000L));
        return prices;
    }

    private void initReserve(List<String> dh, String pool, String asset, int ltv, int lt, int bonus, int rf, String base,
                             String slope1, String slope2, String optimal) throws IOException {
        call(deployer, dh, pool, "initReserve", BigInteger.ZERO, new Address(asset), uint(ltv), uint(lt), uint(bonus), uint(rf),
                uint(ray(base)), uint(ray(slope1)), uint(ray(slope2)), uint(ray(optimal)));
    }

    private void supply(List<String> mh, String pool, String asset, BigInteger amount) throws IOException {
        call(mm, mh, pool, "supply", BigInteger.ZERO, new Address(asset), uint(amount), new Address(mm.address()), new Uint16(0));
    }

    private void borrow(List<String> mh, String pool, String asset, BigInteger amount) throws IOException {
        call(mm, mh, pool, "borrow", BigInteger.ZERO, new Address(asset), uint(amount), uint(2), new Uint16(0),
                new Address(mm.address()));
    }

    private void awaitBoth(List<String> dh, List<String> mh) throws IOException {
        deployer.awaitAll(dh, MINED_WITHIN);
        mm.awaitAll(mh, MINED_WITHIN);
    }

    private String deploy(List<String> hashes, String contract, BigInteger value, Type... args) throws IOException {
        return deploy(deployer, hashes, contract, value, args);
    }

    private String deploy(TxSender from, List<String> hashes, String contract, BigInteger value, Type... args) throws IOException {
        String address = ContractUtils.generateContractAddress(from.address(), from.peekNonce());
        String data = ContractArtifacts.bytecode(contract) + (args.length == 0 ? "" : FunctionEncoder.encodeConstructor(List.of(args)));
        hashes.add(from.send(null, data, value, gas(from, null, data, value, BigInteger.valueOf(15_000_000))));
        return address;
    }

    private void call(TxSender from, List<String> hashes, String to, String function, BigInteger value, Type... args)
            throws IOException {
        call(from, hashes, to, function, value, FALLBACK_GAS, args);
    }

    private void call(TxSender from, List<String> hashes, String to, String function, BigInteger value, BigInteger fallbackGas,
                      Type... args) throws IOException {
        String data = FunctionEncoder.encode(new Function(function, List.of(args), List.of()));
        hashes.add(from.send(to, data, value, gas(from, to, data, value, fallbackGas)));
    }

    /**
     * Estimated gas + 30 %, so a batch packs many transactions per 30 M-gas block; a call that depends on an unmined
     * transaction of the same batch cannot be estimated and gets the fallback.
     */
    private BigInteger gas(TxSender from, String to, String data, BigInteger value, BigInteger fallback) throws IOException {
        Transaction t = to == null ? Transaction.createContractTransaction(from.address(), null, null, null, value, data)
                : Transaction.createFunctionCallTransaction(from.address(), null, null, null, to, value, data);
        EthEstimateGas est = web3j.ethEstimateGas(t).send();
        if (est.hasError() || est.getResult() == null) {
            return fallback;
        }
        return est.getAmountUsed().multiply(BigInteger.valueOf(13)).divide(BigInteger.TEN).add(BigInteger.valueOf(30_000));
    }

    static StaticArray2<Address> coins(String a, String b) {
        return new StaticArray2<>(Address.class, new Address(a), new Address(b));
    }

    static StaticArray2<Uint256> amounts(BigInteger a, BigInteger b) {
        return new StaticArray2<>(Uint256.class, new Uint256(a), new Uint256(b));
    }

    static Uint256 uint(long v) {
        return new Uint256(BigInteger.valueOf(v));
    }

    static Uint256 uint(BigInteger v) {
        return new Uint256(v);
    }

    static BigInteger eth(long n) {
        return BigInteger.valueOf(n).multiply(E18);
    }

    public static BigInteger ray(String fraction) {
        return new BigDecimal(fraction).movePointRight(27).toBigIntegerExact();
    }
}
