// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import "./ReplicaToken.sol";

interface IStETH {
    function getPooledEthByShares(uint256 sharesAmount) external view returns (uint256);
    function getSharesByPooledEth(uint256 ethAmount) external view returns (uint256);
    function submit(address referral) external payable returns (uint256);
    function transferShares(address to, uint256 sharesAmount) external returns (uint256);
    function transferSharesFrom(address from, address to, uint256 sharesAmount) external returns (uint256);
}

/// Replica of wstETH (mainnet 0x7f39C581F595B53c5cb19bD0b3f8dA6c935E2Ca0): 1 wei wstETH = 1 wei of stETH shares,
/// so stEthPerToken() accrues with every oracle report.
contract WstETH is ReplicaToken {
    IStETH public immutable stETH;

    constructor(IStETH stETH_) ReplicaToken("Wrapped liquid staked Ether 2.0", "wstETH", 18) {
        stETH = stETH_;
    }

    function wrap(uint256 _stETHAmount) external returns (uint256) {
        require(_stETHAmount > 0, "wstETH: can't wrap zero stETH");
        uint256 wstETHAmount = stETH.getSharesByPooledEth(_stETHAmount);
        _mint(msg.sender, wstETHAmount);
        stETH.transferSharesFrom(msg.sender, address(this), wstETHAmount);
        return wstETHAmount;
    }

    function unwrap(uint256 _wstETHAmount) external returns (uint256) {
        require(_wstETHAmount > 0, "wstETH: zero amount unwrap not allowed");
        uint256 stETHAmount = stETH.getPooledEthByShares(_wstETHAmount);
        _burn(msg.sender, _wstETHAmount);
        stETH.transferShares(msg.sender, _wstETHAmount);
        return stETHAmount;
    }

    /// Sending ETH stakes it and wraps the result, as on mainnet.
    receive() external payable {
        uint256 minted = stETH.submit{value: msg.value}(address(0));
        _mint(msg.sender, minted);
    }

    function getWstETHByStETH(uint256 _stETHAmount) external view returns (uint256) {
        return stETH.getSharesByPooledEth(_stETHAmount);
    }

    function getStETHByWstETH(uint256 _wstETHAmount) external view returns (uint256) {
        return stETH.getPooledEthByShares(_wstETHAmount);
    }

    function stEthPerToken() external view returns (uint256) {
        return stETH.getPooledEthByShares(1 ether);
    }

    function tokensPerStEth() external view returns (uint256) {
        return stETH.getSharesByPooledEth(1 ether);
    }
}
