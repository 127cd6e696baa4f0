package io.lrtyield.common.chain;

import io.lrtyield.common.catalogue.Asset;
import io.lrtyield.common.catalogue.Catalogue;
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
 * ERC-1967 {@code Upgraded(address indexed implementation)} logs of the contracts behind each priced asset (its token, the
 * contract its fundamental rate is read from, the token dividing a TVL) in one block: one {@code eth_getLogs} per block,
 * each log a CRITICAL {@code PROXY_UPGRADED} alert on the asset — the code holding its ETH changed under it.
 */
public final class UpgradeLogs {

    static final Event UPGRADED = new Event("Upgraded", List.of(new TypeReference<Address>(true) { }));
    public static final String UPGRADED_TOPIC = EventEncoder.encode(UPGRADED);

    private final Web3j web3j;
    /** contract (lower case) → the asset it stands behind. */
    private final Map<String, String> watched = new LinkedHashMap<>();

    public UpgradeLogs(Web3j web3j, Catalogue catalogue) {
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

    /** The alerts for the upgrades in block {@code p.blockNumber()}; fails when the node does not answer (the block is retried). */
    public Uni<List<RiskAlert>> alerts(Provenance p) {
        if (watched.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        EthFilter filter = new EthFilter(new DefaultBlockParameterNumber(p.blockNumber()), new DefaultBlockParameterNumber(p.blockNumber()),
                new ArrayList<>(watched.keySet()));
        filter.addSingleTopic(UPGRADED_TOPIC);
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
            if (!(r.get() instanceof Log log) || log.getTopics().size() < 2 || !UPGRADED_TOPIC.equalsIgnoreCase(log.getTopics().get(0))) {
                continue;
            }
            String asset = watched.get(log.getAddress().toLowerCase(Locale.ROOT));
            if (asset == null) {
                continue;
            }
            String implementation = "0x" + log.getTopics().get(1).substring(26);
            alerts.add(new RiskAlert(RiskAlert.SCHEMA_VERSION, RiskAlert.idFor(asset, "PROXY_UPGRADED", true, p), asset, "PROXY_UPGRADED",
                    "CRITICAL", "contract " + log.getAddress() + " behind " + asset + " upgraded to implementation " + implementation
                    + " (tx " + log.getTransactionHash() + ")", null, null, true, p));
        }
        return alerts;
    }
}
