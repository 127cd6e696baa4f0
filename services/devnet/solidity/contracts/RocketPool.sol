// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import "./ReplicaToken.sol";

/// Replica of Rocket Pool's rETH (mainnet 0xae78736Cd615f374D3085123A210448E74Fc6393): the mainnet views
/// (getExchangeRate, getEthValue, getRethValue, getTotalCollateral) and burn. On mainnet the ETH backing is the
/// oracle DAO's network balance; here it is tracked as total ETH: deposits add to it, and the devnet market
/// simulator (oracle role) adds consensus rewards with accrueRewards and slashing with reportLoss.
/// The constructor deploys the RocketDepositPool (see depositPool()).
contract RocketTokenRETH is ReplicaToken {
    address public immutable oracle;
    RocketDepositPool public immutable depositPool;

    /// ETH backing all rETH (mainnet: RocketNetworkBalances.getTotalETHBalance()).
    uint256 public totalEthBalance;

    event EtherDeposited(address indexed from, uint256 amount, uint256 time);
    event TokensMinted(address indexed to, uint256 amount, uint256 ethAmount, uint256 time);
    event TokensBurned(address indexed from, uint256 amount, uint256 ethAmount, uint256 time);
    event BalancesUpdated(uint256 totalEth, uint256 rethSupply, uint256 time);

    constructor(address oracle_) ReplicaToken("Rocket Pool ETH", "rETH", 18) {
        oracle = oracle_;
        depositPool = new RocketDepositPool(this);
    }

    modifier onlyOracle() {
        require(msg.sender == oracle, "rETH: caller is not the oracle");
        _;
    }

    /// Collateral from the deposit pool and rewards.
    receive() external payable {
        emit EtherDeposited(msg.sender, msg.value, block.timestamp);
    }

    function getEthValue(uint256 _rethAmount) public view returns (uint256) {
        if (totalSupply == 0) {
            return _rethAmount;
        }
        return _rethAmount * totalEthBalance / totalSupply;
    }

    function getRethValue(uint256 _ethAmount) public view returns (uint256) {
        if (totalSupply == 0) {
            return _ethAmount;
        }
        require(totalEthBalance > 0, "Cannot calculate rETH token amount while total network balance is zero");
        return _ethAmount * totalSupply / totalEthBalance;
    }

    function getExchangeRate() external view returns (uint256) {
        return getEthValue(1 ether);
    }

    /// ETH available for burn: this contract's balance plus the deposit pool's excess balance.
    function getTotalCollateral() public view returns (uint256) {
        return depositPool.getExcessBalance() + address(this).balance;
    }

    /// Collateral rate, 1e18-scaled (as on mainnet).
    function getCollateralRate() external view returns (uint256) {
        uint256 totalEthValue = getEthValue(totalSupply);
        if (totalEthValue == 0) {
            return 1 ether;
        }
        return 1 ether * getTotalCollateral() / totalEthValue;
    }

    /// Called by the deposit pool: mints rETH for ETH already received by the pool, at the pre-deposit rate.
    function mint(uint256 _ethAmount, address _to) external {
        require(msg.sender == address(depositPool), "rETH: caller is not the deposit pool");
        uint256 rethAmount = getRethValue(_ethAmount);
        require(rethAmount > 0, "Invalid token mint amount");
        totalEthBalance += _ethAmount;
        _mint(_to, rethAmount);
        emit TokensMinted(_to, rethAmount, _ethAmount, block.timestamp);
    }

    /// Redeems rETH for ETH at the protocol rate, limited by the collateral.
    function burn(uint256 _rethAmount) external {
        require(_rethAmount > 0, "Invalid token burn amount");
        require(balanceOf[msg.sender] >= _rethAmount, "Insufficient rETH balance");
        uint256 ethAmount = getEthValue(_rethAmount);
        require(ethAmount > 0, "Invalid token burn amount");
        require(getTotalCollateral() >= ethAmount, "Insufficient ETH balance for exchange");
        balanceOf[msg.sender] -= _rethAmount;
        totalSupply -= _rethAmount;
        totalEthBalance -= ethAmount;
        uint256 own = address(this).balance;
        if (own < ethAmount) {
            depositPool.withdrawExcessBalance(ethAmount - own);
        }
        emit Transfer(msg.sender, address(0), _rethAmount);
        emit TokensBurned(msg.sender, _rethAmount, ethAmount, block.timestamp);
        (bool ok,) = payable(msg.sender).call{value: ethAmount}("");
        require(ok, "rETH: ETH transfer failed");
    }

    /// Simulator hook (oracle role): consensus rewards arrive as ETH and raise the backing, hence the rate.
    function accrueRewards() external payable onlyOracle {
        totalEthBalance += msg.value;
        emit EtherDeposited(msg.sender, msg.value, block.timestamp);
        emit BalancesUpdated(totalEthBalance, totalSupply, block.timestamp);
    }

    /// Simulator hook (oracle role): a slashing loss lowers the backing, hence the rate. The ETH stays as collateral.
    function reportLoss(uint256 amountWei) external onlyOracle {
        require(amountWei <= totalEthBalance, "rETH: loss exceeds backing");
        totalEthBalance -= amountWei;
        emit BalancesUpdated(totalEthBalance, totalSupply, block.timestamp);
    }

    function _insufficientAllowanceReason() internal pure override returns (string memory) {
        return "ERC20: transfer amount exceeds allowance";
    }
}

/// Replica of Rocket Pool's RocketDepositPool (mainnet 0xCE15294273CFb9D9b628F4D61636623decDF4fdC): deposit()
/// mints rETH at the current rate (no deposit fee, no minipool queue: every deposited ETH stays as excess balance,
/// which rETH burns can draw on). Deployed by RocketTokenRETH's constructor.
contract RocketDepositPool {
    RocketTokenRETH public immutable rocketTokenRETH;

    event DepositReceived(address indexed from, uint256 amount, uint256 time);
    event ExcessWithdrawn(address indexed to, uint256 amount, uint256 time);

    constructor(RocketTokenRETH reth) {
        rocketTokenRETH = reth;
    }

    function deposit() external payable {
        require(msg.value > 0, "The deposited amount is less than the minimum deposit size");
        emit DepositReceived(msg.sender, msg.value, block.timestamp);
        rocketTokenRETH.mint(msg.value, msg.sender);
    }

    function getBalance() external view returns (uint256) {
        return address(this).balance;
    }

    function getExcessBalance() external view returns (uint256) {
        return address(this).balance;
    }

    /// rETH pulls collateral for burns.
    function withdrawExcessBalance(uint256 _amount) external {
        require(msg.sender == address(rocketTokenRETH), "Invalid or outdated network contract");
        require(_amount <= address(this).balance, "Insufficient excess balance for withdrawal");
        emit ExcessWithdrawn(msg.sender, _amount, block.timestamp);
        (bool ok,) = payable(msg.sender).call{value: _amount}("");
        require(ok, "RocketDepositPool: ETH transfer failed");
    }
}
