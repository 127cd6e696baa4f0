package io.lrtyield.e2e.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.PodMonitor;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every object both overlays render, read strictly into its typed API model: the Kubernetes core/apps/policy/networking
 * types (fabric8 kubernetes-model), the Prometheus Operator's monitoring.coreos.com/v1 and Strimzi's kafka.strimzi.io
 * v1beta2 (Strimzi's own api model). The models normally keep unknown fields in an "additional properties" map; here
 * that is switched off, so a misspelt or misplaced field (or a wrong type) fails with its JSON path — as the API server's
 * strict field validation would reject it. A kind not in the table fails too.
 */
class KubernetesSchemaTest {

    private static final Map<String, Class<? extends HasMetadata>> MODELS = Map.ofEntries(
            Map.entry("v1/Namespace", Namespace.class),
            Map.entry("v1/ConfigMap", ConfigMap.class),
            Map.entry("v1/Secret", Secret.class),
            Map.entry("v1/Service", Service.class),
            Map.entry("apps/v1/Deployment", Deployment.class),
            Map.entry("apps/v1/StatefulSet", StatefulSet.class),
            Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class),
            Map.entry("monitoring.coreos.com/v1/ServiceMonitor", ServiceMonitor.class),
            Map.entry("monitoring.coreos.com/v1/PodMonitor", PodMonitor.class),
            Map.entry("monitoring.coreos.com/v1/PrometheusRule", PrometheusRule.class),
            Map.entry("kafka.strimzi.io/v1beta2/Kafka", Kafka.class),
            Map.entry("kafka.strimzi.io/v1beta2/KafkaNodePool", KafkaNodePool.class),
            Map.entry("kafka.strimzi.io/v1beta2/KafkaTopic", KafkaTopic.class));

    /** RFC 1123 subdomain (metadata.name of most kinds). */
    private static final Pattern DNS_SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    /** RFC 1123 label (Service and Namespace names, container and port names must be labels too). */
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

    static final ObjectMapper STRICT = new ObjectMapper()
            .setAnnotationIntrospector(new JacksonAnnotationIntrospector() {
                @Override
                public Boolean hasAnySetter(Annotated a) {
                    return Boolean.FALSE; // unknown fields are errors, not "additional properties"
                }
            })
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

    @ParameterizedTest(name = "overlay {0}")
    @ValueSource(strings = {"mainnet", "devnet"})
    void everyRenderedObjectMatchesItsApiSchema(String overlay) throws Exception {
        List<String> problems = new ArrayList<>();
        for (JsonNode doc : Kustomize.render(overlay)) {
            String key = doc.path("apiVersion").asText() + "/" + doc.path("kind").asText();
            Class<? extends HasMetadata> model = MODELS.get(key);
            String where = Kustomize.describe(overlay, doc);
            if (model == null) {
                problems.add(where + ": no schema known for " + key + " (add its model to KubernetesSchemaTest)");
                continue;
            }
            try {
                HasMetadata typed = STRICT.treeToValue(doc, model);
                assertEquals(HasMetadata.getApiVersion(model), typed.getApiVersion(), where + ": apiVersion");
                assertEquals(HasMetadata.getKind(model), typed.getKind(), where + ": kind");
                checkNames(where, doc, typed, problems);
            } catch (JsonMappingException e) {
                problems.add(where + ": " + e.getOriginalMessage() + " at " + e.getPathReference());
            }
        }
        assertTrue(problems.isEmpty(), overlay + " overlay does not match the API schema:\n  " + String.join("\n  ", problems));
    }

    @Test
    void theStrictReaderRejectsAnUnknownField() throws Exception {
        JsonNode doc = Kustomize.find(Kustomize.render("devnet"), "Deployment", "price-service").deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) doc.path("spec").path("template").path("spec").path("containers").get(0))
                .put("readinessProbee", "typo");
        try {
            STRICT.treeToValue(doc, Deployment.class);
            fail("an unknown container field was accepted");
        } catch (JsonMappingException e) {
            assertTrue(e.getOriginalMessage().contains("readinessProbee"), e.getOriginalMessage());
        }
        JsonNode topic = Kustomize.find(Kustomize.render("devnet"), "KafkaTopic", "prices.v1").deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) topic.path("spec")).put("partition", 3);
        try {
            STRICT.treeToValue(topic, KafkaTopic.class);
            fail("an unknown KafkaTopic field was accepted");
        } catch (JsonMappingException e) {
            assertTrue(e.getOriginalMessage().contains("partition"), e.getOriginalMessage());
        }
    }

    private static void checkNames(String where, JsonNode doc, HasMetadata typed, List<String> problems) {
        String name = typed.getMetadata() == null ? null : typed.getMetadata().getName();
        assertNotNull(name, where + ": metadata.name");
        boolean label = typed instanceof Service || typed instanceof Namespace;
        if (!(label ? DNS_LABEL : DNS_SUBDOMAIN).matcher(name).matches() || name.length() > (label ? 63 : 253)) {
            problems.add(where + ": metadata.name '" + name + "' is not a valid " + (label ? "DNS label" : "DNS subdomain"));
        }
        for (JsonNode container : Kustomize.podSpec(doc).path("containers")) {
            String c = container.path("name").asText();
            if (!DNS_LABEL.matcher(c).matches()) {
                problems.add(where + ": container name '" + c + "' is not a DNS label");
            }
            for (JsonNode port : container.path("ports")) {
                String p = port.path("name").asText("");
                if (p.length() > 15 || !DNS_LABEL.matcher(p).matches()) {
                    problems.add(where + ": port name '" + p + "' must be a DNS label of at most 15 characters");
                }
            }
        }
        assertFalse(name.isBlank(), where + ": empty name");
    }
}
