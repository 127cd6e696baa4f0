package io.lrtyield.e2e.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The production topology the overlays render: a KafkaTopic for every topic the services name and its dead-letter
 * topic, with deploy/local's partitions and retention; KRaft Kafka with a node pool; Redis with AOF on a volume; a
 * PodDisruptionBudget for every replicated Deployment; a NetworkPolicy around every pod (the admin API and the signer's
 * egress named); the monitoring (ServiceMonitor, alert rules, dashboard) built only from metric names the code
 * registers.
 */
class KubernetesTopologyTest {

    private static final Pattern TOPIC_LINE = Pattern.compile("(?m)^mp\\.messaging\\.\\S+?\\.topic\\s*=\\s*(\\S+)\\s*$");
    /** Metrics that come from outside the services: Strimzi's Kafka Exporter. */
    private static final Set<String> EXTERNAL_METRICS = Set.of("kafka_topic_partition_current_offset", "kafka_consumergroup_lag");
    private static final Pattern METER = Pattern.compile(
            "(?:\\.counter|\\.gauge|Counter\\.builder|Gauge\\.builder|Timer\\.builder|LatencyTimers\\.register)\\((?:\\s*meters\\s*,)?\\s*\"([a-z0-9.]+)\"");
    private static final Pattern PROMQL_METRIC = Pattern.compile("\\b([a-z][a-z0-9]*(?:_[a-z0-9]+)+)\\b(?!\\s*\\()");
    private static final Set<String> PROMQL_WORDS = Set.of("group_left", "group_right", "histogram_quantile", "label_replace");

    @ParameterizedTest(name = "overlay {0}")
    @ValueSource(strings = {"mainnet", "devnet"})
    void everyTopicAndItsDeadLetterTopicIsDeclared(String overlay) throws Exception {
        List<JsonNode> docs = Kustomize.render(overlay);
        Path repo = Kustomize.repoRoot();
        String kafkaSh = Files.readString(repo.resolve("deploy/local/kafka.sh"));
        String libSh = Files.readString(repo.resolve("deploy/local/lib.sh"));
        int partitions = Integer.parseInt(group(kafkaSh, "KAFKA_TOPIC_PARTITIONS:=(\\d+)"));
        // the first default in lib.sh is the `make run` profile's
        long retention = Long.parseLong(group(libSh, "KAFKA_RETENTION_MS:=(\\d+)"));
        Set<String> topics = new TreeSet<>(List.of(group(kafkaSh, "KAFKA_TOPICS:=([^}\"]+)").trim().split("\\s+")));
        Set<String> named = namedTopics(repo);
        for (String t : named) {
            assertTrue(topics.contains(t) || t.endsWith(".dlq") && topics.contains(t.substring(0, t.length() - 4)),
                    "topic " + t + " is used by a service but deploy/local/kafka.sh (KAFKA_TOPICS) does not create it");
        }
        JsonNode kafka = Kustomize.ofKind(docs, "Kafka").stream().findFirst().orElse(null);
        assertNotNull(kafka, overlay + ": no Strimzi Kafka");
        String cluster = Kustomize.name(kafka);
        int nodes = Kustomize.ofKind(docs, "KafkaNodePool").stream()
                .filter(p -> cluster.equals(p.path("metadata").path("labels").path("strimzi.io/cluster").asText()))
                .filter(p -> p.path("spec").path("roles").toString().contains("broker"))
                .mapToInt(p -> p.path("spec").path("replicas").asInt()).sum();
        Map<String, JsonNode> declared = new TreeMap<>();
        Kustomize.ofKind(docs, "KafkaTopic").forEach(t -> declared.put(
                t.path("spec").path("topicName").asText(Kustomize.name(t)), t));
        Set<String> expected = new TreeSet<>();
        topics.forEach(t -> {
            expected.add(t);
            expected.add(t + ".dlq");
        });
        assertEquals(expected, declared.keySet(), overlay + ": KafkaTopics must be every topic and its .dlq");
        for (Map.Entry<String, JsonNode> e : declared.entrySet()) {
            JsonNode spec = e.getValue().path("spec");
            String where = overlay + " KafkaTopic " + e.getKey();
            assertEquals(cluster, e.getValue().path("metadata").path("labels").path("strimzi.io/cluster").asText(), where + ": strimzi.io/cluster");
            assertEquals(e.getKey().endsWith(".dlq") ? 1 : partitions, spec.path("partitions").asInt(), where + ": partitions as deploy/local");
            assertEquals(retention, spec.path("config").path("retention.ms").asLong(), where + ": retention.ms as deploy/local (make run)");
            int replicas = spec.path("replicas").asInt();
            assertTrue(replicas >= 1 && replicas <= nodes, where + ": " + replicas + " replicas on " + nodes + " brokers");
            assertTrue(spec.path("config").path("min.insync.replicas").asInt(1) <= replicas, where + ": min.insync.replicas above replicas");
        }
    }

