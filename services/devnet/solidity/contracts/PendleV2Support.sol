// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import "./ReplicaToken.sol";

// What the real Pendle v2 bytecode (npm @pendle/core-v2, deployed by PendleV2Deployer) needs around it on the devnet
// and the package does not ship: an SY for weETH, the gauge controller the market reads PENDLE from, and a proxy for
// the two factories (their implementations disable initializers in the constructor). Our own code.

interface IWeEthLike {
    function getRate() external view returns (uint256);
    function eETH() external view returns (address);
    function transfer(address to, uint256 amount) external returns (bool);
    function transferFrom(address from, address to, uint256 amount) external returns (bool);
}

/// Standardized Yield (EIP-5115, Pendle's IStandardizedYield) wrapping weETH as mainnet's SY-weETH does: 1 SY share =
/// 1 weETH (deposit and redeem 1:1, weETH only), and the asset is eETH (≈ ETH), so exchangeRate() = eETH per weETH =
/// weETH.getRate(): the Pendle market prices PT in eETH and a PT redeems for one eETH's worth of SY at expiry.
/// No reward tokens (ether.fi points live off chain). Not replicated: deposits of ETH/eETH (mainnet's SY mints weETH
/// from them), pausing, the owner.
contract WeEthSY is ReplicaToken {
    enum AssetType {
        TOKEN,
        LIQUIDITY
    }

    IWeEthLike public immutable weETH;
    address public immutable eETH;

    event Deposit(address indexed caller, address indexed receiver, address indexed tokenIn, uint256 amountDeposited,
        uint256 amountSyOut);
    event Redeem(address indexed caller, address indexed receiver, address indexed tokenOut, uint256 amountSyToRedeem,
        uint256 amountTokenOut);
    event ClaimRewards(address indexed user, address[] rewardTokens, uint256[] rewardAmounts);

    constructor(IWeEthLike weETH_) ReplicaToken("SY weETH", "SY-weETH", 18) {
        weETH = weETH_;
        eETH = weETH_.eETH();
    }

    /// Pulls `amountTokenToDeposit` weETH from the caller (approve this SY first) and mints as many shares to `receiver`.
    function deposit(address receiver, address tokenIn, uint256 amountTokenToDeposit, uint256 minSharesOut)
        external payable returns (uint256 amountSharesOut)
    {
        require(msg.value == 0, "SY: ETH not accepted");
        require(tokenIn == address(weETH), "SY: invalid tokenIn");
        require(amountTokenToDeposit > 0, "SY: zero deposit");
        amountSharesOut = amountTokenToDeposit;
        require(amountSharesOut >= minSharesOut, "SY: insufficient shares out");
        require(weETH.transferFrom(msg.sender, address(this), amountTokenToDeposit), "SY: transferFrom failed");
        _mint(receiver, amountSharesOut);
        emit Deposit(msg.sender, receiver, tokenIn, amountTokenToDeposit, amountSharesOut);
    }

    /// Burns `amountSharesToRedeem` shares — the caller's, or with `burnFromInternalBalance` shares already sent to this
    /// contract (the Router's way) — and pays as much weETH to `receiver`.
    function redeem(address receiver, uint256 amountSharesToRedeem, address tokenOut, uint256 minTokenOut,
        bool burnFromInternalBalance) external returns (uint256 amountTokenOut)
    {
        require(tokenOut == address(weETH), "SY: invalid tokenOut");
        require(amountSharesToRedeem > 0, "SY: zero redeem");
        _burn(burnFromInternalBalance ? address(this) : msg.sender, amountSharesToRedeem);
        amountTokenOut = amountSharesToRedeem;
        require(amountTokenOut >= minTokenOut, "SY: insufficient token out");
        require(weETH.transfer(receiver, amountTokenOut), "SY: transfer failed");
        emit Redeem(msg.sender, receiver, tokenOut, amountSharesToRedeem, amountTokenOut);
    }

    /// eETH per SY share, 1e18: weETH's own rate (Pendle's PY index follows it and never decreases).
    function exchangeRate() external view returns (uint256) {
        return weETH.getRate();
    }

    function claimRewards(address user) external returns (uint256[] memory rewardAmounts) {
        rewardAmounts = new uint256[](0);
        emit ClaimRewards(user, new address[](0), rewardAmounts);
    }

    function accruedRewards(address) external pure returns (uint256[] memory) {
        return new uint256[](0);
    }

    function rewardIndexesCurrent() external pure returns (uint256[] memory) {
        return new uint256[](0);
    }

    function rewardIndexesStored() external pure returns (uint256[] memory) {
        return new uint256[](0);
    }

    function getRewardTokens() external pure returns (address[] memory) {
        return new address[](0);
    }

    function yieldToken() external view returns (address) {
        return address(weETH);
    }

    function getTokensIn() external view returns (address[] memory res) {
        res = new address[](1);
        res[0] = address(weETH);
    }

    function getTokensOut() external view returns (address[] memory res) {
        res = new address[](1);
        res[0] = address(weETH);
    }

    function isValidTokenIn(address token) external view returns (bool) {
        return token == address(weETH);
    }

    function isValidTokenOut(address token) external view returns (bool) {
        return token == address(weETH);
    }

    function previewDeposit(address tokenIn, uint256 amountTokenToDeposit) external view returns (uint256) {
        require(tokenIn == address(weETH), "SY: invalid tokenIn");
        return amountTokenToDeposit;
    }

    function previewRedeem(address tokenOut, uint256 amountSharesToRedeem) external view returns (uint256) {
        require(tokenOut == address(weETH), "SY: invalid tokenOut");
        return amountSharesToRedeem;
    }

    function assetInfo() external view returns (AssetType assetType, address assetAddress, uint8 assetDecimals) {
        return (AssetType.TOKEN, eETH, 18);
    }
}

/// The two calls a Pendle market makes on its gauge controller: `pendle()` (read once, in the market's constructor:
/// the reward token its gauge always lists) and `redeemMarketReward()` (on every LP balance change: here nothing to
/// redeem, no PENDLE emissions on the devnet).
contract PendleGaugeControllerReplica {
    address public immutable pendle;

    constructor(address pendle_) {
        pendle = pendle_;
    }

    function redeemMarketReward() external {}
}

/// Minimal EIP-1967 proxy: the implementation sits in the standard slot, `initCall` runs once through it in the
/// constructor (the Pendle factories' `initialize`), every other call is delegated. No admin and no upgrade path:
/// a devnet deployment is replaced, not upgraded.
contract Erc1967Proxy {
    /// bytes32(uint256(keccak256("eip1967.proxy.implementation")) - 1)
    bytes32 private constant IMPLEMENTATION_SLOT = 0x360894a13ba1a3210667c828492db98dca3e2076cc3735a920a3ca505d382bbc;

    constructor(address implementation, bytes memory initCall) {
        require(implementation.code.length > 0, "Erc1967Proxy: no implementation");
        assembly {
            sstore(IMPLEMENTATION_SLOT, implementation)
        }
        if (initCall.length > 0) {
            (bool ok, bytes memory reason) = implementation.delegatecall(initCall);
            if (!ok) {
                assembly {
                    revert(add(reason, 32), mload(reason))
                }
            }
        }
    }

    fallback() external payable {
        assembly {
            let implementation := sload(IMPLEMENTATION_SLOT)
            calldatacopy(0, 0, calldatasize())
            let ok := delegatecall(gas(), implementation, 0, calldatasize(), 0, 0)
            returndatacopy(0, 0, returndatasize())
            switch ok
            case 0 { revert(0, returndatasize()) }
            default { return(0, returndatasize()) }
        }
    }
}
