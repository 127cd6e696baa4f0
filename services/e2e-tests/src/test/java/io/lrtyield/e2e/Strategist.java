package io.lrtyield.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.WalletUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The devnet vault's strategist as the e2e tests run it: Anvil's public dev account 2 in a keystore of the test's own,
 * and the environment that turns the rebalancer's execution on with it. Dev chains only.
 */
final class Strategist {

    /** Anvil's well-known dev account 2: the devnet vault's default strategist. */
    static final String KEY = "5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a";
    static final String ADDRESS = Credentials.create(KEY).getAddress();

    private Strategist() {
    }

    /** A keystore under {@code target/<dir>} sealed with {@code password}, and the rebalancer's execution settings. */
    static Map<String, String> executionEnv(String dir, String password, String approval) throws Exception {
        Path keystoreDir = Files.createDirectories(SystemUnderTest.ROOT.resolve("services/e2e-tests/target/" + dir));
        String file = WalletUtils.generateWalletFile(password, Credentials.create(KEY).getEcKeyPair(), keystoreDir.toFile(), false);
        return Map.of("EXECUTION_ENABLED", "true",
                "SIGNER_KEYSTORE_FILE", keystoreDir.resolve(file).toString(),
                "SIGNER_KEYSTORE_PASSWORD", password,
                "PLAN_APPROVAL", approval);
    }

    /** The catalogue's address of an asset. */
    static String tokenAddress(JsonNode catalogue, String symbol) {
        for (JsonNode a : catalogue.path("assets")) {
            if (symbol.equals(a.path("symbol").asText())) {
                return a.path("address").asText();
            }
        }
        throw new AssertionError("no asset " + symbol + " in the catalogue");
    }
}
