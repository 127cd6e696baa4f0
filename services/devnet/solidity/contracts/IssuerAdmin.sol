// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// What the devnet's issuer replicas (ether.fi LiquidityPool, Kelp LRTDepositPool, Renzo RestakeManager) share for the
/// contract-events watch: the ERC-1967 Upgraded event a mainnet proxy emits when its implementation changes, and
/// OpenZeppelin Pausable's flag and events. The replicas are not proxies: upgradeTo (mainnet's ProxyAdmin; the oracle
/// role here) only records the new implementation and emits Upgraded. Each issuer keeps its own mainnet-named pause
/// functions, which call _setPaused.
abstract contract IssuerAdmin {
    address public implementation;
    bool public paused;

    event Upgraded(address indexed implementation);
    event Paused(address account);
    event Unpaused(address account);

    /// The account acting as the issuer's admin (proxy admin, pauser, unpauser): the replica's oracle.
    function oracle() external view virtual returns (address);

    function upgradeTo(address newImplementation) external {
        require(msg.sender == this.oracle(), "IssuerAdmin: caller is not the oracle");
        implementation = newImplementation;
        emit Upgraded(newImplementation);
    }

    function _setPaused(bool paused_) internal {
        paused = paused_;
        if (paused_) {
            emit Paused(msg.sender);
        } else {
            emit Unpaused(msg.sender);
        }
    }
}
