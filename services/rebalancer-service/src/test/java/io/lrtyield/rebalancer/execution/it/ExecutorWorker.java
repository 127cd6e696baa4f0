package io.lrtyield.rebalancer.execution.it;

import io.lrtyield.common.chain.RpcSettings;
import io.lrtyield.common.chain.VertxJsonRpcService;
import io.lrtyield.rebalancer.execution.ExecutionPlan;
import io.lrtyield.rebalancer.execution.FeeOracle;
import io.lrtyield.rebalancer.execution.FeePolicy;
import io.lrtyield.rebalancer.execution.PlanExecutor;
import io.lrtyield.rebalancer.execution.PlannedAction;
import io.lrtyield.rebalancer.execution.TransactionSimulator;
import io.lrtyield.rebalancer.execution.allowlist.Allowlist;
import io.lrtyield.rebalancer.execution.allowlist.AllowlistRule;
import io.lrtyield.rebalancer.execution.chain.Web3jExecutionChain;
import io.lrtyield.rebalancer.execution.journal.ActiveExecutor;
import io.lrtyield.rebalancer.execution.journal.RedisExecutionJournal;
import io.lrtyield.rebalancer.execution.sign.KeystoreSigner;
import io.lrtyield.rebalancer.execution.venue.WethCalls;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.redis.runtime.datasource.BlockingRedisDataSourceImpl;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.RedisAPI;
import io.vertx.redis.client.RedisOptions;
import org.web3j.protocol.Web3j;

import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A stand-alone executor process for {@link SigkillCrashIT}: joins the vault's executor election (Redis lease), resumes
 * the journal when it gets the lease, starts the 5-action plan if the journal has never seen it, prints DONE and
 * exits. The IT kills it with SIGKILL at random moments and starts another.
 * Args: rpcUrl redisUrl vault weth keystoreFile planId; the keystore password is in IT_SIGNER_PASSWORD.
 */
public final class CrashWorker {

    private CrashWorker() {
    }

    public static void main(String[] args) throws Exception {
        String rpc = args[0];
        String redisUrl = args[1];
        String vault = args[2];
        String weth = args[3];
        Path keystore = Path.of(args[4]);
        String planId = args[5];
        Vertx vertx = Vertx.vertx();
        VertxJsonRpcService transport = new VertxJsonRpcService(vertx, RpcSettings.defaults(List.of(URI.create(rpc))),
                new SimpleMeterRegistry());
        Web3jExecutionChain chain = new Web3jExecutionChain(Web3j.build(transport));
        Redis client = Redis.createClient(vertx, new RedisOptions().setConnectionString(redisUrl));
        RedisExecutionJournal journal = new RedisExecutionJournal(new BlockingRedisDataSourceImpl(vertx, client, RedisAPI.api(client),
                Duration.ofSeconds(10)));
        KeystoreSigner signer = KeystoreSigner.fromKeystore(keystore, "IT_SIGNER_PASSWORD", System::getenv);
        Allowlist allowlist = new Allowlist(List.of(new AllowlistRule(weth, "deposit()", true, Map.of())));
        FeePolicy fees = new FeePolicy(10, 50, BigInteger.valueOf(1_000_000), BigInteger.valueOf(2_000_000_000L),
                BigInteger.valueOf(200_000_000_000L));
        TransactionSimulator simulator = new TransactionSimulator(chain, 2_000);
        FeeOracle feeOracle = new FeeOracle(chain, fees);
        ActiveExecutor executor = new ActiveExecutor(journal, chain, vault, "worker-" + ProcessHandle.current().pid(),
                Duration.ofSeconds(1), Duration.ofSeconds(30), (listener, nonces) -> new PlanExecutor(chain, allowlist, simulator,
                feeOracle, signer, vault, Duration.ofSeconds(30), listener, nonces));

        Thread renew = new Thread(() -> {
            while (true) {
                try {
                    Thread.sleep(300);
                    executor.tick();
                } catch (Exception e) {
                    return;
                }
            }
        });
        while (!executor.tick()) { // the previous (killed) worker's lease lapses within its TTL
            Thread.sleep(100);
        }
        renew.setDaemon(true);
        renew.start();
        System.out.println("READY");
        System.out.flush();
        if (!journal.recentPlans(vault, 1_000).contains(planId)) {
            List<PlannedAction> actions = new ArrayList<>();
            for (int i = 1; i <= 5; i++) {
                actions.add(PlannedAction.of("idle-eth", "WRAP", new WethCalls(weth).deposit(BigInteger.valueOf(1_000 + i))));
            }
            executor.execute(new ExecutionPlan(planId, actions));
        }
        System.out.println(journal.openPlans(vault).isEmpty() ? "DONE" : "OPEN");
        System.out.flush();
        Runtime.getRuntime().halt(0);
    }
}
