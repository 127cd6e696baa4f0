// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import "./ReplicaToken.sol";

interface IAaveReplicaERC20 {
    function symbol() external view returns (string memory);
    function decimals() external view returns (uint8);
    function transfer(address to, uint256 amount) external returns (bool);
    function transferFrom(address from, address to, uint256 amount) external returns (bool);
}

interface IAaveReplicaPriceOracle {
    function getAssetPrice(address asset) external view returns (uint256);
}

interface IAaveReplicaPoolBalances {
    function getReserveNormalizedIncome(address asset) external view returns (uint256);
    function getReserveNormalizedVariableDebt(address asset) external view returns (uint256);
    function getScaledATokenBalance(address asset, address user) external view returns (uint256);
    function getScaledATokenSupply(address asset) external view returns (uint256);
    function getScaledDebtBalance(address asset, address user) external view returns (uint256);
    function getScaledDebtSupply(address asset) external view returns (uint256);
}

/// Minimal ERC-20 for the devnet's lending and restaking test assets (WETH-like, wstETH-like): 18 decimals,
/// only the deployer mints.
contract AaveTestToken is ReplicaToken {
    address public immutable owner;

    constructor(string memory name_, string memory symbol_) ReplicaToken(name_, symbol_, 18) {
        owner = msg.sender;
    }

    function mint(address to, uint256 amount) external {
        require(msg.sender == owner, "AaveTestToken: not owner");
        _mint(to, amount);
    }
}

/// Replica of the AaveOracle read surface (mainnet 0x54586bE62E3c3580375aE3723C145253060Ca0C2): prices in the
/// base currency (USD, 8 decimals), here set by the owner (the devnet simulator) instead of Chainlink sources.
contract AaveReplicaOracle {
    address public constant BASE_CURRENCY = address(0);
    uint256 public constant BASE_CURRENCY_UNIT = 1e8;
    address public immutable owner;
    mapping(address => uint256) private prices;

    event AssetPriceUpdated(address indexed asset, uint256 price);

    constructor() {
        owner = msg.sender;
    }

    function setAssetPrice(address asset, uint256 price) external {
        require(msg.sender == owner, "AaveReplicaOracle: not owner");
        prices[asset] = price;
        emit AssetPriceUpdated(asset, price);
    }

    function getAssetPrice(address asset) public view returns (uint256) {
        uint256 price = prices[asset];
        require(price != 0, "AaveReplicaOracle: no price");
        return price;
    }

    function getAssetsPrices(address[] calldata assets) external view returns (uint256[] memory out) {
        out = new uint256[](assets.length);
        for (uint256 i = 0; i < assets.length; i++) {
            out[i] = getAssetPrice(assets[i]);
        }
    }
}

/// Shared view logic of the replica aToken / variable debt token: balances live in the pool as scaled amounts;
/// balanceOf = scaled x the reserve's normalized index (ray), as on Aave v3.
abstract contract AaveReplicaScaledToken {
    address public immutable POOL;
    address public immutable UNDERLYING_ASSET_ADDRESS;
    uint8 public immutable decimals;
    string public name;
    string public symbol;

    event Transfer(address indexed from, address indexed to, uint256 value);

    constructor(address pool, address asset, uint8 decimals_, string memory name_, string memory symbol_) {
        POOL = pool;
        UNDERLYING_ASSET_ADDRESS = asset;
        decimals = decimals_;
        name = name_;
        symbol = symbol_;
    }

    function scaledBalanceOf(address user) public view virtual returns (uint256);

    function scaledTotalSupply() public view virtual returns (uint256);

    function _normalized() internal view virtual returns (uint256);

    function balanceOf(address user) external view returns (uint256) {
        return _rayMul(scaledBalanceOf(user), _normalized());
    }

    function totalSupply() external view returns (uint256) {
        return _rayMul(scaledTotalSupply(), _normalized());
    }

    function getScaledUserBalanceAndSupply(address user) external view returns (uint256, uint256) {
        return (scaledBalanceOf(user), scaledTotalSupply());
    }

    /// The pool mirrors balance changes here so indexers see ERC-20 Transfer events, as on mainnet.
    function emitTransfer(address from, address to, uint256 value) external {
        require(msg.sender == POOL, "CALLER_MUST_BE_POOL");
        emit Transfer(from, to, value);
    }

    function _rayMul(uint256 a, uint256 b) internal pure returns (uint256) {
        return (a * b + 5e26) / 1e27;
    }
}

/// Replica aToken: balanceOf grows with the reserve's liquidity index. Transfers are not supported.
contract AaveAToken is AaveReplicaScaledToken {
    constructor(address pool, address asset, uint8 decimals_, string memory name_, string memory symbol_)
        AaveReplicaScaledToken(pool, asset, decimals_, name_, symbol_) {}

    function scaledBalanceOf(address user) public view override returns (uint256) {
        return IAaveReplicaPoolBalances(POOL).getScaledATokenBalance(UNDERLYING_ASSET_ADDRESS, user);
    }

    function scaledTotalSupply() public view override returns (uint256) {
        return IAaveReplicaPoolBalances(POOL).getScaledATokenSupply(UNDERLYING_ASSET_ADDRESS);
    }

    function _normalized() internal view override returns (uint256) {
        return IAaveReplicaPoolBalances(POOL).getReserveNormalizedIncome(UNDERLYING_ASSET_ADDRESS);
    }
}

