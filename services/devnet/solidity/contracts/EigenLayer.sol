// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

interface IEigenReplicaERC20 {
    function balanceOf(address account) external view returns (uint256);
    function transfer(address to, uint256 amount) external returns (bool);
    function transferFrom(address from, address to, uint256 amount) external returns (bool);
}

/// What the DelegationManager asks the AllocationManager: an operator's max magnitude per strategy (WAD = unslashed).
interface IEigenMaxMagnitudes {
    function getMaxMagnitude(address operator, address strategy) external view returns (uint64);
}

/// What the DelegationManager asks the EigenPodManager: a pod owner's beacon-chain ETH deposit shares.
interface IEigenPodShares {
    function podOwnerDepositShares(address podOwner) external view returns (int256);
    function removeDepositShares(address staker, address strategy, uint256 depositSharesToRemove) external returns (uint256);
}

/// Replica of EigenLayer's StrategyBase (e.g. the stETH strategy 0x93c4b944D05dfe6df7645A86cd2206016c51564D):
/// shares over the strategy's token balance with the mainnet virtual offsets (1e3 shares / 1e3 wei), so tokens
/// sent to the strategy raise sharesToUnderlying for every staker. Only the StrategyManager moves funds.
contract EigenStrategyBase {
    uint256 internal constant SHARES_OFFSET = 1e3;
    uint256 internal constant BALANCE_OFFSET = 1e3;

    address public immutable strategyManager;
    address public immutable underlyingToken;
    uint256 public totalShares;

    event ExchangeRateEmitted(uint256 rate);
    event StrategyTokenSet(address token, uint8 decimals);

    error OnlyStrategyManager();
    error OnlyUnderlyingToken();
    error NewSharesZero();
    error WithdrawalAmountExceedsTotalDeposits();

    constructor(address strategyManager_, address underlyingToken_) {
        strategyManager = strategyManager_;
        underlyingToken = underlyingToken_;
        emit StrategyTokenSet(underlyingToken_, 18);
    }

    modifier onlyStrategyManager() {
        if (msg.sender != strategyManager) revert OnlyStrategyManager();
        _;
    }

    /// Called after the StrategyManager has moved `amount` tokens here.
    function deposit(address token, uint256 amount) external onlyStrategyManager returns (uint256 newShares) {
        if (token != underlyingToken) revert OnlyUnderlyingToken();
        uint256 priorTotalShares = totalShares;
        uint256 virtualShareAmount = priorTotalShares + SHARES_OFFSET;
        uint256 virtualTokenBalance = _tokenBalance() + BALANCE_OFFSET;
        uint256 virtualPriorTokenBalance = virtualTokenBalance - amount;
        newShares = (amount * virtualShareAmount) / virtualPriorTokenBalance;
        if (newShares == 0) revert NewSharesZero();
        totalShares = priorTotalShares + newShares;
        _emitExchangeRate(virtualTokenBalance, totalShares + SHARES_OFFSET);
    }

    function withdraw(address recipient, address token, uint256 amountShares) external onlyStrategyManager
        returns (uint256 amountOut) {
        if (token != underlyingToken) revert OnlyUnderlyingToken();
        uint256 priorTotalShares = totalShares;
        if (amountShares > priorTotalShares) revert WithdrawalAmountExceedsTotalDeposits();
        uint256 virtualPriorTotalShares = priorTotalShares + SHARES_OFFSET;
        uint256 virtualTokenBalance = _tokenBalance() + BALANCE_OFFSET;
        amountOut = (virtualTokenBalance * amountShares) / virtualPriorTotalShares;
        totalShares = priorTotalShares - amountShares;
        _emitExchangeRate(virtualTokenBalance - amountOut, totalShares + SHARES_OFFSET);
        require(IEigenReplicaERC20(underlyingToken).transfer(recipient, amountOut), "transfer failed");
    }

    function sharesToUnderlyingView(uint256 amountShares) public view returns (uint256) {
        return ((_tokenBalance() + BALANCE_OFFSET) * amountShares) / (totalShares + SHARES_OFFSET);
    }

    function sharesToUnderlying(uint256 amountShares) external view returns (uint256) {
        return sharesToUnderlyingView(amountShares);
    }

    function underlyingToSharesView(uint256 amountUnderlying) public view returns (uint256) {
        return (amountUnderlying * (totalShares + SHARES_OFFSET)) / (_tokenBalance() + BALANCE_OFFSET);
    }

    function underlyingToShares(uint256 amountUnderlying) external view returns (uint256) {
        return underlyingToSharesView(amountUnderlying);
    }

    function shares(address user) public view returns (uint256) {
        return EigenStrategyManager(strategyManager).stakerDepositShares(user, address(this));
    }

    function userUnderlyingView(address user) external view returns (uint256) {
        return sharesToUnderlyingView(shares(user));
    }

    function userUnderlying(address user) external view returns (uint256) {
        return sharesToUnderlyingView(shares(user));
    }

    function explanation() external pure returns (string memory) {
        return "Base Strategy implementation to inherit from for more complex implementations";
    }

    function _tokenBalance() internal view returns (uint256) {
        return IEigenReplicaERC20(underlyingToken).balanceOf(address(this));
    }

    function _emitExchangeRate(uint256 virtualTokenBalance, uint256 virtualTotalShares) internal {
        emit ExchangeRateEmitted((1e18 * virtualTokenBalance) / virtualTotalShares);
    }
}

