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

/// ln(x / 1e18) * 1e18, truncated toward zero, for x > 0: the argument at 36 decimals is brought into [1/sqrt2, sqrt2]
/// by powers of two (k), then ln m = 2 atanh((m - 1)/(m + 1)), summed until a term vanishes; ln x = k ln2 + ln m.
/// Written for the replica; within a wei of mainnet's LogExpMath.ln.
function pendleLnWad(int256 x) pure returns (int256) {
    require(x > 0, "PendleMarket: ln of a non-positive number");
    int256 one36 = 1e36;
    int256 m = x * 1e18;
    int256 k = 0;
    while (m >= 2 * one36) {
        m >>= 1;
        k++;
    }
    while (m < one36) {
        m <<= 1;
        k--;
    }
    if (m > 1414213562373095048801688724209698079) { // sqrt(2), 36 decimals
        m >>= 1;
        k++;
    }
    int256 z = (m - one36) * one36 / (m + one36);
    int256 z2 = z * z / one36;
    int256 term = z;
    int256 sum = z;
    for (int256 i = 3; term != 0; i += 2) {
        term = term * z2 / one36;
        sum += term / i;
    }
    return (2 * sum + k * 693147180559945309417232121458176568) / 1e18; // ln 2, 36 decimals
}

/// Replica of a Pendle v2 PT market (mainnet IPMarket views: `readTokens()`, `readState(address)` with the exact
/// MarketState layout, `expiry()`, `isExpired()`) trading on Pendle's market AMM (MarketMathCore): rateScalar =
/// scalarRoot * 365 days / timeToExpiry; rateAnchor solved so that lastLnImpliedRate holds at the current PT
/// proportion; exchange rate (PT per underlying) = ln(p / (1 - p)) / rateScalar + rateAnchor with p the PT proportion
/// after the trade; fee e^(lnFeeRateRoot * timeToExpiry / 365 days), of which reserveFeePercent goes to the treasury
/// (the owner); each trade sets lastLnImpliedRate to the rate at the new proportion. Same checks as mainnet (rate never
/// below 1, proportion at most 96 %). Departures: the underlying plays the SY (index 1) and there is no YT, no LP token
/// (totalLp counts the underlying seeded) and no rate observations (`observe` is not replicated); on mainnet swaps go
/// through the Router with ApproxParams/TokenInput/LimitOrderData, here through the market's own functions, and an
/// exact-input buy gets the most PT whose cost fits the input, to the wei (the Router approximates it within its eps);
/// ln is `pendleLnWad` and exp solmate's `wadExp`, each within a wei of LogExpMath (the yield service quotes with
/// LogExpMath's own steps, so its size curve and this replica's previews may differ by a wei now and then).
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

    struct PreCompute {
        int256 rateScalar;
        int256 totalAsset;
        int256 rateAnchor;
        int256 feeRate;
        uint256 timeToExpiry;
    }

    int256 private constant IONE = 1e18;
    uint256 private constant ONE = 1e18;
    uint256 private constant YEAR = 365 days;
    uint256 private constant MAX_LN_IMPLIED_RATE = 5e18; // e^5 - 1 ~ 14,700% APY
    int256 private constant MAX_MARKET_PROPORTION = (1e18 * 96) / 100;

    address public immutable SY; // the underlying token, standing in for the SY (exchange rate 1)
    PendlePT public immutable PT;
    uint256 public immutable expiry;
    int256 public immutable scalarRoot;
    uint256 public immutable lnFeeRateRoot;
    uint256 public immutable reserveFeePercent;
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

    /// @param scalarRoot_ 1e18; steepness of the curve (mainnet markets: single digits to a few tens)
    /// @param lnFeeRateRoot_ 1e18; ln(1 + fee rate per year to expiry), e.g. ln(1.001)
    /// @param reserveFeePercent_ share of the fee paid to the treasury, base 100
    constructor(address underlying_, uint256 expiry_, uint256 lnImpliedRate_, int256 scalarRoot_, uint256 lnFeeRateRoot_,
        uint256 reserveFeePercent_)
    {
        require(underlying_ != address(0), "PendleMarket: zero underlying");
        require(expiry_ > block.timestamp, "PendleMarket: expiry in the past");
        require(lnImpliedRate_ <= MAX_LN_IMPLIED_RATE, "PendleMarket: rate too high");
        require(scalarRoot_ > 0, "PendleMarket: scalarRoot");
        require(reserveFeePercent_ <= 100, "PendleMarket: reserveFeePercent");
        SY = underlying_;
        expiry = expiry_;
        scalarRoot = scalarRoot_;
        lnFeeRateRoot = lnFeeRateRoot_;
        reserveFeePercent = reserveFeePercent_;
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

    /// `router` selects fee overrides on mainnet; the replica has one fee and ignores it.
    function readState(address) external view returns (MarketState memory market) {
        market.totalPt = int256(totalPt);
        market.totalSy = int256(totalSy);
        market.totalLp = int256(totalLp);
        market.treasury = owner;
        market.scalarRoot = scalarRoot;
        market.expiry = expiry;
        market.lnFeeRateRoot = lnFeeRateRoot;
        market.reserveFeePercent = reserveFeePercent;
        market.lastLnImpliedRate = lastLnImpliedRate;
    }

    function isExpired() public view returns (bool) {
        return block.timestamp >= expiry;
    }

    // ================================ spot pricing (the oracle replica's) ================================

    /// PT per underlying at the last implied rate, 1e18: exp(lnImpliedRate * timeToExpiry / 365 days); 1e18 at or after expiry.
    function assetToPtRate() public view returns (uint256) {
        if (isExpired()) {
            return ONE;
        }
        return uint256(_rateFromImpliedRate(lastLnImpliedRate, expiry - block.timestamp));
    }

    /// Underlying per PT, 1e18 (the spot PT price, no fee or impact).
    function ptToAssetRate() external view returns (uint256) {
        return ONE * ONE / assetToPtRate();
    }

    // ================================ trading (the AMM) ================================

    /// PT that exactly `exactTokenIn` underlying buys now (fee and price impact included); reverts when the market
    /// cannot take the whole input.
    function previewSwapExactTokenForPt(uint256 exactTokenIn) public view notExpired returns (uint256 netPtOut) {
        PreCompute memory c = _preCompute();
        return _ptOutForExactSyIn(c, exactTokenIn);
    }

    /// Underlying that exactly `exactPtIn` PT sells for now (fee and price impact included).
    function previewSwapExactPtForToken(uint256 exactPtIn) public view notExpired returns (uint256 netTokenOut) {
        PreCompute memory c = _preCompute();
        (int256 netSyToAccount,,) = _calcTrade(c, -int256(exactPtIn));
        return uint256(netSyToAccount);
    }

    /// Buys PT with `exactTokenIn` underlying (approve the market first): the most PT whose cost fits the input; the
    /// at most few wei of input the cost leaves stay in the market unaccounted, as on mainnet.
    function swapExactTokenForPt(address receiver, uint256 exactTokenIn, uint256 minPtOut) external notExpired
        returns (uint256 netPtOut)
    {
        PreCompute memory c = _preCompute();
        netPtOut = _ptOutForExactSyIn(c, exactTokenIn);
        require(netPtOut >= minPtOut, "PendleMarket: insufficient PT out");
        (int256 netSyToAccount, int256 netSyFee, int256 netSyToReserve) = _calcTrade(c, int256(netPtOut));
        require(IPendleToken(SY).transferFrom(msg.sender, address(this), exactTokenIn), "PendleMarket: transferFrom failed");
        _settle(c, int256(netPtOut), netSyToAccount, netSyToReserve);
        require(PT.transfer(receiver, netPtOut), "PendleMarket: PT transfer failed");
        emit Swap(msg.sender, receiver, int256(netPtOut), netSyToAccount, uint256(netSyFee), uint256(netSyToReserve));
    }

    /// Sells exactly `exactPtIn` PT for underlying (approve the market for the PT first).
    function swapExactPtForToken(address receiver, uint256 exactPtIn, uint256 minTokenOut) external notExpired
        returns (uint256 netTokenOut)
    {
        PreCompute memory c = _preCompute();
        (int256 netSyToAccount, int256 netSyFee, int256 netSyToReserve) = _calcTrade(c, -int256(exactPtIn));
        netTokenOut = uint256(netSyToAccount);
        require(netTokenOut >= minTokenOut, "PendleMarket: insufficient token out");
        require(PT.transferFrom(msg.sender, address(this), exactPtIn), "PendleMarket: PT transferFrom failed");
        _settle(c, -int256(exactPtIn), netSyToAccount, netSyToReserve);
        require(IPendleToken(SY).transfer(receiver, netTokenOut), "PendleMarket: transfer failed");
        emit Swap(msg.sender, receiver, -int256(exactPtIn), netSyToAccount, uint256(netSyFee), uint256(netSyToReserve));
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

    /// Sets the implied rate the AMM anchors on (the next trade's rateAnchor holds it at the current proportion).
    function setLnImpliedRate(uint256 lnImpliedRate) external onlyOwner {
        require(lnImpliedRate <= MAX_LN_IMPLIED_RATE, "PendleMarket: rate too high");
        lastLnImpliedRate = lnImpliedRate;
        emit UpdateImpliedRate(block.timestamp, lnImpliedRate);
    }

    /// Adds liquidity: pulls `ptAmount + tokenAmount` underlying from the owner; `ptAmount` of it backs PT minted
    /// 1:1 to the market's PT reserve, `tokenAmount` is the market's underlying reserve. The implied rate stays.
    function seed(uint256 ptAmount, uint256 tokenAmount) external onlyOwner notExpired {
        require(IPendleToken(SY).transferFrom(msg.sender, address(this), ptAmount + tokenAmount),
            "PendleMarket: transferFrom failed");
        PT.mintByMarket(address(this), ptAmount);
        totalPt += ptAmount;
        totalSy += tokenAmount;
        totalLp += ptAmount + tokenAmount;
        emit Seeded(ptAmount, tokenAmount);
    }

    // ================================ MarketMathCore ================================

    function _preCompute() private view returns (PreCompute memory c) {
        require(block.timestamp < expiry, "PendleMarket: market expired");
        c.timeToExpiry = expiry - block.timestamp;
        c.rateScalar = scalarRoot * int256(YEAR) / int256(c.timeToExpiry);
        require(c.rateScalar > 0, "PendleMarket: rate scalar below zero");
        c.totalAsset = int256(totalSy); // SY index 1
        require(totalPt != 0 && c.totalAsset != 0, "PendleMarket: zero total PT or asset");
        int256 rate = _rateFromImpliedRate(lastLnImpliedRate, c.timeToExpiry);
        require(rate >= IONE, "PendleMarket: exchange rate below one");
        int256 pt = int256(totalPt);
        c.rateAnchor = rate - _divDown(_logProportion(_divDown(pt, pt + c.totalAsset)), c.rateScalar);
        c.feeRate = _rateFromImpliedRate(lnFeeRateRoot, c.timeToExpiry);
    }

    /// (SY to the account, fee, fee to the treasury) of `netPtToAccount` PT to the account (negative: PT sold).
    function _calcTrade(PreCompute memory c, int256 netPtToAccount) private view
        returns (int256 netSyToAccount, int256 netSyFee, int256 netSyToReserve)
    {
        (bool ok, int256 rate, string memory error) = _tryCalcRate(c, netPtToAccount);
        require(ok, error);
        return _tradeAt(c, netPtToAccount, rate);
    }

    /// The pre-fee exchange rate of a trade and the checks on it, without reverting (the exact-input search probes).
    function _tryCalcRate(PreCompute memory c, int256 netPtToAccount) private view
        returns (bool ok, int256 rate, string memory error)
    {
        int256 pt = int256(totalPt);
        if (pt <= netPtToAccount) return (false, 0, "PendleMarket: insufficient PT liquidity");
        int256 proportion = _divDown(pt - netPtToAccount, pt + c.totalAsset);
        if (proportion > MAX_MARKET_PROPORTION) return (false, 0, "PendleMarket: proportion too high");
        if (proportion == 0) return (false, 0, "PendleMarket: insufficient PT liquidity");
        rate = _divDown(_logProportion(proportion), c.rateScalar) + c.rateAnchor;
        if (rate < IONE) return (false, 0, "PendleMarket: exchange rate below one");
        if (netPtToAccount > 0 && _divDown(rate, c.feeRate) < IONE) return (false, 0, "PendleMarket: exchange rate below one");
        return (true, rate, "");
    }

    function _tradeAt(PreCompute memory c, int256 netPtToAccount, int256 preFeeExchangeRate) private view
        returns (int256 netSyToAccount, int256 netSyFee, int256 netSyToReserve)
    {
        int256 preFeeAssetToAccount = -_divDown(netPtToAccount, preFeeExchangeRate);
        int256 fee;
        if (netPtToAccount > 0) {
            fee = preFeeAssetToAccount * (IONE - c.feeRate) / IONE;
        } else {
            fee = -((preFeeAssetToAccount * (IONE - c.feeRate)) / c.feeRate);
        }
        // SY index 1: asset and SY amounts are equal
        netSyToReserve = fee * int256(reserveFeePercent) / 100;
        netSyToAccount = preFeeAssetToAccount - fee;
        netSyFee = fee;
    }

    /// The most PT whose cost fits `exactSyIn`, by bisection over wei (the cost rises with the amount); reverts when
    /// one more wei of PT is not a trade the market can make, i.e. the input cannot all be spent.
    function _ptOutForExactSyIn(PreCompute memory c, uint256 exactSyIn) private view returns (uint256) {
        if (exactSyIn == 0) return 0;
        (bool ok, int256 spot, string memory error) = _tryCalcRate(c, 0);
        require(ok, error);
        // cost(n) >= n / spot, so 2 * input * spot already costs more than the input
        uint256 hi = 2 * exactSyIn * uint256(spot) / ONE + 2;
        if (hi > totalPt) hi = totalPt;
        uint256 lo = 0;
        while (hi - lo > 1) {
            uint256 mid = (lo + hi) >> 1;
            if (_fits(c, mid, exactSyIn)) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        (bool next,,) = _tryCalcRate(c, int256(lo + 1));
        require(lo > 0 && next, "PendleMarket: insufficient PT liquidity");
        return lo;
    }

    function _fits(PreCompute memory c, uint256 netPt, uint256 exactSyIn) private view returns (bool) {
        (bool ok, int256 rate,) = _tryCalcRate(c, int256(netPt));
        if (!ok) return false;
        (int256 netSyToAccount,,) = _tradeAt(c, int256(netPt), rate);
        return uint256(-netSyToAccount) <= exactSyIn;
    }

    /// Writes the trade: reserves, the treasury's fee share paid out, and the implied rate at the new proportion.
    function _settle(PreCompute memory c, int256 netPtToAccount, int256 netSyToAccount, int256 netSyToReserve) private {
        totalPt = uint256(int256(totalPt) - netPtToAccount);
        totalSy = uint256(int256(totalSy) - (netSyToAccount + netSyToReserve));
        if (netSyToReserve > 0) {
            require(IPendleToken(SY).transfer(owner, uint256(netSyToReserve)), "PendleMarket: fee transfer failed");
        }
        int256 pt = int256(totalPt);
        int256 proportion = _divDown(pt, pt + int256(totalSy));
        require(proportion <= MAX_MARKET_PROPORTION, "PendleMarket: proportion too high");
        int256 rate = _divDown(_logProportion(proportion), c.rateScalar) + c.rateAnchor;
        require(rate >= IONE, "PendleMarket: exchange rate below one");
        lastLnImpliedRate = uint256(pendleLnWad(rate)) * YEAR / c.timeToExpiry;
        require(lastLnImpliedRate != 0, "PendleMarket: zero ln implied rate");
        emit UpdateImpliedRate(block.timestamp, lastLnImpliedRate);
    }

    function _rateFromImpliedRate(uint256 lnImpliedRate, uint256 timeToExpiry) private pure returns (int256) {
        return wadExp(int256(lnImpliedRate * timeToExpiry / YEAR));
    }

    function _logProportion(int256 proportion) private pure returns (int256) {
        require(proportion != IONE, "PendleMarket: proportion must not equal one");
        return pendleLnWad(_divDown(proportion, IONE - proportion));
    }

    function _divDown(int256 a, int256 b) private pure returns (int256) {
        return a * IONE / b;
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

