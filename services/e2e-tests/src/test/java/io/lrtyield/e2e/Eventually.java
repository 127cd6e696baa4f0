package io.lrtyield.e2e;

import java.time.Duration;
import java.util.concurrent.Callable;

/** Polls until a condition yields a non-null value, or fails with what it last saw. */
final class Eventually {

    private Eventually() {
    }

    static <T> T await(Duration timeout, String what, Callable<T> probe) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception lastError = null;
        while (System.nanoTime() < deadline) {
            try {
                T value = probe.call();
                if (value != null) {
                    return value;
                }
            } catch (IllegalStateException e) {
                throw e;
            } catch (Exception e) {
                lastError = e;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what
                + (lastError == null ? "" : " (last error: " + lastError + ")"), lastError);
    }
}
