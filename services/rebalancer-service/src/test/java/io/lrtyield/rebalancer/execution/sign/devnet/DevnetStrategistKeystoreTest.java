package io.lrtyield.rebalancer.execution.sign.devnet;

import io.lrtyield.rebalancer.execution.sign.KeystoreSigner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.WalletUtils;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The devnet strategist's keystore: unlocks to the strategist, never holds the key in clear, is reused, never clobbered. */
class DevnetStrategistKeystoreTest {

    /** Anvil dev account 2, spelled out here so the test does not trust the tool's own constant. */
    private static final String KEY_HEX = "5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a";
    private static final String STRATEGIST = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";
    private static final String PASSWORD = "devnet-test-password-7f3a";

    @TempDir
    Path dir;

    @Test
    void writesAKeystoreThatUnlocksToTheStrategistAndHoldsNoSecretInClear() throws Exception {
        Path keystore = dir.resolve("signer/strategist.json");

        assertEquals(DevnetStrategistKeystore.Outcome.CREATED, DevnetStrategistKeystore.ensure(keystore, PASSWORD));

        Credentials c = WalletUtils.loadCredentials(PASSWORD, keystore.toFile());
        assertEquals(STRATEGIST.toLowerCase(Locale.ROOT), c.getAddress());
        assertEquals(KEY_HEX, c.getEcKeyPair().getPrivateKey().toString(16));
        String text = Files.readString(keystore).toLowerCase(Locale.ROOT);
        assertFalse(text.contains(KEY_HEX), "the key in clear");
        assertFalse(text.contains(PASSWORD), "the password in clear");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keystore)));
        // what the rebalancer does with it at start-up
        KeystoreSigner signer = KeystoreSigner.fromKeystore(keystore, "PW", Map.of("PW", PASSWORD)::get);
        assertEquals(STRATEGIST.toLowerCase(Locale.ROOT), signer.address());
        try (var files = Files.list(keystore.getParent())) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }

    @Test
    void reusesAnExistingKeystoreUnchanged() throws Exception {
        Path keystore = dir.resolve("strategist.json");
        DevnetStrategistKeystore.ensure(keystore, PASSWORD);
        byte[] first = Files.readAllBytes(keystore);

        assertEquals(DevnetStrategistKeystore.Outcome.REUSED, DevnetStrategistKeystore.ensure(keystore, PASSWORD));

        assertArrayEquals(first, Files.readAllBytes(keystore));
    }

    @Test
    void refusesAKeystoreItCannotUnlockAndLeavesItAlone() throws Exception {
        Path keystore = dir.resolve("strategist.json");
        DevnetStrategistKeystore.ensure(keystore, PASSWORD);
        byte[] first = Files.readAllBytes(keystore);

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> DevnetStrategistKeystore.ensure(keystore, "another-password"));

        assertTrue(e.getMessage().contains("does not unlock"), e.getMessage());
        assertFalse(e.getMessage().contains("another-password"));
        assertArrayEquals(first, Files.readAllBytes(keystore));
    }

    @Test
    void refusesAKeystoreOfAnotherAccount() throws Exception {
        Path other = Files.createDirectories(dir.resolve("other"));
        // Anvil dev account 0: a valid keystore, but not the strategist's
        String name = WalletUtils.generateWalletFile(PASSWORD,
                Credentials.create("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80").getEcKeyPair(),
                other.toFile(), false);

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> DevnetStrategistKeystore.ensure(other.resolve(name), PASSWORD));

        assertTrue(e.getMessage().contains("not the devnet strategist"), e.getMessage());
    }

    @Test
    void refusesAFileThatIsNoKeystore() throws Exception {
        Path keystore = Files.writeString(dir.resolve("strategist.json"), "not json");

        assertThrows(IllegalStateException.class, () -> DevnetStrategistKeystore.ensure(keystore, PASSWORD));

        assertEquals("not json", Files.readString(keystore));
    }

    @Test
    void theCommandReadsThePasswordFileAndPrintsNeitherKeyNorPassword() throws Exception {
        Path password = Files.writeString(dir.resolve("password"), PASSWORD + "\n");
        Path keystore = dir.resolve("strategist.json");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int first = run(out, err, keystore.toString(), password.toString());
        int second = run(out, err, keystore.toString(), password.toString());

        assertEquals(0, first, err.toString(StandardCharsets.UTF_8));
        assertEquals(0, second, err.toString(StandardCharsets.UTF_8));
        // the password is the line without its newline
        assertEquals(STRATEGIST.toLowerCase(Locale.ROOT), WalletUtils.loadCredentials(PASSWORD, keystore.toFile()).getAddress());
        String printed = (out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8)).toLowerCase(Locale.ROOT);
        assertTrue(printed.contains("created") && printed.contains("reusing"), printed);
        assertFalse(printed.contains(KEY_HEX));
        assertFalse(printed.contains(PASSWORD));
    }

    @Test
    void theCommandFailsOnAMissingOrEmptyPasswordFileAndOnBadUsage() throws Exception {
        Path keystore = dir.resolve("strategist.json");
        Path empty = Files.writeString(dir.resolve("empty"), "\n");
        ByteArrayOutputStream sink = new ByteArrayOutputStream();

        assertEquals(1, run(sink, sink, keystore.toString(), dir.resolve("missing").toString()));
        assertEquals(1, run(sink, sink, keystore.toString(), empty.toString()));
        assertEquals(2, run(sink, sink, keystore.toString()));
        assertFalse(Files.exists(keystore), "nothing written without a password");
    }

    private static int run(ByteArrayOutputStream out, ByteArrayOutputStream err, String... args) {
        return DevnetStrategistKeystore.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }
}
