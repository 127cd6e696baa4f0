package io.lrtyield.e2e.k8s;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.*;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Renders the kustomize overlays under deploy/k8s with {@code kubectl kustomize} and checks every
 * Deployment against the services' own configuration: the port each Quarkus service listens on
 * ({@code quarkus.http.port=${HTTP_PORT:NNNN}}), probes, Services, resources and security context.
 */
class KubernetesManifestsTest {

    /** Used only while a service has no application.properties yet. */
    private static final Map<String, Integer> DEFAULT_PORTS =
            Map.of("price-service", 8081, "yield-service", 8082, "rebalancer-service", 8083, "devnet", 8084);
    private static final Set<String> BACKEND = Set.of("price-service", "yield-service", "rebalancer-service");
    /** Deployments that are not Quarkus services: only resources and security context are checked. */
    private static final Set<String> NON_QUARKUS = Set.of("anvil");
    private static final Map<String, String> NAMESPACES = Map.of("mainnet", "lrt-yield", "devnet", "lrt-devnet");
    private static final Pattern HTTP_PORT_LINE =
            Pattern.compile("(?m)^\\s*quarkus\\.http\\.port\\s*=\\s*\\$\\{HTTP_PORT:(\\d+)}\\s*$");

    @ParameterizedTest(name = "overlay {0}")
    @ValueSource(strings = {"mainnet", "devnet"})
    void everyDeploymentMatchesItsServiceConfiguration(String overlay) throws Exception {
        List<JsonNode> docs = render(overlay);
        List<JsonNode> deployments = ofKind(docs, "Deployment");
        assertFalse(deployments.isEmpty(), overlay + ": no Deployment rendered");
        for (JsonNode deployment : deployments) {
            String name = deployment.path("metadata").path("name").asText();
            String where = overlay + " Deployment " + name;
            JsonNode pod = deployment.path("spec").path("template").path("spec");
            assertTrue(pod.path("containers").size() > 0, where + ": no containers");
            for (JsonNode container : pod.path("containers")) {
                checkResourcesAndSecurity(where + " container " + container.path("name").asText(), pod, container);
            }
            if (!NON_QUARKUS.contains(name)) {
                checkQuarkusService(docs, deployment, where, expectedPort(name));
            }
        }
    }

    @ParameterizedTest(name = "overlay {0}")
    @ValueSource(strings = {"mainnet", "devnet"})
    void overlayHasItsNamespaceAndAllServices(String overlay) throws Exception {
        List<JsonNode> docs = render(overlay);
        String namespace = NAMESPACES.get(overlay);
        for (JsonNode doc : docs) {
            if (!"Namespace".equals(doc.path("kind").asText())) {
                assertEquals(namespace, doc.path("metadata").path("namespace").asText(null),
                        overlay + ": namespace of " + doc.path("kind").asText() + " " + doc.path("metadata").path("name").asText());
            }
        }
        Set<String> expected = new TreeSet<>(BACKEND);
        expected.add("console");
        if (overlay.equals("devnet")) {
            expected.addAll(Set.of("devnet", "anvil"));
        }
        assertTrue(names(docs, "Deployment").containsAll(expected), overlay + ": Deployments " + names(docs, "Deployment") + " must include " + expected);
        assertTrue(names(docs, "Service").containsAll(expected), overlay + ": Services " + names(docs, "Service") + " must include " + expected);
        JsonNode strategy = find(docs, "Deployment", "rebalancer-service").path("spec").path("strategy");
        assertEquals("RollingUpdate", strategy.path("type").asText(), overlay + ": rebalancer-service replaces one pod at a time");
        assertEquals(0, strategy.path("rollingUpdate").path("maxSurge").asInt(-1),
                overlay + ": rebalancer-service never surges a third pod (one active, one standby)");
    }

    @Test
    void devnetPointsTheServicesAtAnvilAndTheDevnetCatalogue() throws Exception {
        List<JsonNode> docs = render("devnet");
        for (String name : BACKEND) {
            JsonNode container = mainContainer(find(docs, "Deployment", name));
            Map<String, String> env = effectiveEnv(docs, container, "devnet Deployment " + name);
            assertEquals("http://anvil:8545", env.get("CHAIN_RPC_URLS"), "devnet " + name + ": CHAIN_RPC_URLS");
            assertEquals("http://devnet:8084/api/v1/catalogue", env.get("CATALOGUE"), "devnet " + name + ": CATALOGUE");
        }
    }

