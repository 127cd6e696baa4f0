// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import "./IssuerAdmin.sol";
import "./ReplicaToken.sol";

/// Replica of Renzo's ezETH (mainnet 0xbf5495Efe5DB9ce00f80364C8B423567e58d2110): ERC-20 minted and burned only
/// by the RestakeManager. Deployed by RenzoRestakeManager's constructor.
contract EzEthToken is ReplicaToken {
    address public immutable restakeManager;

    constructor(address restakeManager_) ReplicaToken("Renzo Restaked ETH", "ezETH", 18) {
        restakeManager = restakeManager_;
    }

    modifier onlyRestakeManager() {
        require(msg.sender == restakeManager, "EzEthToken: caller is not the RestakeManager");
        _;
    }

    function mint(address to, uint256 amount) external onlyRestakeManager {
        _mint(to, amount);
    }

    function burn(address from, uint256 amount) external onlyRestakeManager {
        _burn(from, amount);
    }
}

/// Replica of Renzo's RestakeManager (mainnet 0x74a09653A083691711cF8215a6ab074BB4e99ef5): depositETH() mints
/// ezETH with RenzoOracle.calculateMintAmount against the pre-deposit TVL, and calculateTVLs() in the mainnet
/// shape (one operator delegator whose only entry is native ETH). The TVL is the ETH held, tracked in storage;
/// the devnet market simulator (oracle role) adds restaking rewards with accrueRewards and slashing with
/// reportLoss. ezETH rate = totalTVL * 1e18 / ezETH.totalSupply(). The constructor deploys ezETH (see ezETH()).
contract RenzoRestakeManager is IssuerAdmin {
    uint256 internal constant SCALE_FACTOR = 1e18;

    address public immutable override oracle;
    EzEthToken public immutable ezETH;
    uint256 private ethTVL;
    /// the WithdrawQueue that pays out redeemed ezETH (set once by the oracle role; mainnet wires it at initialization)
    address public withdrawQueue;
    /// the OperatorDelegators restaking the TVL in EigenLayer, each delegated to one operator (mainnet views)
    address[] public operatorDelegators;
    mapping(address => uint256) public operatorDelegatorAllocations;

    event OperatorDelegatorAdded(address od);
    event OperatorDelegatorAllocationUpdated(address od, uint256 allocation);

    event Deposit(address depositor, address token, uint256 amount, uint256 ezETHMinted, uint256 referralId);
    event TVLUpdated(uint256 totalTVL, uint256 ezETHSupply);

    /// Mainnet name and argument (pauser role: the oracle here); deposits stop while paused (mainnet: the notPaused
    /// modifier, error ContractPaused). Mainnet differs in the events: RestakeManager.setPaused(bool)
    /// (DepositWithdrawPauser role) only stores the flag and emits nothing (code-423n4/2024-04-renzo RestakeManager.sol),
    /// so on mainnet a Renzo pause shows only in paused(); the replica emits OpenZeppelin Pausable's events (IssuerAdmin)
    /// so the devnet's contract-events watch sees it as it sees Kelp's.
    function setPaused(bool _paused) external onlyOracle {
        _setPaused(_paused);
    }

    /// RenzoOracle's price feed per collateral token. Mainnet keeps it in RenzoOracle
    /// (0x5a12796f7e7EBbbc8a402667d266d2e65A814042), whose setOracleAddress(IERC20, AggregatorV3Interface) emits
    /// OracleAddressUpdated(IERC20 token, AggregatorV3Interface oracleAddress); the replica folds RenzoOracle into the
    /// RestakeManager (see calculateMintAmount), so the same function and event are here. The TVL stays native ETH, so
    /// a feed set here prices nothing: the event is what a watcher reacts to.
    mapping(address => address) public tokenOracleLookup;

    event OracleAddressUpdated(address token, address oracleAddress);

    function setOracleAddress(address _token, address _oracleAddress) external onlyOracle {
        require(_token != address(0) && _oracleAddress != address(0), "InvalidZeroInput");
        tokenOracleLookup[_token] = _oracleAddress;
        emit OracleAddressUpdated(_token, _oracleAddress);
    }

    constructor(address oracle_) {
        oracle = oracle_;
        ezETH = new EzEthToken(address(this));
    }

    modifier onlyOracle() {
        require(msg.sender == oracle, "RestakeManager: caller is not the oracle");
        _;
    }

    function depositETH() external payable {
        _depositETH(0);
    }

    function depositETH(uint256 _referralId) external payable {
        _depositETH(_referralId);
    }

    function getOperatorDelegatorsLength() external view returns (uint256) {
        return operatorDelegators.length;
    }

    /// Mainnet name and arguments (admin role: the oracle here). The TVL split the replica keeps in storage is not
    /// moved: where the ETH is restaked is what the OperatorDelegators' EigenLayer shares say.
    function addOperatorDelegator(address _newOperatorDelegator, uint256 _allocationBasisPoints) external onlyOracle {
        require(_allocationBasisPoints <= 10_000, "OverMaxBasisPoints");
        for (uint256 i = 0; i < operatorDelegators.length; i++) {
            require(operatorDelegators[i] != _newOperatorDelegator, "AlreadyAdded");
        }
        operatorDelegators.push(_newOperatorDelegator);
        operatorDelegatorAllocations[_newOperatorDelegator] = _allocationBasisPoints;
        emit OperatorDelegatorAdded(_newOperatorDelegator);
        emit OperatorDelegatorAllocationUpdated(_newOperatorDelegator, _allocationBasisPoints);
    }

    function calculateTVLs() public view returns (uint256[][] memory, uint256[] memory, uint256) {
        uint256[][] memory operatorDelegatorTokenTVLs = new uint256[][](1);
        uint256[] memory operatorValues = new uint256[](1);
        operatorValues[0] = ethTVL; // native ETH: the last (here only) entry, as on mainnet
        operatorDelegatorTokenTVLs[0] = operatorValues;
        uint256[] memory operatorDelegatorTVLs = new uint256[](1);
        operatorDelegatorTVLs[0] = ethTVL;
        return (operatorDelegatorTokenTVLs, operatorDelegatorTVLs, ethTVL);
    }

    /// RenzoOracle.calculateMintAmount, same arithmetic and rounding.
    function calculateMintAmount(uint256 _currentValueInProtocol, uint256 _newValueAdded, uint256 _existingEzETHSupply)
        public pure returns (uint256)
    {
        if (_currentValueInProtocol == 0 || _existingEzETHSupply == 0) {
            return _newValueAdded;
        }
        uint256 inflationPercentage = SCALE_FACTOR * _newValueAdded / (_currentValueInProtocol + _newValueAdded);
        uint256 newEzETHSupply = (_existingEzETHSupply * SCALE_FACTOR) / (SCALE_FACTOR - inflationPercentage);
        uint256 mintAmount = newEzETHSupply - _existingEzETHSupply;
        require(mintAmount != 0, "InvalidTokenAmount");
        return mintAmount;
    }

    /// Simulator hook (oracle role): restaking rewards arrive as ETH and raise the TVL, hence the rate.
    function accrueRewards() external payable onlyOracle {
        ethTVL += msg.value;
        emit TVLUpdated(ethTVL, ezETH.totalSupply());
    }

    /// Simulator hook (oracle role): a slashing loss lowers the TVL. The ETH stays in the contract, uncounted.
    function reportLoss(uint256 amountWei) external onlyOracle {
        require(amountWei <= ethTVL, "RestakeManager: loss exceeds TVL");
        ethTVL -= amountWei;
        emit TVLUpdated(ethTVL, ezETH.totalSupply());
    }

    /// Replica wiring (oracle role, once): the WithdrawQueue allowed to pay claims out of the TVL.
    function setWithdrawQueue(address queue) external onlyOracle {
        require(withdrawQueue == address(0) && queue != address(0), "RestakeManager: withdraw queue already set");
        withdrawQueue = queue;
    }

    /// WithdrawQueue's payout of a claim: burns the ezETH it locked and sends `amount` ETH out of the TVL to `to`.
    /// Mainnet keeps a buffer of ETH in the WithdrawQueue itself (filled from deposits and the operators' withdrawals);
    /// here the ETH stays in the TVL until the claim, so ezETH's rate is the same before and after (TVL and supply fall
    /// together) as it is on mainnet, where calculateTVLs counts the queue's buffer.
    function payWithdrawal(uint256 ezETHLocked, uint256 amount, address to) external {
        require(msg.sender == withdrawQueue, "RestakeManager: caller is not the WithdrawQueue");
        require(amount <= ethTVL, "RestakeManager: claim exceeds TVL");
        ethTVL -= amount;
        ezETH.burn(msg.sender, ezETHLocked);
        emit TVLUpdated(ethTVL, ezETH.totalSupply());
        (bool ok,) = to.call{value: amount}("");
        require(ok, "TransferFailed");
    }

    function _depositETH(uint256 _referralId) internal {
        require(!paused, "ContractPaused");
        require(msg.value > 0, "InvalidZeroInput");
        (,, uint256 totalTVL) = calculateTVLs();
        uint256 ezETHToMint = calculateMintAmount(totalTVL, msg.value, ezETH.totalSupply());
        ethTVL += msg.value;
        ezETH.mint(msg.sender, ezETHToMint);
        emit Deposit(msg.sender, address(0), msg.value, ezETHToMint, _referralId);
    }
}

