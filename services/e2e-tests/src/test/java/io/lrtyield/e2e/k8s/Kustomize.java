package io.lrtyield.e2e.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The overlays under deploy/k8s rendered by {@code kubectl kustomize} (kustomize v5 built into kubectl), once per JVM.
 * Without kubectl every test that renders fails, saying how to install it: the manifests are never left unchecked.
 */
final class Kustomize {

    static final List<String> OVERLAYS = List.of("mainnet", "devnet");
    private static final long TIMEOUT_SECONDS = 120;
    private static final Map<String, List<JsonNode>> RENDERED = new HashMap<>();

    private Kustomize() {
    }

    /** {@code kubectl kustomize deploy/k8s/overlays/OVERLAY}, one node per YAML document. */
    static synchronized List<JsonNode> render(String overlay) throws Exception {
        List<JsonNode> cached = RENDERED.get(overlay);
        if (cached != null) {
            return cached;
        }
        String kubectl = System.getProperty("kubectl", "kubectl");
        Path out = Files.createTempFile("kustomize-" + overlay, ".yaml");
        Path err = Files.createTempFile("kustomize-" + overlay, ".err");
        try {
            Process process;
            try {
                process = new ProcessBuilder(kubectl, "kustomize", "deploy/k8s/overlays/" + overlay)
                        .directory(repoRoot().toFile()).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            } catch (IOException e) {
                return fail("cannot run `" + kubectl + "` (" + e.getMessage() + "): kubectl renders the deploy/k8s manifests."
                        + " Install it (`make test` does: apt-get install -y kubernetes-client) or pass -Dkubectl=/path/to/kubectl");
            }
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return fail("`kubectl kustomize deploy/k8s/overlays/" + overlay + "` did not finish in " + TIMEOUT_SECONDS + "s");
            }
            String stderr = Files.readString(err, StandardCharsets.UTF_8);
            assertEquals(0, process.exitValue(), "`kubectl kustomize deploy/k8s/overlays/" + overlay + "` failed:\n" + stderr);
            List<JsonNode> docs = new ArrayList<>();
            try (MappingIterator<JsonNode> it = new YAMLMapper().readerFor(JsonNode.class).readValues(out.toFile())) {
                while (it.hasNext()) {
                    JsonNode doc = it.next();
                    if (doc != null && doc.isObject()) {
                        docs.add(doc);
                    }
                }
            }
            assertFalse(docs.isEmpty(), "`kubectl kustomize deploy/k8s/overlays/" + overlay + "` rendered nothing");
            List<JsonNode> frozen = List.copyOf(docs);
            RENDERED.put(overlay, frozen);
            return frozen;
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** System property repo.root, else the nearest ancestor of user.dir that has deploy/k8s. */
    static Path repoRoot() {
        String configured = System.getProperty("repo.root");
        if (configured != null && !configured.isBlank() && Files.isDirectory(Path.of(configured, "deploy", "k8s"))) {
            return Path.of(configured).toAbsolutePath();
        }
        for (Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("deploy").resolve("k8s"))) {
                return dir;
            }
        }
        return fail("cannot find the repository root (a folder with deploy/k8s) from user.dir="
                + System.getProperty("user.dir") + "; pass -Drepo.root=/path/to/repo");
    }

    static List<JsonNode> ofKind(List<JsonNode> docs, String kind) {
        return docs.stream().filter(d -> kind.equals(d.path("kind").asText())).toList();
    }

    static JsonNode find(List<JsonNode> docs, String kind, String name) {
        return ofKind(docs, kind).stream().filter(d -> name.equals(name(d))).findFirst().orElse(null);
    }

    static String name(JsonNode doc) {
        return doc.path("metadata").path("name").asText();
    }

    static String describe(String overlay, JsonNode doc) {
        return overlay + " " + doc.path("kind").asText() + " " + name(doc);
    }

    /** The pod spec of a Deployment or StatefulSet. */
    static JsonNode podSpec(JsonNode workload) {
        return workload.path("spec").path("template").path("spec");
    }

    /** Deployments and StatefulSets. */
    static List<JsonNode> workloads(List<JsonNode> docs) {
        List<JsonNode> all = new ArrayList<>(ofKind(docs, "Deployment"));
        all.addAll(ofKind(docs, "StatefulSet"));
        return all;
    }
}
