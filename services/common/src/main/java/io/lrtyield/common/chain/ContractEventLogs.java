package io.lrtyield.common.chain;

import io.lrtyield.common.catalogue.Asset;
import io.lrtyield.common.catalogue.Catalogue;
import io.lrtyield.common.catalogue.Restaking;
import io.lrtyield.common.event.Provenance;
import io.lrtyield.common.event.RiskAlert;
import io.smallrye.mutiny.Uni;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Event;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterNumber;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The events of the contracts behind each priced asset (its token, the contract its fundamental rate is read from, the
 * token dividing a TVL, and for an LRT of the restaking graph the issuer contract its backing is read from) that change what holds or prices its ETH, in one block: one {@code eth_getLogs} per block, the
 * event topics OR-ed, each log a CRITICAL alert on the asset —
 * <ul>
 *   <li>ERC-1967 {@code Upgraded(address indexed implementation)} → {@code PROXY_UPGRADED}: the code changed;</li>
 *   <li>OpenZeppelin Pausable {@code Paused(address account)} → {@code VENUE_PAUSED}: the issuer stopped deposits
 *       (Kelp's LRTDepositPool, ether.fi's LiquidityPool; Renzo's mainnet RestakeManager pauses without an event — its
 *       flag is read in the price snapshot instead, {@link io.lrtyield.common.restaking.PauseWatch}; the devnet replica
 *       emits this one too, and the two give one alert);</li>
 *   <li>ether.fi's timed pause {@code PausedUntil(uint256 pausedUntil)} → {@code VENUE_PAUSED}: its LiquidityPool can also
 *       be paused until a timestamp, which {@code paused()} does not show;</li>
 *   <li>an oracle replaced → {@code ORACLE_CHANGED}: Kelp LRTOracle's
 *       {@code AssetPriceOracleUpdate(address indexed asset, address indexed priceOracle)} and RenzoOracle's
 *       {@code OracleAddressUpdated(IERC20 token, AggregatorV3Interface oracleAddress)} (both fields in the data).</li>
 * </ul>
 * Signatures checked against the protocols' sources: Kelp-DAO/LRT-rsETH {@code contracts/interfaces/ILRTOracle.sol}
 * (commit c289b81) and {@code contracts/LRTDepositPool.sol} (OpenZeppelin PausableUpgradeable); Renzo-Protocol/contracts-public
 * {@code contracts/Oracle/RenzoOracle.sol} (the event) and {@code contracts/RestakeManager.sol} {@code setPaused(bool)}, which
 * stores {@code RestakeManagerStorage.paused} and emits nothing (commit fc8c8e0); etherfi-protocol/smart-contracts
 * {@code src/governance/utils/Pausable.sol} ({@code Paused(address)}, {@code paused()}) and {@code PausableUntil.sol}
 * ({@code PausedUntil(uint256)}, {@code pausedUntil()}) that {@code src/core/LiquidityPool.sol} inherits (commit b4a0968).
 * {@code Unpaused} is not watched: an incident ends when an admin acknowledges it, not when the issuer resumes.
 */
public final class ContractEventLogs {

    static final Event UPGRADED = new Event("Upgraded", List.of(new TypeReference<Address>(true) { }));
    static final Event PAUSED = new Event("Paused", List.of(new TypeReference<Address>(false) { }));
    static final Event PAUSED_UNTIL = new Event("PausedUntil", List.of(new TypeReference<org.web3j.abi.datatypes.generated.Uint256>(false) { }));
    static final Event ASSET_PRICE_ORACLE_UPDATE = new Event("AssetPriceOracleUpdate",
            List.of(new TypeReference<Address>(true) { }, new TypeReference<Address>(true) { }));
    static final Event ORACLE_ADDRESS_UPDATED = new Event("OracleAddressUpdated",
            List.of(new TypeReference<Address>(false) { }, new TypeReference<Address>(false) { }));
    public static final String UPGRADED_TOPIC = EventEncoder.encode(UPGRADED);
    public static final String PAUSED_TOPIC = EventEncoder.encode(PAUSED);
    public static final String PAUSED_UNTIL_TOPIC = EventEncoder.encode(PAUSED_UNTIL);
    public static final String ASSET_PRICE_ORACLE_UPDATE_TOPIC = EventEncoder.encode(ASSET_PRICE_ORACLE_UPDATE);
    public static final String ORACLE_ADDRESS_UPDATED_TOPIC = EventEncoder.encode(ORACLE_ADDRESS_UPDATED);

    private final Web3j web3j;
    /** contract (lower case) → the asset it stands behind. */
    private final Map<String, String> watched = new LinkedHashMap<>();

