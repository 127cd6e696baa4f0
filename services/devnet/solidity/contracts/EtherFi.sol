// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import "./IssuerAdmin.sol";
import "./ReplicaToken.sol";

/// Replica of ether.fi's LiquidityPool (mainnet 0x308861A430be4cce5502d0A12724771Fc6DaF216): deposit() mints eETH
/// shares at pooled ETH / total shares, and the mainnet share views. Rewards and slashing come from the devnet
/// market simulator (oracle role) through accrueRewards / reportLoss, as the mainnet rebase does.
/// The constructor deploys the EETH token (see eETH()). requestWithdraw sends the caller's eETH to the
/// WithdrawRequestNFT, which mints the recipient a request; the pooled ETH and the shares stay until the claim, so the
/// rate is the same before and after a request (as on mainnet).
contract EtherFiLiquidityPool is IssuerAdmin {
    address public immutable override oracle;
    EETH public immutable eETH;
    uint256 private totalPooledEther;
    /// the WithdrawRequestNFT of the exit queue (set once by the oracle role; mainnet wires it at initialization)
    EtherFiWithdrawRequestNFT public withdrawRequestNFT;

    event Deposit(address indexed sender, uint256 amount, uint256 shares);
    event Rebase(uint256 totalEthLocked, uint256 totalEEthShares);
    /// mainnet: Withdraw(address indexed sender, address recipient, uint256 amount, SourceOfFunds source), EETH = 1
    event Withdraw(address indexed sender, address recipient, uint256 amount, uint8 source);

    /// OpenZeppelin PausableUpgradeable, as mainnet's LiquidityPool: pauseContract() / unPauseContract() (pauser and
    /// unpauser roles: the oracle here) emit Paused(address) / Unpaused(address); deposit reverts while paused.
    function pauseContract() external onlyOracle {
        require(!paused, "Pausable: paused");
        _setPaused(true);
    }

    function unPauseContract() external onlyOracle {
        require(paused, "Pausable: not paused");
        _setPaused(false);
    }

    constructor(address oracle_) {
        oracle = oracle_;
        eETH = new EETH(this);
    }

    modifier onlyOracle() {
        require(msg.sender == oracle, "LiquidityPool: caller is not the oracle");
        _;
    }

    function deposit() external payable returns (uint256) {
        require(!paused, "Pausable: paused");
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

    /// Replica wiring (oracle role, once): the WithdrawRequestNFT that queues eETH for ETH.
    function setWithdrawRequestNFT(EtherFiWithdrawRequestNFT nft) external onlyOracle {
        require(address(withdrawRequestNFT) == address(0) && address(nft) != address(0), "LiquidityPool: NFT already set");
        withdrawRequestNFT = nft;
    }

    /// Queues `amount` eETH of the caller (approved to the pool) for ETH: the eETH moves to the WithdrawRequestNFT and
    /// the recipient gets a request NFT for it (amount and its shares at the current rate).
    function requestWithdraw(address recipient, uint256 amount) external returns (uint256) {
        require(address(withdrawRequestNFT) != address(0), "LiquidityPool: no withdraw queue");
        require(amount > 0 && amount <= type(uint96).max, "InvalidWithdrawalAmount");
        uint256 share = sharesForAmount(amount);
        require(share > 0, "InvalidShareAmount");
        eETH.transferFrom(msg.sender, address(withdrawRequestNFT), amount);
        uint256 requestId = withdrawRequestNFT.requestWithdraw(uint96(amount), uint96(share), recipient);
        emit Withdraw(msg.sender, recipient, amount, 1);
        return requestId;
    }

    /// WithdrawRequestNFT's finalization: the ETH of the finalized requests moves to it. Pooled ETH is unchanged (the
    /// requests' shares still exist until claimed; mainnet moves it from totalValueInLp to totalValueOutOfLp).
    function addEthAmountLockedForWithdrawal(uint128 amount) external {
        require(msg.sender == address(withdrawRequestNFT), "IncorrectCaller");
        require(amount <= totalPooledEther, "LiquidityPool: lock exceeds pooled ETH");
        (bool ok,) = msg.sender.call{value: amount}("");
        require(ok, "LiquidityPool: ETH transfer failed");
    }

    /// WithdrawRequestNFT's claim: the claimed ETH leaves the pool's accounting and the request's shares are burnt.
    function withdraw(uint256 amount, uint256 share) external {
        require(msg.sender == address(withdrawRequestNFT), "IncorrectCaller");
        require(amount > 0 && share > 0 && amount <= totalPooledEther, "InvalidAmount");
        totalPooledEther -= amount;
        eETH.burnShares(msg.sender, share);
    }

    /// ETH swept back by the WithdrawRequestNFT (none in the replica, which locks exactly the claimable amounts).
    receive() external payable {
        require(msg.sender == address(withdrawRequestNFT), "LiquidityPool: unexpected ETH");
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

    /// Burns shares of `_user` (the pool's claim path: the WithdrawRequestNFT's locked eETH).
    function burnShares(address _user, uint256 _share) external {
        require(msg.sender == address(liquidityPool), "eETH: Only pool contract function");
        require(shares[_user] >= _share, "BURN_AMOUNT_EXCEEDS_BALANCE");
        shares[_user] -= _share;
        totalShares -= _share;
        emit TransferShares(_user, address(0), _share);
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

/// Replica of ether.fi's WithdrawRequestNFT (mainnet 0x7d5706f6ef3F89B3951E23e557CDFBC3239D4E2c) with the mainnet
/// signatures: the LiquidityPool mints a request (its eETH amount and shares, ids from 1) to the recipient; the admin
/// (mainnet's EtherFiAdmin, here the devnet market simulator) finalizes requests up to an id, freezing what each pays
/// at the rate of the finalization — min(amountOfEEth, the shares' value), as mainnet's frozen finalization rate — and
/// locking that ETH out of the pool; the NFT's owner claims: the ETH is paid, the shares burnt, the NFT burnt.
/// ERC-721 subset: ownerOf, balanceOf, Transfer (no transfers or approvals; no owner enumeration, as on mainnet).
/// feeGwei is kept in the struct and is 0, as in mainnet's current requests. Not replicated: invalidation, pausing,
/// the blacklist, batchClaimWithdraw.
contract EtherFiWithdrawRequestNFT {
    struct WithdrawRequest {
        uint96 amountOfEEth;
        uint96 shareOfEEth;
        bool isValid;
        uint32 feeGwei;
    }

    string public constant name = "Withdraw Request NFT";
    string public constant symbol = "WithdrawRequestNFT";

    EtherFiLiquidityPool public immutable liquidityPool;
    EETH public immutable eETH;
    address public immutable admin;
    uint32 public nextRequestId = 1;
    uint32 public lastFinalizedRequestId;
    uint128 public ethAmountLockedForWithdrawal;

    mapping(uint256 => WithdrawRequest) private _requests;
    mapping(uint256 => address) private _owners;
    mapping(address => uint256) private _balances;
    /// what a finalized request pays (frozen at its finalization)
    mapping(uint256 => uint256) private _claimable;
    /// replica-only: the block timestamp of each request (mainnet keeps none; the simulator finalizes by age)
    mapping(uint256 => uint256) public requestCreatedAt;

    event Transfer(address indexed from, address indexed to, uint256 indexed tokenId);
    event WithdrawRequestCreated(uint32 indexed requestId, uint256 amountOfEEth, uint256 shareOfEEth, address owner);
    event WithdrawRequestClaimed(uint32 indexed requestId, uint256 amountOfEEth, uint256 shareOfEEth, address owner);

    constructor(EtherFiLiquidityPool pool, address admin_) {
        liquidityPool = pool;
        eETH = pool.eETH();
        admin = admin_;
    }

    receive() external payable {
        require(msg.sender == address(liquidityPool), "IncorrectCaller");
    }

    function requestWithdraw(uint96 amountOfEEth, uint96 shareOfEEth, address recipient) external returns (uint256) {
        require(msg.sender == address(liquidityPool), "IncorrectCaller");
        require(recipient != address(0), "ERC721: mint to the zero address");
        uint256 requestId = nextRequestId++;
        _requests[requestId] = WithdrawRequest(amountOfEEth, shareOfEEth, true, 0);
        requestCreatedAt[requestId] = block.timestamp;
        _owners[requestId] = recipient;
        _balances[recipient] += 1;
        emit Transfer(address(0), recipient, requestId);
        emit WithdrawRequestCreated(uint32(requestId), amountOfEEth, shareOfEEth, recipient);
        return requestId;
    }

    function ownerOf(uint256 tokenId) public view returns (address) {
        address owner = _owners[tokenId];
        require(owner != address(0), "ERC721: invalid token ID");
        return owner;
    }

    function balanceOf(address owner) external view returns (uint256) {
        require(owner != address(0), "ERC721: address zero is not a valid owner");
        return _balances[owner];
    }

    function getRequest(uint256 requestId) external view returns (WithdrawRequest memory) {
        return _requests[requestId];
    }

    function isFinalized(uint256 requestId) public view returns (bool) {
        return requestId <= lastFinalizedRequestId;
    }

    function getClaimableAmount(uint256 tokenId) public view returns (uint256) {
        require(tokenId <= lastFinalizedRequestId, "RequestNotFinalized");
        return _claimable[tokenId];
    }

    /// Admin: finalizes the requests up to `requestId`, each paying what its shares are worth now (at most its eETH
    /// amount), and locks that ETH out of the pool.
    function finalizeRequests(uint256 requestId) external {
        require(msg.sender == admin, "IncorrectCaller");
        require(requestId >= lastFinalizedRequestId, "CannotUndoFinalization");
        require(requestId < nextRequestId, "CannotFinalizeFutureRequests");
        uint256 lock;
        for (uint256 id = uint256(lastFinalizedRequestId) + 1; id <= requestId; id++) {
            WithdrawRequest memory r = _requests[id];
            if (_owners[id] == address(0) || !r.isValid) {
                continue;
            }
            uint256 forShares = liquidityPool.amountForShare(r.shareOfEEth);
            uint256 pay = forShares < r.amountOfEEth ? forShares : r.amountOfEEth;
            _claimable[id] = pay;
            lock += pay;
        }
        lastFinalizedRequestId = uint32(requestId);
        if (lock > 0) {
            ethAmountLockedForWithdrawal += uint128(lock);
            liquidityPool.addEthAmountLockedForWithdrawal(uint128(lock));
        }
    }

    /// The owner's ETH for a finalized request (anyone may call; the ETH goes to the owner): NFT and shares burnt.
    function claimWithdraw(uint256 tokenId) external {
        address recipient = ownerOf(tokenId);
        WithdrawRequest memory r = _requests[tokenId];
        require(r.isValid, "RequestNotValid");
        uint256 amount = getClaimableAmount(tokenId) - uint256(r.feeGwei) * 1 gwei;
        delete _requests[tokenId];
        delete _claimable[tokenId];
        delete _owners[tokenId];
        _balances[recipient] -= 1;
        emit Transfer(recipient, address(0), tokenId);
        ethAmountLockedForWithdrawal -= uint128(amount);
        liquidityPool.withdraw(amount, r.shareOfEEth);
        (bool ok,) = recipient.call{value: amount}("");
        require(ok, "EthTransferFailed");
        emit WithdrawRequestClaimed(uint32(tokenId), amount, r.shareOfEEth, recipient);
    }
}
