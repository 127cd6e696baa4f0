package io.lrtyield.common.runtime;

import io.lrtyield.common.catalogue.Catalogue;

import java.time.Duration;
import java.util.Optional;

/** Test double: a catalogue provider that already holds its catalogue (same package for the provider's constructor). */
public final class FixedCatalogueProvider extends CatalogueProvider {

    private final Catalogue catalogue;

    public FixedCatalogueProvider(Catalogue catalogue) {
        super(new CatalogueConfig() {
            @Override
            public Optional<String> location() {
                return Optional.empty();
            }

            @Override
            public Duration retryInterval() {
                return Duration.ofSeconds(1);
            }
        });
        this.catalogue = catalogue;
    }

    @Override
    public Optional<Catalogue> current() {
        return Optional.of(catalogue);
    }
}
