package io.lrtyield.rebalancer.execution.allowlist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the allowlist from its JSON configuration. Targets and argument values name contracts of the address book
 * (catalogue contracts and asset symbols, e.g. {@code aavePool}, {@code wstETH}), {@code $vault} for the vault, or are
 * literal addresses:
 * <pre>{"rules": [{"target": "aavePool", "signature": "supply(address,uint256,address,uint16)", "args": {"2": ["$vault"]}},
 *            {"target": "stETH", "signature": "submit(address)", "payable": true}]}</pre>
 */
public final class AllowlistLoader {

    public static final String VAULT = "$vault";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private AllowlistLoader() {
    }

    public static Allowlist load(InputStream json, Map<String, String> addressBook, String vault) throws IOException {
        JsonNode root = MAPPER.readTree(json);
        Map<String, String> names = new HashMap<>(addressBook);
        names.put(VAULT, vault);
        List<AllowlistRule> rules = new ArrayList<>();
        for (JsonNode r : root.path("rules")) {
            String signature = r.path("signature").asText();
            Map<Integer, Set<String>> args = new HashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = r.path("args").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> arg = it.next();
                Set<String> allowed = new HashSet<>();
                arg.getValue().forEach(v -> allowed.add(resolve(v.asText(), names, signature)));
                args.put(Integer.parseInt(arg.getKey()), allowed);
            }
            rules.add(new AllowlistRule(resolve(r.path("target").asText(), names, signature), signature,
                    r.path("payable").asBoolean(false), args));
        }
        return new Allowlist(rules);
    }

    private static String resolve(String nameOrAddress, Map<String, String> names, String signature) {
        if (nameOrAddress.startsWith("0x") && nameOrAddress.length() == 42) {
            return nameOrAddress.toLowerCase();
        }
        String address = names.get(nameOrAddress);
        if (address == null) {
            throw new IllegalArgumentException("allowlist rule " + signature + " names unknown contract '" + nameOrAddress + "'");
        }
        return address.toLowerCase();
    }
}
