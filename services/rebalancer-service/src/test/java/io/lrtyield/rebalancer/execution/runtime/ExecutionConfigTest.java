package io.lrtyield.rebalancer.execution.runtime;

import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.common.MapBackedConfigSource;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The execution settings' defaults, and address-book entries from configuration. */
class ExecutionConfigTest {

    static ExecutionConfig config(Map<String, String> values) {
        SmallRyeConfig c = new SmallRyeConfigBuilder().withMapping(ExecutionConfig.class)
                .withSources(new MapBackedConfigSource("test", values) { }).build();
        return c.getConfigMapping(ExecutionConfig.class);
    }

    @Test
    void offByDefaultWithSafeFees() {
        ExecutionConfig c = config(Map.of());
        assertFalse(c.enabled());
        assertTrue(c.addresses().isEmpty());
        assertTrue(c.exitOnAllowlistMismatch());
        assertEquals(new BigDecimal("200"), c.maxFeeGwei());
        assertEquals("SIGNER_KEYSTORE_PASSWORD", c.keystorePasswordEnv());
    }

    @Test
    void addressesComeFromConfiguration() {
        ExecutionConfig c = config(Map.of("rebalancer.execution.addresses.rocketDepositPool", "0x00000000000000000000000000000000000000aa"));
        assertEquals("0x00000000000000000000000000000000000000aa", c.addresses().get("rocketDepositPool"));
    }
}
