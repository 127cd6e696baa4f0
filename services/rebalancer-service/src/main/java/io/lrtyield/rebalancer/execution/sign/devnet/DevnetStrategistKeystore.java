package io.lrtyield.rebalancer.execution.sign.devnet;

import org.web3j.crypto.Credentials;
import org.web3j.crypto.Wallet;
import org.web3j.crypto.WalletFile;
import org.web3j.crypto.WalletUtils;
import org.web3j.crypto.exception.CipherException;
import org.web3j.protocol.ObjectMapperFactory;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Devnet only. Writes the web3j (Ethereum v3) keystore of the devnet vault's strategist — Anvil's public dev account 2,
 * the only key this tool knows; it takes no key as input, so it cannot be pointed at a real one — encrypted with the
 * password in a file, for the rebalancer's {@code KeystoreSigner} in {@code make run}. A keystore already there is
 * reused if it unlocks to the strategist with that password; anything else at that path is refused, never overwritten.
 * Prints paths and the (public) address only, never the key or the password.
 *
 * <pre>java -cp 'target/quarkus-app/app/*:target/quarkus-app/lib/main/*' \
 *     io.lrtyield.rebalancer.execution.sign.devnet.DevnetStrategistKeystore &lt;keystore-file&gt; &lt;password-file&gt;</pre>
 *
 * Exit status: 0 created or reused, 1 refused or failed, 2 usage.
 */
public final class DevnetStrategistKeystore {

    /** Anvil's dev account 2 (the mnemonic "test test … junk"): public, funded on every fresh Anvil, dev chains only. */
    private static final String STRATEGIST_KEY = "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a";
    /** Its address, the devnet vault's strategist ({@code devnet.strategist-address}). */
    public static final String STRATEGIST_ADDRESS = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";

    /** What {@link #ensure} did. */
    public enum Outcome { CREATED, REUSED }

    private DevnetStrategistKeystore() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length != 2) {
            err.println("usage: DevnetStrategistKeystore <keystore-file> <password-file>   (devnet strategist, Anvil account 2, only)");
            return 2;
        }
        Path keystore = Path.of(args[0]);
        try {
            Outcome outcome = ensure(keystore, readPassword(Path.of(args[1])));
            out.println((outcome == Outcome.CREATED ? "created " : "reusing ") + "devnet strategist keystore " + keystore
                    + " (" + STRATEGIST_ADDRESS + ", Anvil dev account 2)");
            return 0;
        } catch (IllegalStateException | IOException e) {
            // the messages name files and addresses only (see requireStrategist)
            err.println("devnet strategist keystore: " + e.getMessage());
            return 1;
        }
    }

    /**
     * Makes sure {@code keystore} holds the strategist's key sealed with {@code password}: writes it (owner-only, written to a
     * temporary file and renamed into place) when missing, reuses it when it unlocks to the strategist, refuses otherwise.
     */
    public static Outcome ensure(Path keystore, String password) throws IOException {
        if (password == null || password.isEmpty()) {
            throw new IllegalStateException("the password is empty");
        }
        if (Files.exists(keystore)) {
            requireStrategist(keystore, password);
            return Outcome.REUSED;
        }
        WalletFile wallet;
        try {
            // light scrypt (n = 4096): a key everyone knows gains nothing from a slow KDF, and start-up stays quick
            wallet = Wallet.createLight(password, Credentials.create(STRATEGIST_KEY).getEcKeyPair());
        } catch (CipherException e) {
            throw new IllegalStateException("could not encrypt the keystore");
        }
        Path dir = keystore.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = ownerOnly(dir);
        try {
            Files.write(tmp, ObjectMapperFactory.getObjectMapper().writeValueAsBytes(wallet));
            // a rename within the directory: the rebalancer never reads a half-written file; without REPLACE_EXISTING a
            // file that appeared meanwhile is kept (FileAlreadyExistsException)
            Files.move(tmp, keystore);
        } finally {
            Files.deleteIfExists(tmp);
        }
        requireStrategist(keystore, password);
        return Outcome.CREATED;
    }

    private static void requireStrategist(Path keystore, String password) throws IOException {
        String address;
        try {
            address = WalletUtils.loadCredentials(password, keystore.toFile()).getAddress();
        } catch (CipherException e) {
            throw new IllegalStateException(keystore + " exists but does not unlock with this password: delete it (and the "
                    + "password file) to make a new one");
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException(keystore + " exists but is not a keystore (" + e.getClass().getSimpleName() + ")");
        }
        if (!STRATEGIST_ADDRESS.equalsIgnoreCase(address)) {
            throw new IllegalStateException(keystore + " holds " + address + ", not the devnet strategist " + STRATEGIST_ADDRESS);
        }
    }

    /** The password is the file's first line (a trailing newline is not part of it). */
    static String readPassword(Path file) throws IOException {
        if (!Files.isReadable(file)) {
            throw new IllegalStateException("password file " + file + " is not readable");
        }
        String text = Files.readString(file);
        int end = text.indexOf('\n');
        String password = (end < 0 ? text : text.substring(0, end)).replace("\r", "");
        if (password.isEmpty()) {
            throw new IllegalStateException("password file " + file + " is empty");
        }
        return password;
    }

    private static Path ownerOnly(Path dir) throws IOException {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return Files.createTempFile(dir, ".keystore", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        return Files.createTempFile(dir, ".keystore", ".tmp");
    }
}
