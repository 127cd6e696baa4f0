// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import "./EigenLayer.sol";

/// Replica of EigenLayer's AllocationManager (mainnet 0x948a420b8CC1d6BFd0B6087C2E7c344a2CD0bc39) with the mainnet
/// signatures and events: AVSs create operator sets, operators register for them and allocate magnitudes (parts in
/// WAD of their delegated stake per strategy), an AVS slashes an operator in one of its sets by `wadsToSlash` of the
/// magnitude allocated to it. The slash lowers the allocation, the encumbered and the max magnitude alike, and the
/// DelegationManager burns the operator's shares in the same proportion — so every staker delegated to the operator
/// sees getWithdrawableShares fall at once.
/// getAllocatedSets lists the sets an operator has a non-zero allocation to (in any strategy), as on mainnet.
/// Simplifications: allocations take effect at once (no allocation delay, no pending deallocations: pendingDiff 0);
/// one admin account (the devnet oracle) acts for every AVS and operator, standing in for mainnet's
/// PermissionController appointees; no AVS registrar callbacks; slashed shares are burnt, not sent to a redistribution
/// recipient.
contract EigenAllocationManager {
    uint64 internal constant WAD = 1e18;

    struct OperatorSet {
        address avs;
        uint32 id;
    }

    struct CreateSetParams {
        uint32 operatorSetId;
        address[] strategies;
    }

    struct RegisterParams {
        address avs;
        uint32[] operatorSetIds;
        bytes data;
    }

    struct AllocateParams {
        OperatorSet operatorSet;
        address[] strategies;
        uint64[] newMagnitudes;
    }

    struct SlashingParams {
        address operator;
        uint32 operatorSetId;
        address[] strategies;
        uint256[] wadsToSlash;
        string description;
    }

    struct Allocation {
        uint64 currentMagnitude;
        int128 pendingDiff;
        uint32 effectBlock;
    }

    EigenDelegationManager public immutable delegation;
    address public immutable admin;
    uint256 public slashCount;

    mapping(bytes32 => bool) internal sets;
    mapping(bytes32 => mapping(address => bool)) internal members;
    mapping(address => mapping(bytes32 => mapping(address => uint64))) internal allocated;
    /// magnitude lost to slashing per operator and strategy: max magnitude = WAD − this
    mapping(address => mapping(address => uint64)) internal slashedMagnitude;
    mapping(address => mapping(address => uint64)) internal encumbered;
    /// per operator: the sets it allocates to, and per set how many strategies it allocates to it
    mapping(address => OperatorSet[]) internal allocatedSets;
    mapping(address => mapping(bytes32 => uint256)) internal allocatedStrategies;

    event OperatorSetCreated(OperatorSet operatorSet);
    event OperatorAddedToOperatorSet(address indexed operator, OperatorSet operatorSet);
    event AllocationUpdated(address operator, OperatorSet operatorSet, address strategy, uint64 magnitude, uint32 effectBlock);
    event EncumberedMagnitudeUpdated(address operator, address strategy, uint64 encumberedMagnitude);
    event MaxMagnitudeUpdated(address operator, address strategy, uint64 maxMagnitude);
    event OperatorSlashed(address operator, OperatorSet operatorSet, address[] strategies, uint256[] wadSlashed, string description);

    error InvalidCaller();
    error InvalidOperatorSet();
    error NotMemberOfSet();
    error InsufficientMagnitude();
    error InvalidWadToSlash();
    error InputArrayLengthMismatch();

    constructor(EigenDelegationManager delegation_, address admin_) {
        delegation = delegation_;
        admin = admin_;
    }

    modifier onlyFor(address account) {
        if (msg.sender != account && msg.sender != admin) revert InvalidCaller();
        _;
    }

    function createOperatorSets(address avs, CreateSetParams[] calldata params) external onlyFor(avs) {
        for (uint256 i = 0; i < params.length; i++) {
            OperatorSet memory set = OperatorSet(avs, params[i].operatorSetId);
            bytes32 key = _key(set);
            if (sets[key]) revert InvalidOperatorSet();
            sets[key] = true;
            emit OperatorSetCreated(set);
        }
    }

    function registerForOperatorSets(address operator, RegisterParams calldata params) external onlyFor(operator) {
        require(delegation.isOperator(operator), "not an operator");
        for (uint256 i = 0; i < params.operatorSetIds.length; i++) {
            OperatorSet memory set = OperatorSet(params.avs, params.operatorSetIds[i]);
            bytes32 key = _key(set);
            if (!sets[key]) revert InvalidOperatorSet();
            members[key][operator] = true;
            emit OperatorAddedToOperatorSet(operator, set);
        }
    }

    function modifyAllocations(address operator, AllocateParams[] calldata params) external onlyFor(operator) {
        for (uint256 i = 0; i < params.length; i++) {
            AllocateParams calldata p = params[i];
            if (p.strategies.length != p.newMagnitudes.length) revert InputArrayLengthMismatch();
            bytes32 key = _key(p.operatorSet);
            if (!sets[key]) revert InvalidOperatorSet();
            if (!members[key][operator]) revert NotMemberOfSet();
            for (uint256 j = 0; j < p.strategies.length; j++) {
                address strategy = p.strategies[j];
                uint64 before = allocated[operator][key][strategy];
                uint64 enc = encumbered[operator][strategy] - before + p.newMagnitudes[j];
                if (enc > getMaxMagnitude(operator, strategy)) revert InsufficientMagnitude();
                encumbered[operator][strategy] = enc;
                allocated[operator][key][strategy] = p.newMagnitudes[j];
                _trackSet(operator, p.operatorSet, key, before, p.newMagnitudes[j]);
                emit EncumberedMagnitudeUpdated(operator, strategy, enc);
                emit AllocationUpdated(operator, p.operatorSet, strategy, p.newMagnitudes[j], uint32(block.number));
            }
        }
    }

    /// Slashes `wadsToSlash[i]` (parts in WAD) of the magnitude the operator allocated to the set, per strategy.
    function slashOperator(address avs, SlashingParams calldata params) external onlyFor(avs)
        returns (uint256 slashId, uint256[] memory shares) {
        if (params.strategies.length != params.wadsToSlash.length) revert InputArrayLengthMismatch();
        OperatorSet memory set = OperatorSet(avs, params.operatorSetId);
        bytes32 key = _key(set);
        if (!sets[key]) revert InvalidOperatorSet();
        if (!members[key][params.operator]) revert NotMemberOfSet();
        slashId = ++slashCount;
        shares = new uint256[](params.strategies.length);
        uint256[] memory wadSlashed = new uint256[](params.strategies.length);
        for (uint256 i = 0; i < params.strategies.length; i++) {
            (wadSlashed[i], shares[i]) = _slash(params.operator, set, key, params.strategies[i], params.wadsToSlash[i]);
        }
        emit OperatorSlashed(params.operator, set, params.strategies, wadSlashed, params.description);
    }

    function _slash(address operator, OperatorSet memory set, bytes32 key, address strategy, uint256 wad)
        internal returns (uint256 wadSlashed, uint256 shares) {
        if (wad == 0 || wad > WAD) revert InvalidWadToSlash();
        uint64 current = allocated[operator][key][strategy];
        // rounded up, as on mainnet: a slash never takes less than asked
        uint64 slashed = uint64((uint256(current) * wad + WAD - 1) / WAD);
        uint64 prevMax = getMaxMagnitude(operator, strategy);
        allocated[operator][key][strategy] = current - slashed;
        encumbered[operator][strategy] -= slashed;
        slashedMagnitude[operator][strategy] += slashed;
        uint64 newMax = prevMax - slashed;
        wadSlashed = prevMax == 0 ? 0 : (uint256(slashed) * WAD) / prevMax;
        emit AllocationUpdated(operator, set, strategy, current - slashed, uint32(block.number));
        emit EncumberedMagnitudeUpdated(operator, strategy, encumbered[operator][strategy]);
        emit MaxMagnitudeUpdated(operator, strategy, newMax);
        if (slashed > 0) {
            shares = delegation.slashOperatorShares(operator, strategy, prevMax, newMax);
        }
    }

    function _trackSet(address operator, OperatorSet memory set, bytes32 key, uint64 before, uint64 magnitude) internal {
        if (before == 0 && magnitude > 0 && allocatedStrategies[operator][key]++ == 0) {
            allocatedSets[operator].push(set);
        } else if (before > 0 && magnitude == 0 && --allocatedStrategies[operator][key] == 0) {
            OperatorSet[] storage list = allocatedSets[operator];
            for (uint256 i = 0; i < list.length; i++) {
                if (_key(list[i]) == key) {
                    list[i] = list[list.length - 1];
                    list.pop();
                    break;
                }
            }
        }
    }

    /// Mainnet view: the operator sets the operator has an allocation to.
    function getAllocatedSets(address operator) external view returns (OperatorSet[] memory) {
        return allocatedSets[operator];
    }

    function getAllocation(address operator, OperatorSet memory operatorSet, address strategy)
        external view returns (Allocation memory) {
        return Allocation(allocated[operator][_key(operatorSet)][strategy], 0, 0);
    }

    function getMaxMagnitude(address operator, address strategy) public view returns (uint64) {
        return WAD - slashedMagnitude[operator][strategy];
    }

    function getMaxMagnitudes(address operator, address[] calldata strategies) external view returns (uint64[] memory out) {
        out = new uint64[](strategies.length);
        for (uint256 i = 0; i < strategies.length; i++) {
            out[i] = getMaxMagnitude(operator, strategies[i]);
        }
    }

    function getEncumberedMagnitude(address operator, address strategy) external view returns (uint64) {
        return encumbered[operator][strategy];
    }

    function getAllocatableMagnitude(address operator, address strategy) external view returns (uint64) {
        return getMaxMagnitude(operator, strategy) - encumbered[operator][strategy];
    }

    function isOperatorSet(OperatorSet memory operatorSet) external view returns (bool) {
        return sets[_key(operatorSet)];
    }

    function isMemberOfOperatorSet(address operator, OperatorSet memory operatorSet) external view returns (bool) {
        return members[_key(operatorSet)][operator];
    }

    function _key(OperatorSet memory set) internal pure returns (bytes32) {
        return keccak256(abi.encode(set.avs, set.id));
    }
}

