package io.lrtyield.devnet.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import io.lrtyield.common.codec.EventCodec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Contract artifacts in {@code /contracts}, both written by the build: the Solidity replicas compiled from
 * {@code solidity/contracts} (solidity/compile.cjs), and audited bytecode taken as published on npm
 * (solidity/import-npm.cjs, listed in solidity/npm-artifacts.json), which records its package and version and keeps
 * its library placeholders ({@link #npm}, {@link NpmArtifact#link}).
 */
public final class ContractArtifacts {

    private ContractArtifacts() {
    }

    /** Where an artifact's bytecode comes from: an npm package at a pinned version, or (empty) our own compilation. */
    public record NpmSource(String packageName, String version, String path) {
    }

    /** One artifact: creation bytecode, ABI, and its npm source if it is not one of our replicas. */
    public record Artifact(String contract, String bytecode, JsonNode abi, Optional<NpmSource> npm) {
    }

    public static String bytecode(String contract) {
        return artifact(contract).bytecode();
    }

    public static Artifact artifact(String contract) {
        JsonNode artifact = read(contract);
        Optional<NpmSource> npm = artifact.hasNonNull("package")
                ? Optional.of(new NpmSource(artifact.path("package").asText(), artifact.path("version").asText(),
                artifact.path("artifact").asText()))
                : Optional.empty();
        return new Artifact(contract, artifact.path("bytecode").asText(), artifact.path("abi"), npm);
    }

    /**
     * A published artifact of npm package {@code pkg} (e.g. {@code @aave/core-v3}), at the version package.json pins,
     * its library placeholders not yet linked ({@link NpmArtifact#link}).
     */
    public static NpmArtifact npm(String pkg, String contract) {
        JsonNode a = read(contract);
        if (!pkg.equals(a.path("package").asText())) {
            throw new IllegalStateException(contract + " is not an artifact of " + pkg + " (solidity/npm-artifacts.json lists what is)");
        }
        List<NpmArtifact.LinkReference> refs = new ArrayList<>();
        a.path("linkReferences").properties().forEach(source -> source.getValue().properties().forEach(library -> {
            for (JsonNode at : library.getValue()) {
                refs.add(new NpmArtifact.LinkReference(source.getKey(), library.getKey(), at.path("start").asInt(),
                        at.path("length").asInt()));
            }
        }));
        return new NpmArtifact(a.path("package").asText(), a.path("version").asText(), a.path("sourceName").asText(), contract,
                a.path("bytecode").asText(), refs);
    }

    private static JsonNode read(String contract) {
        String resource = "contracts/" + contract + ".json";
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
