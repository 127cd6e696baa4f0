// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// Replica of a Chainlink price feed as read through its EACAggregatorProxy (e.g. mainnet stETH/ETH
/// 0x86392dC19c0b719886221c78AB11eb8Cf5c52812): the AggregatorV3Interface views plus the legacy latestAnswer.
/// Round ids are proxy-style, phaseId * 2^64 + aggregator round, with phase 1. The devnet market simulator
/// (updater role) publishes with updateAnswer and simulates a stale feed with setUpdatedAt.
contract ChainlinkAggregator {
    uint16 public constant phaseId = 1;
    uint256 private constant PHASE_OFFSET = 64;

    struct Round {
        int256 answer;
        uint64 startedAt;
        uint64 updatedAt;
    }

    address public immutable updater;
    uint8 public immutable decimals;
    string public description;
    uint64 private latestAggregatorRound;
    mapping(uint64 => Round) private rounds;

    event AnswerUpdated(int256 indexed current, uint256 indexed roundId, uint256 updatedAt);
    event NewRound(uint256 indexed roundId, address indexed startedBy, uint256 startedAt);

    constructor(uint8 decimals_, string memory description_, int256 initialAnswer, address updater_) {
        decimals = decimals_;
        description = description_;
        updater = updater_;
        _newRound(initialAnswer);
    }

    modifier onlyUpdater() {
        require(msg.sender == updater, "ChainlinkAggregator: caller is not the updater");
        _;
    }

    function version() external pure returns (uint256) {
        return 4;
    }

    /// Starts a new round answered now.
    function updateAnswer(int256 answer) external onlyUpdater {
        _newRound(answer);
    }

    /// Rewrites the latest round's updatedAt (e.g. hours in the past, to make the feed look stale).
    function setUpdatedAt(uint256 updatedAt) external onlyUpdater {
        rounds[latestAggregatorRound].updatedAt = uint64(updatedAt);
        emit AnswerUpdated(rounds[latestAggregatorRound].answer, _proxyRoundId(latestAggregatorRound), updatedAt);
    }

    function latestRoundData()
        external view returns (uint80 roundId, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound)
    {
        return _roundData(latestAggregatorRound);
    }

    function getRoundData(uint80 _roundId)
        external view returns (uint80 roundId, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound)
    {
        require(_roundId >> PHASE_OFFSET == phaseId, "No data present");
        uint64 aggregatorRound = uint64(_roundId);
        require(aggregatorRound != 0 && aggregatorRound <= latestAggregatorRound, "No data present");
        return _roundData(aggregatorRound);
    }

    function latestAnswer() external view returns (int256) {
        return rounds[latestAggregatorRound].answer;
    }

    function latestTimestamp() external view returns (uint256) {
        return rounds[latestAggregatorRound].updatedAt;
    }

    function latestRound() external view returns (uint256) {
        return _proxyRoundId(latestAggregatorRound);
    }

    function _newRound(int256 answer) internal {
        latestAggregatorRound += 1;
        rounds[latestAggregatorRound] = Round(answer, uint64(block.timestamp), uint64(block.timestamp));
        uint256 roundId = _proxyRoundId(latestAggregatorRound);
        emit NewRound(roundId, msg.sender, block.timestamp);
        emit AnswerUpdated(answer, roundId, block.timestamp);
    }

    function _roundData(uint64 aggregatorRound) internal view returns (uint80, int256, uint256, uint256, uint80) {
        Round memory r = rounds[aggregatorRound];
        uint80 id = _proxyRoundId(aggregatorRound);
        return (id, r.answer, r.startedAt, r.updatedAt, id);
    }

    function _proxyRoundId(uint64 aggregatorRound) internal pure returns (uint80) {
        return uint80((uint256(phaseId) << PHASE_OFFSET) | aggregatorRound);
    }
}
