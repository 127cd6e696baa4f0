package io.lrtyield.devnet.deploy;

import io.lrtyield.common.lending.morpho.MarketParams;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.StaticStruct;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.ContractUtils;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Morpho Blue for the default devnet, in the market deployer's phases so that it adds no wait of its own: the contracts
 * with the other deployments, then (the deployer's calls of phase 1) the IRM and LLTVs enabled, the markets created and
 * the collateral bought from each protocol, then (phase 2) each market seeded by the deployer — WETH supplied and 90 %
 * of it borrowed against collateral at a 70 % LTV. At 90 % utilisation, the IRM's target, the rate at target does not
 * drift: the borrow rate stays at its initial 4 % a year and suppliers earn 3.6 % (APY ~3.67 %, no fee) until someone
 * moves the utilisation; nothing in the simulator does (a static market), only the vault's own supply and withdrawals.
 * Fixed gas limits: these calls depend on one another inside a batch, where estimates fail.
 */
final class MorphoDeployer {

    /** The markets: mainnet's wstETH/WETH at 94.5 %, and weETH/WETH and ezETH/WETH at 86 % (WETH supplied, wei). */
    private record Spec(String collateral, BigInteger lltv, BigInteger supply) {
    }

    static final List<Spec> SPECS = List.of(
            new Spec("wstETH", new BigInteger("945000000000000000"), MarketDeployer.eth(10_000)),
            new Spec("weETH", new BigInteger("860000000000000000"), MarketDeployer.eth(3_000)),
            new Spec("ezETH", new BigInteger("860000000000000000"), MarketDeployer.eth(2_000)));
    /** Borrowed share of the supply (the IRM's target utilisation) and the borrowers' LTV at the oracle price. */
    static final BigDecimal UTILISATION = new BigDecimal("0.9");
    private static final BigDecimal BORROWER_LTV = new BigDecimal("0.7");
    /** Collateral supplied this much under what the deposit minted, for the protocols' own rounding. */
    private static final BigDecimal MINT_MARGIN = new BigDecimal("0.999999");
    private static final BigInteger E18 = MarketDeployer.E18;
    private static final BigInteger CALL_GAS = BigInteger.valueOf(500_000);

    private final TxSender deployer;
    private final DevnetDeployment d;
    private final Map<String, BigInteger> rates;
    private String morpho;
    private String irm;
    private final Map<String, MorphoDeployment.Market> markets = new LinkedHashMap<>();
    private final Map<String, MarketParams> params = new LinkedHashMap<>();
    private final Map<String, BigInteger> collateral = new LinkedHashMap<>();

    /** @param rates the collateral tokens' fundamental rates (ETH per token, 1e18), the oracles' prices */
    MorphoDeployer(TxSender deployer, DevnetDeployment d, Map<String, BigInteger> rates) {
        this.deployer = deployer;
        this.d = d;
        this.rates = rates;
    }

    /** The ETH the deployer spends: the WETH supplied and the collateral bought. */
    static BigInteger ethNeeded() {
        BigInteger total = BigInteger.ZERO;
        for (Spec s : SPECS) {
            total = total.add(s.supply()).add(collateralEth(s));
        }
        return total;
    }

    /** Phase 1: Morpho (owned by the deployer), the IRM and one oracle per market; the addresses follow from the nonces. */
    MorphoDeployment deployContracts(List<String> hashes) throws IOException {
        morpho = deploy(hashes, "Morpho", BigInteger.valueOf(6_000_000), new Address(deployer.address()));
        irm = deploy(hashes, "MorphoAdaptiveCurveIrm", BigInteger.valueOf(2_000_000), new Address(morpho));
        for (Spec s : SPECS) {
            BigInteger price = rates.get(s.collateral()).multiply(E18); // 1e36 scale, both tokens 18 decimals
            String oracle = deploy(hashes, "MorphoFixedPriceOracle", BigInteger.valueOf(1_000_000), new Uint256(price));
            String token = MarketDeployer.token(d, s.collateral());
            MarketParams p = new MarketParams(d.weth(), token, oracle, irm, s.lltv());
            params.put(s.collateral(), p);
            BigInteger borrowed = new BigDecimal(s.supply()).multiply(UTILISATION).toBigIntegerExact();
            markets.put(s.collateral(), new MorphoDeployment.Market(token, oracle, s.lltv(), p.id(), s.supply(), borrowed));
        }
        return new MorphoDeployment(morpho, irm, markets);
    }

    /** Phase 1, the deployer's calls: IRM and LLTVs enabled, markets created, WETH and collateral bought and approved. */
    void configure(List<String> hashes) throws IOException {
        call(hashes, morpho, "enableIrm", BigInteger.ZERO, new Address(irm));
        for (BigInteger lltv : SPECS.stream().map(Spec::lltv).distinct().toList()) {
            call(hashes, morpho, "enableLltv", BigInteger.ZERO, new Uint256(lltv));
        }
        BigInteger weth = BigInteger.ZERO;
        for (Spec s : SPECS) {
            call(hashes, morpho, "createMarket", BigInteger.ZERO, struct(params.get(s.collateral())));
            weth = weth.add(s.supply());
            collateral.put(s.collateral(), buyCollateral(hashes, s.collateral(), collateralEth(s)));
            call(hashes, MarketDeployer.token(d, s.collateral()), "approve", BigInteger.ZERO, new Address(morpho), new Uint256(MarketDeployer.MAX));
        }
        call(hashes, d.weth(), "deposit", weth);
        call(hashes, d.weth(), "approve", BigInteger.ZERO, new Address(morpho), new Uint256(MarketDeployer.MAX));
    }

    /** Phase 2: each market's supply, then the borrower's collateral and borrow (90 % utilisation). */
    void seed(List<String> hashes) throws IOException {
        Address me = new Address(deployer.address());
        DynamicBytes none = new DynamicBytes(new byte[0]);
        for (Spec s : SPECS) {
            StaticStruct p = struct(params.get(s.collateral()));
            MorphoDeployment.Market m = markets.get(s.collateral());
            call(hashes, morpho, "supply", BigInteger.ZERO, p, new Uint256(s.supply()), new Uint256(BigInteger.ZERO), me, none);
            call(hashes, morpho, "supplyCollateral", BigInteger.ZERO, p, new Uint256(collateral.get(s.collateral())), me, none);
            call(hashes, morpho, "borrow", BigInteger.ZERO, p, new Uint256(m.borrowed()), new Uint256(BigInteger.ZERO), me, me);
        }
    }

    /**
     * Buys {@code eth} worth of a collateral token from its protocol (Lido + wrap, ether.fi + wrap, Renzo); the tokens
     * counted on: what the rate gives, less {@link #MINT_MARGIN} for the protocols' roundings.
     */
    private BigInteger buyCollateral(List<String> hashes, String asset, BigInteger eth) throws IOException {
        switch (asset) {
            case "wstETH" -> {
                call(hashes, d.stETH(), "submit", eth, new Address(Address.DEFAULT.getValue()));
                call(hashes, d.stETH(), "approve", BigInteger.ZERO, new Address(d.wstETH()), new Uint256(MarketDeployer.MAX));
                call(hashes, d.wstETH(), "wrap", BigInteger.ZERO, new Uint256(eth.subtract(BigInteger.TEN)));
            }
            case "weETH" -> {
                call(hashes, d.etherfiPool(), "deposit", eth);
                call(hashes, d.eETH(), "approve", BigInteger.ZERO, new Address(d.weETH()), new Uint256(MarketDeployer.MAX));
                call(hashes, d.weETH(), "wrap", BigInteger.ZERO, new Uint256(eth.subtract(BigInteger.TEN)));
            }
            case "ezETH" -> call(hashes, d.renzoRestakeManager(), "depositETH", eth);
            default -> throw new IllegalArgumentException("no route to buy " + asset);
        }
        return new BigDecimal(eth).multiply(MINT_MARGIN).divide(new BigDecimal(rates.get(asset)), 18, RoundingMode.DOWN)
                .movePointRight(18).toBigInteger();
    }

    /** ETH of collateral for the spec's borrow at {@link #BORROWER_LTV}. */
    private static BigInteger collateralEth(Spec s) {
        return new BigDecimal(s.supply()).multiply(UTILISATION).divide(BORROWER_LTV, 0, RoundingMode.UP).toBigInteger();
    }

    static StaticStruct struct(MarketParams p) {
        return new StaticStruct(new Address(p.loanToken()), new Address(p.collateralToken()), new Address(p.oracle()), new Address(p.irm()),
                new Uint256(p.lltv()));
    }

    private String deploy(List<String> hashes, String contract, BigInteger gas, Type<?> arg) throws IOException {
        String address = ContractUtils.generateContractAddress(deployer.address(), deployer.peekNonce());
        hashes.add(deployer.send(null, ContractArtifacts.bytecode(contract) + FunctionEncoder.encodeConstructor(List.of(arg)), BigInteger.ZERO, gas));
        return address;
    }

    private void call(List<String> hashes, String to, String function, BigInteger value, Type<?>... args) throws IOException {
        hashes.add(deployer.send(to, FunctionEncoder.encode(new Function(function, List.of(args), List.of())), value, CALL_GAS));
    }
}
