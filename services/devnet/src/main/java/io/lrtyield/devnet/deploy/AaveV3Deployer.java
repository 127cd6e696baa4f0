package io.lrtyield.devnet.deploy;

import org.jboss.logging.Logger;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.DynamicStruct;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Int256;
import org.web3j.abi.datatypes.generated.Uint16;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint8;
import org.web3j.crypto.ContractUtils;
import org.web3j.protocol.Web3j;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Deploys the real Aave v3 market from the audited bytecode published as {@code @aave/core-v3@1.19.3} (npm; linked here,
 * never recompiled): PoolAddressesProvider, ACLManager, the logic libraries, Pool and PoolConfigurator behind the
 * provider's proxies, AaveOracle over our Chainlink-interface feed replicas (USD, 8 decimals), AaveProtocolDataProvider,
 * one DefaultReserveInterestRateStrategy per reserve, and the reserves with Ethereum-Core-like parameters and an
 * ETH-correlated eMode category.
 *
 * <p>This bytecode is Aave <b>v3.0</b> ({@code POOL_REVISION} 1). Mainnet's Core market runs v3.2+: there stable debt is
 * gone (v3.2), eMode categories carry collateral/borrowable bitmaps instead of one category per asset and no price
 * source (v3.2), reserves keep a virtual underlying balance (v3.1) and the rate strategy is one shared
 * DefaultReserveInterestRateStrategyV2 with per-reserve parameters (v3.1); liquidations leave no dust below a minimum
 * (v3.3). The user-facing calls the services use (supply, borrow mode 2, repay, withdraw, setUserEMode,
 * liquidationCall, getReserveData, getUserAccountData) keep their selectors and return layouts across these versions.
 *
 * <p>Every address comes from the deployer's nonce (the provider's proxies from the provider's), so all transactions go
 * out at once; they are awaited only when the gas limits sent would overfill a block. Calls get explicit gas limits,
 * never estimates: a call to a contract still pending in the same batch estimates as a call to an empty account.
 */
public final class AaveV3Deployer {

    private static final Logger LOG = Logger.getLogger(AaveV3Deployer.class);
    public static final String PACKAGE = "@aave/core-v3";
    public static final int EMODE_ETH = 1;
    /** The ETH-correlated category: LTV 93 %, LT 95 %, bonus 1 % (Ethereum Core's ETH eMode). */
    public static final int EMODE_LTV = 9300;
    public static final int EMODE_LT = 9500;
    public static final int EMODE_BONUS = 10100;
    /** Share of the liquidation bonus to the treasury, bps (Ethereum Core: 10 %). */
    public static final int LIQUIDATION_PROTOCOL_FEE = 1000;
    /** The market's base currency unit: USD with 8 decimals, as on Ethereum Core. */
    public static final BigInteger BASE_CURRENCY_UNIT = BigInteger.valueOf(100_000_000L);
    private static final List<String> LIBRARIES = List.of("BorrowLogic", "BridgeLogic", "ConfiguratorLogic", "EModeLogic",
            "LiquidationLogic", "PoolLogic", "SupplyLogic", "FlashLoanLogic");
    private static final BigInteger INIT_RESERVE_GAS = BigInteger.valueOf(3_000_000);

    private final Web3j web3j;
    private final TxSender deployer;
    private final TxBatch batch;

    public AaveV3Deployer(Web3j web3j, TxSender deployer) {
        this.web3j = web3j;
        this.deployer = deployer;
        this.batch = new TxBatch(web3j, deployer);
    }

