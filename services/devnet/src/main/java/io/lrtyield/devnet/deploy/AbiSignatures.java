package io.lrtyield.devnet.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import org.web3j.crypto.Hash;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Canonical Solidity signatures ({@code name(type,…)}, tuples spelled out) of an artifact's ABI functions, for
 * selectors: what a diamond-style router is told to dispatch, and calldata for a function whose struct arguments web3j
 * would name differently.
 */
public final class AbiSignatures {

    private AbiSignatures() {
    }

    /** Every function of {@code abi}, as canonical signatures, in ABI order. */
    public static List<String> functions(JsonNode abi) {
        List<String> out = new ArrayList<>();
        for (JsonNode entry : abi) {
            if ("function".equals(entry.path("type").asText())) {
                out.add(signature(entry));
            }
        }
        return out;
    }

    /** The one function named {@code name} in {@code abi}. */
    public static String function(JsonNode abi, String name) {
        List<String> found = functions(abi).stream().filter(s -> s.startsWith(name + "(")).toList();
        if (found.size() != 1) {
            throw new IllegalArgumentException(found.size() + " functions named " + name);
        }
        return found.get(0);
    }

    /** {@code 0x} + the first 4 bytes of keccak256(signature). */
    public static String selector(String signature) {
        return Hash.sha3String(signature).substring(0, 10);
    }

    static String signature(JsonNode function) {
        return function.path("name").asText() + "(" + types(function.path("inputs")) + ")";
    }

    private static String types(JsonNode params) {
        List<String> types = new ArrayList<>();
        params.forEach(p -> types.add(type(p)));
        return types.stream().collect(Collectors.joining(","));
    }

    private static String type(JsonNode param) {
        String type = param.path("type").asText();
        if (type.startsWith("tuple")) {
            return "(" + types(param.path("components")) + ")" + type.substring("tuple".length());
        }
        return type;
    }
}
