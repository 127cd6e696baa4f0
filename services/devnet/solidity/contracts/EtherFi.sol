// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import "./ReplicaToken.sol";

/// Replica of ether.fi's LiquidityPool (mainnet 0x308861A430be4cce5502d0A12724771Fc6DaF216): deposit() mints eETH
/// shares at pooled ETH / total shares, and the mainnet share views. Rewards and slashing come from the devnet
/// market simulator (oracle role) through accrueRewards / reportLoss, as the mainnet rebase does.
/// The constructor deploys the EETH token (see eETH()).
contract EtherFiLiquidityPool {
    address public immutable oracle;
    EETH public immutable eETH;
    uint256 private totalPooledEther;

    event Deposit(address indexed sender, uint256 amount, uint256 shares);
    event Rebase(uint256 totalEthLocked, uint256 totalEEthShares);

    constructor(address oracle_) {
        oracle = oracle_;
        eETH = new EETH(this);
    }

    modifier onlyOracle() {
        require(msg.sender == oracle, "LiquidityPool: caller is not the oracle");
        _;
    }

    function deposit() external payable returns (uint256) {
        uint256 share = _sharesForDepositAmount(msg.value);
        require(msg.value > 0 && share > 0, "LiquidityPool: invalid amount");
        totalPooledEther += msg.value;
        eETH.mintShares(msg.sender, share);
        emit Deposit(msg.sender, msg.value, share);
        return share;
    }

    function getTotalPooledEther() public view returns (uint256) {
        return totalPooledEther;
    }

    function getTotalEtherClaimOf(address _user) external view returns (uint256) {
        return amountForShare(eETH.shares(_user));
    }

    function sharesForAmount(uint256 _amount) public view returns (uint256) {
        if (totalPooledEther == 0) {
            return 0;
        }
        return _amount * eETH.totalShares() / totalPooledEther;
    }

    function amountForShare(uint256 _share) public view returns (uint256) {
        uint256 totalShares = eETH.totalShares();
        if (totalShares == 0) {
            return 0;
        }
        return _share * totalPooledEther / totalShares;
    }

    /// Simulator hook (oracle role): rewards arrive as ETH and raise pooled ETH (eETH rebases up, weETH rate rises).
    function accrueRewards() external payable onlyOracle {
        totalPooledEther += msg.value;
        emit Rebase(totalPooledEther, eETH.totalShares());
    }

    /// Simulator hook (oracle role): a slashing loss lowers pooled ETH. The ETH stays in the pool, uncounted.
    function reportLoss(uint256 amountWei) external onlyOracle {
        require(amountWei <= totalPooledEther, "LiquidityPool: loss exceeds pooled ETH");
        totalPooledEther -= amountWei;
        emit Rebase(totalPooledEther, eETH.totalShares());
    }

    function _sharesForDepositAmount(uint256 _depositAmount) internal view returns (uint256) {
        if (totalPooledEther == 0) {
            return _depositAmount;
        }
        return _depositAmount * eETH.totalShares() / totalPooledEther;
    }
}

/// Replica of ether.fi eETH (mainnet 0x35fA164735182de50811E8e2E824cFb9B6118ac2): rebasing ERC-20 over the
/// liquidity pool's shares; balanceOf = amountForShare(shares), transfers move sharesForAmount(amount).
contract EETH {
    string public constant name = "ether.fi ETH";
    string public constant symbol = "eETH";
    uint8 public constant decimals = 18;

    EtherFiLiquidityPool public immutable liquidityPool;
    uint256 public totalShares;
    mapping(address => uint256) public shares;
    mapping(address => mapping(address => uint256)) public allowance;

    event Transfer(address indexed from, address indexed to, uint256 value);
    event TransferShares(address indexed from, address indexed to, uint256 sharesValue);
    event Approval(address indexed owner, address indexed spender, uint256 value);

    constructor(EtherFiLiquidityPool pool) {
        liquidityPool = pool;
    }

    function mintShares(address _user, uint256 _share) external {
        require(msg.sender == address(liquidityPool), "eETH: Only pool contract function");
        shares[_user] += _share;
        totalShares += _share;
        emit Transfer(address(0), _user, liquidityPool.amountForShare(_share));
        emit TransferShares(address(0), _user, _share);
    }

    function totalSupply() external view returns (uint256) {
        return liquidityPool.getTotalPooledEther();
    }

    function balanceOf(address _user) external view returns (uint256) {
        return liquidityPool.amountForShare(shares[_user]);
    }

    function approve(address spender, uint256 amount) external returns (bool) {
        allowance[msg.sender][spender] = amount;
        emit Approval(msg.sender, spender, amount);
        return true;
    }

    function transfer(address to, uint256 amount) external returns (bool) {
        _transfer(msg.sender, to, amount);
        return true;
    }

    function transferFrom(address from, address to, uint256 amount) external returns (bool) {
        uint256 allowed = allowance[from][msg.sender];
        require(allowed >= amount, "TRANSFER_AMOUNT_EXCEEDS_ALLOWANCE");
        if (allowed != type(uint256).max) {
            allowance[from][msg.sender] = allowed - amount;
        }
        _transfer(from, to, amount);
        return true;
    }

    function _transfer(address from, address to, uint256 amount) internal {
        require(from != address(0) && to != address(0), "TRANSFER_ZERO_ADDRESS");
        uint256 sharesToTransfer = liquidityPool.sharesForAmount(amount);
        require(sharesToTransfer <= shares[from], "TRANSFER_AMOUNT_EXCEEDS_BALANCE");
        shares[from] -= sharesToTransfer;
        shares[to] += sharesToTransfer;
        emit Transfer(from, to, amount);
        emit TransferShares(from, to, sharesToTransfer);
    }
}

/// Replica of ether.fi weETH (mainnet 0xCd5fE23C85820F7B72D0926FC9b05b43E359b7ee): non-rebasing wrapper, 1 weETH
/// = 1 eETH share; getRate() = eETH per weETH (Balancer IRateProvider).
contract WeETH is ReplicaToken {
    EtherFiLiquidityPool public immutable liquidityPool;
    EETH public immutable eETH;

    constructor(EtherFiLiquidityPool pool) ReplicaToken("Wrapped eETH", "weETH", 18) {
        liquidityPool = pool;
        eETH = pool.eETH();
    }

    function wrap(uint256 _eETHAmount) external returns (uint256) {
        require(_eETHAmount > 0, "weETH: can't wrap zero eETH");
        uint256 weEthAmount = liquidityPool.sharesForAmount(_eETHAmount);
        _mint(msg.sender, weEthAmount);
        eETH.transferFrom(msg.sender, address(this), _eETHAmount);
        return weEthAmount;
    }

    function unwrap(uint256 _weETHAmount) external returns (uint256) {
        require(_weETHAmount > 0, "Cannot unwrap a zero amount");
        uint256 eETHAmount = liquidityPool.amountForShare(_weETHAmount);
        _burn(msg.sender, _weETHAmount);
        eETH.transfer(msg.sender, eETHAmount);
        return eETHAmount;
    }

    function getWeETHByeETH(uint256 _eETHAmount) public view returns (uint256) {
        return liquidityPool.sharesForAmount(_eETHAmount);
    }

    function getEETHByWeETH(uint256 _weETHAmount) public view returns (uint256) {
        return liquidityPool.amountForShare(_weETHAmount);
    }

    function getRate() external view returns (uint256) {
        return getEETHByWeETH(1 ether);
    }
}