/// Replica of Renzo's WithdrawQueue (mainnet 0x5efc9D10E42FB517456f4ac41EB5e2eBe42C8918) with the mainnet signatures:
/// withdraw(ezETH amount, IS_NATIVE) locks the ezETH and records the ETH it redeems for at the current rate
/// (totalTVL × amount / supply, RenzoOracle.calculateRedeemAmount); after coolDownPeriod the user claims, at the lower
/// of the recorded amount and the amount at the rate of the claim (a slashing in between is shared), and the ezETH is
/// burned. Requests are kept per user in an array; a claim moves the last request into the claimed one's index, as on
/// mainnet. Only native ETH is offered as the asset out; mainnet also pays stETH. Mainnet's buffer / queued-fill logic
/// is not replicated: every request is claimable after the cooldown (the devnet's TVL is all ETH).
contract RenzoWithdrawQueue {
    address public constant IS_NATIVE = 0xEeeeeEeeeEeEeeEeEeEeeEEEeeeeEeeeeeeeEEeE;

    struct WithdrawRequest {
        address collateralToken;
        uint256 withdrawRequestID;
        uint256 amountToRedeem;
        uint256 ezETHLocked;
        uint256 createdAt;
    }

    RenzoRestakeManager public immutable restakeManager;
    EzEthToken public immutable ezETH;
    address public immutable admin;
    uint256 public coolDownPeriod;
    uint256 private nextRequestId;
    mapping(address => WithdrawRequest[]) public withdrawRequests;
    mapping(address => uint256) public claimReserve;

    event WithdrawRequestCreated(uint256 indexed withdrawRequestID, address user, address claimToken, uint256 amountToRedeem,
        uint256 ezETHAmountLocked, uint256 withdrawRequestIndex);
    event WithdrawRequestClaimed(WithdrawRequest withdrawRequest);
    event CoolDownPeriodUpdated(uint256 oldCoolDownPeriod, uint256 newCoolDownPeriod);

    constructor(RenzoRestakeManager restakeManager_, address admin_, uint256 coolDownPeriod_) {
        restakeManager = restakeManager_;
        ezETH = restakeManager_.ezETH();
        admin = admin_;
        coolDownPeriod = coolDownPeriod_;
    }

    function updateCoolDownPeriod(uint256 _newCoolDownPeriod) external {
        require(msg.sender == admin, "NotWithdrawQueueAdmin");
        require(_newCoolDownPeriod != 0, "InvalidZeroInput");
        emit CoolDownPeriodUpdated(coolDownPeriod, _newCoolDownPeriod);
        coolDownPeriod = _newCoolDownPeriod;
    }

    /// RenzoOracle.calculateRedeemAmount: the ETH `ezETHAmount` is worth at the current TVL and supply.
    function calculateAmountToRedeem(uint256 ezETHAmount) public view returns (uint256) {
        (,, uint256 totalTVL) = restakeManager.calculateTVLs();
        return totalTVL * ezETHAmount / ezETH.totalSupply();
    }

    function withdraw(uint256 _amount, address _assetOut) external {
        require(_amount != 0 && _assetOut != address(0), "InvalidZeroInput");
        require(_assetOut == IS_NATIVE, "UnsupportedWithdrawAsset");
        uint256 amountToRedeem = calculateAmountToRedeem(_amount);
        require(amountToRedeem != 0, "InvalidTokenAmount");
        ezETH.transferFrom(msg.sender, address(this), _amount);
        uint256 id = nextRequestId++;
        withdrawRequests[msg.sender].push(WithdrawRequest(IS_NATIVE, id, amountToRedeem, _amount, block.timestamp));
        claimReserve[IS_NATIVE] += amountToRedeem;
        emit WithdrawRequestCreated(id, msg.sender, IS_NATIVE, amountToRedeem, _amount, withdrawRequests[msg.sender].length - 1);
    }

    function getOutstandingWithdrawRequests(address user) public view returns (uint256) {
        return withdrawRequests[user].length;
    }

    /// ETH the queue can pay now beyond what its outstanding requests reserve (the replica pays out of the TVL).
    function getAvailableToWithdraw(address _asset) external view returns (uint256) {
        require(_asset == IS_NATIVE, "UnsupportedWithdrawAsset");
        (,, uint256 totalTVL) = restakeManager.calculateTVLs();
        return totalTVL > claimReserve[IS_NATIVE] ? totalTVL - claimReserve[IS_NATIVE] : 0;
    }

    function claim(uint256 withdrawRequestIndex, address user) external {
        WithdrawRequest[] storage requests = withdrawRequests[user];
        require(withdrawRequestIndex < requests.length, "InvalidWithdrawIndex");
        WithdrawRequest memory r = requests[withdrawRequestIndex];
        require(block.timestamp - r.createdAt >= coolDownPeriod, "EarlyClaim");
        uint256 atClaim = calculateAmountToRedeem(r.ezETHLocked);
        claimReserve[IS_NATIVE] -= r.amountToRedeem;
        if (atClaim < r.amountToRedeem) {
            r.amountToRedeem = atClaim;
        }
        requests[withdrawRequestIndex] = requests[requests.length - 1];
        requests.pop();
        restakeManager.payWithdrawal(r.ezETHLocked, r.amountToRedeem, user);
        emit WithdrawRequestClaimed(r);
    }
}
