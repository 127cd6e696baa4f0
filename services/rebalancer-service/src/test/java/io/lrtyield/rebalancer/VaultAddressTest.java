package io.lrtyield.rebalancer;

import io.lrtyield.common.catalogue.Catalogue;
import io.lrtyield.common.catalogue.CatalogueLoader;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One setting names the vault for decisions and execution alike. */
class VaultAddressTest {

    static final String DEVNET_VAULT = "0x5FbDB2315678afecb367f032d93F642f64180aa3";

    @Test
    void aNameResolvesThroughTheCataloguesStrategyVault() {
        Catalogue devnet = new Catalogue("devnet", 31337, Map.of("strategyVault", DEVNET_VAULT), List.of(), List.of(), List.of());
        assertEquals(DEVNET_VAULT.toLowerCase(), VaultAddress.resolve("devnet-vault", devnet));
    }

    @Test
    void anAddressIsTheVaultWhateverTheCatalogueSays() throws Exception {
        Catalogue mainnet;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("catalogues/mainnet.json")) {
            mainnet = CatalogueLoader.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        assertFalse(mainnet.contracts().containsKey(VaultAddress.CATALOGUE_CONTRACT), "the mainnet catalogue names no vault");
        String vault = "0x00000000000000000000000000000000000000Aa";
        assertEquals(vault.toLowerCase(), VaultAddress.resolve(vault, mainnet));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> VaultAddress.resolve("devnet-vault", mainnet));
        assertTrue(e.getMessage().contains("set VAULT to the vault's address"), e.getMessage());
    }

    @Test
    void aMalformedAddressIsRefused() {
        Catalogue devnet = new Catalogue("devnet", 31337, Map.of("strategyVault", DEVNET_VAULT), List.of(), List.of(), List.of());
        assertThrows(IllegalStateException.class, () -> VaultAddress.resolve("0x1234", devnet));
    }
}
