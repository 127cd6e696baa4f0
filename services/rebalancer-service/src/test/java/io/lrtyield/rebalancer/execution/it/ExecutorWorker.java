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
import io.lrtyield.rebalancer.execution.journal.ExecutionJournal;
import io.lrtyield.rebalancer.execution.journal.JournalEntry;
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
import java.util.OptionalLong;

/**
 * A stand-alone executor process for the process-level ITs ({@link SigkillCrashIT}, {@link StandbyTakeoverIT}): joins
 * the vault's executor election (Redis lease, ticking every {@code tickMs} like the service), resumes the journal
 * when it gets the lease, starts the 5-action plan if the journal has never seen it, prints DONE and exits. While it
 * waits for the lease it is a standby: it signs nothing. It prints what the ITs check: {@code LEASE} with the
 * wall-clock time it gained the lease and its fencing token, and one {@code WRITE} line per journal write it made
 * (token, action, status, nonce, hash — never raw bytes).
 * Args: rpcUrl redisUrl vault weth keystoreFile planId [instance leaseTtlMs tickMs]; the keystore password is in
 * IT_SIGNER_PASSWORD.
 */
public final class ExecutorWorker {

    private ExecutorWorker() {
    }

    public static void main(String[] args) {
        try {
            run(args);
        } catch (Throwable e) {
            // Vert.x threads would keep a JVM whose main thread died alive: end it, with the reason on stderr
            System.err.println("ERROR " + e);
            e.printStackTrace();
            System.err.flush();
            Runtime.getRuntime().halt(1);
        }
    }

    private static void run(String[] args) throws Exception {
        String rpc = args[0];
        String redisUrl = args[1];
        String vault = args[2];
        String weth = args[3];
        Path keystore = Path.of(args[4]);
        String planId = args[5];
        String instance = args.length > 6 ? args[6] : "worker-" + ProcessHandle.current().pid();
        Duration leaseTtl = Duration.ofMillis(args.length > 7 ? Long.parseLong(args[7]) : 1_000);
        long tickMs = args.length > 8 ? Long.parseLong(args[8]) : 300;

        Vertx vertx = Vertx.vertx();
        VertxJsonRpcService transport = new VertxJsonRpcService(vertx, RpcSettings.defaults(List.of(URI.create(rpc))),
                new SimpleMeterRegistry());
        Web3jExecutionChain chain = new Web3jExecutionChain(Web3j.build(transport));
        Redis client = Redis.createClient(vertx, new RedisOptions().setConnectionString(redisUrl));
        ExecutionJournal journal = new Printed(new RedisExecutionJournal(new BlockingRedisDataSourceImpl(vertx, client,
                RedisAPI.api(client), Duration.ofSeconds(10))), instance);
        KeystoreSigner signer = KeystoreSigner.fromKeystore(keystore, "IT_SIGNER_PASSWORD", System::getenv);
        Allowlist allowlist = new Allowlist(List.of(new AllowlistRule(weth, "deposit()", true, Map.of())));
        FeePolicy fees = new FeePolicy(10, 50, BigInteger.valueOf(1_000_000), BigInteger.valueOf(2_000_000_000L),
                BigInteger.valueOf(200_000_000_000L));
        TransactionSimulator simulator = new TransactionSimulator(chain, 2_000);
        FeeOracle feeOracle = new FeeOracle(chain, fees);
        ActiveExecutor executor = new ActiveExecutor(journal, chain, vault, instance, leaseTtl, Duration.ofSeconds(30),
                (listener, nonces) -> new PlanExecutor(chain, allowlist, simulator, feeOracle, signer, vault, Duration.ofSeconds(30),
                        listener, nonces));

        // renews the lease while this instance is active, also while the gaining tick below is still resuming the
        // journal (as the service's periodic tick does on another worker thread)
        Thread renew = new Thread(() -> {
            while (true) {
                try {
                    Thread.sleep(tickMs);
                    if (executor.active()) {
                        executor.tick();
                    }
                } catch (Exception e) {
                    return;
                }
            }
        });
        renew.setDaemon(true);
        renew.start();
        while (!executor.tick()) { // standby: another instance holds the lease (or a killed one's lease has not lapsed)
            Thread.sleep(tickMs);
        }
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

    /** The journal, printing each lease gain and each write this process made. */
    private static final class Printed implements ExecutionJournal {

        private final ExecutionJournal journal;
        private final String instance;
        private long lastToken = -1;

        Printed(ExecutionJournal journal, String instance) {
            this.journal = journal;
            this.instance = instance;
        }

        @Override
        public OptionalLong acquireLease(String vault, String owner, Duration ttl) {
            OptionalLong token = journal.acquireLease(vault, owner, ttl);
            synchronized (this) {
                if (token.isPresent() && token.getAsLong() != lastToken) {
                    lastToken = token.getAsLong();
                    System.out.println("LEASE " + instance + " token=" + token.getAsLong() + " at=" + System.currentTimeMillis());
                    System.out.flush();
                }
            }
            return token;
        }

        @Override
        public void releaseLease(String vault, String owner) {
            journal.releaseLease(vault, owner);
        }

        @Override
        public void write(String vault, long fencingToken, JournalEntry e) {
            journal.write(vault, fencingToken, e);
            System.out.println("WRITE " + instance + " token=" + fencingToken + " " + e.planId() + "#" + e.index() + " " + e.status()
                    + " nonce=" + e.nonce() + " hash=" + e.txHash() + " at=" + System.currentTimeMillis());
            System.out.flush();
        }

        @Override
        public void closePlan(String vault, long fencingToken, String planId) {
            journal.closePlan(vault, fencingToken, planId);
        }

        @Override
        public List<String> openPlans(String vault) {
            return journal.openPlans(vault);
        }

        @Override
        public List<String> recentPlans(String vault, int limit) {
            return journal.recentPlans(vault, limit);
        }

        @Override
        public List<JournalEntry> entries(String vault, String planId) {
            return journal.entries(vault, planId);
        }
    }
}
