// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import "./ReplicaToken.sol";
import "./WadMath.sol";

interface IPendleToken {
    function transfer(address to, uint256 amount) external returns (bool);
    function transferFrom(address from, address to, uint256 amount) external returns (bool);
}

/// Principal token of the Pendle market replica: minted only by its market against underlying deposited 1:1, and
/// redeemable 1:1 for the underlying at or after `expiry` through `PendleMarket.redeemPt`. Mainnet PT views
/// (`SY()`, `YT()`, `expiry()`, `isExpired()`); the replica has no SY wrapper (the underlying plays the SY, at an
/// exchange rate of 1) and no YT (`YT()` is the zero address).
contract PendlePT is ReplicaToken {
    address public immutable market;
    address public immutable SY;
    uint256 public immutable expiry;

    constructor(address sy_, uint256 expiry_, string memory name_, string memory symbol_)
        ReplicaToken(name_, symbol_, 18)
    {
        market = msg.sender;
        SY = sy_;
        expiry = expiry_;
    }

    modifier onlyMarket() {
        require(msg.sender == market, "PendlePT: only market");
        _;
    }

    function YT() external pure returns (address) {
        return address(0);
    }

    function isExpired() external view returns (bool) {
        return block.timestamp >= expiry;
    }

    function mintByMarket(address to, uint256 amount) external onlyMarket {
        _mint(to, amount);
    }

    function burnByMarket(address from, uint256 amount) external onlyMarket {
        require(balanceOf[from] >= amount, "PendlePT: burn amount exceeds balance");
        _burn(from, amount);
    }
}

