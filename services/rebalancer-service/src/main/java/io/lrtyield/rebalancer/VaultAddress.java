package io.lrtyield.rebalancer;

import io.lrtyield.common.catalogue.Catalogue;

import java.util.Locale;

/**
 * The one vault a rebalancer manages, from one setting ({@code rebalancer.vault} / {@code VAULT}): the decision side
 * (portfolio reads, plans) and the execution side (allowlist check, signing) both resolve it here. The setting is the
 * vault's address, or a name (the devnet's {@code devnet-vault}) for the catalogue's {@code strategyVault} contract.
 * The setting itself names the vault in plans, decisions and event keys.
 */
public final class VaultAddress {

    /** The catalogue contract a vault name resolves to. */
    public static final String CATALOGUE_CONTRACT = "strategyVault";

    private VaultAddress() {
    }

    /** The vault's address (lower case); fails when the setting is a name and the catalogue names no vault. */
    public static String resolve(String setting, Catalogue catalogue) {
        if (setting.startsWith("0x")) {
            if (!setting.matches("0x[0-9a-fA-F]{40}")) {
                throw new IllegalStateException("rebalancer.vault '" + setting + "' is not a 20-byte address");
            }
            return setting.toLowerCase(Locale.ROOT);
        }
        String fromCatalogue = catalogue.contracts().get(CATALOGUE_CONTRACT);
        if (fromCatalogue == null) {
            throw new IllegalStateException("rebalancer.vault '" + setting + "' is not an address and the catalogue names no "
                    + CATALOGUE_CONTRACT + ": set VAULT to the vault's address");
        }
        return fromCatalogue.toLowerCase(Locale.ROOT);
    }
}
