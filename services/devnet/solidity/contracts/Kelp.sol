// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import "./ReplicaToken.sol";

/// Replica of Kelp's rsETH (mainnet 0xA1290d69c65A6Fe4DF752f95823fae25cB99e5A7): ERC-20 minted and burned only
/// by the LRTDepositPool. Deployed by LRTDepositPool's constructor.
contract RSETH is ReplicaToken {
    address public immutable depositPool;

    constructor(address depositPool_) ReplicaToken("rsETH", "rsETH", 18) {
        depositPool = depositPool_;
    }

    modifier onlyDepositPool() {
        require(msg.sender == depositPool, "RSETH: caller is not the deposit pool");
        _;
    }

    function mint(address to, uint256 amount) external onlyDepositPool {
        _mint(to, amount);
    }

    function burnFrom(address account, uint256 amount) external onlyDepositPool {
        _burn(account, amount);
    }
}

/// Replica of Kelp's LRTDepositPool (mainnet 0x036676389e48133B63a802f8635AD39E752D375D): depositETH mints rsETH
/// at amount * getAssetPrice(ETH) / rsETHPrice(), the oracle's STORED price. Only native ETH is supported. The
/// devnet market simulator (oracle role) adds restaking rewards with accrueRewards and slashing with reportLoss;
/// neither moves rsETHPrice until someone calls LRTOracle.updateRSETHPrice(), as on mainnet.
/// The constructor deploys RSETH and LRTOracle (see rsETH() and lrtOracle()).
contract LRTDepositPool {
    /// LRTConstants.ETH_TOKEN
    address public constant ETH_TOKEN = 0xEeeeeEeeeEeEeeEeEeEeeEEEeeeeEeeeeeeeEEeE;

    address public immutable oracle;
    RSETH public immutable rsETH;
    LRTOracle public immutable lrtOracle;
    uint256 private totalETHDeposits;

    event ETHDeposit(address indexed depositor, uint256 depositAmount, uint256 rsethMintAmount, string referralId);
    event AssetDepositsUpdated(address indexed asset, uint256 totalDeposits);

    constructor(address oracle_) {
        oracle = oracle_;
        rsETH = new RSETH(address(this));
        lrtOracle = new LRTOracle(this, rsETH);
    }

    modifier onlyOracle() {
        require(msg.sender == oracle, "LRTDepositPool: caller is not the oracle");
        _;
    }

    function depositETH(uint256 minRSETHAmountExpected, string calldata referralId) external payable {
        require(msg.value > 0, "LRTDepositPool: invalid amount to deposit");
        uint256 rsethAmountToMint = getRsETHAmountToMint(ETH_TOKEN, msg.value);
        require(rsethAmountToMint >= minRSETHAmountExpected, "LRTDepositPool: minimum amount to receive not met");
        totalETHDeposits += msg.value;
        rsETH.mint(msg.sender, rsethAmountToMint);
        emit ETHDeposit(msg.sender, msg.value, rsethAmountToMint, referralId);
    }

    function getRsETHAmountToMint(address asset, uint256 amount) public view returns (uint256 rsethAmountToMint) {
        rsethAmountToMint = (amount * lrtOracle.getAssetPrice(asset)) / lrtOracle.rsETHPrice();
    }

    /// All ETH backing rsETH (mainnet: deposit pool + node delegators + EigenLayer + unstaking vault).
    function getTotalAssetDeposits(address asset) public view returns (uint256) {
        require(asset == ETH_TOKEN, "LRTDepositPool: asset not supported");
        return totalETHDeposits;
    }

    /// Simulator hook (oracle role): rewards arrive as ETH and raise the deposits; the price follows on update.
    function accrueRewards() external payable onlyOracle {
        totalETHDeposits += msg.value;
        emit AssetDepositsUpdated(ETH_TOKEN, totalETHDeposits);
    }

    /// Simulator hook (oracle role): a slashing loss lowers the deposits. The ETH stays in the pool, uncounted.
    function reportLoss(uint256 amountWei) external onlyOracle {
        require(amountWei <= totalETHDeposits, "LRTDepositPool: loss exceeds deposits");
        totalETHDeposits -= amountWei;
        emit AssetDepositsUpdated(ETH_TOKEN, totalETHDeposits);
    }
}

/// Replica of Kelp's LRTOracle (mainnet 0x349A73444b1a310BAe67ef67973022020d70020d): rsETHPrice is a stored
/// value, ETH per rsETH (1e18), refreshed only by updateRSETHPrice() (permissionless here).
contract LRTOracle {
    address public constant ETH_TOKEN = 0xEeeeeEeeeEeEeeEeEeEeeEEEeeeeEeeeeeeeEEeE;

    LRTDepositPool public immutable depositPool;
    RSETH public immutable rsETH;
    uint256 public rsETHPrice;

    event RsETHPriceUpdate(uint256 newPrice);

    constructor(LRTDepositPool depositPool_, RSETH rsETH_) {
        depositPool = depositPool_;
        rsETH = rsETH_;
        rsETHPrice = 1 ether;
    }

    function getAssetPrice(address asset) public pure returns (uint256) {
        require(asset == ETH_TOKEN, "LRTOracle: asset not supported");
        return 1 ether;
    }

    function updateRSETHPrice() external {
        uint256 rsEthSupply = rsETH.totalSupply();
        if (rsEthSupply == 0) {
            rsETHPrice = 1 ether;
        } else {
            uint256 totalETHInPool = depositPool.getTotalAssetDeposits(ETH_TOKEN) * getAssetPrice(ETH_TOKEN);
            rsETHPrice = totalETHInPool / rsEthSupply;
        }
        emit RsETHPriceUpdate(rsETHPrice);
    }
}
