package io.lrtyield.common.lending.morpho;

import org.web3j.abi.TypeEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Hash;

import java.math.BigInteger;
import java.util.Locale;

/**
 * A Morpho Blue market's immutable parameters; the market is identified by {@link #id()}. {@code lltv} is the
 * liquidation loan-to-value in WAD, one of the values the owner enabled.
 */
public record MarketParams(String loanToken, String collateralToken, String oracle, String irm, BigInteger lltv) {

    public MarketParams {
        loanToken = loanToken.toLowerCase(Locale.ROOT);
        collateralToken = collateralToken.toLowerCase(Locale.ROOT);
        oracle = oracle.toLowerCase(Locale.ROOT);
        irm = irm.toLowerCase(Locale.ROOT);
        if (lltv.signum() < 0 || lltv.compareTo(MorphoMath.WAD) >= 0) {
            throw new IllegalArgumentException("lltv must be in [0, 1e18): " + lltv);
        }
    }

    /** {@code keccak256(abi.encode(params))}: five static 32-byte words, 160 bytes, as a 0x-prefixed hex bytes32. */
    public String id() {
        return Hash.sha3("0x" + TypeEncoder.encode(new Address(loanToken)) + TypeEncoder.encode(new Address(collateralToken))
                + TypeEncoder.encode(new Address(oracle)) + TypeEncoder.encode(new Address(irm)) + TypeEncoder.encode(new Uint256(lltv)));
    }
}
