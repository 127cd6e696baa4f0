package io.lrtyield.devnet.bench;

import io.lrtyield.common.chain.Multicall3;
import io.lrtyield.common.chain.RpcSettings;
import io.lrtyield.common.chain.UintViewCall;
import io.lrtyield.common.chain.VertxJsonRpcService;
import io.lrtyield.devnet.replica.AnvilFixture;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.mutiny.core.Vertx;
import org.web3j.abi.datatypes.Address;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.http.HttpService;

import java.math.BigInteger;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * `make bench`, chain part, against the local test Anvil: latency of a 300-read Multicall3 snapshot, and our Vert.x
 * JSON-RPC transport versus web3j's default OkHttp {@link HttpService} on the same 1,000 eth_calls (sequential and
 * all in flight), in the same run. Medians of several runs; 2 cores shared by Anvil and the JVM, so read the ratios.
 */
public final class ChainBench {

    private static final int RUNS = 7;

    public static void main(String[] args) throws Exception {
        int port = Integer.getInteger("anvil.port", 18545);
        String url = "http://127.0.0.1:" + port;
        try (AnvilFixture chain = new AnvilFixture()) {
            var from = chain.sender(9);
            String multicall = chain.deploy(from, "Multicall3", List.of(), BigInteger.ZERO);
            String stEth = chain.deploy(from, "LidoStETH", List.of(new Address(from.address())), BigInteger.TEN.pow(18));
            String wstEth = chain.deploy(from, "WstETH", List.of(new Address(stEth)), BigInteger.ZERO);
            long block = chain.web3j.ethBlockNumber().send().getBlockNumber().longValueExact();
            String data = new UintViewCall("stEthPerToken", List.of()).encode();

            List<Multicall3.Call> reads = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                reads.add(new Multicall3.Call(wstEth, data));
            }
            Multicall3 snapshot = new Multicall3(chain.web3j, multicall, 300);
            System.out.println("chain bench against Anvil " + url + " (" + RUNS + " runs, median [min … max])");
            report("300-read snapshot, 1 aggregate3 eth_call (ms)", 20, () -> snapshot.aggregate3(reads, block).await().indefinitely());
            Multicall3 chunked = new Multicall3(chain.web3j, multicall, 100);
            report("300-read snapshot, 3 chunks in parallel (ms)", 20, () -> chunked.aggregate3(reads, block).await().indefinitely());

            Vertx vertx = Vertx.vertx();
            VertxJsonRpcService ours = new VertxJsonRpcService(vertx, RpcSettings.defaults(List.of(URI.create(url))), new SimpleMeterRegistry());
            Web3j oursWeb3j = Web3j.build(ours);
            Web3j okHttp = Web3j.build(new HttpService(url));
            Transaction call = Transaction.createEthCallTransaction(null, wstEth, data);
            DefaultBlockParameter at = DefaultBlockParameter.valueOf(BigInteger.valueOf(block));
            double[] oursSeq = report("1,000 eth_calls sequential, our Vert.x transport (ms)", 1, () -> sequential(oursWeb3j, call, at));
            double[] okSeq = report("1,000 eth_calls sequential, web3j HttpService (ms)", 1, () -> sequential(okHttp, call, at));
            double[] oursPar = report("1,000 eth_calls all in flight, our Vert.x transport (ms)", 1, () -> inFlight(oursWeb3j, call, at));
            double[] okPar = report("1,000 eth_calls all in flight, web3j HttpService (ms)", 1, () -> inFlight(okHttp, call, at));
            System.out.printf("ratio web3j/ours: sequential %.2f, in flight %.2f (>1 means ours is faster)%n",
                    okSeq[RUNS / 2] / oursSeq[RUNS / 2], okPar[RUNS / 2] / oursPar[RUNS / 2]);
            okHttp.shutdown();
            ours.close();
            vertx.closeAndAwait();
        }
        System.exit(0);
    }

    private static Object sequential(Web3j web3j, Transaction call, DefaultBlockParameter at) throws Exception {
        for (int i = 0; i < 1000; i++) {
            check(web3j.ethCall(call, at).sendAsync().join());
        }
        return null;
    }

    private static Object inFlight(Web3j web3j, Transaction call, DefaultBlockParameter at) {
        List<CompletableFuture<EthCall>> all = new ArrayList<>(1000);
        for (int i = 0; i < 1000; i++) {
            all.add(web3j.ethCall(call, at).sendAsync());
        }
        all.forEach(f -> check(f.join()));
        return null;
    }

    private static void check(EthCall r) {
        if (r.hasError() || r.getValue() == null || r.getValue().length() < 66) {
            throw new IllegalStateException("bad eth_call answer: " + (r.hasError() ? r.getError().getMessage() : r.getValue()));
        }
    }

    interface Op {
        Object run() throws Exception;
    }

    /** Runs op `batch` times per run, RUNS runs after one warm-up run; prints and returns sorted per-op ms. */
    private static double[] report(String name, int batch, Op op) throws Exception {
        for (int i = 0; i < batch; i++) {
            op.run();
        }
        double[] ms = new double[RUNS];
        for (int r = 0; r < RUNS; r++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < batch; i++) {
                op.run();
            }
            ms[r] = (System.nanoTime() - t0) / 1e6 / batch;
        }
        Arrays.sort(ms);
        System.out.printf("%-58s %9.2f  [%.2f … %.2f]%n", name, ms[RUNS / 2], ms[0], ms[RUNS - 1]);
        return ms;
    }
}
