package io.lrtyield.rebalancer.execution.venue;

import io.lrtyield.common.lending.morpho.MarketParams;
import io.lrtyield.rebalancer.execution.ContractCall;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.StaticStruct;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint256;

import java.math.BigInteger;
import java.util.List;

import static io.lrtyield.rebalancer.execution.venue.LidoCalls.positive;

/**
 * Morpho Blue supply-side actions on one market, always for the vault: {@code onBehalf} and {@code receiver} are the vault
 * by construction (the allowlist checks them again: head words 7 and 8, after the five words of the static
 * {@code MarketParams} tuple). Exactly one of assets and shares is non-zero, as Morpho requires; no callback data.
 */
public final class MorphoCalls {

    static final String MARKET_PARAMS = "(address,address,address,address,uint256)";
    public static final String SUPPLY = "supply(" + MARKET_PARAMS + ",uint256,uint256,address,bytes)";
    public static final String WITHDRAW = "withdraw(" + MARKET_PARAMS + ",uint256,uint256,address,address)";

    private final String morpho;
    private final MarketParams params;
    private final String vault;

    public MorphoCalls(String morpho, MarketParams params, String vault) {
        this.morpho = morpho;
        this.params = params;
        this.vault = vault;
    }

    /** {@code supply(marketParams, assets, 0, vault, "")}: supplies exactly {@code assets}; approve Morpho first. */
    public ContractCall supply(BigInteger assets) {
        return call(SUPPLY, "supply", new Uint256(positive(assets)), new Uint256(BigInteger.ZERO), new Address(vault),
                new DynamicBytes(new byte[0]));
    }

    /** {@code withdraw(marketParams, assets, 0, vault, vault)}: exactly {@code assets}, burning the shares they round up to. */
    public ContractCall withdraw(BigInteger assets) {
        return call(WITHDRAW, "withdraw", new Uint256(positive(assets)), new Uint256(BigInteger.ZERO), new Address(vault), new Address(vault));
    }

    /**
     * {@code withdraw(marketParams, 0, shares, vault, vault)}: burns exactly {@code shares}, paying the assets they round down
     * to; with all of the vault's shares, a full exit that leaves no dust.
     */
    public ContractCall withdrawShares(BigInteger shares) {
        return call(WITHDRAW, "withdraw", new Uint256(BigInteger.ZERO), new Uint256(positive(shares)), new Address(vault), new Address(vault));
    }

    public String morpho() {
        return morpho;
    }

    private ContractCall call(String signature, String name, Type<?>... rest) {
        List<Type> args = new java.util.ArrayList<>();
        args.add(new StaticStruct(new Address(params.loanToken()), new Address(params.collateralToken()), new Address(params.oracle()),
                new Address(params.irm()), new Uint256(params.lltv())));
        args.addAll(List.of(rest));
        return new ContractCall(morpho, signature, FunctionEncoder.encode(new Function(name, args, List.of())), BigInteger.ZERO);
    }
}
