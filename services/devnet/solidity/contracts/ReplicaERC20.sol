// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import "./ReplicaToken.sol";

/// Plain 18-decimal ERC-20 for the devnet and its tests: the deployer is the owner and the only minter.
contract ReplicaERC20 is ReplicaToken {
    address public immutable owner;

    constructor(string memory name_, string memory symbol_) ReplicaToken(name_, symbol_, 18) {
        owner = msg.sender;
    }

    function mint(address to, uint256 amount) external {
        require(msg.sender == owner, "ReplicaERC20: not owner");
        require(to != address(0), "ERC20: mint to the zero address");
        _mint(to, amount);
    }
}