/// Replica of EigenLayer's EigenPodManager (mainnet 0x91E677b07F7AF907ec9a428aafA9fc14a0d3A338), reduced to the beacon-
/// chain ETH deposit shares of pod owners (`podOwnerDepositShares`, mainnet view). Simplification: no pods, no beacon
/// proofs — the owner (the devnet deployer) records restaked validator balances directly, as verified withdrawal
/// credentials would; the ETH itself stays with the issuer replica that owns the pod.
contract EigenPodManager {
    address public immutable owner;
    EigenDelegationManager public immutable delegationManager;
    mapping(address => int256) public podOwnerDepositShares;

    event PodSharesUpdated(address indexed podOwner, int256 sharesDelta);

    constructor(EigenDelegationManager delegationManager_) {
        owner = msg.sender;
        delegationManager = delegationManager_;
    }

    /// Mainnet IShareManager call: the DelegationManager takes deposit shares out when the pod owner queues a withdrawal.
    function removeDepositShares(address staker, address strategy, uint256 depositSharesToRemove) external returns (uint256) {
        require(msg.sender == address(delegationManager), "only DelegationManager");
        require(strategy == delegationManager.beaconChainETHStrategy(), "not beacon-chain ETH");
        int256 updated = podOwnerDepositShares[staker] - int256(depositSharesToRemove);
        require(updated >= 0, "shares too high");
        podOwnerDepositShares[staker] = updated;
        emit PodSharesUpdated(staker, -int256(depositSharesToRemove));
        return uint256(updated);
    }

    /// Stand-in for verifyWithdrawalCredentials: `amountWei` of validator balance becomes restaked beacon-chain ETH.
    function recordRestakedBalance(address podOwner, uint256 amountWei) external {
        require(msg.sender == owner, "only owner");
        int256 prev = podOwnerDepositShares[podOwner];
        podOwnerDepositShares[podOwner] = prev + int256(amountWei);
        emit PodSharesUpdated(podOwner, int256(amountWei));
        delegationManager.increaseDelegatedShares(podOwner, delegationManager.beaconChainETHStrategy(),
            prev > 0 ? uint256(prev) : 0, amountWei);
    }
}

