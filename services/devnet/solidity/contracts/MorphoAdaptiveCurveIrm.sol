// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// Morpho Blue's market types, as IIrm receives them (the same ABI tuples as IMorpho's MarketParams and Market).
struct MorphoMarketParams {
    address loanToken;
    address collateralToken;
    address oracle;
    address irm;
    uint256 lltv;
}

struct MorphoMarket {
    uint128 totalSupplyAssets;
    uint128 totalSupplyShares;
    uint128 totalBorrowAssets;
    uint128 totalBorrowShares;
    uint128 lastUpdate;
    uint128 fee;
}

/// An adaptive curve interest rate model for Morpho Blue, written here from the published specification of the
/// AdaptiveCurveIrm (docs.morpho.org, "Interest rate model"); the mainnet contract is not part of the npm package.
/// Per market it keeps a rate at target utilisation that drifts exponentially with the normalised utilisation error
/// at 50/year, bounded to [0.1 %, 200 %]/year, starting at 4 %/year. The borrow rate is curve(err) x rateAtTarget, where
/// the curve is 1/4 of the rate at zero utilisation and 4x at full utilisation, linear on both sides of 90 %; over an
/// elapsed period it uses the average rate at target, by the trapezoid rule on start, middle and end of the period.
/// Rates are per second, WAD. The Java model io.lrtyield.common.lending.morpho.AdaptiveCurveIrmModel computes the same.
contract MorphoAdaptiveCurveIrm {
    int256 private constant WAD = 1e18;
    int256 public constant CURVE_STEEPNESS = 4e18;
    int256 public constant ADJUSTMENT_SPEED = 50e18 / int256(365 days);
    int256 public constant TARGET_UTILIZATION = 0.9e18;
    int256 public constant INITIAL_RATE_AT_TARGET = 0.04e18 / int256(365 days);
    int256 public constant MIN_RATE_AT_TARGET = 0.001e18 / int256(365 days);
    int256 public constant MAX_RATE_AT_TARGET = 2e18 / int256(365 days);

    /// ln 2 and the exponent range outside which e^x is 0 (below 1 wei) or saturates (its value at the bound).
    int256 private constant LN2 = 693147180559945309;
    int256 private constant EXP_MIN = -41446531673892822312;
    int256 private constant EXP_MAX = 93859467695000404319;

    address public immutable morpho;
    /// Rate at target utilisation per market id, as of the market's last update.
    mapping(bytes32 => int256) public rateAtTarget;

    event RateAtTargetUpdated(bytes32 indexed id, int256 avgBorrowRate, int256 rateAtTarget);

    constructor(address morpho_) {
        require(morpho_ != address(0), "MorphoAdaptiveCurveIrm: zero morpho");
        morpho = morpho_;
    }

    function borrowRateView(MorphoMarketParams memory marketParams, MorphoMarket memory market) external view returns (uint256) {
        (uint256 avgRate,) = _rates(keccak256(abi.encode(marketParams)), market);
        return avgRate;
    }

    /// Called by Morpho on every interest accrual: stores the rate at target the period ends with.
    function borrowRate(MorphoMarketParams memory marketParams, MorphoMarket memory market) external returns (uint256) {
        require(msg.sender == morpho, "MorphoAdaptiveCurveIrm: caller is not Morpho");
        bytes32 id = keccak256(abi.encode(marketParams));
        (uint256 avgRate, int256 endRateAtTarget) = _rates(id, market);
        rateAtTarget[id] = endRateAtTarget;
        emit RateAtTargetUpdated(id, int256(avgRate), endRateAtTarget);
        return avgRate;
    }

    function _rates(bytes32 id, MorphoMarket memory market) private view returns (uint256, int256) {
        int256 utilization = market.totalSupplyAssets == 0
            ? int256(0)
            : int256(uint256(market.totalBorrowAssets) * uint256(WAD) / market.totalSupplyAssets);
        // the error is normalised to [-1, 1]: by the target below it, by the distance to full utilisation above it
        int256 errNorm = utilization > TARGET_UTILIZATION ? WAD - TARGET_UTILIZATION : TARGET_UTILIZATION;
        int256 err = (utilization - TARGET_UTILIZATION) * WAD / errNorm;

        int256 start = rateAtTarget[id];
        int256 avgRateAtTarget;
        int256 endRateAtTarget;
        if (start == 0) {
            // first interaction: the market starts at the initial rate and has not adapted yet
            avgRateAtTarget = INITIAL_RATE_AT_TARGET;
            endRateAtTarget = INITIAL_RATE_AT_TARGET;
        } else {
            int256 speed = ADJUSTMENT_SPEED * err / WAD;
            int256 adaptation = speed * int256(block.timestamp - market.lastUpdate);
            if (adaptation == 0) {
                avgRateAtTarget = start;
                endRateAtTarget = start;
            } else {
                endRateAtTarget = _adapted(start, adaptation);
                int256 mid = _adapted(start, adaptation / 2);
                avgRateAtTarget = (start + endRateAtTarget + 2 * mid) / 4;
            }
        }
        return (uint256(_curve(avgRateAtTarget, err)), endRateAtTarget);
    }

    /// curve(err) x rateAtTarget: slope (1 - 1/steepness) below the target, (steepness - 1) above it.
    function _curve(int256 rateAtTarget_, int256 err) private pure returns (int256) {
        int256 slope = err < 0 ? WAD - WAD * WAD / CURVE_STEEPNESS : CURVE_STEEPNESS - WAD;
        return (slope * err / WAD + WAD) * rateAtTarget_ / WAD;
    }

    function _adapted(int256 start, int256 adaptation) private pure returns (int256) {
        int256 r = start * _exp(adaptation) / WAD;
        if (r < MIN_RATE_AT_TARGET) return MIN_RATE_AT_TARGET;
        if (r > MAX_RATE_AT_TARGET) return MAX_RATE_AT_TARGET;
        return r;
    }

    /// e^x in WAD: x = q ln2 + r with |r| <= ln2/2, e^r by its Taylor series to the second order, then shifted by q.
    function _exp(int256 x) private pure returns (int256) {
        if (x < EXP_MIN) return 0;
        if (x >= EXP_MAX) x = EXP_MAX;
        int256 q = (x + (x < 0 ? -LN2 / 2 : LN2 / 2)) / LN2;
        int256 r = x - q * LN2;
        int256 expR = WAD + r + r * r / WAD / 2;
        return q >= 0 ? expR << uint256(q) : expR >> uint256(-q);
    }
}