/// Replica variable debt token: balanceOf grows with the reserve's variable borrow index. Non-transferable.
contract AaveDebtToken is AaveReplicaScaledToken {
    constructor(address pool, address asset, uint8 decimals_, string memory name_, string memory symbol_)
        AaveReplicaScaledToken(pool, asset, decimals_, name_, symbol_) {}

    function scaledBalanceOf(address user) public view override returns (uint256) {
        return IAaveReplicaPoolBalances(POOL).getScaledDebtBalance(UNDERLYING_ASSET_ADDRESS, user);
    }

    function scaledTotalSupply() public view override returns (uint256) {
        return IAaveReplicaPoolBalances(POOL).getScaledDebtSupply(UNDERLYING_ASSET_ADDRESS);
    }

    function _normalized() internal view override returns (uint256) {
        return IAaveReplicaPoolBalances(POOL).getReserveNormalizedVariableDebt(UNDERLYING_ASSET_ADDRESS);
    }
}

/// Deploys a reserve's aToken and variable debt token for the pool that created it (keeps their creation code out
/// of the pool's runtime code, which would otherwise exceed the 24 KiB limit).
contract AaveReplicaTokenDeployer {
    address public immutable pool;

    constructor() {
        pool = msg.sender;
    }

    function deployTokens(address asset, uint8 dec, string calldata sym) external returns (address aToken,
        address debtToken) {
        require(msg.sender == pool, "CALLER_MUST_BE_POOL");
        aToken = address(new AaveAToken(pool, asset, dec, string.concat("Aave Ethereum ", sym),
            string.concat("aEth", sym)));
        debtToken = address(new AaveDebtToken(pool, asset, dec, string.concat("Aave Ethereum Variable Debt ", sym),
            string.concat("variableDebtEth", sym)));
    }
}

