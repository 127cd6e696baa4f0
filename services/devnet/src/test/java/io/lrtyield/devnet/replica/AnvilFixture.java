package io.lrtyield.devnet.replica;

import io.lrtyield.common.chain.RpcSettings;
import io.lrtyield.common.chain.VertxJsonRpcService;
import io.lrtyield.devnet.deploy.ContractArtifacts;
import io.lrtyield.devnet.deploy.TxSender;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.mutiny.core.Vertx;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.crypto.ContractUtils;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * Shared by the replica ITs: the test Anvil that `make test` starts (port from {@code -Danvil.port}), reached through
 * the project's own chain layer (Vert.x JSON-RPC transport under web3j), and helpers to deploy, send and read.
 * Each IT class uses its own Anvil dev account, so classes never share a nonce.
 */
public final class AnvilFixture implements AutoCloseable {

    /** Anvil's public dev keys (accounts 0–9 of the default mnemonic). Dev chains only. */
    static final List<String> DEV_KEYS = List.of(
            "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80",
            "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d",
            "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a",
            "0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6",
            "0x47e179ec197488593b187f80a00eb0da91f1b9d0b13f8733639f19c30a34926a",
            "0x8b3a350cf5c34c9194ca85829a2df0ec3153be0318b5e2d3348e872092edffba",
            "0x92db14e403b83dfe3df233f83dfa3a0d7096f21ca9b0d6d6b8d88b2b4ec1564e",
            "0x4bbbf85ce3377467afe5d46f804f221813b2bb87f24d81f60f1fcdbf7cbf4356",
            "0xdbda1821b80551c9d65939329250298aa3472ba22feea921c0cf5d620ea67b97",
            "0x2a871d0798f97d79848a013d4936a73bf4cc922c825d33c1cf7073dff6d409c6");

    private final Vertx vertx = Vertx.vertx();
    private final VertxJsonRpcService transport;
    public final Web3j web3j;
    public final long chainId;

    public AnvilFixture() throws Exception {
        int port = Integer.getInteger("anvil.port", 18545);
        transport = new VertxJsonRpcService(vertx, RpcSettings.defaults(List.of(URI.create("http://127.0.0.1:" + port))),
                new SimpleMeterRegistry());
        web3j = Web3j.build(transport);
        chainId = web3j.ethChainId().send().getChainId().longValueExact();
    }

    /** The JSON-RPC transport under {@link #web3j} (for Anvil's own methods, e.g. anvil_setBalance). */
    public VertxJsonRpcService transport() {
        return transport;
    }

    /** The private key of dev account {@code account} (public, well-known; dev chains only). */
    public static String key(int account) {
        return DEV_KEYS.get(account);
    }

    public TxSender sender(int account) {
        return new TxSender(web3j, Credentials.create(DEV_KEYS.get(account)), chainId);
    }

    public static String address(int account) {
        return Credentials.create(DEV_KEYS.get(account)).getAddress();
    }

    /** Deploys {@code contract} (a compiled artifact) with ABI-encoded constructor args; waits for the receipt. */
    public String deploy(TxSender from, String contract, List<Type> constructorArgs, BigInteger value) throws Exception {
        String address = ContractUtils.generateContractAddress(from.address(), from.peekNonce());
        String data = ContractArtifacts.bytecode(contract) + (constructorArgs.isEmpty() ? "" : FunctionEncoder.encodeConstructor(constructorArgs));
        from.awaitAll(List.of(from.send(null, data, value, BigInteger.valueOf(15_000_000))), Duration.ofSeconds(30));
        return address;
    }

    /** Sends a call and waits for it to be mined successfully. */
    public TransactionReceipt send(TxSender from, String to, Function f, BigInteger value) throws Exception {
        return from.awaitAll(List.of(from.send(to, FunctionEncoder.encode(f), value)), Duration.ofSeconds(30)).get(0);
    }

    /** eth_call at the latest block; returns the decoded outputs of {@code f}. */
    @SuppressWarnings("rawtypes")
    public List<Type> call(String to, Function f) throws Exception {
        return FunctionReturnDecoder.decode(rawCall(null, to, FunctionEncoder.encode(f)).getValue(), f.getOutputParameters());
    }

    /** eth_call from a given address (to check reverts and access control); the response tells whether it reverted. */
    public EthCall rawCall(String from, String to, String data) throws Exception {
        return web3j.ethCall(Transaction.createEthCallTransaction(from, to, data), DefaultBlockParameterName.LATEST).send();
    }

    public static TypeReference<org.web3j.abi.datatypes.generated.Uint256> uint256() {
        return new TypeReference<>() { };
    }

    @Override
    public void close() {
        transport.close();
        vertx.closeAndAwait();
    }
}
