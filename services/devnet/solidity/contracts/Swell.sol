// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import "./ReplicaToken.sol";

/// Replica of Swell's rswETH (mainnet 0xFAe103DC9cf190eD75350761e95403b7b8aFa6c0), the token that is its own rate
/// provider: getRate() = rswETHToETHRate() = ETH per rswETH (1e18), ethToRswETHRate() its inverse, deposit() payable
/// mints at ethToRswETHRate(). On mainnet a bot reprices the stored rate through the RepricingOracle; the replica
/// derives it from the ETH it holds over the supply (1:1 before the first deposit), and the devnet market simulator
/// (oracle role) adds restaking rewards with accrueRewards, so the rate moves only when the oracle reports.
contract RswETH is ReplicaToken {
    uint256 private constant ONE = 1e18;

    address public immutable oracle;

    event ETHDepositReceived(address indexed from, uint256 amount, uint256 swETHMinted, uint256 newTotalETHDeposited);
    event RewardsAccrued(uint256 amount, uint256 totalETH);

    constructor(address oracle_) ReplicaToken("rswETH", "rswETH", 18) {
        oracle = oracle_;
    }

    modifier onlyOracle() {
        require(msg.sender == oracle, "RswETH: caller is not the oracle");
        _;
    }

    /// ETH backing the supply: every deposit and every reward the oracle sent.
    function totalETHDeposited() public view returns (uint256) {
        return address(this).balance;
    }

    function rswETHToETHRate() public view returns (uint256) {
        return totalSupply == 0 ? ONE : totalETHDeposited() * ONE / totalSupply;
    }

    function ethToRswETHRate() public view returns (uint256) {
        return totalSupply == 0 ? ONE : totalSupply * ONE / totalETHDeposited();
    }

    /// The rate-provider view (Balancer-style), as mainnet's getRate().
    function getRate() external view returns (uint256) {
        return rswETHToETHRate();
    }

    /// Mints at the rate before the deposit counts.
    function deposit() external payable {
        require(msg.value > 0, "RswETH: cannot deposit 0 ETH");
        uint256 minted = msg.value * ethToRswETHRateBefore(msg.value) / ONE;
        _mint(msg.sender, minted);
        emit ETHDepositReceived(msg.sender, msg.value, minted, totalETHDeposited());
    }

    /// Simulator hook (oracle role): restaking rewards arrive as ETH and lift the rate.
    function accrueRewards() external payable onlyOracle {
        emit RewardsAccrued(msg.value, totalETHDeposited());
    }

    /// ethToRswETHRate() as it was before `value` (already in the balance) arrived.
    function ethToRswETHRateBefore(uint256 value) internal view returns (uint256) {
        uint256 before = totalETHDeposited() - value;
        return totalSupply == 0 || before == 0 ? ONE : totalSupply * ONE / before;
    }
}
