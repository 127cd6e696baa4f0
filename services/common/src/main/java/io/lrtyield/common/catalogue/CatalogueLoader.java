package io.lrtyield.common.catalogue;

import io.lrtyield.common.codec.EventCodec;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Reads a catalogue from a file path, a {@code classpath:} resource or an HTTP(S) URL (the devnet serves its own).
 * Blocking: call it off the event loop.
 */
public final class CatalogueLoader {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    private CatalogueLoader() {
    }

    public static Catalogue load(String location) throws IOException {
        String json;
        if (location.startsWith("http://") || location.startsWith("https://")) {
            json = fetch(URI.create(location));
        } else if (location.startsWith("classpath:")) {
            String resource = location.substring("classpath:".length());
            try (var in = CatalogueLoader.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IOException("no catalogue resource " + resource);
                }
                json = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            }
        } else {
            json = Files.readString(Path.of(location));
        }
        return parse(json);
    }

    public static Catalogue parse(String json) {
        Catalogue catalogue = EventCodec.fromJson(json, Catalogue.class);
        validate(catalogue);
        return catalogue;
    }

    private static String fetch(URI uri) throws IOException {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IOException("catalogue " + uri + " answered HTTP " + response.statusCode());
            }
            return response.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while fetching the catalogue", e);
        }
    }

    private static void validate(Catalogue c) {
        if (c.chainId() <= 0) {
            throw new IllegalArgumentException("catalogue needs a positive chainId");
        }
        for (Venue venue : c.venues()) {
            try {
                venue.venueKind();
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new IllegalArgumentException("venue " + venue.id() + " has unknown kind " + venue.kind()
                        + "; expected one of " + java.util.Arrays.toString(VenueKind.values()), e);
            }
            if (c.asset(venue.asset()).isEmpty()) {
                throw new IllegalArgumentException("venue " + venue.id() + " holds unknown asset " + venue.asset());
            }
            if (io.lrtyield.common.lending.morpho.MorphoVenue.isMorpho(venue)) {
                // a Morpho market is named by its id and its parameters: both must be there and agree
                if (venue.param("marketId").isEmpty()) {
                    throw new IllegalArgumentException("venue " + venue.id() + " names a Morpho market without its marketId");
                }
                io.lrtyield.common.lending.morpho.MorphoVenue.of(venue, c);
            }
        }
        for (Asset asset : c.assets()) {
            if (asset.atPar() && !"ETH".equals(asset.underlying()) && !"WETH".equals(asset.underlying())) {
                throw new IllegalArgumentException("asset " + asset.symbol() + " has market sources but no fundamental rate: only a token"
                        + " redeemable 1:1 for ETH may be priced at par, its underlying is " + asset.underlying());
            }
        }
        for (PriceSource source : c.ethUsd()) {
            if (!PriceSource.CHAINLINK.equals(source.kind())) {
                throw new IllegalArgumentException("ETH/USD source " + source.id() + " must be a CHAINLINK feed, is " + source.kind());
            }
        }
    }

}
