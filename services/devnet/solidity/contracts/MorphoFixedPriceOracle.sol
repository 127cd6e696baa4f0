// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// A Morpho Blue oracle (IOracle.price()) for the devnet: the price of 1 collateral token in loan tokens, scaled by
/// 1e36 (with 36 + loan decimals - collateral decimals digits), set by its owner. Mainnet markets read Chainlink or
/// exchange-rate adapters through MorphoChainlinkOracleV2; the devnet moves this price to test health and liquidation.
contract MorphoFixedPriceOracle {
    address public immutable owner;
    uint256 public price;

    event PriceSet(uint256 price);

    constructor(uint256 price_) {
        owner = msg.sender;
        price = price_;
        emit PriceSet(price_);
    }

    function setPrice(uint256 price_) external {
        require(msg.sender == owner, "MorphoFixedPriceOracle: caller is not the owner");
        price = price_;
        emit PriceSet(price_);
    }
}
