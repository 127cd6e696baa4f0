// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import "./ReplicaToken.sol";

/// Replica of Coinbase cbETH (mainnet 0xBe9895146f7AF43049ca1c1AE358B0541Ea49704, StakedTokenV1): ERC-20 whose
/// exchangeRate() (ETH per cbETH, 1e18) is pushed off-chain by an oracle role with updateExchangeRate, here the
/// devnet market simulator. A minter role seeds balances with the FiatToken mint(address,uint256).
contract CoinbaseCbETH is ReplicaToken {
    string public constant currency = "ETH";

    address public immutable oracle;
    address public immutable minter;
    uint256 private _exchangeRate = 1 ether;

    event Mint(address indexed minter, address indexed to, uint256 amount);
    event Burn(address indexed burner, uint256 amount);
    event ExchangeRateUpdated(address indexed oracle, uint256 newExchangeRate);

    constructor(address oracle_, address minter_) ReplicaToken("Coinbase Wrapped Staked ETH", "cbETH", 18) {
        oracle = oracle_;
        minter = minter_;
    }

    function exchangeRate() external view returns (uint256) {
        return _exchangeRate;
    }

    function updateExchangeRate(uint256 newExchangeRate) external {
        require(msg.sender == oracle, "StakedTokenV1: caller is not the oracle");
        require(newExchangeRate > 0, "StakedTokenV1: new exchange rate cannot be 0");
        _exchangeRate = newExchangeRate;
        emit ExchangeRateUpdated(msg.sender, newExchangeRate);
    }

    function mint(address _to, uint256 _amount) external returns (bool) {
        require(msg.sender == minter, "FiatToken: caller is not a minter");
        require(_to != address(0), "FiatToken: mint to the zero address");
        require(_amount > 0, "FiatToken: mint amount not greater than 0");
        emit Mint(msg.sender, _to, _amount);
        _mint(_to, _amount);
        return true;
    }

    function burn(uint256 _amount) external {
        require(msg.sender == minter, "FiatToken: caller is not a minter");
        require(_amount > 0, "FiatToken: burn amount not greater than 0");
        require(balanceOf[msg.sender] >= _amount, "FiatToken: burn amount exceeds balance");
        emit Burn(msg.sender, _amount);
        _burn(msg.sender, _amount);
    }

    function _insufficientAllowanceReason() internal pure override returns (string memory) {
        return "ERC20: transfer amount exceeds allowance";
    }
}
