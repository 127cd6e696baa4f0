package io.lrtyield.devnet.deploy;

import org.web3j.crypto.Hash;

import java.util.ArrayList;
import java.util.List;

/**
 * The (target, selector) pairs the strategy vault lets its strategist call: every entry and exit action of the
 * catalogue's venues, with the mainnet signatures the rebalancer encodes. Nothing else (e.g. {@code transfer}) is allowed,
 * so a compromised strategist key cannot move funds out of the venues.
 */
public final class VaultAllowlist {

    static final String APPROVE = "approve(address,uint256)";

    /** One allowed call. */
    public record Pair(String target, String signature) {
        public String selector() {
            return Hash.sha3String(signature).substring(0, 10);
        }
    }

    private VaultAllowlist() {
    }

    public static List<Pair> pairs(DevnetDeployment d, MarketDeployment m) {
        List<Pair> p = new ArrayList<>();
        p.add(new Pair(d.stETH(), "submit(address)"));
        p.add(new Pair(d.wstETH(), "wrap(uint256)"));
        p.add(new Pair(d.wstETH(), "unwrap(uint256)"));
        p.add(new Pair(d.weth(), "deposit()"));
        p.add(new Pair(d.weth(), "withdraw(uint256)"));
        p.add(new Pair(d.rethDepositPool(), "deposit()"));
        p.add(new Pair(d.etherfiPool(), "deposit()"));
        p.add(new Pair(d.weETH(), "wrap(uint256)"));
        p.add(new Pair(d.weETH(), "unwrap(uint256)"));
        p.add(new Pair(d.renzoRestakeManager(), "depositETH()"));
        p.add(new Pair(d.kelpDepositPool(), "depositETH(uint256,string)"));
        p.add(new Pair(d.pufETH(), "depositETH(address)"));
        // the exits without a pool on devnet: rETH burns at the protocol rate, pufETH redeems (ERC-4626) for WETH
        p.add(new Pair(d.rETH(), "burn(uint256)"));
        p.add(new Pair(d.pufETH(), "redeem(uint256,address,address)"));
        for (String token : List.of(d.stETH(), d.wstETH(), d.weth(), d.rETH(), d.cbETH(), d.eETH(), d.weETH(), d.ezETH(),
                d.rsETH(), d.pufETH(), m.usdc(), m.pendlePt())) {
            p.add(new Pair(token, APPROVE));
        }
        for (String pool : List.of(m.curveStEthPool(), m.curveEEthPool())) {
            p.add(new Pair(pool, "exchange(int128,int128,uint256,uint256)"));
        }
        p.add(new Pair(m.aavePool(), "supply(address,uint256,address,uint16)"));
        p.add(new Pair(m.aavePool(), "withdraw(address,uint256,address)"));
        p.add(new Pair(m.aavePool(), "borrow(address,uint256,uint256,uint16,address)"));
        p.add(new Pair(m.aavePool(), "repay(address,uint256,uint256,address)"));
        p.add(new Pair(m.aavePool(), "setUserEMode(uint8)"));
        p.add(new Pair(m.pendleMarket(), "swapExactTokenForPt(address,uint256,uint256)"));
        p.add(new Pair(m.pendleMarket(), "swapExactPtForToken(address,uint256,uint256)"));
        p.add(new Pair(m.pendleMarket(), "redeemPt(address,uint256)"));
        p.add(new Pair(m.eigenStrategyManager(), "depositIntoStrategy(address,address,uint256)"));
        p.add(new Pair(m.eigenDelegationManager(), "queueWithdrawals((address[],uint256[],address)[])"));
        p.add(new Pair(m.eigenDelegationManager(),
                "completeQueuedWithdrawals((address,address,address,uint256,uint32,address[],uint256[])[],address[][],bool[])"));
        if (m.lidoWithdrawalQueue() != null) {
            p.add(new Pair(m.lidoWithdrawalQueue(), "requestWithdrawals(uint256[],address)"));
            p.add(new Pair(m.lidoWithdrawalQueue(), "claimWithdrawal(uint256)"));
        }
        if (m.renzoWithdrawQueue() != null) {
            p.add(new Pair(m.renzoWithdrawQueue(), "withdraw(uint256,address)"));
            p.add(new Pair(m.renzoWithdrawQueue(), "claim(uint256,address)"));
        }
        if (m.etherfiWithdrawRequestNFT() != null) {
            p.add(new Pair(d.etherfiPool(), "requestWithdraw(address,uint256)"));
            p.add(new Pair(m.etherfiWithdrawRequestNFT(), "claimWithdraw(uint256)"));
        }
        if (m.morpho() != null) {
            // Morpho Blue's supply side: the market's parameters travel as a static tuple
            p.add(new Pair(m.morpho().morpho(), "supply((address,address,address,address,uint256),uint256,uint256,address,bytes)"));
            p.add(new Pair(m.morpho().morpho(), "withdraw((address,address,address,address,uint256),uint256,uint256,address,address)"));
        }
        if (m.kelpWithdrawalManager() != null) {
            p.add(new Pair(m.kelpWithdrawalManager(), "initiateWithdrawal(address,uint256,string)"));
            p.add(new Pair(m.kelpWithdrawalManager(), "completeWithdrawal(address,string)"));
        }
        return p;
    }
}
