package io.lrtyield.backtest.config;

import io.lrtyield.rebalancer.pipeline.StrategyConfig;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.HashMap;
import java.util.Map;

/**
 * The rebalancer's {@link StrategyConfig} as the service itself resolves it: its own {@code application.properties}
 * (read from the rebalancer jar, prod profile) mapped by SmallRye Config, so every {@code @WithDefault} and every
 * configured value is the production one. Overrides ({@code key=value}, keys without the {@code rebalancer.strategy.}
 * prefix, e.g. {@code venue-cap-fraction=0.4}) sit above it, for what-if runs only.
 */
public final class ServiceConfig {

    public static final String PREFIX = "rebalancer.strategy.";

    private ServiceConfig() {
    }

    /** The production strategy settings with {@code overrides} on top. */
    public static StrategyConfig strategy(Map<String, String> overrides) {
        Map<String, String> prefixed = new HashMap<>();
        overrides.forEach((k, v) -> prefixed.put(k.startsWith(PREFIX) ? k : PREFIX + k, v));
        try {
            SmallRyeConfig config = new SmallRyeConfigBuilder()
                    .withProfile("prod")
                    .addDefaultInterceptors()
                    .withSources(new PropertiesConfigSource(serviceProperties(), 250))
                    .withSources(new PropertiesConfigSource(prefixed, "backtest overrides", 400))
                    .withMapping(StrategyConfig.class)
                    .build();
            return config.getConfigMapping(StrategyConfig.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the rebalancer's application.properties", e);
        } catch (RuntimeException e) {
            // SmallRye's validation names the unknown or malformed key
            throw new IllegalArgumentException("bad strategy setting: " + e.getMessage().replace('\n', ' '), e);
        }
    }

    /** The {@code application.properties} packaged with {@link StrategyConfig} (not another module's). */
    static URL serviceProperties() throws IOException {
        URL location = StrategyConfig.class.getProtectionDomain().getCodeSource().getLocation();
        String base = location.toString();
        URL url = base.endsWith(".jar") ? new URL("jar:" + base + "!/application.properties") : new URL(base + "application.properties");
        url.openStream().close();
        return url;
    }
}
