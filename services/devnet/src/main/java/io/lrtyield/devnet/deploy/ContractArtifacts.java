package io.lrtyield.devnet.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import io.lrtyield.common.codec.EventCodec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * Contract artifacts in {@code /contracts}, both written by the build: the Solidity replicas compiled from
 * {@code solidity/contracts} (solidity/compile.cjs), and audited bytecode taken as published on npm
 * (solidity/import-npm.cjs, listed in solidity/npm-artifacts.json), which records its package and version.
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
        String resource = "contracts/" + contract + ".json";
        try (InputStream in = ContractArtifacts.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no compiled artifact " + resource + ": build the devnet module (mvn package)");
            }
            JsonNode artifact = EventCodec.mapper().readTree(in);
            Optional<NpmSource> npm = artifact.hasNonNull("package")
                    ? Optional.of(new NpmSource(artifact.path("package").asText(), artifact.path("version").asText(),
                    artifact.path("artifact").asText()))
                    : Optional.empty();
            return new Artifact(contract, artifact.path("bytecode").asText(), artifact.path("abi"), npm);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
