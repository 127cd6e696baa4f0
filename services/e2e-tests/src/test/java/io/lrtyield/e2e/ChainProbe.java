package io.lrtyield.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Reads the devnet chain directly, independently of the services' own chain code, so the end-to-end test checks
 * their numbers against the chain rather than against themselves.
 */
final class ChainProbe {

    /** keccak256("stEthPerToken()")[0:4], from the mainnet reference. */
    static final String ST_ETH_PER_TOKEN = "0x035faf82";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final URI rpc;

    ChainProbe(String rpcUrl) {
        this.rpc = URI.create(rpcUrl);
    }

    BigInteger uintCall(String to, String data, long block) throws Exception {
        JsonNode result = call("eth_call", "[{\"to\":\"" + to + "\",\"data\":\"" + data + "\"},\"0x" + Long.toHexString(block) + "\"]");
        return new BigInteger(result.asText().substring(2), 16);
    }

    /** Raw return data of an eth_call at a block, as 32-byte words. */
    BigInteger[] words(String to, String data, long block) throws Exception {
        String hex = call("eth_call", "[{\"to\":\"" + to + "\",\"data\":\"" + data + "\"},\"0x" + Long.toHexString(block) + "\"]")
                .asText().substring(2);
        BigInteger[] words = new BigInteger[hex.length() / 64];
        for (int i = 0; i < words.length; i++) {
            words[i] = new BigInteger(hex.substring(i * 64, i * 64 + 64), 16);
        }
        return words;
    }

    /** Wei held by an address at a block. */
    BigInteger ethBalance(String address, long block) throws Exception {
        return new BigInteger(call("eth_getBalance", "[\"" + address + "\",\"0x" + Long.toHexString(block) + "\"]").asText().substring(2), 16);
    }

    /** Transactions an account has sent, as of a block. */
    long nonce(String address, long block) throws Exception {
        return Long.decode(call("eth_getTransactionCount", "[\"" + address + "\",\"0x" + Long.toHexString(block) + "\"]").asText());
    }

    /** ERC-20 {@code balanceOf(holder)} at a block. */
    BigInteger balanceOf(String token, String holder, long block) throws Exception {
        return uintCall(token, "0x70a08231" + "0".repeat(24) + holder.substring(2).toLowerCase(), block);
    }

    JsonNode block(long number) throws Exception {
        return call("eth_getBlockByNumber", "[\"0x" + Long.toHexString(number) + "\",false]");
    }

    long latestBlock() throws Exception {
        return Long.decode(call("eth_blockNumber", "[]").asText());
    }

    long timestamp(long number) throws Exception {
        return Long.decode(block(number).path("timestamp").asText());
    }

    /** Sends ETH from one of the node's unlocked dev accounts (eth_sendTransaction); returns the transaction hash. */
    String sendEth(String from, String to, BigInteger wei) throws Exception {
        return call("eth_sendTransaction", "[{\"from\":\"" + from + "\",\"to\":\"" + to + "\",\"value\":\"0x" + wei.toString(16) + "\"}]").asText();
    }

    private JsonNode call(String method, String params) throws Exception {
        String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":" + params + "}";
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(rpc).timeout(Duration.ofSeconds(5))
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode node = JSON.readTree(r.body());
        if (node.has("error")) {
            throw new IllegalStateException(method + " failed: " + node.get("error"));
        }
        return node.get("result");
    }
}