/// An issuer's restaking account in EigenLayer — Renzo's OperatorDelegator, Kelp's NodeDelegator, an ether.fi node:
/// the pod owner and staker whose stake is delegated to one operator. `delegateAddress()` is Renzo's OperatorDelegator
/// view; Kelp's and ether.fi's equivalents are read from the DelegationManager (`delegatedTo`).
/// Simplification: one contract for the three issuers; only the issuer's admin (the devnet oracle) delegates.
contract LrtRestakingDelegator {
    address public immutable issuer;
    address public immutable admin;
    EigenDelegationManager public immutable delegationManager;
    address public delegateAddress;

    constructor(address issuer_, address admin_, EigenDelegationManager delegationManager_) {
        issuer = issuer_;
        admin = admin_;
        delegationManager = delegationManager_;
    }

    function delegateTo(address operator) external {
        require(msg.sender == admin, "only admin");
        delegateAddress = operator;
        delegationManager.delegateTo(operator, EigenDelegationManager.SignatureWithExpiry("", 0), bytes32(0));
    }

    /// The issuer starts taking `depositShares` of restaked beacon-chain ETH out of EigenLayer (Renzo's OperatorDelegator
    /// queueWithdrawals, Kelp's NodeDelegator initiateUnstaking on mainnet): DelegationManager.queueWithdrawals with the
    /// mainnet struct. The ETH stays in the issuer's TVL and slashable by the operator until the withdrawal delay ends.
    /// Simplification: the devnet never completes it (no beacon-chain exit to wait for).
    function queueBeaconChainWithdrawal(uint256 depositShares) external returns (bytes32 root) {
        require(msg.sender == admin, "only admin");
        address[] memory strategies = new address[](1);
        strategies[0] = delegationManager.beaconChainETHStrategy();
        uint256[] memory shares = new uint256[](1);
        shares[0] = depositShares;
        EigenDelegationManager.QueuedWithdrawalParams[] memory params = new EigenDelegationManager.QueuedWithdrawalParams[](1);
        params[0] = EigenDelegationManager.QueuedWithdrawalParams(strategies, shares, address(this));
        root = delegationManager.queueWithdrawals(params)[0];
    }
}