    /** The console forwards to the services' Services by name and port; on the devnet also to the scenario API. */
    @ParameterizedTest(name = "overlay {0}")
    @ValueSource(strings = {"mainnet", "devnet"})
    void theConsolePointsAtTheServicesItForwardsTo(String overlay) throws Exception {
        List<JsonNode> docs = render(overlay);
        Map<String, String> env = effectiveEnv(docs, mainContainer(find(docs, "Deployment", "console")), overlay + " Deployment console");
        for (String service : BACKEND) {
            String key = "CONSOLE_" + service.replace("-service", "").toUpperCase(java.util.Locale.ROOT) + "_URL";
            String port = named(find(docs, "Service", service).path("spec").path("ports"), "http").path("port").asText();
            assertEquals("http://" + service + ":" + port, env.get(key), overlay + " console: " + key);
        }
        assertEquals(overlay.equals("devnet") ? "http://devnet:8084" : null, env.get("CONSOLE_DEVNET_URL"), overlay + " console: CONSOLE_DEVNET_URL");
    }

    @Test
    void theMainnetOverlayShipsTheMainnetCatalogue() throws Exception {
        byte[] source = java.nio.file.Files.readAllBytes(repoRoot().resolve("services/common/src/main/resources/catalogues/mainnet.json"));
        byte[] copy = java.nio.file.Files.readAllBytes(repoRoot().resolve("deploy/k8s/overlays/mainnet/catalogue.json"));
        assertTrue(java.util.Arrays.equals(source, copy), "deploy/k8s/overlays/mainnet/catalogue.json differs from the mainnet "
                + "catalogue; refresh it: cp services/common/src/main/resources/catalogues/mainnet.json deploy/k8s/overlays/mainnet/");
        JsonNode rendered = ofKind(render("mainnet"), "ConfigMap").stream()
                .filter(d -> d.path("metadata").path("name").asText().startsWith("lrt-catalogue")).findFirst().orElse(null);
        assertNotNull(rendered, "mainnet overlay renders no lrt-catalogue ConfigMap");
        assertEquals(new String(source, java.nio.charset.StandardCharsets.UTF_8), rendered.path("data").path("catalogue.json").asText(),
                "the rendered catalogue ConfigMap carries the mainnet catalogue verbatim");
    }

    private static void checkQuarkusService(List<JsonNode> docs, JsonNode deployment, String where, int port) {
        JsonNode template = deployment.path("spec").path("template");
        JsonNode container = mainContainer(deployment);
        JsonNode http = named(container.path("ports"), "http");
        assertNotNull(http, where + ": no container port named 'http'");
        assertEquals(port, http.path("containerPort").asInt(),
                where + ": containerPort 'http' must equal the quarkus.http.port default of the service");
        assertEquals(String.valueOf(port), effectiveEnv(docs, container, where).get("HTTP_PORT"),
                where + ": HTTP_PORT (env or envFrom ConfigMap) must equal the container port");
        String[][] probes = {
            {"startupProbe", "/q/health/started"}, {"livenessProbe", "/q/health/live"}, {"readinessProbe", "/q/health/ready"}
        };
        for (String[] probe : probes) {
            JsonNode get = container.path(probe[0]).path("httpGet");
            assertEquals(probe[1], get.path("path").asText(null), where + ": " + probe[0] + " httpGet path");
            assertTrue(targets(get.path("port"), port), where + ": " + probe[0] + " port must be 'http' or " + port + ", was " + get.path("port"));
        }
        assertEquals(String.valueOf(port), template.path("metadata").path("annotations").path("prometheus.io/port").asText(null),
                where + ": prometheus.io/port annotation");

        JsonNode labels = template.path("metadata").path("labels");
        List<JsonNode> services = new ArrayList<>();
        for (JsonNode svc : ofKind(docs, "Service")) {
            JsonNode selector = svc.path("spec").path("selector");
            boolean matches = selector.size() > 0;
            for (Map.Entry<String, JsonNode> e : selector.properties()) {
                matches &= e.getValue().asText().equals(labels.path(e.getKey()).asText(null));
            }
            if (matches) {
                services.add(svc);
            }
        }
        assertFalse(services.isEmpty(), where + ": no Service selects its pods (labels " + labels + ")");
        for (JsonNode svc : services) {
            String svcWhere = where + " Service " + svc.path("metadata").path("name").asText();
            JsonNode svcPort = named(svc.path("spec").path("ports"), "http");
            assertNotNull(svcPort, svcWhere + ": no port named 'http'");
            assertEquals(port, svcPort.path("port").asInt(), svcWhere + ": port 'http'");
            assertTrue(targets(svcPort.path("targetPort"), port), svcWhere + ": targetPort must be 'http' or " + port + ", was " + svcPort.path("targetPort"));
        }
        assertTrue(container.path("volumeMounts").findValuesAsText("mountPath").contains("/tmp"), where + ": readOnlyRootFilesystem needs a writable volume at /tmp for the Quarkus fast-jar");
    }

