package io.lrtyield.rebalancer.execution.venue;

import io.lrtyield.rebalancer.execution.ContractCall;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Uint256;

import java.math.BigInteger;

import static io.lrtyield.rebalancer.execution.venue.LidoCalls.positive;

/**
 * ETH deposits that mint a liquid (re)staking token to the caller — the vault: Rocket Pool's deposit pool (rETH),
 * ether.fi's LiquidityPool (eETH, then wrapped to weETH), Renzo's RestakeManager (ezETH), Kelp's LRTDepositPool
 * (rsETH, with an on-chain minimum) and Puffer's vault (pufETH, receiver = the vault); and the two protocol exits
 * the devnet replicates: rETH {@code burn} (ETH at the protocol rate, limited by the collateral) and the pufETH
 * ERC-4626 {@code redeem} (WETH, receiver and owner = the vault).
 */
public final class LiquidStakingDepositCalls {

    private final String vault;

    public LiquidStakingDepositCalls(String vault) {
        this.vault = vault;
    }

    /** RocketDepositPool {@code deposit() payable}. */
    public ContractCall rocketPoolDeposit(String depositPool, BigInteger ethWei) {
        return ContractCall.of(depositPool, positive(ethWei), "deposit");
    }

    /** ether.fi LiquidityPool {@code deposit() payable returns (uint256)}: mints eETH. */
    public ContractCall etherFiDeposit(String liquidityPool, BigInteger ethWei) {
        return ContractCall.of(liquidityPool, positive(ethWei), "deposit");
    }

    /** weETH {@code wrap(uint256 _eETHAmount)}: needs an eETH allowance of exactly {@code eEthWei} for weETH. */
    public ContractCall weEthWrap(String weETH, BigInteger eEthWei) {
        return ContractCall.of(weETH, BigInteger.ZERO, "wrap", new Uint256(positive(eEthWei)));
    }

    /** weETH {@code unwrap(uint256 _weETHAmount)}. */
    public ContractCall weEthUnwrap(String weETH, BigInteger weEthWei) {
        return ContractCall.of(weETH, BigInteger.ZERO, "unwrap", new Uint256(positive(weEthWei)));
    }

    /** Renzo RestakeManager {@code depositETH() payable}. */
    public ContractCall renzoDepositEth(String restakeManager, BigInteger ethWei) {
        return ContractCall.of(restakeManager, positive(ethWei), "depositETH");
    }

    /** Kelp LRTDepositPool {@code depositETH(uint256 minRSETHAmountExpected, string referralId) payable}. */
    public ContractCall kelpDepositEth(String depositPool, BigInteger ethWei, BigInteger minRsEthWei) {
        return ContractCall.of(depositPool, positive(ethWei), "depositETH", new Uint256(positive(minRsEthWei)),
                new Utf8String(""));
    }

    /** PufferVault {@code depositETH(address receiver) payable}: pufETH to the vault. */
    public ContractCall pufferDepositEth(String pufferVault, BigInteger ethWei) {
        return ContractCall.of(pufferVault, positive(ethWei), "depositETH", new Address(vault));
    }

    /** rETH {@code burn(uint256 _rethAmount)}: ETH at the protocol rate to the caller (no min-out argument). */
    public ContractCall rocketPoolBurn(String rETH, BigInteger rethWei) {
        return ContractCall.of(rETH, BigInteger.ZERO, "burn", new Uint256(positive(rethWei)));
    }

    /** PufferVault {@code redeem(uint256 shares, address receiver, address owner)}: WETH to the vault for its own pufETH. */
    public ContractCall pufferRedeem(String pufferVault, BigInteger shares) {
        return ContractCall.of(pufferVault, BigInteger.ZERO, "redeem", new Uint256(positive(shares)), new Address(vault),
                new Address(vault));
    }
}