    @ParameterizedTest(name = "overlay {0}")
    @ValueSource(strings = {"mainnet", "devnet"})
    void kafkaRunsInKraftModeOnANodePool(String overlay) throws Exception {
        List<JsonNode> docs = Kustomize.render(overlay);
        JsonNode kafka = Kustomize.find(docs, "Kafka", "lrt-kafka");
        assertNotNull(kafka, overlay + ": Kafka lrt-kafka (KAFKA_BOOTSTRAP_SERVERS names lrt-kafka-kafka-bootstrap)");
        JsonNode annotations = kafka.path("metadata").path("annotations");
        assertEquals("enabled", annotations.path("strimzi.io/kraft").asText(), overlay + ": KRaft");
        assertEquals("enabled", annotations.path("strimzi.io/node-pools").asText(), overlay + ": node pools");
        assertFalse(kafka.path("spec").has("zookeeper"), overlay + ": no ZooKeeper in KRaft mode");
        assertFalse(kafka.path("spec").path("entityOperator").path("topicOperator").isMissingNode(), overlay + ": the Topic Operator reconciles the KafkaTopics");
        Set<String> roles = new TreeSet<>();
        Kustomize.ofKind(docs, "KafkaNodePool").forEach(p -> p.path("spec").path("roles").forEach(r -> roles.add(r.asText())));
        assertEquals(Set.of("broker", "controller"), roles, overlay + ": node pools must provide controllers and brokers");
        JsonNode listener = kafka.path("spec").path("kafka").path("listeners").get(0);
        assertEquals(9092, listener.path("port").asInt(), overlay + ": plain listener port");
        int bootstraps = 0;
        for (JsonNode cm : Kustomize.ofKind(docs, "ConfigMap")) {
            if (cm.path("data").has("KAFKA_BOOTSTRAP_SERVERS")) {
                bootstraps++;
                assertEquals("lrt-kafka-kafka-bootstrap:9092", cm.path("data").path("KAFKA_BOOTSTRAP_SERVERS").asText(),
                        overlay + " ConfigMap " + Kustomize.name(cm) + ": Strimzi's bootstrap Service of lrt-kafka");
            }
        }
        assertTrue(bootstraps > 0, overlay + ": KAFKA_BOOTSTRAP_SERVERS is set nowhere");
    }

    @ParameterizedTest(name = "overlay {0}")
    @ValueSource(strings = {"mainnet", "devnet"})
    void redisKeepsAnAppendOnlyFileOnAVolume(String overlay) throws Exception {
        List<JsonNode> docs = Kustomize.render(overlay);
        JsonNode redis = Kustomize.find(docs, "StatefulSet", "redis");
        assertNotNull(redis, overlay + ": Redis StatefulSet");
        JsonNode container = Kustomize.podSpec(redis).path("containers").get(0);
        String configMap = null;
        for (JsonNode v : Kustomize.podSpec(redis).path("volumes")) {
            if (v.has("configMap")) {
                configMap = v.path("configMap").path("name").asText();
            }
        }
        JsonNode conf = Kustomize.find(docs, "ConfigMap", configMap);
        assertNotNull(conf, overlay + ": redis.conf ConfigMap " + configMap);
        String text = conf.path("data").path("redis.conf").asText();
        assertTrue(text.matches("(?s).*(?m:^appendonly yes$).*"), overlay + ": redis.conf must turn on appendonly");
        assertTrue(text.matches("(?s).*(?m:^appendfsync (everysec|always)$).*"), overlay + ": appendfsync everysec or always");
        assertTrue(text.matches("(?s).*(?m:^maxmemory-policy noeviction$).*"), overlay + ": the journal must never be evicted");
        String dir = group(text, "(?m)^dir (\\S+)$");
        JsonNode claim = redis.path("spec").path("volumeClaimTemplates").get(0);
        assertNotNull(claim, overlay + ": Redis needs a volumeClaimTemplate");
        String claimName = Kustomize.name(claim);
        boolean mounted = false;
        for (JsonNode m : container.path("volumeMounts")) {
            mounted |= claimName.equals(m.path("name").asText()) && dir.equals(m.path("mountPath").asText());
        }
        assertTrue(mounted, overlay + ": the persistent volume " + claimName + " must be mounted at redis.conf's dir " + dir);
        assertTrue(container.path("command").toString().contains("/etc/redis/redis.conf"), overlay + ": redis-server must load the config");
        assertNotNull(Kustomize.find(docs, "Service", "redis"), overlay + ": Service redis (REDIS_URL=redis://redis:6379)");
    }

