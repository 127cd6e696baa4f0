package io.lrtyield.common.chain.reader;

import io.lrtyield.common.chain.Multicall3;
import io.lrtyield.common.lending.morpho.MarketParams;
import io.lrtyield.common.lending.morpho.MarketState;
import io.lrtyield.common.lending.morpho.Position;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Int256;
import org.web3j.abi.datatypes.generated.Uint128;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.utils.Numeric;

import java.math.BigInteger;
import java.util.List;

/**
 * Morpho Blue (reference "Morpho Blue"): {@code market(bytes32 id)}, {@code position(bytes32 id, address user)},
 * {@code idToMarketParams(bytes32 id)}, and the adaptive curve IRM's {@code rateAtTarget(bytes32 id)} (int256, WAD
 * per second; 0 before the market's first accrual). Decoded into the records of {@code common.lending.morpho}.
 */
public final class MorphoReader {

    static final ViewFunction<MarketState> MARKET = ViewFunction.of("market", List.of(Bytes32.class),
            List.of(u128(), u128(), u128(), u128(), u128(), u128()),
            out -> new MarketState(out.uint(0), out.uint(1), out.uint(2), out.uint(3), out.uint(4).longValueExact(), out.uint(5)));
    static final ViewFunction<Position> POSITION = ViewFunction.of("position", List.of(Bytes32.class, Address.class),
            List.of(new TypeReference<Uint256>() {
            }, u128(), u128()), out -> new Position(out.uint(0), out.uint(1), out.uint(2)));
    static final ViewFunction<MarketParams> ID_TO_MARKET_PARAMS = ViewFunction.of("idToMarketParams", List.of(Bytes32.class),
            List.of(new TypeReference<Address>() {
            }, new TypeReference<Address>() {
            }, new TypeReference<Address>() {
            }, new TypeReference<Address>() {
            }, new TypeReference<Uint256>() {
            }), out -> new MarketParams(out.address(0), out.address(1), out.address(2), out.address(3), out.uint(4)));
    static final ViewFunction<BigInteger> RATE_AT_TARGET = ViewFunction.of("rateAtTarget", List.of(Bytes32.class),
            List.of(new TypeReference<Int256>() {
            }), out -> out.signed(0));

    private MorphoReader() {
    }

    /** The market's totals, last update and fee; stale until the next accrual. */
    public static Multicall3.Call marketCall(String morpho, String marketId) {
        return MARKET.call(morpho, id(marketId));
    }

    public static Read<MarketState> decodeMarket(Multicall3.Result result) {
        return MARKET.decode(result);
    }

    /** A user's supply shares, borrow shares and collateral in the market. */
    public static Multicall3.Call positionCall(String morpho, String marketId, String user) {
        return POSITION.call(morpho, id(marketId), ViewFunction.address(user));
    }

    public static Read<Position> decodePosition(Multicall3.Result result) {
        return POSITION.decode(result);
    }

    /** The parameters the market was created with (all zero for an id no market has). */
    public static Multicall3.Call idToMarketParamsCall(String morpho, String marketId) {
        return ID_TO_MARKET_PARAMS.call(morpho, id(marketId));
    }

    public static Read<MarketParams> decodeIdToMarketParams(Multicall3.Result result) {
        return ID_TO_MARKET_PARAMS.decode(result);
    }

    /** The adaptive curve IRM's stored rate at target for the market. */
    public static Multicall3.Call rateAtTargetCall(String irm, String marketId) {
        return RATE_AT_TARGET.call(irm, id(marketId));
    }

    public static Read<BigInteger> decodeRateAtTarget(Multicall3.Result result) {
        return RATE_AT_TARGET.decode(result);
    }

    private static Bytes32 id(String marketId) {
        byte[] bytes = Numeric.hexStringToByteArray(marketId);
        if (bytes.length != 32) {
            throw new IllegalArgumentException("a market id is 32 bytes, got " + marketId);
        }
        return new Bytes32(bytes);
    }

    private static TypeReference<Uint128> u128() {
        return new TypeReference<>() {
        };
    }
}
