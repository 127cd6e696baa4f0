package io.lrtyield.rebalancer.execution.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The secret search the process ITs run over their captured output finds what it must, in any spelling. */
class SecretScanTest {

    static final String KEY = "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a";
    static final String PASSWORD = "it-keystore-pass";

    @TempDir
    Path dir;

    Path file(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void cleanOutputPasses() throws Exception {
        Path out = file("w.out", "READY\nWRITE w token=3 p#0 SIGNED nonce=7 hash=0xabc\nDONE\n");
        assertEquals(Files.size(out), SecretScan.assertNoSecrets(List.of(out), KEY, PASSWORD));
    }

    @Test
    void findsTheKeyWithOrWithout0xInAnyCaseAndThePassword() throws Exception {
        for (String leak : List.of(KEY, KEY.substring(2), KEY.toUpperCase(), "0x" + KEY.substring(2).toUpperCase(),
                "password=" + PASSWORD.toUpperCase())) {
            Path clean = file("clean.out", "READY\n");
            Path leaky = file("leaky.err", "at line 3: " + leak + "\n");
            AssertionError e = assertThrows(AssertionError.class, () -> SecretScan.assertNoSecrets(List.of(clean, leaky), KEY, PASSWORD));
            assertTrue(e.getMessage().contains("leaky.err"), e.getMessage());
            assertTrue(!e.getMessage().contains("clean.out"), e.getMessage());
        }
    }

    @Test
    void aMissingOrEmptyCaptureFailsInsteadOfPassing() throws Exception {
        assertThrows(AssertionError.class, () -> SecretScan.assertNoSecrets(List.of(dir.resolve("none.out")), KEY, PASSWORD));
        Path empty = file("empty.out", "");
        assertThrows(AssertionError.class, () -> SecretScan.assertNoSecrets(List.of(empty), KEY, PASSWORD));
    }
}
