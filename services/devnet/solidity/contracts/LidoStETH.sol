// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// Replica of Lido's stETH (mainnet 0xae7ab96520DE3A18E5e111B5EaAb095312D7fE84): share-based rebasing token with
/// the mainnet view and staking signatures. Rewards arrive through an oracle report, as on mainnet, here sent by
/// the devnet market simulator with the ETH that backs them.
contract LidoStETH {
    string public constant name = "Liquid staked Ether 2.0";
    string public constant symbol = "stETH";
    uint8 public constant decimals = 18;

    address public immutable oracle;
    uint256 private totalPooledEther;
    uint256 private totalShares;
    mapping(address => uint256) private shares;
    mapping(address => mapping(address => uint256)) private allowances;
    bool public isStakingPaused;

    event Transfer(address indexed from, address indexed to, uint256 value);
    event TransferShares(address indexed from, address indexed to, uint256 sharesValue);
    event Approval(address indexed owner, address indexed spender, uint256 value);
    event Submitted(address indexed sender, uint256 amount, address referral);
    event TokenRebased(uint256 indexed reportTimestamp, uint256 timeElapsed, uint256 preTotalShares,
        uint256 preTotalEther, uint256 postTotalShares, uint256 postTotalEther, uint256 sharesMintedAsFees);

    uint256 private lastReportTimestamp;

    constructor(address oracle_) payable {
        oracle = oracle_;
        lastReportTimestamp = block.timestamp;
        // bootstrap like mainnet's initial holder: 1 ETH at 1 share per ETH so the rate is defined
        require(msg.value > 0, "stETH: seed required");
        totalPooledEther = msg.value;
        totalShares = msg.value;
        shares[address(0xdead)] = msg.value;
    }

    function submit(address _referral) external payable returns (uint256) {
        require(!isStakingPaused, "STAKING_PAUSED");
        require(msg.value > 0, "ZERO_DEPOSIT");
        uint256 minted = getSharesByPooledEth(msg.value);
        totalShares += minted;
        totalPooledEther += msg.value;
        shares[msg.sender] += minted;
        emit Submitted(msg.sender, msg.value, _referral);
        emit Transfer(address(0), msg.sender, getPooledEthByShares(minted));
        emit TransferShares(address(0), msg.sender, minted);
        return minted;
    }

    /// Oracle report: the consensus-layer rewards, sent as ETH. A loss (slashing) is reported with a negative delta.
    function handleOracleReport(int256 rewardsDelta) external payable {
        require(msg.sender == oracle, "APP_AUTH_FAILED");
        uint256 preShares = totalShares;
        uint256 preEther = totalPooledEther;
        if (rewardsDelta >= 0) {
            require(msg.value == uint256(rewardsDelta), "stETH: rewards must be funded");
            totalPooledEther += uint256(rewardsDelta);
        } else {
            require(msg.value == 0, "stETH: loss takes no ETH");
            totalPooledEther -= uint256(-rewardsDelta);
        }
        emit TokenRebased(block.timestamp, block.timestamp - lastReportTimestamp, preShares, preEther, totalShares,
            totalPooledEther, 0);
        lastReportTimestamp = block.timestamp;
    }

    function setStakingPaused(bool paused) external {
        require(msg.sender == oracle, "APP_AUTH_FAILED");
        isStakingPaused = paused;
    }

    function getTotalPooledEther() external view returns (uint256) {
        return totalPooledEther;
    }

    function getTotalShares() external view returns (uint256) {
        return totalShares;
    }

    function sharesOf(address account) external view returns (uint256) {
        return shares[account];
    }

    function getPooledEthByShares(uint256 sharesAmount) public view returns (uint256) {
        return sharesAmount * totalPooledEther / totalShares;
    }

    function getSharesByPooledEth(uint256 ethAmount) public view returns (uint256) {
        return ethAmount * totalShares / totalPooledEther;
    }

    function totalSupply() external view returns (uint256) {
        return totalPooledEther;
    }

    function balanceOf(address account) external view returns (uint256) {
        return getPooledEthByShares(shares[account]);
    }

    function allowance(address owner, address spender) external view returns (uint256) {
        return allowances[owner][spender];
    }

    function approve(address spender, uint256 amount) external returns (bool) {
        allowances[msg.sender][spender] = amount;
        emit Approval(msg.sender, spender, amount);
        return true;
    }

    function transfer(address to, uint256 amount) external returns (bool) {
        _transferShares(msg.sender, to, getSharesByPooledEth(amount));
        emit Transfer(msg.sender, to, amount);
        return true;
    }

    function transferFrom(address from, address to, uint256 amount) external returns (bool) {
        uint256 allowed = allowances[from][msg.sender];
        require(allowed >= amount, "ALLOWANCE_EXCEEDED");
        if (allowed != type(uint256).max) {
            allowances[from][msg.sender] = allowed - amount;
        }
        _transferShares(from, to, getSharesByPooledEth(amount));
        emit Transfer(from, to, amount);
        return true;
    }

    function transferShares(address to, uint256 sharesAmount) external returns (uint256) {
        _transferShares(msg.sender, to, sharesAmount);
        uint256 amount = getPooledEthByShares(sharesAmount);
        emit Transfer(msg.sender, to, amount);
        return amount;
    }

    function transferSharesFrom(address from, address to, uint256 sharesAmount) external returns (uint256) {
        uint256 amount = getPooledEthByShares(sharesAmount);
        uint256 allowed = allowances[from][msg.sender];
        require(allowed >= amount, "ALLOWANCE_EXCEEDED");
        if (allowed != type(uint256).max) {
            allowances[from][msg.sender] = allowed - amount;
        }
        _transferShares(from, to, sharesAmount);
        emit Transfer(from, to, amount);
        return amount;
    }

    function _transferShares(address from, address to, uint256 sharesAmount) internal {
        require(to != address(0), "TRANSFER_TO_ZERO_ADDR");
        require(shares[from] >= sharesAmount, "BALANCE_EXCEEDED");
        shares[from] -= sharesAmount;
        shares[to] += sharesAmount;
        emit TransferShares(from, to, sharesAmount);
    }
}
