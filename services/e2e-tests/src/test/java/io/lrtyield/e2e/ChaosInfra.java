package io.lrtyield.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The chaos profile's broker and store, driven through deploy/local's own scripts (so a restart is the one an
 * operator would do) and signals to the pids those scripts record under {@code chaos.state.dir}. Only ever the
 * processes of that state directory: never anything on another profile's ports.
 */
final class ChaosInfra {

    private static final Path SCRIPTS = SystemUnderTest.ROOT.resolve("deploy/local");
    private final Path stateDir;

    ChaosInfra(Path stateDir) {
        this.stateDir = stateDir;
    }

    /** SIGSTOP (true) or SIGCONT (false) to the broker: it stays alive, its sockets open, and answers nothing. */
    void pauseKafka(boolean pause) throws Exception {
        signal(pause ? "-STOP" : "-CONT", pid("kafka"));
    }

    /** SIGKILL to the broker, as a crash or an OOM kill would. */
    void killKafka() throws Exception {
        long pid = pid("kafka");
        signal("-KILL", pid);
        for (int i = 0; i < 40 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false); i++) {
            Thread.sleep(250);
        }
    }

    /** kafka.sh start chaos: the broker comes back on its own log (the chaos profile keeps it). */
    void startKafka() throws Exception {
        script("kafka.sh", "start");
    }

    /** redis.sh stop then start (chaos profile: the AOF is replayed, as on the run profile and in Kubernetes). */
    void stopRedis() throws Exception {
        script("redis.sh", "stop");
    }

    void startRedis() throws Exception {
        script("redis.sh", "start");
    }

    private long pid(String name) throws IOException {
        return Long.parseLong(Files.readString(stateDir.resolve("pids/" + name + ".pid")).trim());
    }

    private static void signal(String signal, long pid) throws Exception {
        run(List.of("kill", signal, Long.toString(pid)));
    }

    private void script(String script, String command) throws Exception {
        run(List.of(SCRIPTS.resolve(script).toString(), command, "chaos"));
    }

    private static void run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
        }
        if (!out.isBlank()) {
            System.out.print("    " + out.strip().replace("\n", "\n    ") + "\n");
        }
    }
}