    @ParameterizedTest(name = "overlay {0}")
    @ValueSource(strings = {"mainnet", "devnet"})
    void replicatedServicesHaveDisruptionBudgetsAndEveryPodANetworkPolicy(String overlay) throws Exception {
        List<JsonNode> docs = Kustomize.render(overlay);
        for (String replicated : List.of("price-service", "yield-service", "rebalancer-service")) {
            JsonNode d = Kustomize.find(docs, "Deployment", replicated);
            assertEquals(2, d.path("spec").path("replicas").asInt(), overlay + " " + replicated + ": 2 replicas");
        }
        for (JsonNode workload : Kustomize.workloads(docs)) {
            String name = Kustomize.name(workload);
            JsonNode labels = workload.path("spec").path("template").path("metadata").path("labels");
            if (workload.path("spec").path("replicas").asInt(1) > 1) {
                boolean covered = Kustomize.ofKind(docs, "PodDisruptionBudget").stream()
                        .anyMatch(pdb -> selects(pdb.path("spec").path("selector"), labels) && pdb.path("spec").has("minAvailable"));
                assertTrue(covered, overlay + " " + name + ": a replicated Deployment needs a PodDisruptionBudget with minAvailable");
            }
            Set<String> types = new TreeSet<>();
            Kustomize.ofKind(docs, "NetworkPolicy").stream()
                    .filter(np -> selects(np.path("spec").path("podSelector"), labels))
                    .forEach(np -> np.path("spec").path("policyTypes").forEach(t -> types.add(t.asText())));
            assertTrue(types.contains("Ingress"), overlay + " " + name + ": no NetworkPolicy limits its ingress");
            if (!"anvil".equals(name)) {
                assertTrue(types.contains("Egress"), overlay + " " + name + ": no NetworkPolicy limits its egress");
            }
        }
        JsonNode rebalancerLabels = Kustomize.find(docs, "Deployment", "rebalancer-service").path("spec").path("template").path("metadata").path("labels");
        for (String[] named : new String[][] {{"rebalancer-service-admin-api", "Ingress"}, {"rebalancer-service-signer-egress", "Egress"}}) {
            JsonNode np = Kustomize.find(docs, "NetworkPolicy", named[0]);
            assertNotNull(np, overlay + ": NetworkPolicy " + named[0]);
            assertTrue(selects(np.path("spec").path("podSelector"), rebalancerLabels), overlay + ": " + named[0] + " selects the rebalancer");
            assertEquals("[\"" + named[1] + "\"]", np.path("spec").path("policyTypes").toString(), overlay + ": " + named[0] + " policyTypes");
        }
    }

