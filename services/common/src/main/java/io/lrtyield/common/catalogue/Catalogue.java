package io.lrtyield.common.catalogue;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * @param network {@code devnet} or {@code mainnet}
 * @param contracts well-known infrastructure contracts by name, e.g. {@code multicall3}
 * @param ethUsd on-chain ETH/USD sources (Chainlink-style feeds in USD per ETH); the price service adds its HTTP source
 * @param restaking the LRTs' exposure graph to read on chain; null when the catalogue has none
 */
public record Catalogue(String network, long chainId, Map<String, String> contracts, List<Asset> assets, List<Venue> venues,
                        List<PriceSource> ethUsd, Restaking restaking) {

    public Catalogue {
        contracts = contracts == null ? Map.of() : Map.copyOf(contracts);
        assets = assets == null ? List.of() : List.copyOf(assets);
        venues = venues == null ? List.of() : List.copyOf(venues);
        ethUsd = ethUsd == null ? List.of() : List.copyOf(ethUsd);
    }

    /** A catalogue without a restaking graph. */
    public Catalogue(String network, long chainId, Map<String, String> contracts, List<Asset> assets, List<Venue> venues,
                     List<PriceSource> ethUsd) {
        this(network, chainId, contracts, assets, venues, ethUsd, null);
    }

    /** A catalogue without on-chain ETH/USD sources. */
    public Catalogue(String network, long chainId, Map<String, String> contracts, List<Asset> assets, List<Venue> venues) {
        this(network, chainId, contracts, assets, venues, List.of());
    }

    public Optional<Asset> asset(String symbol) {
        return assets.stream().filter(a -> a.symbol().equalsIgnoreCase(symbol)).findFirst();
    }

    public Optional<Venue> venue(String id) {
        return venues.stream().filter(v -> v.id().equals(id)).findFirst();
    }

    public List<Venue> venuesOf(String assetSymbol) {
        return venues.stream().filter(v -> assetSymbol.equalsIgnoreCase(v.asset())).toList();
    }

    public String multicall3() {
        String address = contracts.get("multicall3");
        if (address == null) {
            throw new IllegalStateException("catalogue " + network + " names no multicall3 contract");
        }
        return address;
    }
}
