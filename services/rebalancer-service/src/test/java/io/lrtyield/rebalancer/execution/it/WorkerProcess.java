package io.lrtyield.rebalancer.execution.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One {@link ExecutorWorker} JVM on the test's class path, its stdout and stderr captured in files of their own
 * ({@code name.out}, {@code name.err}) for the ITs to read and to search for secrets; killed with SIGKILL (no
 * shutdown hook, no lease release) when a test says so.
 */
final class WorkerProcess {

    /** The environment variable the worker reads its keystore password from. */
    static final String PASSWORD_VAR = DevnetFixture.PASSWORD_VAR;

    final String name;
    final Path out;
    final Path err;
    private final Process process;

    private WorkerProcess(String name, Path out, Path err, Process process) {
        this.name = name;
        this.out = out;
        this.err = err;
        this.process = process;
    }

    /** Starts {@code ExecutorWorker args…} with the keystore password in its environment only. */
    static WorkerProcess start(Path dir, String name, String keystorePassword, String... args) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                "-Djava.util.logging.manager=org.jboss.logmanager.LogManager", ExecutorWorker.class.getName()));
        command.addAll(List.of(args));
        Path out = dir.resolve(name + ".out");
        Path err = dir.resolve(name + ".err");
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().put(PASSWORD_VAR, keystorePassword);
        return new WorkerProcess(name, out, err, pb.start());
    }

    /** Waits until the worker printed {@code line}; fails when it exits first or {@code max} passes. */
    void awaitLine(String line, Duration max) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (System.nanoTime() < deadline) {
            if (output().contains(line)) {
                return;
            }
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited before " + line + ": " + output());
            }
            Thread.sleep(20);
        }
        throw new AssertionError(name + " never printed " + line + ": " + output());
    }

    /** Stdout then stderr, as captured so far. */
    String output() throws IOException {
        return (Files.exists(out) ? Files.readString(out) : "") + (Files.exists(err) ? Files.readString(err) : "");
    }

    /** The lines of stdout starting with {@code prefix}. */
    List<String> lines(String prefix) throws IOException {
        return Files.exists(out) ? Files.readAllLines(out).stream().filter(l -> l.startsWith(prefix)).toList() : List.of();
    }

    boolean alive() {
        return process.isAlive();
    }

    /** SIGKILL, and waits until the process is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    boolean waitFor(Duration max) throws InterruptedException {
        return process.waitFor(max.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** What the worker printed and, while it still runs, where its threads are (for a failure message). */
    String diagnosis() throws IOException, InterruptedException {
        StringBuilder text = new StringBuilder(name).append(" output:\n").append(output());
        if (process.isAlive()) {
            Process jstack = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jstack").toString(),
                    Long.toString(process.pid())).redirectErrorStream(true).start();
            String dump = new String(jstack.getInputStream().readAllBytes());
            jstack.waitFor(30, TimeUnit.SECONDS);
            text.append("\nthreads of ").append(name).append(":\n").append(dump);
        }
        return text.toString();
    }

    /** The captured files, for the secret search. */
    List<Path> files() {
        return List.of(out, err);
    }
}