    public ContractEventLogs(Web3j web3j, Catalogue catalogue) {
        this.web3j = web3j;
        for (Asset a : catalogue.assets()) {
            if (!a.priced()) {
                continue;
            }
            watch(a.address(), a.symbol());
            if (a.fundamentalRate() != null) {
                watch(a.fundamentalRate().contract(), a.symbol());
                watch(a.fundamentalRate().supplyToken(), a.symbol());
            }
        }
        if (catalogue.restaking() != null) {
            // the issuer takes the deposits and pauses them (Kelp's LRTDepositPool is not where rsETH's rate is read)
            for (Restaking.Lrt lrt : catalogue.restaking().assets()) {
                watch(lrt.backing().contract(), lrt.asset());
            }
        }
    }

    private void watch(String contract, String asset) {
        if (contract != null && contract.startsWith("0x")) {
            watched.putIfAbsent(contract.toLowerCase(Locale.ROOT), asset);
        }
    }

    /** The contracts watched. */
    public List<String> contracts() {
        return List.copyOf(watched.keySet());
    }

    /** The alerts for the watched events in block {@code p.blockNumber()}; fails when the node does not answer (the block is retried). */
    public Uni<List<RiskAlert>> alerts(Provenance p) {
        if (watched.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        EthFilter filter = new EthFilter(new DefaultBlockParameterNumber(p.blockNumber()), new DefaultBlockParameterNumber(p.blockNumber()),
                new ArrayList<>(watched.keySet()));
        filter.addOptionalTopics(UPGRADED_TOPIC, PAUSED_TOPIC, PAUSED_UNTIL_TOPIC, ASSET_PRICE_ORACLE_UPDATE_TOPIC, ORACLE_ADDRESS_UPDATED_TOPIC);
        return Uni.createFrom().completionStage(() -> web3j.ethGetLogs(filter).sendAsync()).map(response -> {
            if (response.hasError()) {
                throw new IllegalStateException("eth_getLogs of block " + p.blockNumber() + " failed: " + response.getError().getMessage());
            }
            return decode(response, p);
        });
    }

    List<RiskAlert> decode(EthLog response, Provenance p) {
        List<RiskAlert> alerts = new ArrayList<>();
        for (EthLog.LogResult<?> r : response.getLogs()) {
            if (!(r.get() instanceof Log log) || log.getTopics().isEmpty()) {
                continue;
            }
            String asset = watched.get(log.getAddress().toLowerCase(Locale.ROOT));
            if (asset == null) {
                continue;
            }
            Alert a = describe(log, asset);
            if (a != null) {
                alerts.add(new RiskAlert(RiskAlert.SCHEMA_VERSION, RiskAlert.idFor(asset, a.kind(), true, p), asset, a.kind(), "CRITICAL",
                        a.message() + " (tx " + log.getTransactionHash() + ")", null, null, true, p));
            }
        }
        return alerts;
    }

    private record Alert(String kind, String message) {
    }

    /** The alert a log raises, null for a log this watch does not know or a malformed one. */
    private static Alert describe(Log log, String asset) {
        String topic = log.getTopics().get(0);
        List<String> topics = log.getTopics();
        String contract = log.getAddress();
        if (UPGRADED_TOPIC.equalsIgnoreCase(topic) && topics.size() >= 2) {
            return new Alert("PROXY_UPGRADED", "contract " + contract + " behind " + asset + " upgraded to implementation "
                    + address(topics.get(1)));
        }
        if (PAUSED_TOPIC.equalsIgnoreCase(topic) && words(log.getData()) >= 1) {
            return new Alert("VENUE_PAUSED", "contract " + contract + " behind " + asset + " paused by " + address(word(log.getData(), 0)));
        }
        if (PAUSED_UNTIL_TOPIC.equalsIgnoreCase(topic) && words(log.getData()) >= 1) {
            return new Alert("VENUE_PAUSED", "contract " + contract + " behind " + asset + " paused until "
                    + new java.math.BigInteger(word(log.getData(), 0), 16) + " (unix seconds)");
        }
        if (ASSET_PRICE_ORACLE_UPDATE_TOPIC.equalsIgnoreCase(topic) && topics.size() >= 3) {
            return new Alert("ORACLE_CHANGED", "contract " + contract + " behind " + asset + " replaced the price oracle of "
                    + address(topics.get(1)) + " with " + address(topics.get(2)));
        }
        if (ORACLE_ADDRESS_UPDATED_TOPIC.equalsIgnoreCase(topic) && words(log.getData()) >= 2) {
            return new Alert("ORACLE_CHANGED", "contract " + contract + " behind " + asset + " replaced the price oracle of "
                    + address(word(log.getData(), 0)) + " with " + address(word(log.getData(), 1)));
        }
        return null;
    }

    private static int words(String data) {
        return data == null || !data.startsWith("0x") ? 0 : (data.length() - 2) / 64;
    }

    private static String word(String data, int i) {
        return data.substring(2 + 64 * i, 2 + 64 * (i + 1));
    }

    /** The address in the low 20 bytes of a 32-byte word (a topic with or without 0x). */
    private static String address(String word) {
        return "0x" + word.substring(word.length() - 40);
    }
}