/// Replica of a Pendle v2 PT market (mainnet IPMarket views: `readTokens()`, `readState(address)` with the exact
/// MarketState layout, `expiry()`, `isExpired()`). PT trades against the underlying at the implied rate the admin
/// sets (`setLnImpliedRate`, no price impact): PT price = exp(-lnImpliedRate * timeToExpiry / 365 days), as
/// MarketMathCore's exchange rate. On mainnet swaps go through the Router with ApproxParams/TokenInput/LimitOrderData
/// structs; the replica market has its own simple swap functions instead. No fees, no LP token (totalLp counts the
/// underlying value seeded), no YT, and no rate observations (`observe` is not replicated).
contract PendleMarket {
    struct MarketState {
        int256 totalPt;
        int256 totalSy;
        int256 totalLp;
        address treasury;
        int256 scalarRoot;
        uint256 expiry;
        uint256 lnFeeRateRoot;
        uint256 reserveFeePercent; // base 100
        uint256 lastLnImpliedRate;
    }

    uint256 private constant ONE = 1e18;
    uint256 private constant YEAR = 365 days;
    uint256 private constant MAX_LN_IMPLIED_RATE = 5e18; // e^5 - 1 ~ 14,700% APY

    address public immutable SY; // the underlying token, standing in for the SY (exchange rate 1)
    PendlePT public immutable PT;
    uint256 public immutable expiry;
    address public owner;

    uint256 private lastLnImpliedRate;
    uint256 private totalPt; // PT held by the market for trading
    uint256 private totalSy; // underlying held by the market for trading (PT backing excluded)
    uint256 private totalLp;

    event UpdateImpliedRate(uint256 indexed timestamp, uint256 lnLastImpliedRate);
    event Swap(address indexed caller, address indexed receiver, int256 netPtOut, int256 netSyOut, uint256 netSyFee,
        uint256 netSyToReserve);
    event RedeemPY(address indexed caller, address indexed receiver, uint256 netPyRedeemed, uint256 netSyRedeemed);
    event Seeded(uint256 ptAmount, uint256 tokenAmount);

    constructor(address underlying_, uint256 expiry_, uint256 lnImpliedRate_) {
        require(underlying_ != address(0), "PendleMarket: zero underlying");
        require(expiry_ > block.timestamp, "PendleMarket: expiry in the past");
        require(lnImpliedRate_ <= MAX_LN_IMPLIED_RATE, "PendleMarket: rate too high");
        SY = underlying_;
        expiry = expiry_;
        owner = msg.sender;
        PT = new PendlePT(underlying_, expiry_, "Pendle PT replica", "PT");
        lastLnImpliedRate = lnImpliedRate_;
        emit UpdateImpliedRate(block.timestamp, lnImpliedRate_);
    }

    modifier onlyOwner() {
        require(msg.sender == owner, "PendleMarket: not owner");
        _;
    }

    modifier notExpired() {
        require(block.timestamp < expiry, "PendleMarket: market expired");
        _;
    }

    // ================================ mainnet views ================================

    function readTokens() external view returns (address _SY, address _PT, address _YT) {
        return (SY, address(PT), address(0));
    }

    /// `router` selects fee overrides on mainnet; the replica has no fees and ignores it.
    function readState(address) external view returns (MarketState memory market) {
        market.totalPt = int256(totalPt);
        market.totalSy = int256(totalSy);
        market.totalLp = int256(totalLp);
        market.treasury = owner;
        market.scalarRoot = 0;
        market.expiry = expiry;
        market.lnFeeRateRoot = 0;
        market.reserveFeePercent = 0;
        market.lastLnImpliedRate = lastLnImpliedRate;
    }

    function isExpired() public view returns (bool) {
        return block.timestamp >= expiry;
    }

    // ================================ replica pricing ================================

    /// PT per underlying, 1e18: exp(lnImpliedRate * timeToExpiry / 365 days); 1e18 at or after expiry.
    function assetToPtRate() public view returns (uint256) {
        if (isExpired()) {
            return ONE;
        }
        uint256 exponent = lastLnImpliedRate * (expiry - block.timestamp) / YEAR;
        return uint256(wadExp(int256(exponent)));
    }

    /// Underlying per PT, 1e18 (the PT price).
    function ptToAssetRate() external view returns (uint256) {
        return ONE * ONE / assetToPtRate();
    }

    function previewSwapExactTokenForPt(uint256 exactTokenIn) public view returns (uint256 netPtOut) {
        return exactTokenIn * assetToPtRate() / ONE;
    }

    function previewSwapExactPtForToken(uint256 exactPtIn) public view returns (uint256 netTokenOut) {
        return exactPtIn * ONE / assetToPtRate();
    }

    // ================================ trading ================================

    /// Buys PT with exactly `exactTokenIn` underlying (approve the market first).
    function swapExactTokenForPt(address receiver, uint256 exactTokenIn, uint256 minPtOut) external notExpired
        returns (uint256 netPtOut)
    {
        netPtOut = previewSwapExactTokenForPt(exactTokenIn);
        require(netPtOut >= minPtOut, "PendleMarket: insufficient PT out");
        require(netPtOut <= totalPt, "PendleMarket: insufficient PT liquidity");
        totalPt -= netPtOut;
        totalSy += exactTokenIn;
        require(IPendleToken(SY).transferFrom(msg.sender, address(this), exactTokenIn), "PendleMarket: transferFrom failed");
        require(PT.transfer(receiver, netPtOut), "PendleMarket: PT transfer failed");
        emit Swap(msg.sender, receiver, int256(netPtOut), -int256(exactTokenIn), 0, 0);
    }

    /// Sells exactly `exactPtIn` PT for underlying (approve the market for the PT first).
    function swapExactPtForToken(address receiver, uint256 exactPtIn, uint256 minTokenOut) external notExpired
        returns (uint256 netTokenOut)
    {
        netTokenOut = previewSwapExactPtForToken(exactPtIn);
        require(netTokenOut >= minTokenOut, "PendleMarket: insufficient token out");
        require(netTokenOut <= totalSy, "PendleMarket: insufficient token liquidity");
        totalPt += exactPtIn;
        totalSy -= netTokenOut;
        require(PT.transferFrom(msg.sender, address(this), exactPtIn), "PendleMarket: PT transferFrom failed");
        require(IPendleToken(SY).transfer(receiver, netTokenOut), "PendleMarket: transfer failed");
        emit Swap(msg.sender, receiver, -int256(exactPtIn), int256(netTokenOut), 0, 0);
    }

    /// At or after expiry: burns the caller's PT and pays the underlying 1:1 (mainnet: YT.redeemPY via the Router).
    function redeemPt(address receiver, uint256 netPtIn) external returns (uint256 netTokenOut) {
        require(isExpired(), "PendleMarket: not expired");
        PT.burnByMarket(msg.sender, netPtIn);
        netTokenOut = netPtIn;
        require(IPendleToken(SY).transfer(receiver, netTokenOut), "PendleMarket: transfer failed");
        emit RedeemPY(msg.sender, receiver, netPtIn, netTokenOut);
    }

    // ================================ admin (devnet simulator) ================================

    function setLnImpliedRate(uint256 lnImpliedRate) external onlyOwner {
        require(lnImpliedRate <= MAX_LN_IMPLIED_RATE, "PendleMarket: rate too high");
        lastLnImpliedRate = lnImpliedRate;
        emit UpdateImpliedRate(block.timestamp, lnImpliedRate);
    }

    /// Adds liquidity: pulls `ptAmount + tokenAmount` underlying from the owner; `ptAmount` of it backs PT minted
    /// 1:1 to the market's PT reserve, `tokenAmount` is the market's underlying reserve.
    function seed(uint256 ptAmount, uint256 tokenAmount) external onlyOwner notExpired {
        require(IPendleToken(SY).transferFrom(msg.sender, address(this), ptAmount + tokenAmount),
            "PendleMarket: transferFrom failed");
        PT.mintByMarket(address(this), ptAmount);
        totalPt += ptAmount;
        totalSy += tokenAmount;
        totalLp += ptAmount + tokenAmount;
        emit Seeded(ptAmount, tokenAmount);
    }
}

/// Replica of Pendle's PY/LP oracle read path (mainnet PendlePYLpOracle): the PT rate of a PendleMarket replica.
/// The replica returns the spot rate: `duration` (the TWAP window on mainnet) is ignored, and the oracle is always ready.
contract PendlePYLpOracle {
    function getPtToAssetRate(address market, uint32) external view returns (uint256) {
        return PendleMarket(market).ptToAssetRate();
    }

    /// The replica's SY is the underlying itself (SY index 1), so PT-to-SY equals PT-to-asset.
    function getPtToSyRate(address market, uint32) external view returns (uint256) {
        return PendleMarket(market).ptToAssetRate();
    }

    function getOracleState(address, uint32) external pure
        returns (bool increaseCardinalityRequired, uint16 cardinalityRequired, bool oldestObservationSatisfied)
    {
        return (false, 0, true);
    }
}

