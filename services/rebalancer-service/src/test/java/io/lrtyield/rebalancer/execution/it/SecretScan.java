package io.lrtyield.rebalancer.execution.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Searches captured output and log files for the strategist's secrets: the private key as hex with and without
 * {@code 0x}, in any case, and the keystore password (any case). Every file must exist; together they must hold some
 * output, so a search of nothing cannot pass.
 */
final class SecretScan {

    private SecretScan() {
    }

    /** Fails naming the file and which secret it holds; returns the bytes searched. */
    static long assertNoSecrets(Collection<Path> files, String privateKeyHex, String keystorePassword) throws IOException {
        String bare = privateKeyHex.toLowerCase(Locale.ROOT).startsWith("0x") ? privateKeyHex.substring(2) : privateKeyHex;
        List<String> needles = List.of("0x" + bare.toLowerCase(Locale.ROOT), bare.toLowerCase(Locale.ROOT),
                keystorePassword.toLowerCase(Locale.ROOT));
        List<String> found = new ArrayList<>();
        long searched = 0;
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                throw new AssertionError("no captured output at " + file);
            }
            String text = Files.readString(file).toLowerCase(Locale.ROOT);
            searched += text.length();
            for (int i = 0; i < needles.size(); i++) {
                if (text.contains(needles.get(i))) {
                    found.add(file + ": " + (i < 2 ? "the private key" + (i == 0 ? " (0x…)" : "") : "the keystore password"));
                }
            }
        }
        if (!found.isEmpty()) {
            throw new AssertionError("secrets in captured output: " + found);
        }
        if (searched == 0) {
            throw new AssertionError("the captured output is empty: nothing was searched");
        }
        return searched;
    }
}
