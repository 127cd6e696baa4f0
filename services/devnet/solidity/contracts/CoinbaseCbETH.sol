// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// Replica of Coinbase cbETH (mainnet 0xBe9895146f7AF43049ca1c1AE358B0541Ea49704, StakedTokenV1): ERC-20 whose
/// exchangeRate() (ETH per cbETH, 1e18) is pushed off-chain by an oracle role with updateExchangeRate, here the
/// devnet market simulator. A minter role seeds balances with the FiatToken mint(address,uint256).
contract CoinbaseCbETH {
    string public constant name = "Coinbase Wrapped Staked ETH";
    string public constant symbol = "cbETH";
    uint8 public constant decimals = 18;
    string public constant currency = "ETH";

    address public immutable oracle;
    address public immutable minter;
    uint256 private _exchangeRate = 1 ether;

    uint256 public totalSupply;
    mapping(address => uint256) public balanceOf;
    mapping(address => mapping(address => uint256)) public allowance;

    event Transfer(address indexed from, address indexed to, uint256 value);
    event Approval(address indexed owner, address indexed spender, uint256 value);
    event Mint(address indexed minter, address indexed to, uint256 amount);
    event Burn(address indexed burner, uint256 amount);
    event ExchangeRateUpdated(address indexed oracle, uint256 newExchangeRate);

    constructor(address oracle_, address minter_) {
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
        totalSupply += _amount;
        balanceOf[_to] += _amount;
        emit Mint(msg.sender, _to, _amount);
        emit Transfer(address(0), _to, _amount);
        return true;
    }

    function burn(uint256 _amount) external {
        require(msg.sender == minter, "FiatToken: caller is not a minter");
        require(_amount > 0, "FiatToken: burn amount not greater than 0");
        require(balanceOf[msg.sender] >= _amount, "FiatToken: burn amount exceeds balance");
        totalSupply -= _amount;
        balanceOf[msg.sender] -= _amount;
        emit Burn(msg.sender, _amount);
        emit Transfer(msg.sender, address(0), _amount);
    }

    function approve(address spender, uint256 amount) external returns (bool) {
        allowance[msg.sender][spender] = amount;
        emit Approval(msg.sender, spender, amount);
        return true;
    }

    function transfer(address to, uint256 amount) external returns (bool) {
        _move(msg.sender, to, amount);
        return true;
    }

    function transferFrom(address from, address to, uint256 amount) external returns (bool) {
        uint256 allowed = allowance[from][msg.sender];
        require(allowed >= amount, "ERC20: transfer amount exceeds allowance");
        if (allowed != type(uint256).max) {
            allowance[from][msg.sender] = allowed - amount;
        }
        _move(from, to, amount);
        return true;
    }

    function _move(address from, address to, uint256 amount) internal {
        require(to != address(0), "ERC20: transfer to the zero address");
        require(balanceOf[from] >= amount, "ERC20: transfer amount exceeds balance");
        balanceOf[from] -= amount;
        balanceOf[to] += amount;
        emit Transfer(from, to, amount);
    }
}
