package io.lrtyield.e2e.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The manifests against the code's configuration ({@link ServiceConfiguration}): every environment variable a
 * container gets (env and envFrom ConfigMaps) is one its service reads; every setting without a default gets a value;
 * with execution on, the keystore file and its password are there; every file a setting names lies on a mounted
 * volume; every Secret the manifests use is named in deploy/k8s/README.md, where the install steps create it.
 */
class KubernetesConfigContractTest {

    /** Deployment → module under services/. */
    private static final Map<String, String> QUARKUS_SERVICES = Map.of(
            "price-service", "price-service", "yield-service", "yield-service",
            "rebalancer-service", "rebalancer-service", "devnet", "devnet", "console", "console");

    @ParameterizedTest(name = "overlay {0}")
    @ValueSource(strings = {"mainnet", "devnet"})
    void everyEnvironmentVariableIsReadAndEveryRequiredSettingIsSet(String overlay) throws Exception {
        List<JsonNode> docs = Kustomize.render(overlay);
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (JsonNode workload : Kustomize.workloads(docs)) {
            String module = QUARKUS_SERVICES.get(Kustomize.name(workload));
            if (module == null) {
                continue;
            }
            checked++;
            ServiceConfiguration config = ServiceConfiguration.of(Kustomize.repoRoot(), module);
            JsonNode container = Kustomize.podSpec(workload).path("containers").get(0);
            String where = Kustomize.describe(overlay, workload);
            Map<String, EnvValue> env = environment(docs, container, where, problems);
            for (String name : env.keySet()) {
                if (!config.reads(name)) {
                    problems.add(where + ": sets " + name + " (" + env.get(name).from() + "), which " + module + " never reads");
                }
            }
            config.required().forEach((key, names) -> {
                if (names.stream().noneMatch(env::containsKey)) {
                    problems.add(where + ": " + key + " has no default and none of " + names + " is set");
                }
            });
            checkFiles(where, container, env, problems);
            if ("rebalancer-service".equals(module)) {
                checkExecution(where, config, env, problems);
            }
        }
        assertTrue(checked >= 4, overlay + ": only " + checked + " Quarkus services rendered");
        assertTrue(problems.isEmpty(), overlay + " manifests disagree with the services' configuration:\n  " + String.join("\n  ", problems));
    }

    @Test
    void everySecretTheManifestsUseIsNamedInTheReadme() throws Exception {
        String readme = Files.readString(Kustomize.repoRoot().resolve("deploy/k8s/README.md"));
        Set<String> secrets = new TreeSet<>();
        for (String overlay : Kustomize.OVERLAYS) {
            for (JsonNode workload : Kustomize.workloads(Kustomize.render(overlay))) {
                JsonNode pod = Kustomize.podSpec(workload);
                pod.findValues("secretKeyRef").forEach(ref -> secrets.add(ref.path("name").asText()));
                pod.path("volumes").forEach(v -> {
                    if (v.has("secret")) {
                        secrets.add(v.path("secret").path("secretName").asText());
                    }
                });
            }
        }
        assertFalse(secrets.isEmpty(), "the rebalancer uses Secrets (signer, JWT): none found");
        for (String secret : secrets) {
            assertTrue(readme.contains("create secret generic " + secret),
                    "deploy/k8s/README.md must say how to create the Secret " + secret + " (`kubectl create secret generic " + secret + " …`)");
        }
    }

