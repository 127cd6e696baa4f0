// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import "./ReplicaToken.sol";

/// Replica of Renzo's ezETH (mainnet 0xbf5495Efe5DB9ce00f80364C8B423567e58d2110): ERC-20 minted and burned only
/// by the RestakeManager. Deployed by RenzoRestakeManager's constructor.
contract EzEthToken is ReplicaToken {
    address public immutable restakeManager;

    constructor(address restakeManager_) ReplicaToken("Renzo Restaked ETH", "ezETH", 18) {
        restakeManager = restakeManager_;
    }

    modifier onlyRestakeManager() {
        require(msg.sender == restakeManager, "EzEthToken: caller is not the RestakeManager");
        _;
    }

    function mint(address to, uint256 amount) external onlyRestakeManager {
        _mint(to, amount);
    }

    function burn(address from, uint256 amount) external onlyRestakeManager {
        _burn(from, amount);
    }
}

/// Replica of Renzo's RestakeManager (mainnet 0x74a09653A083691711cF8215a6ab074BB4e99ef5): depositETH() mints
/// ezETH with RenzoOracle.calculateMintAmount against the pre-deposit TVL, and calculateTVLs() in the mainnet
/// shape (one operator delegator whose only entry is native ETH). The TVL is the ETH held, tracked in storage;
/// the devnet market simulator (oracle role) adds restaking rewards with accrueRewards and slashing with
/// reportLoss. ezETH rate = totalTVL * 1e18 / ezETH.totalSupply(). The constructor deploys ezETH (see ezETH()).
contract RenzoRestakeManager {
    uint256 internal constant SCALE_FACTOR = 1e18;

    address public immutable oracle;
    EzEthToken public immutable ezETH;
    uint256 private ethTVL;

    event Deposit(address depositor, address token, uint256 amount, uint256 ezETHMinted, uint256 referralId);
    event TVLUpdated(uint256 totalTVL, uint256 ezETHSupply);

    constructor(address oracle_) {
        oracle = oracle_;
        ezETH = new EzEthToken(address(this));
    }

    modifier onlyOracle() {
        require(msg.sender == oracle, "RestakeManager: caller is not the oracle");
        _;
    }

    function depositETH() external payable {
        _depositETH(0);
    }

    function depositETH(uint256 _referralId) external payable {
        _depositETH(_referralId);
    }

    function calculateTVLs() public view returns (uint256[][] memory, uint256[] memory, uint256) {
        uint256[][] memory operatorDelegatorTokenTVLs = new uint256[][](1);
        uint256[] memory operatorValues = new uint256[](1);
        operatorValues[0] = ethTVL; // native ETH: the last (here only) entry, as on mainnet
        operatorDelegatorTokenTVLs[0] = operatorValues;
        uint256[] memory operatorDelegatorTVLs = new uint256[](1);
        operatorDelegatorTVLs[0] = ethTVL;
        return (operatorDelegatorTokenTVLs, operatorDelegatorTVLs, ethTVL);
    }

    /// RenzoOracle.calculateMintAmount, same arithmetic and rounding.
    function calculateMintAmount(uint256 _currentValueInProtocol, uint256 _newValueAdded, uint256 _existingEzETHSupply)
        public pure returns (uint256)
    {
        if (_currentValueInProtocol == 0 || _existingEzETHSupply == 0) {
            return _newValueAdded;
        }
        uint256 inflationPercentage = SCALE_FACTOR * _newValueAdded / (_currentValueInProtocol + _newValueAdded);
        uint256 newEzETHSupply = (_existingEzETHSupply * SCALE_FACTOR) / (SCALE_FACTOR - inflationPercentage);
        uint256 mintAmount = newEzETHSupply - _existingEzETHSupply;
        require(mintAmount != 0, "InvalidTokenAmount");
        return mintAmount;
    }

    /// Simulator hook (oracle role): restaking rewards arrive as ETH and raise the TVL, hence the rate.
    function accrueRewards() external payable onlyOracle {
        ethTVL += msg.value;
        emit TVLUpdated(ethTVL, ezETH.totalSupply());
    }

    /// Simulator hook (oracle role): a slashing loss lowers the TVL. The ETH stays in the contract, uncounted.
    function reportLoss(uint256 amountWei) external onlyOracle {
        require(amountWei <= ethTVL, "RestakeManager: loss exceeds TVL");
        ethTVL -= amountWei;
        emit TVLUpdated(ethTVL, ezETH.totalSupply());
    }

    function _depositETH(uint256 _referralId) internal {
        require(msg.value > 0, "InvalidZeroInput");
        (,, uint256 totalTVL) = calculateTVLs();
        uint256 ezETHToMint = calculateMintAmount(totalTVL, msg.value, ezETH.totalSupply());
        ethTVL += msg.value;
        ezETH.mint(msg.sender, ezETHToMint);
        emit Deposit(msg.sender, address(0), msg.value, ezETHToMint, _referralId);
    }
}