    @ParameterizedTest(name = "overlay {0}")
    @ValueSource(strings = {"mainnet", "devnet"})
    void alertsAndDashboardUseOnlyMetricsTheCodeRegisters(String overlay) throws Exception {
        List<JsonNode> docs = Kustomize.render(overlay);
        Set<String> known = prometheusNames(Kustomize.repoRoot());
        known.addAll(EXTERNAL_METRICS);
        List<String> exprs = new ArrayList<>();
        JsonNode rule = Kustomize.find(docs, "PrometheusRule", "lrt-yield-alerts");
        assertNotNull(rule, overlay + ": PrometheusRule lrt-yield-alerts");
        Set<String> alerts = new TreeSet<>();
        for (JsonNode group : rule.path("spec").path("groups")) {
            for (JsonNode r : group.path("rules")) {
                alerts.add(r.path("alert").asText());
                exprs.add(r.path("expr").asText());
            }
        }
        assertTrue(alerts.containsAll(Set.of("LrtPriceStale", "LrtDepegCritical", "LrtLoopHealthFactorBelowTrigger", "LrtPlanStuckExecuting",
                "LrtExecutorLeaseLost", "LrtNoDecider", "LrtDeadLetterGrowth")), overlay + ": alerts " + alerts);
        JsonNode dashboardMap = Kustomize.find(docs, "ConfigMap", "lrt-grafana-dashboard");
        assertNotNull(dashboardMap, overlay + ": ConfigMap lrt-grafana-dashboard");
        JsonNode dashboard = new ObjectMapper().readTree(dashboardMap.path("data").path("lrt-yield.json").asText());
        assertTrue(dashboard.path("panels").size() >= 10, overlay + ": dashboard panels");
        dashboard.findValues("expr").forEach(e -> exprs.add(e.asText()));
        Set<String> unknown = new TreeSet<>();
        int used = 0;
        for (String expr : exprs) {
            Matcher m = PROMQL_METRIC.matcher(expr.replaceAll("\\{[^}]*}", "").replaceAll("\\b(by|without|on|ignoring)\\s*\\([^)]*\\)", ""));
            while (m.find()) {
                if (!PROMQL_WORDS.contains(m.group(1))) {
                    used++;
                    if (!known.contains(m.group(1))) {
                        unknown.add(m.group(1));
                    }
                }
            }
        }
        assertTrue(used >= exprs.size(), overlay + ": expressions without metrics? " + exprs);
        assertTrue(unknown.isEmpty(), overlay + ": metrics no code registers: " + unknown + " (known: " + known + ")");
        JsonNode monitor = Kustomize.find(docs, "ServiceMonitor", "lrt-yield-services");
        assertNotNull(monitor, overlay + ": ServiceMonitor");
        for (String service : List.of("price-service", "yield-service", "rebalancer-service")) {
            JsonNode svc = Kustomize.find(docs, "Service", service);
            assertTrue(selects(monitor.path("spec").path("selector"), svc.path("metadata").path("labels")), overlay + ": the ServiceMonitor selects " + service);
        }
        assertEquals("/q/metrics", monitor.path("spec").path("endpoints").get(0).path("path").asText(), overlay + ": metrics path");
    }

    @Test
    void theMetricScanFindsTheServicesMeters() throws Exception {
        Set<String> names = prometheusNames(Kustomize.repoRoot());
        assertTrue(names.containsAll(Set.of("price_age_seconds", "price_ticks_total", "price_publish_latency_seconds_bucket",
                "rebalancer_plans_executed_total", "chain_head_age_seconds", "rpc_call_duration_seconds_max")), names.toString());
    }

    /** Prometheus names of the meters the services register (Micrometer: dots to underscores, _total, _seconds_*). */
    static Set<String> prometheusNames(Path repo) throws IOException {
        Set<String> names = new TreeSet<>();
        try (Stream<Path> files = Files.walk(repo.resolve("services"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java") && p.toString().contains("/src/main/java/")).toList()) {
                String text = Files.readString(f);
                Matcher m = METER.matcher(text);
                while (m.find()) {
                    String base = m.group(1).replace('.', '_');
                    String call = m.group(0);
                    if (call.contains("counter") || call.contains("Counter")) {
                        names.add(base + "_total");
                    } else if (call.contains("Timer") || call.contains("LatencyTimers")) {
                        for (String suffix : List.of("_count", "_sum", "_max", "_bucket")) {
                            names.add(base + "_seconds" + suffix);
                        }
                    } else {
                        names.add(base);
                    }
                }
            }
        }
        return names;
    }

    private static Set<String> namedTopics(Path repo) throws IOException {
        Set<String> topics = new TreeSet<>();
        for (String service : List.of("price-service", "yield-service", "rebalancer-service")) {
            Properties p = new Properties();
            p.load(new java.io.StringReader(Files.readString(repo.resolve("services/" + service + "/src/main/resources/application.properties"))));
            p.stringPropertyNames().stream().filter(k -> k.startsWith("mp.messaging.") && k.endsWith(".topic"))
                    .forEach(k -> topics.add(p.getProperty(k)));
        }
        assertFalse(topics.isEmpty(), "no mp.messaging.*.topic in the services' application.properties");
        return topics;
    }

    /** Whether a label selector (matchLabels / matchExpressions In) selects these labels; {} selects everything. */
    private static boolean selects(JsonNode selector, JsonNode labels) {
        for (Map.Entry<String, JsonNode> e : selector.path("matchLabels").properties()) {
            if (!e.getValue().asText().equals(labels.path(e.getKey()).asText(null))) {
                return false;
            }
        }
        for (JsonNode expr : selector.path("matchExpressions")) {
            String value = labels.path(expr.path("key").asText()).asText(null);
            boolean in = false;
            for (JsonNode v : expr.path("values")) {
                in |= v.asText().equals(value);
            }
            if (!"In".equals(expr.path("operator").asText()) || !in) {
                return false;
            }
        }
        return true;
    }

    private static String group(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertTrue(m.find(), "no match for " + regex);
        return m.group(1);
    }
}
