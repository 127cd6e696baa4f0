package io.lrtyield.rebalancer.execution.venue;

import io.lrtyield.rebalancer.execution.ContractCall;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.generated.Uint256;

import java.math.BigInteger;

import static io.lrtyield.rebalancer.execution.venue.LidoCalls.positive;

/**
 * PT trades on the devnet's Pendle-style market (its own simple swap interface — the mainnet Router's
 * {@code swapExactTokenForPt} takes ApproxParams / TokenInput / LimitOrderData structs instead): buy PT with the
 * underlying, sell PT before expiry, redeem 1:1 at or after expiry. The receiver is always the vault.
 */
public final class PendleCalls {

    private final String market;
    private final String vault;

    public PendleCalls(String market, String vault) {
        this.market = market;
        this.vault = vault;
    }

    /** {@code swapExactTokenForPt(address receiver, uint256 exactTokenIn, uint256 minPtOut)}; approve the market first. */
    public ContractCall buyPt(BigInteger exactTokenIn, BigInteger minPtOut) {
        return ContractCall.of(market, BigInteger.ZERO, "swapExactTokenForPt", new Address(vault),
                new Uint256(positive(exactTokenIn)), new Uint256(positive(minPtOut)));
    }

    /** {@code swapExactPtForToken(address receiver, uint256 exactPtIn, uint256 minTokenOut)}; approve the PT first. */
    public ContractCall sellPt(BigInteger exactPtIn, BigInteger minTokenOut) {
        return ContractCall.of(market, BigInteger.ZERO, "swapExactPtForToken", new Address(vault),
                new Uint256(positive(exactPtIn)), new Uint256(positive(minTokenOut)));
    }

    /** {@code redeemPt(address receiver, uint256 netPtIn)}: after expiry, 1 PT → 1 underlying. */
    public ContractCall redeemPt(BigInteger ptIn) {
        return ContractCall.of(market, BigInteger.ZERO, "redeemPt", new Address(vault), new Uint256(positive(ptIn)));
    }
}
