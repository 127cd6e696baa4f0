package io.lrtyield.devnet.deploy;

import io.lrtyield.common.dex.pendle.PendleAmm;
import org.jboss.logging.Logger;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.DynamicStruct;
import org.web3j.abi.datatypes.StaticStruct;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Bytes4;
import org.web3j.abi.datatypes.generated.Int256;
import org.web3j.abi.datatypes.generated.Uint128;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint32;
import org.web3j.abi.datatypes.generated.Uint8;
import org.web3j.abi.datatypes.generated.Uint80;
import org.web3j.abi.datatypes.generated.Uint96;
import org.web3j.crypto.Hash;
import org.web3j.protocol.Web3j;
import org.web3j.utils.Numeric;

import java.io.IOException;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Deploys the real Pendle v2 contracts from the audited bytecode published as {@code @pendle/core-v2@6.11.0} (npm,
 * fetched by {@code npm pack}: see solidity/npm-pack.cjs; linked here, never recompiled) around our {@code WeEthSY}:
 * the yield contract factory (PT + YT) and the V7 market factory behind {@code Erc1967Proxy}s, their split creation
 * code (each contract's creation code in two code-only contracts, as Pendle's BaseSplitCodeFactory reads it), a
 * PendleMarketV7 (linked to OracleLib) for PT/SY created by the factory, the RouterV4 with the PT swap facets, the
 * RouterStatic with its quote facets, and the market's first liquidity.
 *
 * <p>Not deployed: ActionAddRemoveLiqV3 (24,745 bytes of runtime, over EIP-170: Anvil would need
 * {@code --code-size-limit}; liquidity goes straight to the market's {@code mint}), the YT swap, misc and callback
 * facets, the limit router, vePENDLE, gauges beyond {@code PendleGaugeControllerReplica}, the PY/LP oracle.
 * The deployer account is owner and treasury of everything.
 */
public final class PendleV2Deployer {

    private static final Logger LOG = Logger.getLogger(PendleV2Deployer.class);
    public static final String PACKAGE = "@pendle/core-v2";
    /** PT/YT expiries must be multiples of this (a day). */
    public static final long EXPIRY_DIVISOR = 86_400L;
    /** Share of YT interest and rewards to the treasury, 1e18 (the package's deployments/1-core.json: 3 %). */
    public static final BigInteger INTEREST_FEE_RATE = new BigInteger("30000000000000000");
    public static final BigInteger REWARD_FEE_RATE = new BigInteger("30000000000000000");
    /**
     * RouterStatic's approximation of exact-input quotes: up to 256 bisection steps to within 1e-13 of the input (ours:
     * tight enough that a static quote is the exact one to 1e-12; the Router's own on-chain default is 5e-5).
     */
    public static final BigInteger STATIC_APPROX_EPS = BigInteger.valueOf(100_000);
    public static final int STATIC_APPROX_ITERATIONS = 256;
    private static final BigInteger MAX = BigInteger.TWO.pow(256).subtract(BigInteger.ONE);
    /** Creation code that returns the rest of itself as runtime code: PUSH2 len DUP1 PUSH1 12 PUSH1 0 CODECOPY PUSH1 0 RETURN. */
    private static final String CODE_PREFIX = "0x61%04x80600c6000396000f3";

    private final TxBatch batch;
    private final long chainId;

    public PendleV2Deployer(Web3j web3j, TxSender deployer, long chainId) {
        this.batch = new TxBatch(web3j, deployer);
        this.chainId = chainId;
    }

    /** Deploys everything for {@code weETH} with {@code p}; the deployer must hold {@code p.seedWeEth()} weETH. */
    public PendleV2Deployment deploy(String weETH, PendleV2Market p) throws IOException {
        String me = batch.from();
        Map<String, String> contracts = new LinkedHashMap<>();
        String pendle = batch.deploy(ContractArtifacts.bytecode("ReplicaERC20"), new Utf8String("Pendle"), new Utf8String("PENDLE"));
        String gauge = batch.deploy(ContractArtifacts.bytecode("PendleGaugeControllerReplica"), new Address(pendle));
        String sy = batch.deploy(ContractArtifacts.bytecode("WeEthSY"), new Address(weETH));
        contracts.put("PENDLE", pendle);
        contracts.put("PendleGaugeControllerReplica", gauge);

        NpmArtifact oracleLib = artifact("OracleLib");
        String oracleLibAddress = batch.deploy(oracleLib.bytecode());
        contracts.put("OracleLib", oracleLibAddress);
        String marketCode = artifact("PendleMarketV7").link(Map.of(oracleLib.libraryId(), oracleLibAddress));
        SplitCode marketSplit = splitCode(marketCode);
        SplitCode ytSplit = splitCode(artifact("PendleYieldToken").bytecode());
        contracts.putAll(marketSplit.named("PendleMarketV7"));
        contracts.putAll(ytSplit.named("PendleYieldToken"));

        String ycfImpl = batch.deploy(artifact("PendleYieldContractFactoryUpg").bytecode(), ytSplit.args());
        String ycf = proxy(ycfImpl, TxBatch.encode("initialize(uint96,uint128,uint128,address,address)", new Uint96(EXPIRY_DIVISOR),
                new Uint128(INTEREST_FEE_RATE), new Uint128(REWARD_FEE_RATE), new Address(me), new Address(me)));
        Type[] split = marketSplit.args();
        String mfImpl = batch.deploy(artifact("PendleMarketFactoryV7Upg").bytecode(), new Address(ycf), split[0], split[1], split[2],
                split[3], new Address(gauge));
        String mf = proxy(mfImpl, TxBatch.encode("initialize(address,address,uint8)", new Address(me), new Address(me),
                new Uint8(p.reserveFeePercent())));
        contracts.put("PendleYieldContractFactoryUpg", ycfImpl);
        contracts.put("PendleMarketFactoryV7Upg", mfImpl);

        String router = router(me, contracts);
        String routerStatic = routerStatic(me, contracts);

        batch.call(ycf, "createYieldContract(address,uint32,bool)", 9_000_000, new Address(sy), new Uint32(p.expiry()), new Bool(false));
        batch.call(weETH, "approve(address,uint256)", 100_000, new Address(sy), new Uint256(p.seedWeEth()));
        batch.call(sy, "deposit(address,address,uint256,uint256)", 200_000, new Address(me), new Address(weETH),
                new Uint256(p.seedWeEth()), new Uint256(p.seedWeEth()));
        batch.flush();

        String pt = batch.viewAddress(ycf, TxBatch.encode("getPT(address,uint256)", new Address(sy), new Uint256(p.expiry())));
        String yt = batch.viewAddress(ycf, TxBatch.encode("getYT(address,uint256)", new Address(sy), new Uint256(p.expiry())));
        Type[] marketArgs = {new Address(pt), new Int256(p.scalarRoot()), new Int256(p.initialAnchor()), new Uint80(p.lnFeeRateRoot()),
                new Address(gauge)};
        String market = create2(mf, marketCode + FunctionEncoder.encodeConstructor(List.of(marketArgs)));
        batch.call(mf, "createNewMarket(address,int256,int256,uint80)", 8_000_000, marketArgs[0], marketArgs[1], marketArgs[2],
                marketArgs[3]);
        // half the SY becomes PT + YT at the PY index (the SY's rate: nothing has raised the YT's stored index above it),
        // the other half and the PT go to the market
        BigInteger syToPt = p.seedWeEth().shiftRight(1);
        BigInteger syLeft = p.seedWeEth().subtract(syToPt);
        BigInteger ptMinted = PendleAmm.syToAsset(batch.viewUint(sy, TxBatch.encode("exchangeRate()")), syToPt);
        batch.call(sy, "transfer(address,uint256)", 100_000, new Address(yt), new Uint256(syToPt));
        batch.call(yt, "mintPY(address,address)", 1_000_000, new Address(me), new Address(me));
        batch.call(pt, "transfer(address,uint256)", 200_000, new Address(market), new Uint256(ptMinted));
        batch.call(sy, "transfer(address,uint256)", 200_000, new Address(market), new Uint256(syLeft));
        batch.call(market, "mint(address,uint256,uint256)", 1_500_000, new Address(me), new Uint256(syLeft), new Uint256(ptMinted));
        long block = batch.flush();

        String marketPt = "0x" + batch.view(market, TxBatch.encode("readTokens()")).substring(90, 130);
        if (!marketPt.equalsIgnoreCase(pt)) {
            throw new IOException("market " + market + " trades PT " + marketPt + ", expected " + pt);
        }
        LOG.infof("Pendle v2 (%s) deployed at block %d: market %s (PT %s, SY %s, expiry %d), router %s, router static %s", origin(),
                block, market, pt, sy, p.expiry(), router, routerStatic);
        return new PendleV2Deployment(origin(), sy, ycf, mf, market, pt, yt, router, routerStatic, contracts, p, block);
    }

    public static String origin() {
        return artifact("PendleMarketV7").origin();
    }

    /** RouterV4: its storage facet first (the constructor wires setSelectorToFacets to it), then the PT swap facets. */
    private String router(String owner, Map<String, String> contracts) throws IOException {
        List<String> facets = List.of("ActionStorageV4", "ActionSwapPTV3", "ActionSimple");
        Map<String, String> deployed = deployFacets(facets, contracts);
        String router = batch.deploy(artifact("PendleRouterV4").bytecode(), new Address(owner), new Address(deployed.get("ActionStorageV4")));
        batch.call(router, "setSelectorToFacets((address,bytes4[])[])", 3_000_000, selectorsToFacets(deployed));
        return router;
    }

    /** RouterStatic with the quote facets, and its default approximation for exact-input quotes. */
    private String routerStatic(String owner, Map<String, String> contracts) throws IOException {
        List<String> facets = List.of("ActionStorageStatic", "ActionMarketCoreStatic", "ActionMarketAuxStatic", "ActionMintRedeemStatic");
        Map<String, String> deployed = deployFacets(facets, contracts);
        String routerStatic = batch.deploy(artifact("PendleRouterStatic").bytecode(), new Address(owner),
                new Address(deployed.get("ActionStorageStatic")));
        batch.call(routerStatic, "setFacetForSelectors((address,bytes4[])[])", 5_000_000, selectorsToFacets(deployed));
        batch.call(routerStatic, "setDefaultApproxParams((uint256,uint256,uint256,uint256,uint256))", 200_000,
                new StaticStruct(new Uint256(0), new Uint256(MAX), new Uint256(0), new Uint256(STATIC_APPROX_ITERATIONS),
                        new Uint256(STATIC_APPROX_EPS)));
        return routerStatic;
    }

    private Map<String, String> deployFacets(List<String> names, Map<String, String> contracts) throws IOException {
        Map<String, String> deployed = new LinkedHashMap<>();
        for (String name : names) {
            deployed.put(name, batch.deploy(artifact(name).bytecode()));
        }
        contracts.putAll(deployed);
        return deployed;
    }

    /** {@code SelectorsToFacet[]}: each facet with every function of its ABI. */
    private static DynamicArray<DynamicStruct> selectorsToFacets(Map<String, String> facets) {
        List<DynamicStruct> entries = facets.entrySet().stream().map(f -> new DynamicStruct(new Address(f.getValue()),
                new DynamicArray<>(Bytes4.class, AbiSignatures.functions(ContractArtifacts.artifact(f.getKey()).abi()).stream()
                        .map(s -> new Bytes4(Numeric.hexStringToByteArray(AbiSignatures.selector(s)))).toList()))).toList();
        return new DynamicArray<>(DynamicStruct.class, entries);
    }

    private String proxy(String implementation, String initCall) throws IOException {
        return batch.deploy(ContractArtifacts.bytecode("Erc1967Proxy"), new Address(implementation),
                new DynamicBytes(Numeric.hexStringToByteArray(initCall)));
    }

    /** Creation code as two code-only contracts, halves as Pendle's BaseSplitCodeFactory cuts it (A: the first ⌊n/2⌋ bytes). */
    private SplitCode splitCode(String creationCode) throws IOException {
        String hex = Numeric.cleanHexPrefix(creationCode);
        int size = hex.length() / 2;
        int sizeA = size / 2;
        String a = codeContract(hex.substring(0, 2 * sizeA));
        String b = codeContract(hex.substring(2 * sizeA));
        return new SplitCode(a, sizeA, b, size - sizeA);
    }

    private String codeContract(String runtimeHex) throws IOException {
        if (runtimeHex.startsWith("ef") || runtimeHex.startsWith("EF")) {
            throw new IllegalStateException("a code half starts with 0xEF, which EIP-3541 refuses as contract code");
        }
        return batch.deploy(String.format(CODE_PREFIX, runtimeHex.length() / 2) + runtimeHex);
    }

    /** The address CREATE2 gives a contract {@code factory} creates with salt {@code bytes32(chainid)} (Pendle's salt). */
    private String create2(String factory, String initCode) {
        byte[] salt = new Bytes32(Numeric.toBytesPadded(BigInteger.valueOf(chainId), 32)).getValue();
        byte[] codeHash = Hash.sha3(Numeric.hexStringToByteArray(initCode));
        byte[] preimage = new byte[1 + 20 + 32 + 32];
        preimage[0] = (byte) 0xff;
        System.arraycopy(Numeric.hexStringToByteArray(factory), 0, preimage, 1, 20);
        System.arraycopy(salt, 0, preimage, 21, 32);
        System.arraycopy(codeHash, 0, preimage, 53, 32);
        return "0x" + Numeric.toHexString(Hash.sha3(preimage)).substring(26);
    }

    private static NpmArtifact artifact(String name) {
        return ContractArtifacts.npm(PACKAGE, name);
    }

    /** The two code contracts of a split creation code and their sizes, as the factories' constructors take them. */
    private record SplitCode(String a, int sizeA, String b, int sizeB) {

        Type[] args() {
            return new Type[] {new Address(a), new Uint256(sizeA), new Address(b), new Uint256(sizeB)};
        }

        Map<String, String> named(String contract) {
            return Map.of(contract + ".creationCodeA", a, contract + ".creationCodeB", b);
        }
    }
}