/// Replica of EigenLayer's StrategyManager (mainnet 0x858646372CC42E1A627fcE94aa7A7033e7CF075A), post-slashing
/// names: deposits into whitelisted strategies, per-staker deposit shares; withdrawals go through the
/// DelegationManager's queue.
contract EigenStrategyManager {
    uint8 internal constant MAX_STAKER_STRATEGY_LIST_LENGTH = 32;

    address public immutable owner;
    address public delegation;
    mapping(address => mapping(address => uint256)) public stakerDepositShares;
    mapping(address => address[]) public stakerStrategyList;
    mapping(address => bool) public strategyIsWhitelistedForDeposit;

    event Deposit(address staker, address strategy, uint256 shares);
    event StrategyAddedToDepositWhitelist(address strategy);
    event StrategyRemovedFromDepositWhitelist(address strategy);

    error OnlyOwner();
    error OnlyDelegationManager();
    error StrategyNotWhitelisted();
    error SharesAmountZero();
    error SharesAmountTooHigh();
    error MaxStrategiesExceeded();
    error StakerAddressZero();

    constructor() {
        owner = msg.sender;
    }

    modifier onlyOwner() {
        if (msg.sender != owner) revert OnlyOwner();
        _;
    }

    modifier onlyDelegationManager() {
        if (msg.sender != delegation) revert OnlyDelegationManager();
        _;
    }

    /// Wiring, once: the DelegationManager is deployed with this manager's address.
    function setDelegationManager(address delegationManager) external onlyOwner {
        require(delegation == address(0), "already set");
        delegation = delegationManager;
    }

    function addStrategiesToDepositWhitelist(address[] calldata strategiesToWhitelist) external onlyOwner {
        for (uint256 i = 0; i < strategiesToWhitelist.length; i++) {
            if (!strategyIsWhitelistedForDeposit[strategiesToWhitelist[i]]) {
                strategyIsWhitelistedForDeposit[strategiesToWhitelist[i]] = true;
                emit StrategyAddedToDepositWhitelist(strategiesToWhitelist[i]);
            }
        }
    }

    function removeStrategiesFromDepositWhitelist(address[] calldata strategiesToRemove) external onlyOwner {
        for (uint256 i = 0; i < strategiesToRemove.length; i++) {
            if (strategyIsWhitelistedForDeposit[strategiesToRemove[i]]) {
                strategyIsWhitelistedForDeposit[strategiesToRemove[i]] = false;
                emit StrategyRemovedFromDepositWhitelist(strategiesToRemove[i]);
            }
        }
    }

    /// Approve this manager for `amount` of `token` first.
    function depositIntoStrategy(address strategy, address token, uint256 amount)
        external returns (uint256 depositShares) {
        if (!strategyIsWhitelistedForDeposit[strategy]) revert StrategyNotWhitelisted();
        require(IEigenReplicaERC20(token).transferFrom(msg.sender, strategy, amount), "transfer failed");
        depositShares = EigenStrategyBase(strategy).deposit(token, amount);
        uint256 prevDepositShares = _addShares(msg.sender, strategy, depositShares);
        if (delegation != address(0)) {
            EigenDelegationManager(delegation).increaseDelegatedShares(msg.sender, strategy, prevDepositShares,
                depositShares);
        }
    }

    /// Legacy (M2) name of stakerDepositShares.
    function stakerStrategyShares(address user, address strategy) external view returns (uint256) {
        return stakerDepositShares[user][strategy];
    }

    function stakerStrategyListLength(address staker) external view returns (uint256) {
        return stakerStrategyList[staker].length;
    }

    function getStakerStrategyList(address staker) external view returns (address[] memory) {
        return stakerStrategyList[staker];
    }

    function getDeposits(address staker) external view returns (address[] memory, uint256[] memory) {
        address[] memory strategies = stakerStrategyList[staker];
        uint256[] memory amounts = new uint256[](strategies.length);
        for (uint256 i = 0; i < strategies.length; i++) {
            amounts[i] = stakerDepositShares[staker][strategies[i]];
        }
        return (strategies, amounts);
    }

    function removeDepositShares(address staker, address strategy, uint256 depositSharesToRemove)
        external onlyDelegationManager returns (uint256) {
        if (depositSharesToRemove == 0) revert SharesAmountZero();
        uint256 current = stakerDepositShares[staker][strategy];
        if (depositSharesToRemove > current) revert SharesAmountTooHigh();
        uint256 remaining = current - depositSharesToRemove;
        stakerDepositShares[staker][strategy] = remaining;
        if (remaining == 0) {
            address[] storage list = stakerStrategyList[staker];
            for (uint256 i = 0; i < list.length; i++) {
                if (list[i] == strategy) {
                    list[i] = list[list.length - 1];
                    list.pop();
                    break;
                }
            }
        }
        return remaining;
    }

    function addShares(address staker, address strategy, uint256 shares) external onlyDelegationManager
        returns (uint256, uint256) {
        return (_addShares(staker, strategy, shares), shares);
    }

    function withdrawSharesAsTokens(address staker, address strategy, address token, uint256 shares)
        external onlyDelegationManager {
        EigenStrategyBase(strategy).withdraw(staker, token, shares);
    }

    function _addShares(address staker, address strategy, uint256 shares) internal returns (uint256 prev) {
        if (staker == address(0)) revert StakerAddressZero();
        if (shares == 0) revert SharesAmountZero();
        prev = stakerDepositShares[staker][strategy];
        if (prev == 0) {
            if (stakerStrategyList[staker].length >= MAX_STAKER_STRATEGY_LIST_LENGTH) revert MaxStrategiesExceeded();
            stakerStrategyList[staker].push(strategy);
        }
        stakerDepositShares[staker][strategy] = prev + shares;
        emit Deposit(staker, strategy, shares);
    }
}

