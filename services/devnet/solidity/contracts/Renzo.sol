// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// Replica of Renzo's ezETH (mainnet 0xbf5495Efe5DB9ce00f80364C8B423567e58d2110): ERC-20 minted and burned only
/// by the RestakeManager. Deployed by RenzoRestakeManager's constructor.
contract EzEthToken {
    string public constant name = "Renzo Restaked ETH";
    string public constant symbol = "ezETH";
    uint8 public constant decimals = 18;

    address public immutable restakeManager;
    uint256 public totalSupply;
    mapping(address => uint256) public balanceOf;
    mapping(address => mapping(address => uint256)) public allowance;

    event Transfer(address indexed from, address indexed to, uint256 value);
    event Approval(address indexed owner, address indexed spender, uint256 value);

    constructor(address restakeManager_) {
        restakeManager = restakeManager_;
    }

    modifier onlyRestakeManager() {
        require(msg.sender == restakeManager, "EzEthToken: caller is not the RestakeManager");
        _;
    }

    function mint(address to, uint256 amount) external onlyRestakeManager {
        totalSupply += amount;
        balanceOf[to] += amount;
        emit Transfer(address(0), to, amount);
    }

    function burn(address from, uint256 amount) external onlyRestakeManager {
        require(balanceOf[from] >= amount, "ERC20: burn amount exceeds balance");
        balanceOf[from] -= amount;
        totalSupply -= amount;
        emit Transfer(from, address(0), amount);
    }

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

    function _move(address from, address to, uint256 amount) internal {
        require(to != address(0), "ERC20: transfer to the zero address");
        require(balanceOf[from] >= amount, "ERC20: transfer amount exceeds balance");
        balanceOf[from] -= amount;
        balanceOf[to] += amount;
        emit Transfer(from, to, amount);
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