    private static void checkResourcesAndSecurity(String where, JsonNode pod, JsonNode container) {
        for (String kind : List.of("requests", "limits")) {
            for (String resource : List.of("cpu", "memory")) {
                assertFalse(container.path("resources").path(kind).path(resource).asText("").isEmpty(),
                        where + ": resources." + kind + "." + resource + " must be set");
            }
        }
        JsonNode sc = container.path("securityContext");
        JsonNode podSc = pod.path("securityContext");
        JsonNode nonRoot = sc.has("runAsNonRoot") ? sc.get("runAsNonRoot") : podSc.path("runAsNonRoot");
        assertTrue(nonRoot.asBoolean(false), where + ": securityContext.runAsNonRoot must be true");
        JsonNode user = sc.has("runAsUser") ? sc.get("runAsUser") : podSc.path("runAsUser");
        assertNotEquals(0, user.asInt(-1), where + ": runAsUser must not be 0");
        assertTrue(sc.path("readOnlyRootFilesystem").asBoolean(false), where + ": securityContext.readOnlyRootFilesystem must be true");
        assertFalse(sc.path("allowPrivilegeEscalation").asBoolean(true), where + ": securityContext.allowPrivilegeEscalation must be false");
        assertTrue(sc.path("capabilities").path("drop").toString().contains("\"ALL\""), where + ": capabilities must drop ALL");
    }

    /** The port {@code quarkus.http.port=${HTTP_PORT:NNNN}} in services/NAME/src/main/resources/application.properties. */
    private static int expectedPort(String service) throws IOException {
        Path props = repoRoot().resolve("services").resolve(service).resolve("src/main/resources/application.properties");
        if (Files.isRegularFile(props)) {
            Matcher m = HTTP_PORT_LINE.matcher(Files.readString(props));
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
            return fail(props + " has no `quarkus.http.port=${HTTP_PORT:NNNN}` line; the manifests set the port through HTTP_PORT");
        }
        Integer port = DEFAULT_PORTS.get(service);
        assertNotNull(port, "Deployment " + service + " is neither a known service nor exempt (" + NON_QUARKUS
                + "): add it to KubernetesManifestsTest or create " + props);
        return port;
    }

    /** envFrom ConfigMaps in order (later wins), then env values (which win over envFrom). */
    private static Map<String, String> effectiveEnv(List<JsonNode> docs, JsonNode container, String where) {
        Map<String, String> env = new HashMap<>();
        for (JsonNode from : container.path("envFrom")) {
            String name = from.path("configMapRef").path("name").asText(null);
            if (name != null) {
                JsonNode configMap = find(docs, "ConfigMap", name);
                assertNotNull(configMap, where + ": envFrom ConfigMap " + name + " is not part of the rendered overlay");
                configMap.path("data").properties().forEach(e -> env.put(e.getKey(), e.getValue().asText()));
            }
        }
        for (JsonNode e : container.path("env")) {
            if (e.has("value")) {
                env.put(e.path("name").asText(), e.path("value").asText());
            }
        }
        return env;
    }

    /** A probe/Service port reference: the named port 'http' (checked to be {@code port}) or the number itself. */
    private static boolean targets(JsonNode ref, int port) {
        return ref.isNumber() ? ref.asInt() == port : "http".equals(ref.asText()) || String.valueOf(port).equals(ref.asText());
    }

    /** The element of {@code array} whose "name" is {@code name}, or null. */
    private static JsonNode named(JsonNode array, String name) {
        for (JsonNode element : array) {
            if (name.equals(element.path("name").asText())) {
                return element;
            }
        }
        return null;
    }

    /** The container named like the Deployment, else the first one. */
    private static JsonNode mainContainer(JsonNode deployment) {
        JsonNode containers = deployment.path("spec").path("template").path("spec").path("containers");
        JsonNode main = named(containers, deployment.path("metadata").path("name").asText());
        return main != null ? main : containers.path(0);
    }

    private static List<JsonNode> ofKind(List<JsonNode> docs, String kind) {
        return docs.stream().filter(d -> kind.equals(d.path("kind").asText())).toList();
    }

    private static JsonNode find(List<JsonNode> docs, String kind, String name) {
        return ofKind(docs, kind).stream()
                .filter(d -> name.equals(d.path("metadata").path("name").asText())).findFirst().orElse(null);
    }

    private static Set<String> names(List<JsonNode> docs, String kind) {
        Set<String> names = new TreeSet<>();
        ofKind(docs, kind).forEach(d -> names.add(d.path("metadata").path("name").asText()));
        return names;
    }

    private static List<JsonNode> render(String overlay) throws Exception {
        return Kustomize.render(overlay);
    }

    private static Path repoRoot() {
        return Kustomize.repoRoot();
    }
}
