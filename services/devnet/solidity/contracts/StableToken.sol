// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import "./ReplicaToken.sol";

/// USDC-style stablecoin (mainnet USDC 0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48): 6 decimals, ERC-20, and the
/// FiatToken `mint(address,uint256)` restricted to the deployer, who seeds devnet accounts and venues.
contract StableToken is ReplicaToken {
    address public immutable owner;

    event Mint(address indexed minter, address indexed to, uint256 amount);

    constructor(string memory name_, string memory symbol_) ReplicaToken(name_, symbol_, 6) {
        owner = msg.sender;
    }

    function mint(address to, uint256 amount) external returns (bool) {
        require(msg.sender == owner, "StableToken: caller is not the owner");
        require(to != address(0), "StableToken: mint to the zero address");
        emit Mint(msg.sender, to, amount);
        _mint(to, amount);
        return true;
    }

    function _insufficientAllowanceReason() internal pure override returns (string memory) {
        return "ERC20: transfer amount exceeds allowance";
    }
}
