package io.lrtyield.devnet.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import io.lrtyield.common.codec.EventCodec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Bytecode of the Solidity replicas, compiled by the build (solidity/compile.cjs) into {@code /contracts}, and of the
 * audited contracts published on npm, copied as is by the build (solidity/npm-artifacts.cjs) into
 * {@code /contracts/npm/<package>}.
 */
public final class ContractArtifacts {

    private ContractArtifacts() {
    }

    public static String bytecode(String contract) {
        return read("contracts/" + contract + ".json").path("bytecode").asText();
    }

    /**
     * A published artifact of npm package {@code pkg} (e.g. {@code @aave/core-v3}), at the version package.json pins,
     * its library placeholders not yet linked ({@link NpmArtifact#link}).
     */
    public static NpmArtifact npm(String pkg, String contract) {
        JsonNode a = read("contracts/npm/" + pkg.replaceFirst("^@", "").replace('/', '-') + "/" + contract + ".json");
        List<NpmArtifact.LinkReference> refs = new ArrayList<>();
        a.path("linkReferences").properties().forEach(source -> source.getValue().properties().forEach(library -> {
            for (JsonNode at : library.getValue()) {
                refs.add(new NpmArtifact.LinkReference(source.getKey(), library.getKey(), at.path("start").asInt(),
                        at.path("length").asInt()));
            }
        }));
        return new NpmArtifact(a.path("package").asText(), a.path("version").asText(), a.path("sourceName").asText(),
                a.path("contractName").asText(), a.path("bytecode").asText(), refs);
    }

    private static JsonNode read(String resource) {
        try (InputStream in = ContractArtifacts.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no artifact " + resource + ": build the devnet module (mvn package)");
            }
            return EventCodec.mapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
