package io.lrtyield.devnet.api;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lrtyield.devnet.simulator.EthUsdWalk;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * CoinGecko's {@code GET /api/v3/simple/price}, answered from the devnet's ETH/USD: the query's comma-separated ids and
 * vs_currencies, and the body in CoinGecko's shape — prices as JSON numbers (exact decimals, never through a double),
 * unknown ids and currencies left out, {@code last_updated_at} in unix seconds on request.
 *
 * @param ids coin ids, lower-cased, in the order asked, without repeats
 * @param vsCurrencies currencies, lower-cased, in the order asked, without repeats
 */
public record SimplePrice(List<String> ids, List<String> vsCurrencies, boolean includeLastUpdatedAt) {

    /** Coin ids the devnet prices: ETH and WETH, both at the ETH/USD level. */
    static final List<String> KNOWN_IDS = List.of("ethereum", "weth");

    /** Throws {@link IllegalArgumentException} (a 400) when ids or vs_currencies is missing or the flag is not a boolean. */
    public static SimplePrice parse(String ids, String vsCurrencies, String includeLastUpdatedAt) {
        List<String> i = list(ids, "ids", "coin ids, e.g. ids=ethereum");
        List<String> v = list(vsCurrencies, "vs_currencies", "currencies, e.g. vs_currencies=usd");
        boolean last = includeLastUpdatedAt != null && !includeLastUpdatedAt.isBlank() && switch (includeLastUpdatedAt.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("'include_last_updated_at' must be true or false, got '" + includeLastUpdatedAt + "'");
        };
        return new SimplePrice(i, v, last);
    }

    /** {"ethereum":{"usd":3012.45,"eth":1,"last_updated_at":1764090000}} for the known ids. */
    public ObjectNode answer(EthUsdWalk.Quote ethUsd) {
        Map<String, BigDecimal> ethIn = Map.of("usd", ethUsd.usd(), "eth", BigDecimal.ONE);
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        for (String id : ids) {
            if (!KNOWN_IDS.contains(id)) {
                continue;
            }
            ObjectNode coin = out.putObject(id);
            for (String vs : vsCurrencies) {
                BigDecimal price = ethIn.get(vs);
                if (price != null) {
                    coin.put(vs, price);
                }
            }
            if (includeLastUpdatedAt) {
                coin.put("last_updated_at", ethUsd.updatedAt().getEpochSecond());
            }
        }
        return out;
    }

    private static List<String> list(String csv, String name, String example) {
        List<String> values = csv == null ? List.of() : Arrays.stream(csv.split(","))
                .map(s -> s.trim().toLowerCase(Locale.ROOT)).filter(s -> !s.isEmpty()).distinct().toList();
        if (values.isEmpty()) {
            throw new IllegalArgumentException("'" + name + "' (comma-separated " + example + ") is required");
        }
        return values;
    }
}