/// Replica of the Aave v3 Pool (Ethereum Core market, mainnet 0x87870Bca3F3fD6335C3F4ce8392D69350B4fA4E2):
/// same user-facing signatures, getReserveData struct (ReserveDataLegacy) and getUserAccountData semantics.
/// Math follows Aave v3.2/3.3: WadRayMath / PercentageMath half-up rounding, linear supply index, 3-term Taylor
/// compounding of the variable borrow index, two-slope rate model on virtual balances, reserve factor accrued to
/// the treasury, one eMode category at a time per user. Variable rate mode (2) only; no flash loans, isolation
/// mode, caps, credit delegation or aToken transfers; liquidation close factor is a flat 50%, no protocol fee.
contract AaveV3Pool {
    uint256 internal constant RAY = 1e27;
    uint256 internal constant HALF_RAY = 5e26;
    uint256 internal constant WAD = 1e18;
    uint256 internal constant PERCENTAGE_FACTOR = 1e4;
    uint256 internal constant SECONDS_PER_YEAR = 365 days;
    uint256 public constant HEALTH_FACTOR_LIQUIDATION_THRESHOLD = 1e18;
    uint256 public constant CLOSE_FACTOR = 5000;

    struct ReserveConfigurationMap {
        uint256 data;
    }

    struct UserConfigurationMap {
        uint256 data;
    }

    /// Same layout as aave-v3-origin DataTypes.ReserveDataLegacy (getReserveData's return type on mainnet).
    struct ReserveDataLegacy {
        ReserveConfigurationMap configuration;
        uint128 liquidityIndex;
        uint128 currentLiquidityRate;
        uint128 variableBorrowIndex;
        uint128 currentVariableBorrowRate;
        uint128 currentStableBorrowRate;
        uint40 lastUpdateTimestamp;
        uint16 id;
        address aTokenAddress;
        address stableDebtTokenAddress;
        address variableDebtTokenAddress;
        address interestRateStrategyAddress;
        uint128 accruedToTreasury;
        uint128 unbacked;
        uint128 isolationModeTotalDebt;
    }

    struct EModeCategoryLegacy {
        uint16 ltv;
        uint16 liquidationThreshold;
        uint16 liquidationBonus;
        address priceSource;
        string label;
    }

    struct CollateralConfig {
        uint16 ltv;
        uint16 liquidationThreshold;
        uint16 liquidationBonus;
    }

    struct Reserve {
        uint16 id;
        uint16 ltv;
        uint16 liquidationThreshold;
        uint16 liquidationBonus;
        uint16 reserveFactor;
        uint8 decimals;
        uint8 eModeCategory;
        uint40 lastUpdateTimestamp;
        address aToken;
        address debtToken;
        uint128 liquidityIndex;
        uint128 currentLiquidityRate;
        uint128 variableBorrowIndex;
        uint128 currentVariableBorrowRate;
        uint128 accruedToTreasury;
        uint128 virtualUnderlyingBalance;
        uint256 scaledATokenSupply;
        uint256 scaledDebtSupply;
        uint256 baseVariableBorrowRate;
        uint256 variableRateSlope1;
        uint256 variableRateSlope2;
        uint256 optimalUsageRatio;
    }

    struct AccountData {
        uint256 totalCollateral;
        uint256 totalDebt;
        uint256 avgLtv;
        uint256 avgLiquidationThreshold;
        uint256 healthFactor;
    }

    struct LiquidationVars {
        uint256 userDebt;
        uint256 actualDebt;
        uint256 userCollateral;
        uint256 collateralAmount;
        uint256 bonus;
        uint256 debtPrice;
        uint256 collateralPrice;
    }

    address public immutable admin;
    IAaveReplicaPriceOracle public immutable oracle;
    AaveReplicaTokenDeployer public immutable tokenDeployer;
    mapping(address => Reserve) internal reserves;
    address[] internal reservesList;
    mapping(address => mapping(address => uint256)) internal scaledATokenBalances;
    mapping(address => mapping(address => uint256)) internal scaledDebtBalances;
    mapping(address => uint256) internal userConfig;
    mapping(address => uint8) internal usersEModeCategory;
    mapping(uint8 => EModeCategoryLegacy) internal eModeCategories;

    event Supply(address indexed reserve, address user, address indexed onBehalfOf, uint256 amount,
        uint16 indexed referralCode);
    event Withdraw(address indexed reserve, address indexed user, address indexed to, uint256 amount);
    event Borrow(address indexed reserve, address user, address indexed onBehalfOf, uint256 amount,
        uint8 interestRateMode, uint256 borrowRate, uint16 indexed referralCode);
    event Repay(address indexed reserve, address indexed user, address indexed repayer, uint256 amount,
        bool useATokens);
    event UserEModeSet(address indexed user, uint8 categoryId);
    event ReserveUsedAsCollateralEnabled(address indexed reserve, address indexed user);
    event ReserveUsedAsCollateralDisabled(address indexed reserve, address indexed user);
    event LiquidationCall(address indexed collateralAsset, address indexed debtAsset, address indexed user,
        uint256 debtToCover, uint256 liquidatedCollateralAmount, address liquidator, bool receiveAToken);
    event ReserveDataUpdated(address indexed reserve, uint256 liquidityRate, uint256 stableBorrowRate,
        uint256 variableBorrowRate, uint256 liquidityIndex, uint256 variableBorrowIndex);

    modifier onlyAdmin() {
        require(msg.sender == admin, "CALLER_NOT_POOL_ADMIN");
        _;
    }

    constructor(address oracle_) {
        admin = msg.sender;
        oracle = IAaveReplicaPriceOracle(oracle_);
        tokenDeployer = new AaveReplicaTokenDeployer();
    }

    // ---------------------------------------------------------------- admin (PoolConfigurator's role)

    /// Lists `asset` and deploys its aToken and variable debt token. LTV, threshold, bonus and reserve factor in
    /// bps as on Aave (bonus includes the principal: 10500 = 5% bonus); rate-model parameters in ray.
    function initReserve(address asset, uint256 ltv, uint256 liquidationThreshold, uint256 liquidationBonus,
        uint256 reserveFactor, uint256 baseVariableBorrowRate, uint256 variableRateSlope1,
        uint256 variableRateSlope2, uint256 optimalUsageRatio) external onlyAdmin {
        Reserve storage r = reserves[asset];
        require(r.aToken == address(0), "RESERVE_ALREADY_INITIALIZED");
        require(reservesList.length < 128, "NO_MORE_RESERVES_ALLOWED");
        string memory sym = IAaveReplicaERC20(asset).symbol();
        uint8 dec = IAaveReplicaERC20(asset).decimals();
        r.id = uint16(reservesList.length);
        r.decimals = dec;
        (r.aToken, r.debtToken) = tokenDeployer.deployTokens(asset, dec, sym);
        r.liquidityIndex = uint128(RAY);
        r.variableBorrowIndex = uint128(RAY);
        r.lastUpdateTimestamp = uint40(block.timestamp);
        reservesList.push(asset);
        _setCollateralParams(r, ltv, liquidationThreshold, liquidationBonus);
        require(reserveFactor < PERCENTAGE_FACTOR, "INVALID_RESERVE_FACTOR");
        r.reserveFactor = uint16(reserveFactor);
        _setRateParams(r, baseVariableBorrowRate, variableRateSlope1, variableRateSlope2, optimalUsageRatio);
        r.currentVariableBorrowRate = uint128(baseVariableBorrowRate);
    }

    function configureReserveAsCollateral(address asset, uint256 ltv, uint256 liquidationThreshold,
        uint256 liquidationBonus) external onlyAdmin {
        _setCollateralParams(_reserve(asset), ltv, liquidationThreshold, liquidationBonus);
    }

    function setReserveFactor(address asset, uint256 newReserveFactor) external onlyAdmin {
        require(newReserveFactor < PERCENTAGE_FACTOR, "INVALID_RESERVE_FACTOR");
        Reserve storage r = _reserve(asset);
        _updateState(r);
        r.reserveFactor = uint16(newReserveFactor);
        _updateRates(asset, r);
    }

    function setReserveInterestRateParams(address asset, uint256 baseVariableBorrowRate, uint256 variableRateSlope1,
        uint256 variableRateSlope2, uint256 optimalUsageRatio) external onlyAdmin {
        Reserve storage r = _reserve(asset);
        _updateState(r);
        _setRateParams(r, baseVariableBorrowRate, variableRateSlope1, variableRateSlope2, optimalUsageRatio);
        _updateRates(asset, r);
    }

    function configureEModeCategory(uint8 id, uint16 ltv, uint16 liquidationThreshold, uint16 liquidationBonus,
        string calldata label) external onlyAdmin {
        require(id != 0, "EMODE_CATEGORY_RESERVED");
        require(ltv <= liquidationThreshold && liquidationBonus > PERCENTAGE_FACTOR
            && uint256(liquidationThreshold) * liquidationBonus / PERCENTAGE_FACTOR < PERCENTAGE_FACTOR,
            "INVALID_EMODE_CATEGORY_PARAMS");
        eModeCategories[id] = EModeCategoryLegacy(ltv, liquidationThreshold, liquidationBonus, address(0), label);
    }

    function setReserveEModeCategory(address asset, uint8 categoryId) external onlyAdmin {
        require(categoryId == 0 || eModeCategories[categoryId].liquidationThreshold != 0, "INVALID_EMODE_CATEGORY");
        _reserve(asset).eModeCategory = categoryId;
    }

    // ---------------------------------------------------------------- user actions

    function supply(address asset, uint256 amount, address onBehalfOf, uint16 referralCode) external {
        Reserve storage r = _reserve(asset);
        require(amount != 0, "INVALID_AMOUNT");
        _updateState(r);
        r.virtualUnderlyingBalance += uint128(amount);
        _updateRates(asset, r);
        _pull(asset, msg.sender, amount);
        uint256 scaled = _rayDiv(amount, r.liquidityIndex);
        require(scaled != 0, "INVALID_MINT_AMOUNT");
        bool first = scaledATokenBalances[asset][onBehalfOf] == 0;
        scaledATokenBalances[asset][onBehalfOf] += scaled;
        r.scaledATokenSupply += scaled;
        AaveAToken(r.aToken).emitTransfer(address(0), onBehalfOf, amount);
        if (first && r.ltv != 0 && !_isCollateral(r.id, onBehalfOf)) {
            _setCollateral(asset, r.id, onBehalfOf, true);
        }
        emit Supply(asset, msg.sender, onBehalfOf, amount, referralCode);
    }

    function withdraw(address asset, uint256 amount, address to) external returns (uint256) {
        Reserve storage r = _reserve(asset);
        _updateState(r);
        uint256 scaledBalance = scaledATokenBalances[asset][msg.sender];
        uint256 userBalance = _rayMul(scaledBalance, r.liquidityIndex);
        uint256 amountToWithdraw = amount == type(uint256).max ? userBalance : amount;
        require(amountToWithdraw != 0, "INVALID_AMOUNT");
        require(amountToWithdraw <= userBalance, "NOT_ENOUGH_AVAILABLE_USER_BALANCE");
        require(amountToWithdraw <= r.virtualUnderlyingBalance, "NOT_ENOUGH_LIQUIDITY");
        uint256 scaled = amountToWithdraw == userBalance ? scaledBalance : _rayDiv(amountToWithdraw, r.liquidityIndex);
        scaledATokenBalances[asset][msg.sender] = scaledBalance - scaled;
        r.scaledATokenSupply -= scaled;
        r.virtualUnderlyingBalance -= uint128(amountToWithdraw);
        _updateRates(asset, r);
        AaveAToken(r.aToken).emitTransfer(msg.sender, address(0), amountToWithdraw);
        bool wasCollateral = _isCollateral(r.id, msg.sender);
        if (wasCollateral && scaled == scaledBalance) {
            _setCollateral(asset, r.id, msg.sender, false);
        }
        _push(asset, to, amountToWithdraw);
        if (wasCollateral) {
            _requireHealthy(msg.sender);
        }
        emit Withdraw(asset, msg.sender, to, amountToWithdraw);
        return amountToWithdraw;
    }

    function borrow(address asset, uint256 amount, uint256 interestRateMode, uint16 referralCode,
        address onBehalfOf) external {
        require(interestRateMode == 2, "INVALID_INTEREST_RATE_MODE_SELECTED");
        require(onBehalfOf == msg.sender, "CREDIT_DELEGATION_NOT_SUPPORTED");
        Reserve storage r = _reserve(asset);
        require(amount != 0, "INVALID_AMOUNT");
        _updateState(r);
        require(amount <= r.virtualUnderlyingBalance, "NOT_ENOUGH_LIQUIDITY");
        uint8 category = usersEModeCategory[onBehalfOf];
        require(category == 0 || r.eModeCategory == category, "NOT_BORROWABLE_IN_EMODE");
        AccountData memory a = _accountData(onBehalfOf);
        require(a.totalCollateral != 0, "COLLATERAL_BALANCE_IS_ZERO");
        require(a.avgLtv != 0, "LTV_VALIDATION_FAILED");
        require(a.healthFactor > HEALTH_FACTOR_LIQUIDATION_THRESHOLD, "HEALTH_FACTOR_LOWER_THAN_LIQUIDATION_THRESHOLD");
        uint256 amountInBase = oracle.getAssetPrice(asset) * amount / (10 ** r.decimals);
        require(_percentDiv(a.totalDebt + amountInBase, a.avgLtv) <= a.totalCollateral,
            "COLLATERAL_CANNOT_COVER_NEW_BORROW");
        uint256 scaled = _rayDiv(amount, r.variableBorrowIndex);
        require(scaled != 0, "INVALID_MINT_AMOUNT");
        scaledDebtBalances[asset][onBehalfOf] += scaled;
        r.scaledDebtSupply += scaled;
        userConfig[onBehalfOf] |= 1 << (uint256(r.id) * 2);
        r.virtualUnderlyingBalance -= uint128(amount);
        _updateRates(asset, r);
        AaveDebtToken(r.debtToken).emitTransfer(address(0), onBehalfOf, amount);
        _push(asset, msg.sender, amount);
        emit Borrow(asset, msg.sender, onBehalfOf, amount, 2, r.currentVariableBorrowRate, referralCode);
    }

    function repay(address asset, uint256 amount, uint256 interestRateMode, address onBehalfOf)
        external returns (uint256) {
        require(interestRateMode == 2, "INVALID_INTEREST_RATE_MODE_SELECTED");
        require(amount != 0, "INVALID_AMOUNT");
        require(amount != type(uint256).max || msg.sender == onBehalfOf, "NO_EXPLICIT_AMOUNT_TO_REPAY_ON_BEHALF");
        Reserve storage r = _reserve(asset);
        _updateState(r);
        uint256 debt = _rayMul(scaledDebtBalances[asset][onBehalfOf], r.variableBorrowIndex);
        require(debt != 0, "NO_DEBT_OF_SELECTED_TYPE");
        uint256 payback = amount < debt ? amount : debt;
        _burnDebt(asset, r, onBehalfOf, payback, debt);
        r.virtualUnderlyingBalance += uint128(payback);
        _updateRates(asset, r);
        _pull(asset, msg.sender, payback);
        emit Repay(asset, onBehalfOf, msg.sender, payback, false);
        return payback;
    }

    function setUserUseReserveAsCollateral(address asset, bool useAsCollateral) external {
        Reserve storage r = _reserve(asset);
        require(scaledATokenBalances[asset][msg.sender] != 0, "UNDERLYING_BALANCE_ZERO");
        if (useAsCollateral == _isCollateral(r.id, msg.sender)) {
            return;
        }
        if (useAsCollateral) {
            require(r.ltv != 0, "USER_IN_ISOLATION_MODE_OR_LTV_ZERO");
            _setCollateral(asset, r.id, msg.sender, true);
        } else {
            _setCollateral(asset, r.id, msg.sender, false);
            _requireHealthy(msg.sender);
        }
    }

    function setUserEMode(uint8 categoryId) external {
        require(categoryId == 0 || eModeCategories[categoryId].liquidationThreshold != 0, "INCONSISTENT_EMODE_CATEGORY");
        if (categoryId != 0) {
            uint256 config = userConfig[msg.sender];
            for (uint256 i = 0; i < reservesList.length; i++) {
                if ((config >> (i * 2)) & 1 != 0) {
                    require(reserves[reservesList[i]].eModeCategory == categoryId, "NOT_BORROWABLE_IN_EMODE");
                }
            }
        }
        usersEModeCategory[msg.sender] = categoryId;
        _requireHealthy(msg.sender);
        emit UserEModeSet(msg.sender, categoryId);
    }

    /// Allowed when HF < 1; at most 50% of the user's debt in `debtAsset`; the liquidator pays the debt and gets
    /// debt x debtPrice / collateralPrice x bonus of collateral (capped by the user's collateral balance).
    function liquidationCall(address collateralAsset, address debtAsset, address user, uint256 debtToCover,
        bool receiveAToken) external {
        Reserve storage coll = _reserve(collateralAsset);
        Reserve storage debtR = _reserve(debtAsset);
        _updateState(debtR);
        _updateState(coll);
        require(_accountData(user).healthFactor < HEALTH_FACTOR_LIQUIDATION_THRESHOLD,
            "HEALTH_FACTOR_NOT_BELOW_THRESHOLD");
        require(_isCollateral(coll.id, user) && coll.liquidationThreshold != 0, "COLLATERAL_CANNOT_BE_LIQUIDATED");
        LiquidationVars memory v;
        v.userDebt = _rayMul(scaledDebtBalances[debtAsset][user], debtR.variableBorrowIndex);
        require(v.userDebt != 0, "SPECIFIED_CURRENCY_NOT_BORROWED_BY_USER");
        uint256 maxDebt = _percentMul(v.userDebt, CLOSE_FACTOR);
        v.actualDebt = debtToCover > maxDebt ? maxDebt : debtToCover;
        v.userCollateral = _rayMul(scaledATokenBalances[collateralAsset][user], coll.liquidityIndex);
        uint8 category = usersEModeCategory[user];
        v.bonus = category != 0 && coll.eModeCategory == category
            ? eModeCategories[category].liquidationBonus : coll.liquidationBonus;
        v.debtPrice = oracle.getAssetPrice(debtAsset);
        v.collateralPrice = oracle.getAssetPrice(collateralAsset);
        _collateralToLiquidate(v, 10 ** coll.decimals, 10 ** debtR.decimals);

        _burnDebt(debtAsset, debtR, user, v.actualDebt, v.userDebt);
        debtR.virtualUnderlyingBalance += uint128(v.actualDebt);
        _updateRates(debtAsset, debtR);

        _seizeCollateral(collateralAsset, coll, user, v, receiveAToken);
        _pull(debtAsset, msg.sender, v.actualDebt);
        emit LiquidationCall(collateralAsset, debtAsset, user, v.actualDebt, v.collateralAmount, msg.sender,
            receiveAToken);
    }

    // ---------------------------------------------------------------- views

    function getReserveData(address asset) external view returns (ReserveDataLegacy memory d) {
        Reserve storage r = reserves[asset];
        d.configuration = ReserveConfigurationMap(_configuration(r));
        d.liquidityIndex = r.liquidityIndex;
        d.currentLiquidityRate = r.currentLiquidityRate;
        d.variableBorrowIndex = r.variableBorrowIndex;
        d.currentVariableBorrowRate = r.currentVariableBorrowRate;
        d.lastUpdateTimestamp = r.lastUpdateTimestamp;
        d.id = r.id;
        d.aTokenAddress = r.aToken;
        d.variableDebtTokenAddress = r.debtToken;
        d.interestRateStrategyAddress = r.aToken == address(0) ? address(0) : address(this);
        d.accruedToTreasury = r.accruedToTreasury;
    }

    function getUserAccountData(address user) external view returns (uint256 totalCollateralBase,
        uint256 totalDebtBase, uint256 availableBorrowsBase, uint256 currentLiquidationThreshold, uint256 ltv,
        uint256 healthFactor) {
        AccountData memory a = _accountData(user);
        uint256 borrowable = _percentMul(a.totalCollateral, a.avgLtv);
        availableBorrowsBase = borrowable > a.totalDebt ? borrowable - a.totalDebt : 0;
        return (a.totalCollateral, a.totalDebt, availableBorrowsBase, a.avgLiquidationThreshold, a.avgLtv,
            a.healthFactor);
    }

    function getConfiguration(address asset) external view returns (ReserveConfigurationMap memory) {
        return ReserveConfigurationMap(_configuration(reserves[asset]));
    }

    function getUserConfiguration(address user) external view returns (UserConfigurationMap memory) {
        return UserConfigurationMap(userConfig[user]);
    }

    function getUserEMode(address user) external view returns (uint256) {
        return usersEModeCategory[user];
    }

    function getEModeCategoryData(uint8 id) external view returns (EModeCategoryLegacy memory) {
        return eModeCategories[id];
    }

    function getEModeCategoryCollateralConfig(uint8 id) external view returns (CollateralConfig memory) {
        EModeCategoryLegacy storage c = eModeCategories[id];
        return CollateralConfig(c.ltv, c.liquidationThreshold, c.liquidationBonus);
    }

    function getEModeCategoryLabel(uint8 id) external view returns (string memory) {
        return eModeCategories[id].label;
    }

    function getReservesList() external view returns (address[] memory) {
        return reservesList;
    }

    function getReservesCount() external view returns (uint256) {
        return reservesList.length;
    }

    function getReserveAddressById(uint16 id) external view returns (address) {
        return id < reservesList.length ? reservesList[id] : address(0);
    }

    function getVirtualUnderlyingBalance(address asset) external view returns (uint128) {
        return reserves[asset].virtualUnderlyingBalance;
    }

    function getReserveNormalizedIncome(address asset) public view returns (uint256) {
        Reserve storage r = reserves[asset];
        if (r.lastUpdateTimestamp == block.timestamp) {
            return r.liquidityIndex;
        }
        return _rayMul(_linearInterest(r.currentLiquidityRate, r.lastUpdateTimestamp), r.liquidityIndex);
    }

    function getReserveNormalizedVariableDebt(address asset) public view returns (uint256) {
        Reserve storage r = reserves[asset];
        if (r.lastUpdateTimestamp == block.timestamp) {
            return r.variableBorrowIndex;
        }
        return _rayMul(_compoundedInterest(r.currentVariableBorrowRate, r.lastUpdateTimestamp), r.variableBorrowIndex);
    }

    function getScaledATokenBalance(address asset, address user) external view returns (uint256) {
        return scaledATokenBalances[asset][user];
    }

    function getScaledATokenSupply(address asset) external view returns (uint256) {
        return reserves[asset].scaledATokenSupply;
    }

    function getScaledDebtBalance(address asset, address user) external view returns (uint256) {
        return scaledDebtBalances[asset][user];
    }

    function getScaledDebtSupply(address asset) external view returns (uint256) {
        return reserves[asset].scaledDebtSupply;
    }

    // The pool is also its reserves' interest rate strategy (DefaultReserveInterestRateStrategyV2 getters, ray).

    function getBaseVariableBorrowRate(address reserve) external view returns (uint256) {
        return reserves[reserve].baseVariableBorrowRate;
    }

    function getVariableRateSlope1(address reserve) external view returns (uint256) {
        return reserves[reserve].variableRateSlope1;
    }

    function getVariableRateSlope2(address reserve) external view returns (uint256) {
        return reserves[reserve].variableRateSlope2;
    }

    function getOptimalUsageRatio(address reserve) external view returns (uint256) {
        return reserves[reserve].optimalUsageRatio;
    }

    function getMaxVariableBorrowRate(address reserve) external view returns (uint256) {
        Reserve storage r = reserves[reserve];
        return r.baseVariableBorrowRate + r.variableRateSlope1 + r.variableRateSlope2;
    }

    // ---------------------------------------------------------------- internals

    function _reserve(address asset) internal view returns (Reserve storage r) {
        r = reserves[asset];
        require(r.aToken != address(0), "RESERVE_NOT_INITIALIZED");
    }

    function _setCollateralParams(Reserve storage r, uint256 ltv, uint256 liquidationThreshold,
        uint256 liquidationBonus) internal {
        require(ltv <= liquidationThreshold, "INVALID_RESERVE_PARAMS");
        if (liquidationThreshold != 0) {
            require(liquidationBonus > PERCENTAGE_FACTOR
                && liquidationThreshold * liquidationBonus / PERCENTAGE_FACTOR < PERCENTAGE_FACTOR,
                "INVALID_RESERVE_PARAMS");
        }
        r.ltv = uint16(ltv);
        r.liquidationThreshold = uint16(liquidationThreshold);
        r.liquidationBonus = uint16(liquidationBonus);
    }

    function _setRateParams(Reserve storage r, uint256 base, uint256 slope1, uint256 slope2, uint256 optimal)
        internal {
        require(optimal != 0 && optimal < RAY && slope1 <= slope2, "INVALID_RATE_PARAMS");
        r.baseVariableBorrowRate = base;
        r.variableRateSlope1 = slope1;
        r.variableRateSlope2 = slope2;
        r.optimalUsageRatio = optimal;
    }

    /// Aave v3 ReserveConfiguration bit layout: LTV 0-15, LT 16-31, bonus 32-47, decimals 48-55, active 56,
    /// borrowing enabled 58, reserve factor 64-79, eMode category 168-175, virtual accounting 252.
    function _configuration(Reserve storage r) internal view returns (uint256 data) {
        if (r.aToken == address(0)) {
            return 0;
        }
        data = uint256(r.ltv) | (uint256(r.liquidationThreshold) << 16) | (uint256(r.liquidationBonus) << 32)
            | (uint256(r.decimals) << 48) | (1 << 56) | (1 << 58) | (uint256(r.reserveFactor) << 64)
            | (uint256(r.eModeCategory) << 168) | (1 << 252);
    }

    function _updateState(Reserve storage r) internal {
        if (r.lastUpdateTimestamp == block.timestamp) {
            return;
        }
        uint256 newLiquidityIndex = r.liquidityIndex;
        if (r.currentLiquidityRate != 0) {
            newLiquidityIndex = _rayMul(_linearInterest(r.currentLiquidityRate, r.lastUpdateTimestamp), newLiquidityIndex);
            r.liquidityIndex = uint128(newLiquidityIndex);
        }
        uint256 scaledDebt = r.scaledDebtSupply;
        if (scaledDebt != 0) {
            uint256 prevIndex = r.variableBorrowIndex;
            uint256 newIndex = _rayMul(_compoundedInterest(r.currentVariableBorrowRate, r.lastUpdateTimestamp), prevIndex);
            r.variableBorrowIndex = uint128(newIndex);
            uint256 toTreasury = _percentMul(_rayMul(scaledDebt, newIndex) - _rayMul(scaledDebt, prevIndex),
                r.reserveFactor);
            if (toTreasury != 0) {
                r.accruedToTreasury += uint128(_rayDiv(toTreasury, newLiquidityIndex));
            }
        }
        r.lastUpdateTimestamp = uint40(block.timestamp);
    }

    /// DefaultReserveInterestRateStrategyV2.calculateInterestRates on the reserve's virtual balance.
    function _updateRates(address asset, Reserve storage r) internal {
        uint256 totalDebt = _rayMul(r.scaledDebtSupply, r.variableBorrowIndex);
        uint256 liquidityRate = 0;
        uint256 variableRate = r.baseVariableBorrowRate;
        if (totalDebt != 0) {
            uint256 usage = _rayDiv(totalDebt, uint256(r.virtualUnderlyingBalance) + totalDebt);
            uint256 optimal = r.optimalUsageRatio;
            if (usage > optimal) {
                uint256 excess = _rayDiv(usage - optimal, RAY - optimal);
                variableRate += r.variableRateSlope1 + _rayMul(r.variableRateSlope2, excess);
            } else {
                variableRate += _rayDiv(_rayMul(r.variableRateSlope1, usage), optimal);
            }
            liquidityRate = _percentMul(_rayMul(variableRate, usage), PERCENTAGE_FACTOR - r.reserveFactor);
        }
        r.currentLiquidityRate = uint128(liquidityRate);
        r.currentVariableBorrowRate = uint128(variableRate);
        emit ReserveDataUpdated(asset, liquidityRate, 0, variableRate, r.liquidityIndex, r.variableBorrowIndex);
    }

    function _accountData(address user) internal view returns (AccountData memory a) {
        uint256 config = userConfig[user];
        uint8 category = usersEModeCategory[user];
        for (uint256 i = 0; config >> (i * 2) != 0; i++) {
            uint256 bits = (config >> (i * 2)) & 3;
            if (bits == 0) {
                continue;
            }
            address asset = reservesList[i];
            Reserve storage r = reserves[asset];
            uint256 price = oracle.getAssetPrice(asset);
            uint256 unit = 10 ** r.decimals;
            if (bits & 2 != 0 && r.liquidationThreshold != 0) {
                uint256 inBase = _rayMul(scaledATokenBalances[asset][user], getReserveNormalizedIncome(asset))
                    * price / unit;
                a.totalCollateral += inBase;
                bool inEMode = category != 0 && r.eModeCategory == category;
                a.avgLtv += inBase * (inEMode ? eModeCategories[category].ltv : r.ltv);
                a.avgLiquidationThreshold += inBase
                    * (inEMode ? eModeCategories[category].liquidationThreshold : r.liquidationThreshold);
            }
            if (bits & 1 != 0) {
                a.totalDebt += _rayMul(scaledDebtBalances[asset][user], getReserveNormalizedVariableDebt(asset))
                    * price / unit;
            }
        }
        if (a.totalCollateral != 0) {
            a.avgLtv /= a.totalCollateral;
            a.avgLiquidationThreshold /= a.totalCollateral;
        }
        a.healthFactor = a.totalDebt == 0 ? type(uint256).max
            : _wadDiv(_percentMul(a.totalCollateral, a.avgLiquidationThreshold), a.totalDebt);
    }

    function _requireHealthy(address user) internal view {
        require(_accountData(user).healthFactor >= HEALTH_FACTOR_LIQUIDATION_THRESHOLD,
            "HEALTH_FACTOR_LOWER_THAN_LIQUIDATION_THRESHOLD");
    }

    /// LiquidationLogic._calculateAvailableCollateralToLiquidate without the protocol fee.
    function _collateralToLiquidate(LiquidationVars memory v, uint256 collateralUnit, uint256 debtUnit)
        internal pure {
        uint256 baseCollateral = (v.debtPrice * v.actualDebt * collateralUnit) / (v.collateralPrice * debtUnit);
        uint256 maxCollateral = _percentMul(baseCollateral, v.bonus);
        if (maxCollateral > v.userCollateral) {
            v.collateralAmount = v.userCollateral;
            v.actualDebt = _percentDiv((v.collateralPrice * v.collateralAmount * debtUnit)
                / (v.debtPrice * collateralUnit), v.bonus);
        } else {
            v.collateralAmount = maxCollateral;
        }
    }

    function _seizeCollateral(address asset, Reserve storage r, address user, LiquidationVars memory v,
        bool receiveAToken) internal {
        uint256 userScaled = scaledATokenBalances[asset][user];
        uint256 scaled = v.collateralAmount == v.userCollateral ? userScaled : _rayDiv(v.collateralAmount, r.liquidityIndex);
        scaledATokenBalances[asset][user] = userScaled - scaled;
        if (scaled == userScaled) {
            _setCollateral(asset, r.id, user, false);
        }
        if (receiveAToken) {
            bool first = scaledATokenBalances[asset][msg.sender] == 0;
            scaledATokenBalances[asset][msg.sender] += scaled;
            if (first && r.ltv != 0 && !_isCollateral(r.id, msg.sender)) {
                _setCollateral(asset, r.id, msg.sender, true);
            }
            AaveAToken(r.aToken).emitTransfer(user, msg.sender, v.collateralAmount);
        } else {
            r.scaledATokenSupply -= scaled;
            r.virtualUnderlyingBalance -= uint128(v.collateralAmount);
            _updateRates(asset, r);
            AaveAToken(r.aToken).emitTransfer(user, address(0), v.collateralAmount);
            _push(asset, msg.sender, v.collateralAmount);
        }
    }

    function _burnDebt(address asset, Reserve storage r, address user, uint256 amount, uint256 userDebt) internal {
        uint256 userScaled = scaledDebtBalances[asset][user];
        uint256 scaled = amount == userDebt ? userScaled : _rayDiv(amount, r.variableBorrowIndex);
        if (scaled > userScaled) {
            scaled = userScaled;
        }
        scaledDebtBalances[asset][user] = userScaled - scaled;
        r.scaledDebtSupply -= scaled;
        if (scaled == userScaled) {
            userConfig[user] &= ~(uint256(1) << (uint256(r.id) * 2));
        }
        AaveDebtToken(r.debtToken).emitTransfer(user, address(0), amount);
    }

    function _isCollateral(uint16 id, address user) internal view returns (bool) {
        return (userConfig[user] >> (uint256(id) * 2 + 1)) & 1 != 0;
    }

    function _setCollateral(address asset, uint16 id, address user, bool enabled) internal {
        uint256 bit = uint256(1) << (uint256(id) * 2 + 1);
        if (enabled) {
            userConfig[user] |= bit;
            emit ReserveUsedAsCollateralEnabled(asset, user);
        } else {
            userConfig[user] &= ~bit;
            emit ReserveUsedAsCollateralDisabled(asset, user);
        }
    }

    function _pull(address asset, address from, uint256 amount) internal {
        require(IAaveReplicaERC20(asset).transferFrom(from, address(this), amount), "TRANSFER_FAILED");
    }

    function _push(address asset, address to, uint256 amount) internal {
        require(IAaveReplicaERC20(asset).transfer(to, amount), "TRANSFER_FAILED");
    }

    function _linearInterest(uint256 rate, uint40 lastUpdateTimestamp) internal view returns (uint256) {
        return RAY + rate * (block.timestamp - uint256(lastUpdateTimestamp)) / SECONDS_PER_YEAR;
    }

    /// MathUtils.calculateCompoundedInterest: 1 + x + x^2/2 + x^3/6 with x = rate x dt / year (binomial form).
    function _compoundedInterest(uint256 rate, uint40 lastUpdateTimestamp) internal view returns (uint256) {
        uint256 exp = block.timestamp - uint256(lastUpdateTimestamp);
        if (exp == 0) {
            return RAY;
        }
        uint256 expMinusOne = exp - 1;
        uint256 expMinusTwo = exp > 2 ? exp - 2 : 0;
        uint256 basePowerTwo = _rayMul(rate, rate) / (SECONDS_PER_YEAR * SECONDS_PER_YEAR);
        uint256 basePowerThree = _rayMul(basePowerTwo, rate) / SECONDS_PER_YEAR;
        uint256 secondTerm = exp * expMinusOne * basePowerTwo / 2;
        uint256 thirdTerm = exp * expMinusOne * expMinusTwo * basePowerThree / 6;
        return RAY + rate * exp / SECONDS_PER_YEAR + secondTerm + thirdTerm;
    }

    function _rayMul(uint256 a, uint256 b) internal pure returns (uint256) {
        return (a * b + HALF_RAY) / RAY;
    }

    function _rayDiv(uint256 a, uint256 b) internal pure returns (uint256) {
        return (a * RAY + b / 2) / b;
    }

    function _wadDiv(uint256 a, uint256 b) internal pure returns (uint256) {
        return (a * WAD + b / 2) / b;
    }

    function _percentMul(uint256 value, uint256 percentage) internal pure returns (uint256) {
        return (value * percentage + PERCENTAGE_FACTOR / 2) / PERCENTAGE_FACTOR;
    }

    function _percentDiv(uint256 value, uint256 percentage) internal pure returns (uint256) {
        return (value * PERCENTAGE_FACTOR + percentage / 2) / percentage;
    }
}
