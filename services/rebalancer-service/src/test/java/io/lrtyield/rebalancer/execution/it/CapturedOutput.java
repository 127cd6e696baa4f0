package io.lrtyield.rebalancer.execution.it;

import org.jboss.logmanager.formatters.PatternFormatter;
import org.jboss.logmanager.handlers.FileHandler;

import java.io.FileNotFoundException;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What an IT that runs the executor in its own JVM prints, captured for {@link SecretScan}: everything written to
 * System.out and System.err (still passed through) and every log record the configured levels let through, each to a
 * file of its own.
 */
final class CapturedOutput implements AutoCloseable {

    final Path out;
    final Path err;
    final Path log;
    private final PrintStream originalOut = System.out;
    private final PrintStream originalErr = System.err;
    private final FileHandler handler;
    private final Logger root = Logger.getLogger("");

    CapturedOutput(Path dir, String name) throws FileNotFoundException {
        out = dir.resolve(name + ".out");
        err = dir.resolve(name + ".err");
        log = dir.resolve(name + ".log");
        System.setOut(new PrintStream(new Tee(originalOut, new FileOutputStream(out.toFile())), true));
        System.setErr(new PrintStream(new Tee(originalErr, new FileOutputStream(err.toFile())), true));
        handler = new FileHandler(log.toFile());
        handler.setFormatter(new PatternFormatter("%d{HH:mm:ss,SSS} %-5p [%c] (%t) %s%e%n"));
        handler.setLevel(Level.ALL);
        handler.setAutoFlush(true);
        root.addHandler(handler);
    }

    List<Path> files() {
        return List.of(out, err, log);
    }

    @Override
    public void close() {
        System.out.flush();
        System.err.flush();
        System.setOut(originalOut);
        System.setErr(originalErr);
        root.removeHandler(handler);
        handler.close();
    }

    /** Writes to the original stream and to the file. */
    private static final class Tee extends OutputStream {
        private final OutputStream first;
        private final OutputStream second;

        Tee(OutputStream first, OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public void write(int b) throws java.io.IOException {
            first.write(b);
            second.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws java.io.IOException {
            first.write(b, off, len);
            second.write(b, off, len);
        }

        @Override
        public void flush() throws java.io.IOException {
            first.flush();
            second.flush();
        }
    }
}
