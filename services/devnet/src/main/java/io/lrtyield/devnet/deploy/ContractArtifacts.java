package io.lrtyield.devnet.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import io.lrtyield.common.codec.EventCodec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Bytecode of the Solidity replicas, compiled by the build (solidity/compile.cjs) into {@code /contracts}. */
public final class ContractArtifacts {

    private ContractArtifacts() {
    }

    public static String bytecode(String contract) {
        String resource = "contracts/" + contract + ".json";
        try (InputStream in = ContractArtifacts.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no compiled artifact " + resource + ": build the devnet module (mvn package)");
            }
            JsonNode artifact = EventCodec.mapper().readTree(in);
            return artifact.path("bytecode").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
