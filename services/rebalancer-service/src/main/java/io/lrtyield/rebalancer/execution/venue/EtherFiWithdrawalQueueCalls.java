package io.lrtyield.rebalancer.execution.venue;

import io.lrtyield.rebalancer.execution.ContractCall;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.generated.Uint256;

import java.math.BigInteger;

/**
 * ether.fi's exit queue, mainnet signatures: {@code LiquidityPool.requestWithdraw(address recipient, uint256 amount)}
 * takes {@code amount} eETH from the caller (approve it to the pool first) and mints the recipient a
 * WithdrawRequestNFT; once the request is finalized, {@code WithdrawRequestNFT.claimWithdraw(uint256 tokenId)} pays
 * its owner and burns the NFT.
 */
public final class EtherFiWithdrawalQueueCalls {

    private EtherFiWithdrawalQueueCalls() {
    }

    /** The vault's eETH queued for ETH, the request NFT minted to the vault. */
    public static ContractCall requestWithdraw(String liquidityPool, String vault, BigInteger eEth) {
        return ContractCall.of(liquidityPool, BigInteger.ZERO, "requestWithdraw", new Address(vault), new Uint256(LidoCalls.positive(eEth)));
    }

    public static ContractCall claimWithdraw(String withdrawRequestNft, BigInteger tokenId) {
        return ContractCall.of(withdrawRequestNft, BigInteger.ZERO, "claimWithdraw", new Uint256(tokenId));
    }
}
