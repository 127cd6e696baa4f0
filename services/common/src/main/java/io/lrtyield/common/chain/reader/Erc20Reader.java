package io.lrtyield.common.chain.reader;

import io.lrtyield.common.chain.Multicall3;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.generated.Uint8;

import java.math.BigInteger;
import java.util.List;

/** ERC-20 {@code balanceOf(address)}, {@code totalSupply()}, {@code decimals()}. Amounts in the token's base units. */
public final class Erc20Reader {

    static final ViewFunction<BigInteger> BALANCE_OF = ViewFunction.uint256("balanceOf", List.of(Address.class));
    static final ViewFunction<BigInteger> TOTAL_SUPPLY = ViewFunction.uint256("totalSupply", List.of());
    static final ViewFunction<Integer> DECIMALS = ViewFunction.of("decimals", List.of(),
            List.of(new TypeReference<Uint8>() {
            }), out -> out.smallInt(0));

    private Erc20Reader() {
    }

    public static Multicall3.Call balanceOfCall(String token, String holder) {
        return BALANCE_OF.call(token, ViewFunction.address(holder));
    }

    public static Read<BigInteger> decodeBalanceOf(Multicall3.Result result) {
        return BALANCE_OF.decode(result);
    }

    public static Multicall3.Call totalSupplyCall(String token) {
        return TOTAL_SUPPLY.call(token);
    }

    public static Read<BigInteger> decodeTotalSupply(Multicall3.Result result) {
        return TOTAL_SUPPLY.decode(result);
    }

    public static Multicall3.Call decimalsCall(String token) {
        return DECIMALS.call(token);
    }

    /** {@code decimals()} returns a uint8: a word above 255 is malformed. */
    public static Read<Integer> decodeDecimals(Multicall3.Result result) {
        return DECIMALS.decode(result);
    }
}