    /**
     * Deploys the market with {@code reserves}; {@code feedUpdater} may move the USD feeds (the devnet's oracle account).
     * The deployer holds every admin role and is the treasury.
     */
    public AaveV3Deployment deploy(List<AaveV3Reserve> reserves, String feedUpdater) throws IOException {
        String me = deployer.address();
        String provider = deploy(artifact("PoolAddressesProvider").bytecode(), new Utf8String("LRT devnet Aave v3"), new Address(me));
        call(provider, "setACLAdmin(address)", 200_000, new Address(me));
        String acl = deploy(artifact("ACLManager").bytecode(), new Address(provider));
        call(provider, "setACLManager(address)", 200_000, new Address(acl));
        for (String role : List.of("addPoolAdmin(address)", "addRiskAdmin(address)", "addEmergencyAdmin(address)",
                "addAssetListingAdmin(address)")) {
            call(acl, role, 200_000, new Address(me));
        }

        Map<String, String> libraries = new LinkedHashMap<>();
        Map<String, String> linkable = new LinkedHashMap<>();
        for (String name : LIBRARIES) {
            NpmArtifact lib = artifact(name);
            String address = deploy(lib.link(linkable));
            libraries.put(name, address);
            linkable.put(lib.libraryId(), address);
        }
        // the provider creates each proxy (CREATE, its own nonces from 1) and calls initialize(provider) through it
        String pool = ContractUtils.generateContractAddress(provider, BigInteger.ONE);
        String configurator = ContractUtils.generateContractAddress(provider, BigInteger.TWO);
        String poolImpl = deploy(artifact("Pool").link(linkable), new Address(provider));
        call(poolImpl, "initialize(address)", 300_000, new Address(provider));
        call(provider, "setPoolImpl(address)", 1_500_000, new Address(poolImpl));
        String configuratorImpl = deploy(artifact("PoolConfigurator").link(linkable));
        call(configuratorImpl, "initialize(address)", 300_000, new Address(provider));
        call(provider, "setPoolConfiguratorImpl(address)", 1_500_000, new Address(configuratorImpl));

        Map<String, String> feeds = new LinkedHashMap<>();
        for (AaveV3Reserve r : reserves) {
            feeds.put(r.symbol(), deploy(ContractArtifacts.bytecode("ChainlinkAggregator"), new Uint8(8),
                    new Utf8String(r.symbol() + " / USD"), new Int256(r.priceUsd8()), new Address(feedUpdater)));
        }
        String oracle = deploy(artifact("AaveOracle").bytecode(), new Address(provider),
                addresses(reserves.stream().map(AaveV3Reserve::asset).toList()), addresses(List.copyOf(feeds.values())),
                Address.DEFAULT, Address.DEFAULT, new Uint256(BASE_CURRENCY_UNIT));
        call(provider, "setPriceOracle(address)", 200_000, new Address(oracle));
        String dataProvider = deploy(artifact("AaveProtocolDataProvider").bytecode(), new Address(provider));
        call(provider, "setPoolDataProvider(address)", 200_000, new Address(dataProvider));

        // token implementations read the pool proxy's provider in their constructors: after setPoolImpl
        String aTokenImpl = deploy(artifact("AToken").bytecode(), new Address(pool));
        String stableImpl = deploy(artifact("StableDebtToken").bytecode(), new Address(pool));
        String variableImpl = deploy(artifact("VariableDebtToken").bytecode(), new Address(pool));
        Map<String, AaveV3Deployment.Reserve> deployed = new LinkedHashMap<>();
        List<DynamicStruct> inputs = new ArrayList<>();
        for (AaveV3Reserve r : reserves) {
            String strategy = deploy(artifact("DefaultReserveInterestRateStrategy").bytecode(), rateStrategyArgs(provider, r));
            deployed.put(r.symbol(), new AaveV3Deployment.Reserve(r.asset(), feeds.get(r.symbol()), strategy, r));
            inputs.add(initReserveInput(aTokenImpl, stableImpl, variableImpl, strategy, r, me));
        }
        send(configurator, encode("initReserves((address,address,address,uint8,address,address,address,address,string,string,"
                + "string,string,string,string,bytes)[])", new DynamicArray<>(DynamicStruct.class, inputs)),
                INIT_RESERVE_GAS.multiply(BigInteger.valueOf(reserves.size())));
        configure(configurator, reserves);
        flush();

        String providerPool = viewAddress(provider, "getPool()");
        String providerConfigurator = viewAddress(provider, "getPoolConfigurator()");
        if (!providerPool.equalsIgnoreCase(pool) || !providerConfigurator.equalsIgnoreCase(configurator)) {
            throw new IOException("provider's proxies are " + providerPool + " / " + providerConfigurator + ", expected " + pool
                    + " / " + configurator);
        }
        long block = web3j.ethBlockNumber().send().getBlockNumber().longValueExact();
        LOG.infof("Aave v3 (%s) deployed at block %d: pool %s, configurator %s, oracle %s, %d reserves", origin(), block, pool,
                configurator, oracle, reserves.size());
        return new AaveV3Deployment(origin(), provider, acl, pool, configurator, oracle, dataProvider, libraries, deployed,
                EMODE_ETH, block);
    }

