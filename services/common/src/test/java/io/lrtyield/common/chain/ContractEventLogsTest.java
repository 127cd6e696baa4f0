package io.lrtyield.common.chain;

import io.lrtyield.common.catalogue.Asset;
import io.lrtyield.common.catalogue.Catalogue;
import io.lrtyield.common.catalogue.RateSource;
import io.lrtyield.common.catalogue.Restaking;
import io.lrtyield.common.event.Provenance;
import io.lrtyield.common.event.RiskAlert;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Hash;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ContractEventLogsTest {

    static final String EZETH = "0x00000000000000000000000000000000000000e1";
    static final String RESTAKE_MANAGER = "0x00000000000000000000000000000000000000e2";
    static final String RSETH = "0x00000000000000000000000000000000000000f1";
    static final String LRT_ORACLE = "0x00000000000000000000000000000000000000f2";
    static final String KELP_DEPOSIT_POOL = "0x00000000000000000000000000000000000000f3";
    static final String ADMIN = "0x00000000000000000000000000000000000000ad";
    static final String FEED = "0x00000000000000000000000000000000000000fe";
    static final String ETH = "0xeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee";
    static final Provenance AT = new Provenance(31337, 120, "0xb10c", 1_700_000_000);

    private final ContractEventLogs logs = new ContractEventLogs(null, new Catalogue("devnet", 31337, Map.of(), List.of(
            new Asset("ezETH", EZETH, 18, "ETH", new RateSource(RESTAKE_MANAGER, "calculateTVLs", List.of(), 18, 0.5,
                    RateSource.TVL_PER_SUPPLY, EZETH)),
            new Asset("rsETH", RSETH, 18, "ETH", new RateSource(LRT_ORACLE, "rsETHPrice", List.of(), 18, 0.5))), List.of(), List.of(),
            // the issuers of the restaking graph: Kelp's deposit pool is watched though rsETH's rate is read from its oracle
            new Restaking(null, null, null, List.of(), List.of(), List.of(
                    new Restaking.Lrt("ezETH", new Restaking.Backing(RESTAKE_MANAGER, Restaking.Backing.RENZO_TVLS, List.of()), List.of(), "x"),
                    new Restaking.Lrt("rsETH", new Restaking.Backing(KELP_DEPOSIT_POOL, "getTotalAssetDeposits", List.of()), List.of(), "x")))));

    @Test
    void theTopicsAreTheMainnetEventSignatures() {
        assertEquals(Hash.sha3String("Upgraded(address)"), ContractEventLogs.UPGRADED_TOPIC);
        // OpenZeppelin Pausable, as Kelp's LRTDepositPool emits it
        assertEquals("0x62e78cea01bee320cd4e420270b5ea74000d11b0c9f74754ebdbfc544b05a258", ContractEventLogs.PAUSED_TOPIC);
        assertEquals(Hash.sha3String("AssetPriceOracleUpdate(address,address)"), ContractEventLogs.ASSET_PRICE_ORACLE_UPDATE_TOPIC);
        assertEquals(Hash.sha3String("OracleAddressUpdated(address,address)"), ContractEventLogs.ORACLE_ADDRESS_UPDATED_TOPIC);
        assertEquals(Hash.sha3String("PausedUntil(uint256)"), ContractEventLogs.PAUSED_UNTIL_TOPIC);
        assertEquals(List.of(EZETH, RESTAKE_MANAGER, RSETH, LRT_ORACLE, KELP_DEPOSIT_POOL), logs.contracts());
    }

    @Test
    void aTimedPauseIsAPauseToo() {
        // ether.fi's LiquidityPool (PausableUntil): paused() stays false, the event says until when
        List<RiskAlert> alerts = logs.decode(response(log(KELP_DEPOSIT_POOL, List.of(ContractEventLogs.PAUSED_UNTIL_TOPIC),
                "0x" + String.format("%064x", 1_700_028_800L), "0xc1")), AT);
        assertEquals(1, alerts.size());
        assertEquals(List.of("VENUE_PAUSED", "CRITICAL", "rsETH"), List.of(alerts.get(0).kind(), alerts.get(0).severity(), alerts.get(0).subject()));
        assertTrue(alerts.get(0).message().contains("paused until 1700028800"), alerts.get(0).message());
    }

    @Test
    void aPauseAndBothOracleChangesAreCriticalAlertsOnTheAssetBehindTheContract() {
        List<RiskAlert> alerts = logs.decode(response(
                log(RESTAKE_MANAGER.toUpperCase().replace("0X", "0x"), List.of(ContractEventLogs.PAUSED_TOPIC), word(ADMIN), "0xa1"),
                log(LRT_ORACLE, List.of(ContractEventLogs.ASSET_PRICE_ORACLE_UPDATE_TOPIC, word(ETH), word(FEED)), "0x", "0xa2"),
                log(RESTAKE_MANAGER, List.of(ContractEventLogs.ORACLE_ADDRESS_UPDATED_TOPIC), word(ETH) + word(FEED).substring(2), "0xa3"),
                log(RSETH, List.of(ContractEventLogs.UPGRADED_TOPIC, word(FEED)), "0x", "0xa4"),
                log(KELP_DEPOSIT_POOL, List.of(ContractEventLogs.PAUSED_TOPIC), word(ADMIN), "0xa5")), AT);

        assertEquals(List.of("VENUE_PAUSED", "ORACLE_CHANGED", "ORACLE_CHANGED", "PROXY_UPGRADED", "VENUE_PAUSED"),
                alerts.stream().map(RiskAlert::kind).toList());
        assertEquals(List.of("ezETH", "rsETH", "ezETH", "rsETH", "rsETH"), alerts.stream().map(RiskAlert::subject).toList());
        alerts.forEach(a -> {
            assertEquals("CRITICAL", a.severity());
            assertEquals(AT, a.provenance());
            assertEquals(RiskAlert.idFor(a.subject(), a.kind(), true, AT), a.eventId());
        });
        assertTrue(alerts.get(0).message().contains("paused by " + ADMIN) && alerts.get(0).message().contains("tx 0xa1"), alerts.get(0).message());
        assertTrue(alerts.get(1).message().contains("price oracle of " + ETH + " with " + FEED), alerts.get(1).message());
        assertTrue(alerts.get(2).message().contains("price oracle of " + ETH + " with " + FEED), alerts.get(2).message());
        assertTrue(alerts.get(3).message().contains("implementation " + FEED), alerts.get(3).message());
    }

    @Test
    void logsOfOtherContractsOtherEventsOrMalformedOnesRaiseNothing() {
        String unpaused = Hash.sha3String("Unpaused(address)");
        List<RiskAlert> alerts = logs.decode(response(
                log("0x0000000000000000000000000000000000000099", List.of(ContractEventLogs.PAUSED_TOPIC), word(ADMIN), "0xb1"),
                log(RESTAKE_MANAGER, List.of(unpaused), word(ADMIN), "0xb2"),
                log(RESTAKE_MANAGER, List.of(ContractEventLogs.PAUSED_TOPIC), "0x", "0xb3"),
                log(LRT_ORACLE, List.of(ContractEventLogs.ASSET_PRICE_ORACLE_UPDATE_TOPIC, word(ETH)), "0x", "0xb4"),
                log(RESTAKE_MANAGER, List.of(ContractEventLogs.ORACLE_ADDRESS_UPDATED_TOPIC), word(ETH), "0xb5"),
                log(RSETH, List.of(), "0x", "0xb6")), AT);
        assertEquals(List.of(), alerts);
    }

    private static String word(String address) {
        return "0x" + "0".repeat(24) + address.substring(2);
    }

    private static Log log(String address, List<String> topics, String data, String tx) {
        Log log = new Log();
        log.setAddress(address);
        log.setTopics(topics);
        log.setData(data);
        log.setTransactionHash(tx);
        return log;
    }

    private static EthLog response(Log... logs) {
        EthLog response = new EthLog();
        response.setResult(List.of(logs).stream().<EthLog.LogResult>map(l -> new EthLog.LogObject(l.isRemoved(), l.getLogIndexRaw(),
                l.getTransactionIndexRaw(), l.getTransactionHash(), l.getBlockHash(), l.getBlockNumberRaw(), l.getAddress(), l.getData(),
                l.getType(), l.getTopics())).toList());
        return response;
    }
}
