// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

interface IQueueStETH {
    function getSharesByPooledEth(uint256 ethAmount) external view returns (uint256);
    function transferFrom(address from, address to, uint256 amount) external returns (bool);
}

interface IQueueWstETH {
    function transferFrom(address from, address to, uint256 amount) external returns (bool);
    function unwrap(uint256 wstETHAmount) external returns (uint256);
}

/// Replica of Lido's WithdrawalQueueERC721 (mainnet 0x889edC2eDab5f40e902b864aD4d7AdE8E412F9B1) with the mainnet
/// signatures: a request locks stETH (amount and shares at request time) and mints an unstETH NFT to its owner; the
/// oracle role (the devnet market simulator, mainnet's Lido oracle report) finalizes requests in order, sending the
/// ETH they redeem for — each request gets min(its stETH, its shares at maxShareRate), as on mainnet, so a loss after
/// the request is shared; the owner claims the ETH.
/// The locked shares stay with the queue: the replica's stETH has no burner. Every share carries the same pooled ETH,
/// so holding them instead of burning leaves the share rate (and wstETH's) exactly as it would be.
/// Checkpoints are not replicated: hints are accepted and ignored, findCheckpointHints returns 1 for each id.
contract LidoWithdrawalQueue {
    string public constant name = "Lido: stETH Withdrawal NFT";
    string public constant symbol = "unstETH";
    uint256 public constant MIN_STETH_WITHDRAWAL_AMOUNT = 100;
    uint256 public constant MAX_STETH_WITHDRAWAL_AMOUNT = 1000 ether;
    /// mainnet's share rate precision (ETH per share, 1e27)
    uint256 private constant E27 = 1e27;

    struct WithdrawalRequestStatus {
        uint256 amountOfStETH;
        uint256 amountOfShares;
        address owner;
        uint256 timestamp;
        bool isFinalized;
        bool isClaimed;
    }

    struct Request {
        uint256 amountOfStETH;
        uint256 amountOfShares;
        address owner;
        uint256 timestamp;
        bool claimed;
    }

    address public immutable oracle;
    IQueueStETH public immutable STETH;
    IQueueWstETH public immutable WSTETH;

    uint256 private lastRequestId;
    uint256 private lastFinalizedRequestId;
    uint256 private locked;
    mapping(uint256 => Request) private requests;
    mapping(uint256 => uint256) private claimable;
    mapping(address => uint256[]) private byOwner;
    mapping(uint256 => uint256) private ownerIndex; // position + 1 in byOwner[owner]

    event Transfer(address indexed from, address indexed to, uint256 indexed tokenId);
    event WithdrawalRequested(uint256 indexed requestId, address indexed requestor, address indexed owner,
        uint256 amountOfStETH, uint256 amountOfShares);
    event WithdrawalsFinalized(uint256 indexed from, uint256 indexed to, uint256 amountOfETHLocked, uint256 sharesToBurn,
        uint256 timestamp);
    event WithdrawalClaimed(uint256 indexed requestId, address indexed owner, address indexed receiver, uint256 amountOfETH);

    constructor(address oracle_, IQueueStETH stETH_, IQueueWstETH wstETH_) {
        oracle = oracle_;
        STETH = stETH_;
        WSTETH = wstETH_;
    }

    function requestWithdrawals(uint256[] calldata _amounts, address _owner) external returns (uint256[] memory requestIds) {
        address owner = _owner == address(0) ? msg.sender : _owner;
        requestIds = new uint256[](_amounts.length);
        for (uint256 i = 0; i < _amounts.length; i++) {
            _checkAmount(_amounts[i]);
            uint256 shares = STETH.getSharesByPooledEth(_amounts[i]);
            STETH.transferFrom(msg.sender, address(this), _amounts[i]);
            requestIds[i] = _enqueue(_amounts[i], shares, owner);
        }
    }

    /// wstETH amounts: each is unwrapped here and the stETH it gives queued (its shares are the wstETH amount).
    function requestWithdrawalsWstETH(uint256[] calldata _amounts, address _owner) external returns (uint256[] memory requestIds) {
        address owner = _owner == address(0) ? msg.sender : _owner;
        requestIds = new uint256[](_amounts.length);
        for (uint256 i = 0; i < _amounts.length; i++) {
            WSTETH.transferFrom(msg.sender, address(this), _amounts[i]);
            uint256 stEth = WSTETH.unwrap(_amounts[i]);
            _checkAmount(stEth);
            requestIds[i] = _enqueue(stEth, _amounts[i], owner);
        }
    }

    /// ETH to lock and shares to burn to finalize up to the last id of `_batches` at `_maxShareRate` (1e27).
    function prefinalize(uint256[] calldata _batches, uint256 _maxShareRate) external view returns (uint256 ethToLock, uint256 sharesToBurn) {
        require(_batches.length > 0, "EmptyBatches");
        uint256 last = _batches[_batches.length - 1];
        require(last > lastFinalizedRequestId && last <= lastRequestId, "InvalidRequestId");
        for (uint256 id = lastFinalizedRequestId + 1; id <= last; id++) {
            ethToLock += _redeemable(requests[id], _maxShareRate);
            sharesToBurn += requests[id].amountOfShares;
        }
    }

    /// Oracle report: finalizes every request up to `_lastRequestIdToBeFinalized`; the ETH sent must be exactly
    /// what they redeem for (see prefinalize).
    function finalize(uint256 _lastRequestIdToBeFinalized, uint256 _maxShareRate) external payable {
        require(msg.sender == oracle, "APP_AUTH_FAILED");
        require(_lastRequestIdToBeFinalized > lastFinalizedRequestId && _lastRequestIdToBeFinalized <= lastRequestId,
            "InvalidRequestId");
        uint256 first = lastFinalizedRequestId + 1;
        uint256 eth;
        uint256 shares;
        for (uint256 id = first; id <= _lastRequestIdToBeFinalized; id++) {
            uint256 e = _redeemable(requests[id], _maxShareRate);
            claimable[id] = e;
            eth += e;
            shares += requests[id].amountOfShares;
        }
        require(msg.value == eth, "TooMuchEtherToFinalize");
        locked += eth;
        lastFinalizedRequestId = _lastRequestIdToBeFinalized;
        emit WithdrawalsFinalized(first, _lastRequestIdToBeFinalized, eth, shares, block.timestamp);
    }

    function claimWithdrawal(uint256 _requestId) external {
        _claim(_requestId, msg.sender);
    }

    function claimWithdrawals(uint256[] calldata _requestIds, uint256[] calldata _hints) external {
        require(_requestIds.length == _hints.length, "ArraysLengthMismatch");
        for (uint256 i = 0; i < _requestIds.length; i++) {
            _claim(_requestIds[i], msg.sender);
        }
    }

    function getWithdrawalRequests(address _owner) external view returns (uint256[] memory requestsIds) {
        return byOwner[_owner];
    }

    function getWithdrawalStatus(uint256[] calldata _requestIds) external view returns (WithdrawalRequestStatus[] memory statuses) {
        statuses = new WithdrawalRequestStatus[](_requestIds.length);
        for (uint256 i = 0; i < _requestIds.length; i++) {
            uint256 id = _requestIds[i];
            require(id > 0 && id <= lastRequestId, "InvalidRequestId");
            Request storage r = requests[id];
            statuses[i] = WithdrawalRequestStatus(r.amountOfStETH, r.amountOfShares, r.owner, r.timestamp,
                id <= lastFinalizedRequestId, r.claimed);
        }
    }

    function getClaimableEther(uint256[] calldata _requestIds, uint256[] calldata _hints) external view returns (uint256[] memory claimableEthValues) {
        require(_requestIds.length == _hints.length, "ArraysLengthMismatch");
        claimableEthValues = new uint256[](_requestIds.length);
        for (uint256 i = 0; i < _requestIds.length; i++) {
            uint256 id = _requestIds[i];
            claimableEthValues[i] = id <= lastFinalizedRequestId && !requests[id].claimed ? claimable[id] : 0;
        }
    }

    function findCheckpointHints(uint256[] calldata _requestIds, uint256, uint256) external pure returns (uint256[] memory hintIds) {
        hintIds = new uint256[](_requestIds.length);
        for (uint256 i = 0; i < _requestIds.length; i++) {
            hintIds[i] = 1;
        }
    }

    function getLastCheckpointIndex() external view returns (uint256) {
        return lastFinalizedRequestId == 0 ? 0 : 1;
    }

    function getLastRequestId() external view returns (uint256) {
        return lastRequestId;
    }

    function getLastFinalizedRequestId() external view returns (uint256) {
        return lastFinalizedRequestId;
    }

    function getLockedEtherAmount() external view returns (uint256) {
        return locked;
    }

    function unfinalizedRequestNumber() external view returns (uint256) {
        return lastRequestId - lastFinalizedRequestId;
    }

    function unfinalizedStETH() external view returns (uint256 total) {
        for (uint256 id = lastFinalizedRequestId + 1; id <= lastRequestId; id++) {
            total += requests[id].amountOfStETH;
        }
    }

    function balanceOf(address _owner) external view returns (uint256) {
        return byOwner[_owner].length;
    }

    function ownerOf(uint256 _requestId) external view returns (address) {
        Request storage r = requests[_requestId];
        require(r.owner != address(0) && !r.claimed, "InvalidRequestId");
        return r.owner;
    }

    function _checkAmount(uint256 amount) private pure {
        require(amount >= MIN_STETH_WITHDRAWAL_AMOUNT, "RequestAmountTooSmall");
        require(amount <= MAX_STETH_WITHDRAWAL_AMOUNT, "RequestAmountTooLarge");
    }

    function _enqueue(uint256 stEth, uint256 shares, address owner) private returns (uint256 id) {
        id = ++lastRequestId;
        requests[id] = Request(stEth, shares, owner, block.timestamp, false);
        byOwner[owner].push(id);
        ownerIndex[id] = byOwner[owner].length;
        emit WithdrawalRequested(id, msg.sender, owner, stEth, shares);
        emit Transfer(address(0), owner, id);
    }

    function _redeemable(Request storage r, uint256 maxShareRate) private view returns (uint256) {
        uint256 atRate = r.amountOfShares * maxShareRate / E27;
        return atRate < r.amountOfStETH ? atRate : r.amountOfStETH;
    }

    function _claim(uint256 id, address recipient) private {
        require(id > 0 && id <= lastFinalizedRequestId, "RequestNotFoundOrNotFinalized");
        Request storage r = requests[id];
        require(!r.claimed, "RequestAlreadyClaimed");
        require(r.owner == msg.sender, "NotOwner");
        r.claimed = true;
        _removeFromOwner(r.owner, id);
        uint256 eth = claimable[id];
        locked -= eth;
        emit Transfer(r.owner, address(0), id);
        emit WithdrawalClaimed(id, r.owner, recipient, eth);
        (bool ok,) = recipient.call{value: eth}("");
        require(ok, "CantSendValueRecipientMayHaveReverted");
    }

    function _removeFromOwner(address owner, uint256 id) private {
        uint256[] storage ids = byOwner[owner];
        uint256 index = ownerIndex[id] - 1;
        uint256 last = ids[ids.length - 1];
        ids[index] = last;
        ownerIndex[last] = index + 1;
        ids.pop();
        delete ownerIndex[id];
    }
}