/// Replica of EigenLayer's DelegationManager (mainnet 0x39053D51B77DC0d36036Fc1fCc8Cb819df8Ef37A), post-slashing
/// withdrawal queue: queueWithdrawals / completeQueuedWithdrawal(s) with the mainnet struct layouts, a minimum
/// delay in blocks (completion needs block.number > startBlock + delay), optional delegation to an operator.
/// Slashing as on mainnet in its main lines: a staker's withdrawable shares = deposit shares × deposit scaling factor ×
/// the operator's max magnitude (AllocationManager, WAD = never slashed), so a slash of the operator lowers every
/// delegated staker's getWithdrawableShares at once; the AllocationManager burns the operator's slashed shares through
/// slashOperatorShares. Beacon-chain ETH (pseudo-strategy 0xbeaC0…) comes from the EigenPodManager replica.
/// Queued withdrawals as on mainnet in their main lines: scaledShares = deposit shares × deposit scaling factor, and
/// completing pays scaledShares × the max magnitude of the operator it was queued under (getQueuedWithdrawal(s) show it),
/// so a slash of that operator while the withdrawal waits lowers what it pays.
/// Simplifications: no beacon-chain slashing factor; mainnet stops slashing a queued withdrawal at startBlock + delay
/// (it reads the max magnitude at that block), the replica keeps no magnitude history and reads the current one;
/// beacon-chain ETH withdrawals are queued, never completed; no approver signatures checked.
contract EigenDelegationManager {
    struct QueuedWithdrawalParams {
        address[] strategies;
        uint256[] depositShares;
        address __deprecated_withdrawer;
    }

    struct Withdrawal {
        address staker;
        address delegatedTo;
        address withdrawer;
        uint256 nonce;
        uint32 startBlock;
        address[] strategies;
        uint256[] scaledShares;
    }

    struct SignatureWithExpiry {
        bytes signature;
        uint256 expiry;
    }

    /// mainnet's beacon-chain ETH pseudo-strategy
    address public constant beaconChainETHStrategy = 0xbeaC0eeEeeeeEEeEeEEEEeeEEeEeeeEeeEEBEaC0;
    uint256 internal constant WAD = 1e18;

    EigenStrategyManager public immutable strategyManager;
    uint32 internal immutable MIN_WITHDRAWAL_DELAY_BLOCKS;
    /// the deployer: wires the AllocationManager and EigenPodManager once (mainnet wires them at initialization)
    address public immutable owner;
    IEigenMaxMagnitudes public allocationManager;
    IEigenPodShares public eigenPodManager;
    /// deposit scaling factor per staker and strategy (0 = WAD, never set)
    mapping(address => mapping(address => uint256)) internal scalingFactor;

    mapping(address => address) public delegatedTo;
    mapping(address => bool) internal operators;
    mapping(address => mapping(address => uint256)) public operatorShares;
    mapping(address => uint256) public cumulativeWithdrawalsQueued;
    mapping(bytes32 => bool) public pendingWithdrawals;
    mapping(bytes32 => Withdrawal) internal _queuedWithdrawals;
    mapping(address => bytes32[]) internal stakerQueuedRoots;

    event OperatorRegistered(address indexed operator, address delegationApprover);
    event OperatorMetadataURIUpdated(address indexed operator, string metadataURI);
    event StakerDelegated(address indexed staker, address indexed operator);
    event OperatorSharesIncreased(address indexed operator, address staker, address strategy, uint256 shares);
    event OperatorSharesDecreased(address indexed operator, address staker, address strategy, uint256 shares);
    event SlashingWithdrawalQueued(bytes32 withdrawalRoot, Withdrawal withdrawal, uint256[] sharesToWithdraw);
    event SlashingWithdrawalCompleted(bytes32 withdrawalRoot);
    event OperatorSharesSlashed(address indexed operator, address strategy, uint256 totalSlashedShares);
    event DepositScalingFactorUpdated(address staker, address strategy, uint256 newDepositScalingFactor);

    error OnlyStrategyManager();
    error ActivelyDelegated();
    error OperatorNotRegistered();
    error AlreadyOperator();
    error InputArrayLengthMismatch();
    error InputArrayLengthZero();
    error WithdrawalNotQueued();
    error WithdrawalDelayNotElapsed();
    error WithdrawerNotCaller();

    constructor(address strategyManager_, uint32 minWithdrawalDelayBlocks_) {
        strategyManager = EigenStrategyManager(strategyManager_);
        MIN_WITHDRAWAL_DELAY_BLOCKS = minWithdrawalDelayBlocks_;
        owner = msg.sender;
    }

    /// Wiring, once (owner): the AllocationManager (slashing) and the EigenPodManager (beacon-chain ETH).
    function setSlashingContracts(address allocationManager_, address eigenPodManager_) external {
        require(msg.sender == owner && address(allocationManager) == address(0), "already set");
        allocationManager = IEigenMaxMagnitudes(allocationManager_);
        eigenPodManager = IEigenPodShares(eigenPodManager_);
    }

    function minWithdrawalDelayBlocks() external view returns (uint32) {
        return MIN_WITHDRAWAL_DELAY_BLOCKS;
    }

    function registerAsOperator(address initDelegationApprover, uint32, string calldata metadataURI) external {
        if (operators[msg.sender]) revert AlreadyOperator();
        if (delegatedTo[msg.sender] != address(0)) revert ActivelyDelegated();
        operators[msg.sender] = true;
        emit OperatorRegistered(msg.sender, initDelegationApprover);
        emit OperatorMetadataURIUpdated(msg.sender, metadataURI);
        _delegate(msg.sender, msg.sender);
    }

    function delegateTo(address operator, SignatureWithExpiry memory, bytes32) external {
        if (delegatedTo[msg.sender] != address(0)) revert ActivelyDelegated();
        if (!operators[operator]) revert OperatorNotRegistered();
        _delegate(msg.sender, operator);
    }

    function isDelegated(address staker) public view returns (bool) {
        return delegatedTo[staker] != address(0);
    }

    function isOperator(address operator) external view returns (bool) {
        return operators[operator];
    }

    /// Net of slashing: deposit shares × deposit scaling factor × the operator's max magnitude (WAD when undelegated).
    function getWithdrawableShares(address staker, address[] calldata strategies)
        external view returns (uint256[] memory withdrawableShares, uint256[] memory depositShares) {
        withdrawableShares = new uint256[](strategies.length);
        depositShares = new uint256[](strategies.length);
        for (uint256 i = 0; i < strategies.length; i++) {
            depositShares[i] = _depositShares(staker, strategies[i]);
            withdrawableShares[i] = _withdrawable(staker, strategies[i], depositShares[i]);
        }
    }

    function depositScalingFactor(address staker, address strategy) public view returns (uint256) {
        uint256 f = scalingFactor[staker][strategy];
        return f == 0 ? WAD : f;
    }

    /// Called by the StrategyManager on a deposit and by the EigenPodManager on restaked beacon-chain ETH.
    function increaseDelegatedShares(address staker, address strategy, uint256 prevDepositShares, uint256 addedShares) external {
        if (msg.sender != address(strategyManager) && msg.sender != address(eigenPodManager)) revert OnlyStrategyManager();
        address operator = delegatedTo[staker];
        _updateScaling(staker, strategy, operator, prevDepositShares, addedShares);
        if (operator != address(0)) {
            operatorShares[operator][strategy] += addedShares;
            emit OperatorSharesIncreased(operator, staker, strategy, addedShares);
        }
    }

    /// AllocationManager's slash: the operator's delegated shares fall in proportion to its max magnitude.
    function slashOperatorShares(address operator, address strategy, uint64 prevMaxMagnitude, uint64 newMaxMagnitude)
        external returns (uint256 slashed) {
        require(msg.sender == address(allocationManager), "only AllocationManager");
        uint256 shares = operatorShares[operator][strategy];
        slashed = shares - (shares * newMaxMagnitude) / prevMaxMagnitude;
        operatorShares[operator][strategy] = shares - slashed;
        emit OperatorSharesSlashed(operator, strategy, slashed);
    }

    function queueWithdrawals(QueuedWithdrawalParams[] calldata params) external returns (bytes32[] memory roots) {
        roots = new bytes32[](params.length);
        address operator = delegatedTo[msg.sender];
        for (uint256 i = 0; i < params.length; i++) {
            roots[i] = _queue(msg.sender, operator, params[i].strategies, params[i].depositShares);
        }
    }

    function completeQueuedWithdrawal(Withdrawal calldata withdrawal, address[] calldata tokens,
        bool receiveAsTokens) external {
        _complete(withdrawal, tokens, receiveAsTokens);
    }

    function completeQueuedWithdrawals(Withdrawal[] calldata withdrawals, address[][] calldata tokens,
        bool[] calldata receiveAsTokens) external {
        if (withdrawals.length != tokens.length || withdrawals.length != receiveAsTokens.length) {
            revert InputArrayLengthMismatch();
        }
        for (uint256 i = 0; i < withdrawals.length; i++) {
            _complete(withdrawals[i], tokens[i], receiveAsTokens[i]);
        }
    }

    function calculateWithdrawalRoot(Withdrawal memory withdrawal) public pure returns (bytes32) {
        return keccak256(abi.encode(withdrawal));
    }

    function getQueuedWithdrawalRoots(address staker) external view returns (bytes32[] memory) {
        return stakerQueuedRoots[staker];
    }

    function queuedWithdrawals(bytes32 withdrawalRoot) external view returns (Withdrawal memory withdrawal) {
        return _queuedWithdrawals[withdrawalRoot];
    }

    function getQueuedWithdrawal(bytes32 withdrawalRoot)
        public view returns (Withdrawal memory withdrawal, uint256[] memory shares) {
        withdrawal = _queuedWithdrawals[withdrawalRoot];
        shares = new uint256[](withdrawal.strategies.length);
        for (uint256 i = 0; i < withdrawal.strategies.length; i++) {
            shares[i] = _completionShares(withdrawal, i);
        }
    }

    function getQueuedWithdrawals(address staker)
        external view returns (Withdrawal[] memory withdrawals, uint256[][] memory shares) {
        bytes32[] memory roots = stakerQueuedRoots[staker];
        withdrawals = new Withdrawal[](roots.length);
        shares = new uint256[][](roots.length);
        for (uint256 i = 0; i < roots.length; i++) {
            (withdrawals[i], shares[i]) = getQueuedWithdrawal(roots[i]);
        }
    }

    /// What completing pays in strategy i: the scaled shares × the max magnitude of the operator it was queued under.
    function _completionShares(Withdrawal memory withdrawal, uint256 i) internal view returns (uint256) {
        return (withdrawal.scaledShares[i] * _maxMagnitude(withdrawal.delegatedTo, withdrawal.strategies[i])) / WAD;
    }

    function _delegate(address staker, address operator) internal {
        delegatedTo[staker] = operator;
        emit StakerDelegated(staker, operator);
        (address[] memory strategies, uint256[] memory amounts) = strategyManager.getDeposits(staker);
        for (uint256 i = 0; i < strategies.length; i++) {
            _rescaleOnDelegation(staker, strategies[i], operator, amounts[i]);
            operatorShares[operator][strategies[i]] += amounts[i];
            emit OperatorSharesIncreased(operator, staker, strategies[i], amounts[i]);
        }
        uint256 podShares = _depositShares(staker, beaconChainETHStrategy);
        if (podShares > 0) {
            _rescaleOnDelegation(staker, beaconChainETHStrategy, operator, podShares);
            operatorShares[operator][beaconChainETHStrategy] += podShares;
            emit OperatorSharesIncreased(operator, staker, beaconChainETHStrategy, podShares);
        }
    }

    function _depositShares(address staker, address strategy) internal view returns (uint256) {
        if (strategy == beaconChainETHStrategy) {
            if (address(eigenPodManager) == address(0)) return 0;
            int256 shares = eigenPodManager.podOwnerDepositShares(staker);
            return shares > 0 ? uint256(shares) : 0;
        }
        return strategyManager.stakerDepositShares(staker, strategy);
    }

    function _maxMagnitude(address operator, address strategy) internal view returns (uint256) {
        if (operator == address(0) || address(allocationManager) == address(0)) return WAD;
        return allocationManager.getMaxMagnitude(operator, strategy);
    }

    function _withdrawable(address staker, address strategy, uint256 deposit) internal view returns (uint256) {
        uint256 m = _maxMagnitude(delegatedTo[staker], strategy);
        return (((deposit * depositScalingFactor(staker, strategy)) / WAD) * m) / WAD;
    }

    /// Mainnet's rule in its main line: new shares enter at full value, shares already there keep what they are worth.
    function _updateScaling(address staker, address strategy, address operator, uint256 prevDeposit, uint256 added) internal {
        uint256 m = _maxMagnitude(operator, strategy);
        uint256 f;
        if (prevDeposit == 0) {
            f = (WAD * WAD) / m;
        } else {
            uint256 worth = (((prevDeposit * depositScalingFactor(staker, strategy)) / WAD) * m) / WAD;
            f = ((worth + added) * WAD * WAD) / ((prevDeposit + added) * m);
        }
        scalingFactor[staker][strategy] = f;
        emit DepositScalingFactorUpdated(staker, strategy, f);
    }

    function _rescaleOnDelegation(address staker, address strategy, address operator, uint256 deposit) internal {
        // shares delegated after a slash of the operator are not slashed by it retroactively
        uint256 f = (depositScalingFactor(staker, strategy) * WAD) / _maxMagnitude(operator, strategy);
        if (deposit > 0) {
            scalingFactor[staker][strategy] = f;
            emit DepositScalingFactorUpdated(staker, strategy, f);
        }
    }

    function _queue(address staker, address operator, address[] calldata strategies, uint256[] calldata amounts)
        internal returns (bytes32 root) {
        if (strategies.length == 0) revert InputArrayLengthZero();
        if (strategies.length != amounts.length) revert InputArrayLengthMismatch();
        uint256[] memory scaled = new uint256[](strategies.length);
        for (uint256 j = 0; j < strategies.length; j++) {
            scaled[j] = (amounts[j] * depositScalingFactor(staker, strategies[j])) / WAD;
            if (strategies[j] == beaconChainETHStrategy) {
                eigenPodManager.removeDepositShares(staker, strategies[j], amounts[j]);
            } else {
                strategyManager.removeDepositShares(staker, strategies[j], amounts[j]);
            }
            if (operator != address(0)) {
                operatorShares[operator][strategies[j]] -= amounts[j];
                emit OperatorSharesDecreased(operator, staker, strategies[j], amounts[j]);
            }
        }
        Withdrawal memory w = Withdrawal({
            staker: staker,
            delegatedTo: operator,
            withdrawer: staker,
            nonce: cumulativeWithdrawalsQueued[staker]++,
            startBlock: uint32(block.number),
            strategies: strategies,
            scaledShares: scaled
        });
        root = calculateWithdrawalRoot(w);
        pendingWithdrawals[root] = true;
        _queuedWithdrawals[root] = w;
        stakerQueuedRoots[staker].push(root);
        emit SlashingWithdrawalQueued(root, w, amounts);
    }

    function _complete(Withdrawal calldata withdrawal, address[] calldata tokens, bool receiveAsTokens) internal {
        if (msg.sender != withdrawal.withdrawer) revert WithdrawerNotCaller();
        if (tokens.length != withdrawal.strategies.length) revert InputArrayLengthMismatch();
        bytes32 root = calculateWithdrawalRoot(withdrawal);
        if (!pendingWithdrawals[root]) revert WithdrawalNotQueued();
        if (block.number <= uint256(withdrawal.startBlock) + MIN_WITHDRAWAL_DELAY_BLOCKS) {
            revert WithdrawalDelayNotElapsed();
        }
        uint256[] memory amounts = new uint256[](withdrawal.strategies.length);
        for (uint256 i = 0; i < withdrawal.strategies.length; i++) {
            require(withdrawal.strategies[i] != beaconChainETHStrategy, "beacon-chain ETH withdrawals are not completed on the devnet");
            amounts[i] = _completionShares(withdrawal, i);
        }
        delete pendingWithdrawals[root];
        delete _queuedWithdrawals[root];
        _removeRoot(withdrawal.staker, root);
        address operator = delegatedTo[withdrawal.withdrawer];
        for (uint256 i = 0; i < withdrawal.strategies.length; i++) {
            address strategy = withdrawal.strategies[i];
            uint256 amount = amounts[i];
            if (receiveAsTokens) {
                strategyManager.withdrawSharesAsTokens(withdrawal.withdrawer, strategy, tokens[i], amount);
            } else {
                strategyManager.addShares(withdrawal.withdrawer, strategy, amount);
                if (operator != address(0)) {
                    operatorShares[operator][strategy] += amount;
                    emit OperatorSharesIncreased(operator, withdrawal.withdrawer, strategy, amount);
                }
            }
        }
        emit SlashingWithdrawalCompleted(root);
    }

    function _removeRoot(address staker, bytes32 root) internal {
        bytes32[] storage roots = stakerQueuedRoots[staker];
        for (uint256 i = 0; i < roots.length; i++) {
            if (roots[i] == root) {
                roots[i] = roots[roots.length - 1];
                roots.pop();
                return;
            }
        }
    }
}
