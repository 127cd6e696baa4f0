// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import "./WadMath.sol";

interface ICurveERC20 {
    function transfer(address to, uint256 amount) external returns (bool);
    function transferFrom(address from, address to, uint256 amount) external returns (bool);
    function balanceOf(address account) external view returns (uint256);
}

/// Replica of a Curve 2-coin StableSwap pool over two 18-decimal ERC-20s (e.g. WETH/stETH, as the mainnet stETH
/// pools), with Curve's integer math ported line by line from the Vyper pools: invariant D by Newton iteration
/// (A_PRECISION = 100), get_y, `fee`/`admin_fee` in 1e10 precision, `get_dy` computing exactly what `exchange` pays,
/// and the EMA price oracle of the oracle-enabled factory pools (stETH-ng): `last_price()` is the spot price saved
/// at the last state change, `price_oracle()` its EMA with time constant `ma_exp_time` (half-life = ma_exp_time * ln 2).
/// The pool is its own LP token (as stableswap-ng). Rates are 1:1 (both coins 18 decimals, no stored_rates).
contract CurveStableSwap {
    uint256 private constant N_COINS = 2;
    uint256 private constant FEE_DENOMINATOR = 1e10;
    uint256 private constant PRECISION = 1e18;
    uint256 private constant A_PRECISION = 100;
    uint256 private constant MAX_FEE = 5e9;
    uint256 private constant MAX_ADMIN_FEE = 1e10;
    uint256 private constant MAX_A = 1e6;

    // ---- LP token (ERC-20) ----
    string public name;
    string public symbol;
    uint8 public constant decimals = 18;
    uint256 public totalSupply;
    mapping(address => uint256) public balanceOf;
    mapping(address => mapping(address => uint256)) public allowance;

    // ---- pool ----
    address[2] public coins;
    uint256[2] public balances;
    uint256 public fee; // * 1e10
    uint256 public admin_fee; // * 1e10, share of the swap fee kept for the owner
    address public owner;
    uint256 private amp; // A * A_PRECISION (no ramping in the replica)

    // ---- EMA oracle ----
    uint256 public ma_exp_time;
    uint256 public ma_last_time;
    uint256 private lastPrice;
    uint256 private emaPrice;

    bool private locked;

    event Transfer(address indexed sender, address indexed receiver, uint256 value);
    event Approval(address indexed owner, address indexed spender, uint256 value);
    event TokenExchange(address indexed buyer, int128 sold_id, uint256 tokens_sold, int128 bought_id,
        uint256 tokens_bought);
    event AddLiquidity(address indexed provider, uint256[2] token_amounts, uint256[2] fees, uint256 invariant,
        uint256 token_supply);
    event RemoveLiquidity(address indexed provider, uint256[2] token_amounts, uint256[2] fees, uint256 token_supply);
    event SetNewMATime(uint256 ma_exp_time);

    modifier nonReentrant() {
        require(!locked, "CurveStableSwap: reentrant call");
        locked = true;
        _;
        locked = false;
    }

    /// @param _A amplification coefficient (as Curve's `A()`, without A_PRECISION)
    /// @param _fee swap fee * 1e10 (4000000 = 4 bps)
    /// @param _admin_fee share of the fee for the owner * 1e10 (0 = all to LPs)
    /// @param _ma_exp_time EMA time constant in seconds (Curve's convention: half-life / ln 2, e.g. 866 for 10 min)
    constructor(address[2] memory _coins, uint256 _A, uint256 _fee, uint256 _admin_fee, uint256 _ma_exp_time,
        string memory _name, string memory _symbol) {
        require(_coins[0] != address(0) && _coins[1] != address(0) && _coins[0] != _coins[1], "CurveStableSwap: bad coins");
        require(_A > 0 && _A < MAX_A, "CurveStableSwap: bad A");
        require(_fee <= MAX_FEE && _admin_fee <= MAX_ADMIN_FEE, "CurveStableSwap: bad fee");
        require(_ma_exp_time != 0, "CurveStableSwap: bad ma_exp_time");
        coins = _coins;
        amp = _A * A_PRECISION;
        fee = _fee;
        admin_fee = _admin_fee;
        owner = msg.sender;
        ma_exp_time = _ma_exp_time;
        ma_last_time = block.timestamp;
        lastPrice = PRECISION;
        emaPrice = PRECISION;
        name = _name;
        symbol = _symbol;
    }

    // ================================ views ================================

    function A() external view returns (uint256) {
        return amp / A_PRECISION;
    }

    function A_precise() external view returns (uint256) {
        return amp;
    }

    function get_virtual_price() external view returns (uint256) {
        uint256 D = _getD(_balances(), amp);
        return D * PRECISION / totalSupply;
    }

    function get_dy(int128 i, int128 j, uint256 dx) external view returns (uint256) {
        (uint256 dy,) = _dy(i, j, dx);
        return dy;
    }

    function calc_token_amount(uint256[2] calldata _amounts, bool _is_deposit) external view returns (uint256) {
        uint256[2] memory xp = _balances();
        uint256 D0 = _getD(xp, amp);
        for (uint256 k = 0; k < N_COINS; k++) {
            xp[k] = _is_deposit ? xp[k] + _amounts[k] : xp[k] - _amounts[k];
        }
        uint256 D1 = _getD(xp, amp);
        uint256 diff = _is_deposit ? D1 - D0 : D0 - D1;
        return diff * totalSupply / D0;
    }

    /// Spot price of coins[1] in coins[0], 1e18 (Curve's `get_p`).
    function get_p() public view returns (uint256) {
        uint256[2] memory xp = _balances();
        return _getP(xp, amp, _getD(xp, amp));
    }

    function last_price() public view returns (uint256) {
        return lastPrice;
    }

    function ema_price() public view returns (uint256) {
        return emaPrice;
    }

    /// EMA of `last_price`, evaluated at the current block time.
    function price_oracle() public view returns (uint256) {
        return _maPrice();
    }

    // stableswap-ng spellings (coin index i = 0 for a 2-coin pool: the price of coins[1] in coins[0])
    function get_p(uint256 i) external view returns (uint256) {
        require(i == 0, "CurveStableSwap: bad index");
        return get_p();
    }

    function last_price(uint256 i) external view returns (uint256) {
        require(i == 0, "CurveStableSwap: bad index");
        return lastPrice;
    }

    function ema_price(uint256 i) external view returns (uint256) {
        require(i == 0, "CurveStableSwap: bad index");
        return emaPrice;
    }

    function price_oracle(uint256 i) external view returns (uint256) {
        require(i == 0, "CurveStableSwap: bad index");
        return _maPrice();
    }

    function admin_balances(uint256 i) public view returns (uint256) {
        return ICurveERC20(coins[i]).balanceOf(address(this)) - balances[i];
    }

    // ================================ swaps and liquidity ================================

    function exchange(int128 i, int128 j, uint256 _dx, uint256 _min_dy) external returns (uint256) {
        return _exchange(i, j, _dx, _min_dy, msg.sender);
    }

    /// stableswap-ng overload with a receiver.
    function exchange(int128 i, int128 j, uint256 _dx, uint256 _min_dy, address _receiver) external returns (uint256) {
        return _exchange(i, j, _dx, _min_dy, _receiver);
    }

    function add_liquidity(uint256[2] calldata _amounts, uint256 _min_mint_amount) external nonReentrant
        returns (uint256)
    {
        uint256[2] memory old_balances = _balances();
        uint256 D0 = _getD(old_balances, amp);
        uint256 token_supply = totalSupply;
        uint256[2] memory new_balances;
        for (uint256 k = 0; k < N_COINS; k++) {
            if (token_supply == 0) {
                require(_amounts[k] > 0, "CurveStableSwap: initial deposit requires all coins");
            }
            new_balances[k] = old_balances[k] + _amounts[k];
        }
        uint256 D1 = _getD(new_balances, amp);
        require(D1 > D0, "CurveStableSwap: D did not grow");

        uint256[2] memory fees;
        uint256 mint_amount;
        if (token_supply > 0) {
            // only account for fees if we are not the first to deposit
            uint256 base_fee = fee * N_COINS / (4 * (N_COINS - 1));
            for (uint256 k = 0; k < N_COINS; k++) {
                uint256 ideal_balance = D1 * old_balances[k] / D0;
                uint256 difference = ideal_balance > new_balances[k]
                    ? ideal_balance - new_balances[k]
                    : new_balances[k] - ideal_balance;
                fees[k] = base_fee * difference / FEE_DENOMINATOR;
                balances[k] = new_balances[k] - (fees[k] * admin_fee / FEE_DENOMINATOR);
                new_balances[k] -= fees[k];
            }
            uint256 D2 = _getD(new_balances, amp);
            mint_amount = token_supply * (D2 - D0) / D0;
            _saveP(new_balances, D2);
        } else {
            balances = new_balances;
            mint_amount = D1; // take the dust if there was any
        }
        require(mint_amount >= _min_mint_amount, "Slippage screwed you");

        for (uint256 k = 0; k < N_COINS; k++) {
            if (_amounts[k] > 0) {
                require(ICurveERC20(coins[k]).transferFrom(msg.sender, address(this), _amounts[k]),
                    "CurveStableSwap: transferFrom failed");
            }
        }
        _mint(msg.sender, mint_amount);
        emit AddLiquidity(msg.sender, _amounts, fees, D1, token_supply + mint_amount);
        return mint_amount;
    }

    function remove_liquidity(uint256 _amount, uint256[2] calldata _min_amounts) external nonReentrant
        returns (uint256[2] memory amounts)
    {
        uint256 total_supply = totalSupply;
        require(balanceOf[msg.sender] >= _amount, "CurveStableSwap: insufficient LP balance");
        for (uint256 k = 0; k < N_COINS; k++) {
            uint256 old_balance = balances[k];
            uint256 value = old_balance * _amount / total_supply;
            require(value >= _min_amounts[k], "Withdrawal resulted in fewer coins than expected");
            balances[k] = old_balance - value;
            amounts[k] = value;
        }
        _burn(msg.sender, _amount);
        for (uint256 k = 0; k < N_COINS; k++) {
            require(ICurveERC20(coins[k]).transfer(msg.sender, amounts[k]), "CurveStableSwap: transfer failed");
        }
        uint256[2] memory noFees;
        emit RemoveLiquidity(msg.sender, amounts, noFees, total_supply - _amount);
    }

    // ================================ admin ================================

    function set_ma_exp_time(uint256 _ma_exp_time) external {
        require(msg.sender == owner, "CurveStableSwap: only owner");
        require(_ma_exp_time != 0, "CurveStableSwap: bad ma_exp_time");
        ma_exp_time = _ma_exp_time;
        emit SetNewMATime(_ma_exp_time);
    }

    function withdraw_admin_fees() external nonReentrant {
        require(msg.sender == owner, "CurveStableSwap: only owner");
        for (uint256 k = 0; k < N_COINS; k++) {
            uint256 value = admin_balances(k);
            if (value > 0) {
                require(ICurveERC20(coins[k]).transfer(owner, value), "CurveStableSwap: transfer failed");
            }
        }
    }

    // ================================ LP token ================================

    function approve(address spender, uint256 amount) external returns (bool) {
        allowance[msg.sender][spender] = amount;
        emit Approval(msg.sender, spender, amount);
        return true;
    }

    function transfer(address to, uint256 amount) external returns (bool) {
        _move(msg.sender, to, amount);
        return true;
    }

    function transferFrom(address from, address to, uint256 amount) external returns (bool) {
        uint256 allowed = allowance[from][msg.sender];
        require(allowed >= amount, "ERC20: insufficient allowance");
        if (allowed != type(uint256).max) {
            allowance[from][msg.sender] = allowed - amount;
        }
        _move(from, to, amount);
        return true;
    }

    // ================================ internals ================================

    function _exchange(int128 i, int128 j, uint256 _dx, uint256 _min_dy, address receiver) internal nonReentrant
        returns (uint256)
    {
        (uint256 dy, uint256 dy_fee) = _dy(i, j, _dx);
        require(dy >= _min_dy, "Exchange resulted in fewer coins than expected");
        uint256 ui = uint256(uint128(i));
        uint256 uj = uint256(uint128(j));

        _saveSwapPrice(ui, _dx, dy + dy_fee);

        // when rounding errors happen, the admin fee is undercharged in favour of LPs
        uint256 dy_admin_fee = dy_fee * admin_fee / FEE_DENOMINATOR;
        balances[ui] += _dx;
        balances[uj] -= dy + dy_admin_fee;

        require(ICurveERC20(coins[ui]).transferFrom(msg.sender, address(this), _dx),
            "CurveStableSwap: transferFrom failed");
        require(ICurveERC20(coins[uj]).transfer(receiver, dy), "CurveStableSwap: transfer failed");
        emit TokenExchange(msg.sender, i, _dx, j, dy);
        return dy;
    }

    /// Saves the price at the post-swap balances before the fee goes back in (x_i + dx, y), with the pre-swap D.
    function _saveSwapPrice(uint256 ui, uint256 dx, uint256 dyWithFee) internal {
        uint256[2] memory old_balances = _balances();
        uint256[2] memory xp; // a separate array: memory arrays assign by reference
        xp[ui] = old_balances[ui] + dx;
        xp[1 - ui] = old_balances[1 - ui] - dyWithFee - 1; // = y
        _saveP(xp, _getD(old_balances, amp));
    }

    /// Output of a swap and its fee, exactly as Curve computes them for both `get_dy` and `exchange`.
    function _dy(int128 i, int128 j, uint256 _dx) internal view returns (uint256 dy, uint256 dy_fee) {
        require(i != j, "CurveStableSwap: same coin");
        require(i >= 0 && i < 2 && j >= 0 && j < 2, "CurveStableSwap: bad coin index");
        uint256 ui = uint256(uint128(i));
        uint256 uj = uint256(uint128(j));
        uint256[2] memory xp = _balances();
        uint256 x = xp[ui] + _dx;
        uint256 y = _getY(x, _getD(xp, amp));
        uint256 raw = xp[uj] - y - 1; // -1 just in case there were some rounding errors
        dy_fee = raw * fee / FEE_DENOMINATOR;
        dy = raw - dy_fee;
    }

    function _balances() internal view returns (uint256[2] memory xp) {
        xp[0] = balances[0];
        xp[1] = balances[1];
    }

    /// D invariant: A * sum(x_i) * n**n + D = A * D * n**n + D**(n+1) / (n**n * prod(x_i)), Newton iteration.
    function _getD(uint256[2] memory xp, uint256 _amp) internal pure returns (uint256) {
        uint256 S = xp[0] + xp[1];
        if (S == 0) {
            return 0;
        }
        uint256 D = S;
        uint256 Ann = _amp * N_COINS;
        for (uint256 it = 0; it < 255; it++) {
            uint256 D_P = D;
            D_P = D_P * D / (xp[0] * N_COINS);
            D_P = D_P * D / (xp[1] * N_COINS);
            uint256 Dprev = D;
            D = (Ann * S / A_PRECISION + D_P * N_COINS) * D
                / ((Ann - A_PRECISION) * D / A_PRECISION + (N_COINS + 1) * D_P);
            if (D > Dprev ? D - Dprev <= 1 : Dprev - D <= 1) {
                return D;
            }
        }
        revert("CurveStableSwap: D did not converge");
    }

    /// Balance of the other coin when one coin's balance becomes x, keeping D (quadratic solved iteratively).
    function _getY(uint256 x, uint256 D) internal view returns (uint256) {
        uint256 Ann = amp * N_COINS;
        uint256 c = D * D / (x * N_COINS);
        c = c * D * A_PRECISION / (Ann * N_COINS);
        uint256 b = x + D * A_PRECISION / Ann;
        uint256 y = D;
        for (uint256 it = 0; it < 255; it++) {
            uint256 y_prev = y;
            y = (y * y + c) / (2 * y + b - D);
            if (y > y_prev ? y - y_prev <= 1 : y_prev - y <= 1) {
                return y;
            }
        }
        revert("CurveStableSwap: y did not converge");
    }

    /// dx_0 / dx_1: the spot price of coins[1] in coins[0].
    function _getP(uint256[2] memory xp, uint256 _amp, uint256 D) internal pure returns (uint256) {
        uint256 ANN = _amp * N_COINS;
        uint256 Dr = D / (N_COINS ** N_COINS);
        Dr = Dr * D / xp[0];
        Dr = Dr * D / xp[1];
        uint256 xp0_A = ANN * xp[0] / A_PRECISION;
        return PRECISION * (xp0_A + Dr * xp[0] / xp[1]) / (xp0_A + Dr);
    }

    function _maPrice() internal view returns (uint256) {
        uint256 lp = lastPrice < 2 * PRECISION ? lastPrice : 2 * PRECISION;
        uint256 ep = emaPrice < 2 * PRECISION ? emaPrice : 2 * PRECISION;
        if (ma_last_time < block.timestamp) {
            uint256 alpha = _expNeg((block.timestamp - ma_last_time) * PRECISION / ma_exp_time);
            return (lp * (PRECISION - alpha) + ep * alpha) / PRECISION;
        }
        return ep;
    }

    /// Saves the spot price and the EMA up to now (the EMA uses the previous last price, as Curve's oracle pools).
    function _saveP(uint256[2] memory xp, uint256 D) internal {
        uint256 p = _getP(xp, amp, D);
        if (p != 0) {
            emaPrice = _maPrice();
            lastPrice = p;
            if (ma_last_time < block.timestamp) {
                ma_last_time = block.timestamp;
            }
        }
    }

    function _mint(address to, uint256 amount) internal {
        totalSupply += amount;
        balanceOf[to] += amount;
        emit Transfer(address(0), to, amount);
    }

    function _burn(address from, uint256 amount) internal {
        balanceOf[from] -= amount;
        totalSupply -= amount;
        emit Transfer(from, address(0), amount);
    }

    function _move(address from, address to, uint256 amount) internal {
        require(balanceOf[from] >= amount, "ERC20: transfer amount exceeds balance");
        balanceOf[from] -= amount;
        balanceOf[to] += amount;
        emit Transfer(from, to, amount);
    }

    /// e^(-x / 1e18) * 1e18 for x >= 0: the wad exp of solmate's SignedWadMath, as Curve's pools use.
    function _expNeg(uint256 x) internal pure returns (uint256) {
        if (x >= 42139678854452767551) {
            return 0;
        }
        return uint256(wadExp(-int256(x)));
    }
}

