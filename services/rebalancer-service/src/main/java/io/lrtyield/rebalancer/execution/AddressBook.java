package io.lrtyield.rebalancer.execution;

import io.lrtyield.common.catalogue.Asset;
import io.lrtyield.common.catalogue.Catalogue;

import java.util.HashMap;
import java.util.Map;

/**
 * Names the allowlist configuration may use for contracts: the catalogue's {@code contracts}, its assets' token
 * addresses by symbol, and explicit extra entries (which win).
 */
public final class AddressBook {

    private AddressBook() {
    }

    public static Map<String, String> of(Catalogue catalogue, Map<String, String> extra) {
        Map<String, String> book = new HashMap<>(catalogue.contracts());
        for (Asset asset : catalogue.assets()) {
            if (asset.address() != null) {
                book.put(asset.symbol(), asset.address());
            }
        }
        book.putAll(extra);
        return Map.copyOf(book);
    }
}