    /** The reader itself: the old, wrong name is refused, the mapped and referenced names are accepted. */
    @Test
    void theConfigurationModelKnowsWhatTheServicesRead() throws Exception {
        ServiceConfiguration rebalancer = ServiceConfiguration.of(Kustomize.repoRoot(), "rebalancer-service");
        assertTrue(rebalancer.reads("SIGNER_KEYSTORE_FILE"));
        assertTrue(rebalancer.reads("REBALANCER_EXECUTION_KEYSTORE_FILE"));
        assertTrue(rebalancer.reads("SIGNER_KEYSTORE_PASSWORD"), "named by rebalancer.execution.keystore-password-env");
        assertTrue(rebalancer.reads("EXECUTION_ENABLED"));
        assertTrue(rebalancer.reads("CHAIN_RPC_URLS"), "common's microprofile-config.properties");
        assertTrue(rebalancer.reads("REBALANCER_STRATEGY_HF_TRIGGER"), "a @ConfigMapping key without a properties line");
        assertTrue(rebalancer.reads("JWT_REQUIRE_ISSUER_KEY"), "a %prod. key");
        assertFalse(rebalancer.reads("SIGNER_KEYSTORE_PATH"), "the name the manifests used to set");
        assertFalse(rebalancer.reads("OTEL_EXPORTER_OTLP_ENDPOINT"));
        ServiceConfiguration devnet = ServiceConfiguration.of(Kustomize.repoRoot(), "devnet");
        assertTrue(devnet.reads("DEVNET_SIMULATOR_APRS_STETH"), "a key under a Map");
        assertTrue(devnet.reads("DEVNET_STETH_APR"));
        assertFalse(devnet.reads("KAFKA_BOOTSTRAP_SERVERS"), "the devnet app uses no Kafka");
        assertFalse(devnet.reads("CATALOGUE"), "the devnet app overrides catalogue.location: it makes the catalogue");
        ServiceConfiguration price = ServiceConfiguration.of(Kustomize.repoRoot(), "price-service");
        // the connections have no default in the prod profile: the manifests must set them (the check above)
        assertTrue(price.required().containsKey("chain.rpc-urls"), "price-service: " + price.required());
        assertTrue(ServiceConfiguration.resolvesWithoutEnv("${X:${java.io.tmpdir}/a}"));
        assertFalse(ServiceConfiguration.resolvesWithoutEnv("${SIGNER_KEYSTORE_FILE:}"));
        assertFalse(ServiceConfiguration.resolvesWithoutEnv("${VAULT}"));
    }

    private record EnvValue(String value, String from) {
    }

    /** envFrom ConfigMaps in order, then env (which wins); secret and field references have a null value. */
    private static Map<String, EnvValue> environment(List<JsonNode> docs, JsonNode container, String where, List<String> problems) {
        Map<String, EnvValue> env = new LinkedHashMap<>();
        for (JsonNode from : container.path("envFrom")) {
            String name = from.path("configMapRef").path("name").asText(null);
            if (name == null) {
                problems.add(where + ": envFrom other than a configMapRef: " + from);
                continue;
            }
            JsonNode configMap = Kustomize.find(docs, "ConfigMap", name);
            if (configMap == null) {
                problems.add(where + ": envFrom ConfigMap " + name + " is not rendered");
                continue;
            }
            configMap.path("data").properties().forEach(e -> env.put(e.getKey(), new EnvValue(e.getValue().asText(), "ConfigMap " + name)));
        }
        for (JsonNode e : container.path("env")) {
            JsonNode secret = e.path("valueFrom").path("secretKeyRef");
            String from = secret.isMissingNode() ? "env" : "Secret " + secret.path("name").asText() + "/" + secret.path("key").asText();
            env.put(e.path("name").asText(), new EnvValue(e.has("value") ? e.path("value").asText() : null, from));
        }
        return env;
    }

    /** An absolute path in a setting must be on one of the container's volume mounts. */
    private static void checkFiles(String where, JsonNode container, Map<String, EnvValue> env, List<String> problems) {
        List<String> mounts = container.path("volumeMounts").findValuesAsText("mountPath");
        env.forEach((name, v) -> {
            if (v.value() != null && v.value().startsWith("/etc/") && mounts.stream().noneMatch(m -> v.value().startsWith(m + "/"))) {
                problems.add(where + ": " + name + "=" + v.value() + " is on no volume mount " + mounts);
            }
        });
    }

    private static void checkExecution(String where, ServiceConfiguration config, Map<String, EnvValue> env, List<String> problems) {
        EnvValue enabled = env.get("EXECUTION_ENABLED");
        assertNotNull(enabled, where + ": EXECUTION_ENABLED must be set explicitly (its default is off: a deployed rebalancer could never execute)");
        if (!"true".equals(enabled.value())) {
            return;
        }
        if (env.get("SIGNER_KEYSTORE_FILE") == null || env.get("SIGNER_KEYSTORE_FILE").value() == null) {
            problems.add(where + ": execution is on but SIGNER_KEYSTORE_FILE (rebalancer.execution.keystore-file) is not set");
        }
        String passwordEnv = config.indirectEnv.get("rebalancer.execution.keystore-password-env");
        EnvValue password = env.get(passwordEnv);
        if (password == null || !password.from().startsWith("Secret ")) {
            problems.add(where + ": execution is on but " + passwordEnv + " does not come from a Secret");
        }
    }
}
