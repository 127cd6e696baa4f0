// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import "./ReplicaToken.sol";

interface IPufferWETH {
    function deposit() external payable;
    function balanceOf(address account) external view returns (uint256);
    function transfer(address to, uint256 amount) external returns (bool);
    function transferFrom(address from, address to, uint256 amount) external returns (bool);
}

/// Replica of Puffer's PufferVault, pufETH (mainnet 0xD9A442856C234a39a81a089C06451EBAa4306a72, PufferVaultV2):
/// an ERC-4626 vault over WETH with OpenZeppelin's conversion arithmetic (virtual share and asset of 1, decimals
/// offset 0, rounding in the vault's favour) and depositETH(address), which wraps the ETH. totalAssets() is the
/// vault's WETH balance. The devnet market simulator (oracle role) adds restaking rewards with accrueRewards
/// (wrapped into WETH) and slashing with reportLoss (WETH sent back to the oracle). No exit fee, no daily limit.
contract PufferVault is ReplicaToken {
    IPufferWETH private immutable _asset;
    address public immutable oracle;

    event Deposit(address indexed sender, address indexed owner, uint256 assets, uint256 shares);
    event Withdraw(address indexed sender, address indexed receiver, address indexed owner, uint256 assets, uint256 shares);
    event RewardsAccrued(uint256 amount, uint256 totalAssets);
    event LossReported(uint256 amount, uint256 totalAssets);

    constructor(address weth_, address oracle_) ReplicaToken("pufETH", "pufETH", 18) {
        _asset = IPufferWETH(weth_);
        oracle = oracle_;
    }

    modifier onlyOracle() {
        require(msg.sender == oracle, "PufferVault: caller is not the oracle");
        _;
    }

    function asset() external view returns (address) {
        return address(_asset);
    }

    function totalAssets() public view returns (uint256) {
        return _asset.balanceOf(address(this));
    }

    function convertToShares(uint256 assets) public view returns (uint256) {
        return _toShares(assets, false);
    }

    function convertToAssets(uint256 shares) public view returns (uint256) {
        return _toAssets(shares, false);
    }

    function maxDeposit(address) external pure returns (uint256) {
        return type(uint256).max;
    }

    function maxMint(address) external pure returns (uint256) {
        return type(uint256).max;
    }

    function maxWithdraw(address owner) external view returns (uint256) {
        return _toAssets(balanceOf[owner], false);
    }

    function maxRedeem(address owner) external view returns (uint256) {
        return balanceOf[owner];
    }

    function previewDeposit(uint256 assets) public view returns (uint256) {
        return _toShares(assets, false);
    }

    function previewMint(uint256 shares) public view returns (uint256) {
        return _toAssets(shares, true);
    }

    function previewWithdraw(uint256 assets) public view returns (uint256) {
        return _toShares(assets, true);
    }

    function previewRedeem(uint256 shares) public view returns (uint256) {
        return _toAssets(shares, false);
    }

    function deposit(uint256 assets, address receiver) external returns (uint256) {
        uint256 shares = previewDeposit(assets);
        require(_asset.transferFrom(msg.sender, address(this), assets), "PufferVault: WETH transfer failed");
        _mint(receiver, shares);
        emit Deposit(msg.sender, receiver, assets, shares);
        return shares;
    }

    function mint(uint256 shares, address receiver) external returns (uint256) {
        uint256 assets = previewMint(shares);
        require(_asset.transferFrom(msg.sender, address(this), assets), "PufferVault: WETH transfer failed");
        _mint(receiver, shares);
        emit Deposit(msg.sender, receiver, assets, shares);
        return assets;
    }

    /// PufferVaultV2.depositETH: the ETH is wrapped and shares are priced before it counts.
    function depositETH(address receiver) external payable returns (uint256) {
        uint256 shares = previewDeposit(msg.value);
        _asset.deposit{value: msg.value}();
        _mint(receiver, shares);
        emit Deposit(msg.sender, receiver, msg.value, shares);
        return shares;
    }

    function withdraw(uint256 assets, address receiver, address owner) external returns (uint256) {
        uint256 shares = previewWithdraw(assets);
        _exit(receiver, owner, assets, shares);
        return shares;
    }

    function redeem(uint256 shares, address receiver, address owner) external returns (uint256) {
        uint256 assets = previewRedeem(shares);
        _exit(receiver, owner, assets, shares);
        return assets;
    }

    /// Simulator hook (oracle role): rewards arrive as ETH, are wrapped and held by the vault.
    function accrueRewards() external payable onlyOracle {
        _asset.deposit{value: msg.value}();
        emit RewardsAccrued(msg.value, totalAssets());
    }

    /// Simulator hook (oracle role): a slashing loss; the lost WETH leaves the vault (sent to the oracle).
    function reportLoss(uint256 amountWei) external onlyOracle {
        require(amountWei <= totalAssets(), "PufferVault: loss exceeds assets");
        require(_asset.transfer(msg.sender, amountWei), "PufferVault: WETH transfer failed");
        emit LossReported(amountWei, totalAssets());
    }

    function _toShares(uint256 assets, bool roundUp) internal view returns (uint256) {
        return _mulDiv(assets, totalSupply + 1, totalAssets() + 1, roundUp);
    }

    function _toAssets(uint256 shares, bool roundUp) internal view returns (uint256) {
        return _mulDiv(shares, totalAssets() + 1, totalSupply + 1, roundUp);
    }

    function _mulDiv(uint256 x, uint256 y, uint256 d, bool roundUp) private pure returns (uint256 r) {
        r = x * y / d;
        if (roundUp && mulmod(x, y, d) > 0) {
            r += 1;
        }
    }

    function _exit(address receiver, address owner, uint256 assets, uint256 shares) internal {
        if (msg.sender != owner) {
            _spendAllowance(owner, msg.sender, shares);
        }
        require(balanceOf[owner] >= shares, "ERC4626: redeem more than max");
        _burn(owner, shares);
        require(_asset.transfer(receiver, assets), "PufferVault: WETH transfer failed");
        emit Withdraw(msg.sender, receiver, owner, assets, shares);
    }

    function _mint(address to, uint256 amount) internal override {
        require(to != address(0), "ERC20: mint to the zero address");
        super._mint(to, amount);
    }
}
