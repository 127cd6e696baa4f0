// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// BoringVault-style strategy vault (Veda's BoringVault `manage` signatures): it holds ETH and tokens and acts only
/// through `manage`, callable by the strategist and only for (target, selector) pairs on the on-chain allowlist that
/// the admin maintains. This folds BoringVault's MANAGER_ROLE and the manager's call verification into one contract.
/// A call with fewer than 4 bytes of data (a plain ETH transfer) is checked as selector 0x00000000.
contract StrategyVault {
    address public admin;
    address public strategist;
    mapping(address => mapping(bytes4 => bool)) private allowed;

    event Managed(address indexed target, bytes4 indexed selector, uint256 value, bytes data);
    event AllowedSet(address indexed target, bytes4 indexed selector, bool allowed);
    event AdminSet(address indexed admin);
    event StrategistSet(address indexed strategist);

    constructor(address admin_, address strategist_) payable {
        require(admin_ != address(0) && strategist_ != address(0), "StrategyVault: zero address");
        admin = admin_;
        strategist = strategist_;
        emit AdminSet(admin_);
        emit StrategistSet(strategist_);
    }

    modifier onlyAdmin() {
        require(msg.sender == admin, "StrategyVault: not admin");
        _;
    }

    modifier onlyStrategist() {
        require(msg.sender == strategist, "StrategyVault: not strategist");
        _;
    }

    receive() external payable {}

    // ================================ manage ================================

    function manage(address target, bytes calldata data, uint256 value) external onlyStrategist
        returns (bytes memory result)
    {
        result = _manage(target, data, value);
    }

    function manage(address[] calldata targets, bytes[] calldata data, uint256[] calldata values)
        external
        onlyStrategist
        returns (bytes[] memory results)
    {
        uint256 n = targets.length;
        require(data.length == n && values.length == n, "StrategyVault: length mismatch");
        results = new bytes[](n);
        for (uint256 i = 0; i < n; i++) {
            results[i] = _manage(targets[i], data[i], values[i]);
        }
    }

    // ================================ allowlist ================================

    function setAllowed(address target, bytes4 selector, bool allowed_) external onlyAdmin {
        allowed[target][selector] = allowed_;
        emit AllowedSet(target, selector, allowed_);
    }

    function isAllowed(address target, bytes4 selector) external view returns (bool) {
        return allowed[target][selector];
    }

    function setStrategist(address strategist_) external onlyAdmin {
        require(strategist_ != address(0), "StrategyVault: zero address");
        strategist = strategist_;
        emit StrategistSet(strategist_);
    }

    function setAdmin(address admin_) external onlyAdmin {
        require(admin_ != address(0), "StrategyVault: zero address");
        admin = admin_;
        emit AdminSet(admin_);
    }

    // ================================ NFT receipts (e.g. withdrawal-queue NFTs) ================================

    function onERC721Received(address, address, uint256, bytes calldata) external pure returns (bytes4) {
        return this.onERC721Received.selector;
    }

    function onERC1155Received(address, address, uint256, uint256, bytes calldata) external pure returns (bytes4) {
        return this.onERC1155Received.selector;
    }

    function onERC1155BatchReceived(address, address, uint256[] calldata, uint256[] calldata, bytes calldata)
        external
        pure
        returns (bytes4)
    {
        return this.onERC1155BatchReceived.selector;
    }

    // ================================ internals ================================

    function _manage(address target, bytes calldata data, uint256 value) internal returns (bytes memory) {
        bytes4 selector = data.length >= 4 ? bytes4(data[:4]) : bytes4(0);
        require(allowed[target][selector], "StrategyVault: call not allowlisted");
        if (data.length > 0) {
            require(target.code.length > 0, "StrategyVault: target has no code");
        }
        (bool ok, bytes memory ret) = target.call{value: value}(data);
        if (!ok) {
            require(ret.length > 0, "StrategyVault: call reverted without reason");
            // bubble the target's revert data unchanged
            assembly {
                revert(add(ret, 0x20), mload(ret))
            }
        }
        emit Managed(target, selector, value, data);
        return ret;
    }
}