    /** Risk parameters, borrowing, liquidation fee and the eMode category (the deployer is pool and risk admin). */
    private void configure(String configurator, List<AaveV3Reserve> reserves) throws IOException {
        for (AaveV3Reserve r : reserves) {
            Address asset = new Address(r.asset());
            call(configurator, "configureReserveAsCollateral(address,uint256,uint256,uint256)", 300_000, asset,
                    new Uint256(r.ltv()), new Uint256(r.lt()), new Uint256(r.bonus()));
            call(configurator, "setReserveFactor(address,uint256)", 300_000, asset, new Uint256(r.reserveFactor()));
            call(configurator, "setLiquidationProtocolFee(address,uint256)", 300_000, asset, new Uint256(LIQUIDATION_PROTOCOL_FEE));
            if (r.borrowable()) {
                call(configurator, "setReserveBorrowing(address,bool)", 300_000, asset, new Bool(true));
            }
        }
        // v3.0: one category per asset, checked against the asset's own LT when assigned (the category's must be higher)
        call(configurator, "setEModeCategory(uint8,uint16,uint16,uint16,address,string)", 500_000, new Uint8(EMODE_ETH),
                new Uint16(EMODE_LTV), new Uint16(EMODE_LT), new Uint16(EMODE_BONUS), Address.DEFAULT, new Utf8String("ETH correlated"));
        for (AaveV3Reserve r : reserves) {
            if (r.eMode()) {
                call(configurator, "setAssetEModeCategory(address,uint8)", 300_000, new Address(r.asset()), new Uint8(EMODE_ETH));
            }
        }
    }

    /**
     * v3.0's strategy also prices stable debt: its stable parameters are illustrative (stable borrowing stays disabled,
     * as on mainnet since 2023; v3.2 removed it).
     */
    private static Type[] rateStrategyArgs(String provider, AaveV3Reserve r) {
        return new Type[] {new Address(provider), ray(r.optimal()), ray(r.base()), ray(r.slope1()), ray(r.slope2()),
                ray(r.slope1()), ray(r.slope2()), ray(new BigDecimal("0.02")), ray(new BigDecimal("0.05")), ray(new BigDecimal("0.2"))};
    }

    /** ConfiguratorInputTypes.InitReserveInput; every devnet ETH token has 18 decimals; no incentives controller. */
    private static DynamicStruct initReserveInput(String aToken, String stable, String variable, String strategy, AaveV3Reserve r,
                                                  String treasury) {
        String s = r.symbol();
        return new DynamicStruct(new Address(aToken), new Address(stable), new Address(variable), new Uint8(18),
                new Address(strategy), new Address(r.asset()), new Address(treasury), Address.DEFAULT,
                new Utf8String("Aave Devnet " + s), new Utf8String("aDev" + s),
                new Utf8String("Aave Devnet Variable Debt " + s), new Utf8String("variableDebtDev" + s),
                new Utf8String("Aave Devnet Stable Debt " + s), new Utf8String("stableDebtDev" + s), new DynamicBytes(new byte[0]));
    }

    public static String origin() {
        return artifact("Pool").origin();
    }

    private static NpmArtifact artifact(String name) {
        return ContractArtifacts.npm(PACKAGE, name);
    }

    private String deploy(String bytecode, Type... args) throws IOException {
        return batch.deploy(bytecode, args);
    }

    private void call(String to, String signature, long gas, Type... args) throws IOException {
        batch.call(to, signature, gas, args);
    }

    /**
     * Calldata from the Solidity signature as written in the ABI (tuples spelled out), so the selector never depends on
     * how web3j names a struct type.
     */
    public static String encode(String signature, Type... args) {
        return TxBatch.encode(signature, args);
    }

    private void send(String to, String data, BigInteger gas) throws IOException {
        batch.send(to, data, gas);
    }

    private void flush() throws IOException {
        batch.flush();
    }

    private String viewAddress(String to, String signature) throws IOException {
        return batch.viewAddress(to, encode(signature));
    }

    private static DynamicArray<Address> addresses(List<String> list) {
        return new DynamicArray<>(Address.class, list.stream().map(Address::new).toList());
    }

    private static Uint256 ray(BigDecimal fraction) {
        return new Uint256(fraction.movePointRight(27).toBigIntegerExact());
    }
}
