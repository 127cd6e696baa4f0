// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import "./IssuerAdmin.sol";
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
contract LRTDepositPool is IssuerAdmin {
    /// LRTConstants.ETH_TOKEN
    address public constant ETH_TOKEN = 0xEeeeeEeeeEeEeeEeEeEeeEEEeeeeEeeeeeeeEEeE;

    address public immutable override oracle;
    RSETH public immutable rsETH;
    LRTOracle public immutable lrtOracle;
    uint256 private totalETHDeposits;
    /// the LRTWithdrawalManager that redeems rsETH out of the deposits (set once by the oracle role)
    address public withdrawalManager;
    /// the NodeDelegators restaking the deposits in EigenLayer (mainnet view getNodeDelegatorQueue)
    address[] internal nodeDelegatorQueue;

    event NodeDelegatorAddedinQueue(address[] nodeDelegatorContracts);

    event ETHDeposit(address indexed depositor, uint256 depositAmount, uint256 rsethMintAmount, string referralId);
    event AssetDepositsUpdated(address indexed asset, uint256 totalDeposits);

    /// OpenZeppelin PausableUpgradeable, as mainnet's LRTDepositPool: pause() (LRT manager) and unpause() (LRT admin) —
    /// both the oracle role here — emit Paused(address) / Unpaused(address); depositETH reverts while paused.
    function pause() external onlyOracle {
        require(!paused, "Pausable: paused");
        _setPaused(true);
    }

    function unpause() external onlyOracle {
        require(paused, "Pausable: not paused");
        _setPaused(false);
    }

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
        require(!paused, "Pausable: paused");
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

    function getNodeDelegatorQueue() external view returns (address[] memory) {
        return nodeDelegatorQueue;
    }

    /// Mainnet name (admin role: the oracle here). The deposits the replica keeps in storage are not moved: where the
    /// ETH is restaked is what the NodeDelegators' EigenLayer shares say.
    function addNodeDelegatorContractToQueue(address[] calldata nodeDelegatorContracts) external onlyOracle {
        for (uint256 i = 0; i < nodeDelegatorContracts.length; i++) {
            nodeDelegatorQueue.push(nodeDelegatorContracts[i]);
        }
        emit NodeDelegatorAddedinQueue(nodeDelegatorContracts);
    }

    /// Replica wiring (oracle role, once): the LRTWithdrawalManager allowed to redeem rsETH.
    function setWithdrawalManager(address manager) external onlyOracle {
        require(withdrawalManager == address(0) && manager != address(0), "LRTDepositPool: withdrawal manager already set");
        withdrawalManager = manager;
    }

    /// LRTWithdrawalManager's unlock: burns the rsETH it holds for the unlocked requests and sends it their ETH, which
    /// leaves the deposits (mainnet: the unstaking vault's ETH moves to the withdrawal manager).
    function redeemForWithdrawal(uint256 rsETHAmount, uint256 ethAmount) external {
        require(msg.sender == withdrawalManager, "LRTDepositPool: caller is not the withdrawal manager");
        require(ethAmount <= totalETHDeposits, "LRTDepositPool: redemption exceeds deposits");
        totalETHDeposits -= ethAmount;
        rsETH.burnFrom(msg.sender, rsETHAmount);
        emit AssetDepositsUpdated(ETH_TOKEN, totalETHDeposits);
        (bool ok,) = msg.sender.call{value: ethAmount}("");
        require(ok, "LRTDepositPool: ETH transfer failed");
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
    /// mainnet ILRTOracle: emitted by updatePriceOracleFor when the price oracle of a deposit asset is replaced
    event AssetPriceOracleUpdate(address indexed asset, address indexed priceOracle);

    /// the price oracle of each deposit asset (mainnet assetPriceOracle). The replica prices ETH at 1 whatever is set:
    /// the event is what a watcher reacts to.
    mapping(address => address) public assetPriceOracle;

    /// Mainnet name and arguments (LRT manager role: the deposit pool's oracle role here).
    function updatePriceOracleFor(address asset, address priceOracle) external {
        require(msg.sender == depositPool.oracle(), "LRTOracle: caller is not the LRT manager");
        require(priceOracle != address(0), "LRTOracle: zero address");
        assetPriceOracle[asset] = priceOracle;
        emit AssetPriceOracleUpdate(asset, priceOracle);
    }

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

/// Replica of Kelp's LRTWithdrawalManager (mainnet 0x62De59c08eB5dAE4b7E6F7a8cAd3006d6965ec16) with the mainnet
/// signatures: initiateWithdrawal locks the user's rsETH and records the ETH it is expected to redeem for at the
/// oracle's stored rsETHPrice; the operator (the devnet market simulator; mainnet's LRT operator) unlocks requests in
/// nonce order with unlockQueue, each paying the lower of its expected amount and its value at the price of the unlock
/// (a slashing in between is shared) and burning its rsETH; the user completes its oldest request once unlocked and
/// withdrawalDelayBlocks after it started. Only native ETH (ETH_TOKEN) is offered; mainnet also pays LSTs.
contract LRTWithdrawalManager {
    address public constant ETH_TOKEN = 0xEeeeeEeeeEeEeeEeEeEeeEEEeeeeEeeeeeeeEEeE;

    struct WithdrawalRequest {
        uint256 rsETHUnstaked;
        uint256 expectedAssetAmount;
        uint256 withdrawalStartBlock;
    }

    struct UserNonces {
        uint128 startNonce;
        uint128 endNonce;
    }

    LRTDepositPool public immutable depositPool;
    RSETH public immutable rsETH;
    LRTOracle public immutable lrtOracle;
    address public immutable operator;
    uint256 public withdrawalDelayBlocks;

    mapping(address => uint256) public nextUnusedNonce;
    mapping(address => uint256) public nextLockedNonce;
    mapping(bytes32 => WithdrawalRequest) public withdrawalRequests;
    /// the nonces of a user's requests, oldest first (a user's requests complete in order)
    mapping(address => mapping(address => uint256[])) private userNonces;
    mapping(address => mapping(address => uint256)) private userHead;
    mapping(bytes32 => uint256) private unlockedAmount;

    event AssetWithdrawalQueued(address indexed withdrawer, address indexed asset, uint256 rsETHUnstaked, uint256 indexed userNonce);
    event AssetWithdrawalFinalized(address indexed withdrawer, address indexed asset, uint256 amountBurned, uint256 amountReceived);
    event AssetUnlocked(address indexed asset, uint256 rsEthAmount, uint256 assetAmount, uint256 rsEThPrice, uint256 assetPrice);
    event WithdrawalDelayBlocksUpdated(uint256 withdrawalDelayBlocks);

    constructor(LRTDepositPool depositPool_, address operator_, uint256 withdrawalDelayBlocks_) {
        depositPool = depositPool_;
        rsETH = depositPool_.rsETH();
        lrtOracle = depositPool_.lrtOracle();
        operator = operator_;
        withdrawalDelayBlocks = withdrawalDelayBlocks_;
    }

    receive() external payable {
        require(msg.sender == address(depositPool), "LRTWithdrawalManager: unexpected ETH");
    }

    function setWithdrawalDelayBlocks(uint256 withdrawalDelayBlocks_) external {
        require(msg.sender == operator, "CallerNotLRTConfigAdmin");
        withdrawalDelayBlocks = withdrawalDelayBlocks_;
        emit WithdrawalDelayBlocksUpdated(withdrawalDelayBlocks_);
    }

    function getRequestId(address asset, uint256 requestIndex) public pure returns (bytes32) {
        return keccak256(abi.encodePacked(asset, requestIndex));
    }

    /// ETH for `amount` rsETH at the oracle's stored price (the asset's price is 1 ETH).
    function getExpectedAssetAmount(address asset, uint256 amount) public view returns (uint256) {
        return amount * lrtOracle.rsETHPrice() / lrtOracle.getAssetPrice(asset);
    }

    function initiateWithdrawal(address asset, uint256 rsETHUnstaked, string calldata referralId) external {
        referralId;
        require(asset == ETH_TOKEN, "AssetNotSupported");
        require(rsETHUnstaked != 0, "InvalidAmountToWithdraw");
        uint256 expected = getExpectedAssetAmount(asset, rsETHUnstaked);
        rsETH.transferFrom(msg.sender, address(this), rsETHUnstaked);
        uint256 nonce = nextUnusedNonce[asset]++;
        withdrawalRequests[getRequestId(asset, nonce)] = WithdrawalRequest(rsETHUnstaked, expected, block.number);
        userNonces[asset][msg.sender].push(nonce);
        emit AssetWithdrawalQueued(msg.sender, asset, rsETHUnstaked, nonce);
    }

    /// The user's outstanding requests: nonces [start, end) of its own list (mainnet returns the same pair).
    function userAssociatedNonces(address asset, address user) external view returns (uint128 startNonce, uint128 endNonce) {
        return (uint128(userHead[asset][user]), uint128(userNonces[asset][user].length));
    }

    /// The user's request `userIndex` (0 = its oldest outstanding one).
    function getUserWithdrawalRequest(address asset, address user, uint256 userIndex) external view
        returns (uint256 rsETHAmount, uint256 expectedAssetAmount, uint256 withdrawalStartBlock, uint256 userNonce)
    {
        uint256 i = userHead[asset][user] + userIndex;
        require(i < userNonces[asset][user].length, "InvalidUserIndex");
        userNonce = userNonces[asset][user][i];
        WithdrawalRequest storage r = withdrawalRequests[getRequestId(asset, userNonce)];
        uint256 unlocked = unlockedAmount[getRequestId(asset, userNonce)];
        return (r.rsETHUnstaked, userNonce < nextLockedNonce[asset] ? unlocked : r.expectedAssetAmount, r.withdrawalStartBlock, userNonce);
    }

    /// Operator: unlocks requests [nextLockedNonce, firstExcludedIndex) at the current stored price.
    function unlockQueue(address asset, uint256 firstExcludedIndex, uint256 minimumAssetPrice, uint256 minimumRsEthPrice)
        external returns (uint256 rsETHBurned, uint256 assetAmountUnlocked)
    {
        require(msg.sender == operator, "CallerNotLRTConfigOperator");
        require(asset == ETH_TOKEN, "AssetNotSupported");
        uint256 rsETHPrice = lrtOracle.rsETHPrice();
        uint256 assetPrice = lrtOracle.getAssetPrice(asset);
        require(rsETHPrice >= minimumRsEthPrice && assetPrice >= minimumAssetPrice, "PriceBelowMinimum");
        require(firstExcludedIndex > nextLockedNonce[asset] && firstExcludedIndex <= nextUnusedNonce[asset], "InvalidIndex");
        for (uint256 n = nextLockedNonce[asset]; n < firstExcludedIndex; n++) {
            bytes32 id = getRequestId(asset, n);
            WithdrawalRequest storage r = withdrawalRequests[id];
            uint256 now_ = r.rsETHUnstaked * rsETHPrice / assetPrice;
            uint256 pay = now_ < r.expectedAssetAmount ? now_ : r.expectedAssetAmount;
            unlockedAmount[id] = pay;
            rsETHBurned += r.rsETHUnstaked;
            assetAmountUnlocked += pay;
        }
        nextLockedNonce[asset] = firstExcludedIndex;
        depositPool.redeemForWithdrawal(rsETHBurned, assetAmountUnlocked);
        emit AssetUnlocked(asset, rsETHBurned, assetAmountUnlocked, rsETHPrice, assetPrice);
    }

    /// Completes the caller's oldest request: unlocked and withdrawalDelayBlocks after it started.
    function completeWithdrawal(address asset, string calldata referralId) external {
        referralId;
        uint256 head = userHead[asset][msg.sender];
        require(head < userNonces[asset][msg.sender].length, "NoPendingWithdrawals");
        uint256 nonce = userNonces[asset][msg.sender][head];
        require(nonce < nextLockedNonce[asset], "WithdrawalLocked");
        bytes32 id = getRequestId(asset, nonce);
        WithdrawalRequest memory r = withdrawalRequests[id];
        require(block.number >= r.withdrawalStartBlock + withdrawalDelayBlocks, "WithdrawalDelayNotPassed");
        uint256 amount = unlockedAmount[id];
        userHead[asset][msg.sender] = head + 1;
        delete withdrawalRequests[id];
        delete unlockedAmount[id];
        (bool ok,) = msg.sender.call{value: amount}("");
        require(ok, "EthTransferFailed");
        emit AssetWithdrawalFinalized(msg.sender, asset, r.rsETHUnstaked, amount);
    }
}
