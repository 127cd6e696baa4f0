package io.lrtyield.rebalancer.execution.sign;

import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.crypto.WalletUtils;
import org.web3j.crypto.exception.CipherException;
import org.web3j.utils.Numeric;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * A local signer over a web3j (Ethereum v3) encrypted keystore file, unlocked with a password read from the environment
 * (a Kubernetes secret mounted as an env variable). Errors name the file and the variable, never the password or key.
 */
public final class KeystoreSigner implements TransactionSigner {

    private final Credentials credentials;

    private KeystoreSigner(Credentials credentials) {
        this.credentials = credentials;
    }

    /** Unlocks {@code keystore} with the password in environment variable {@code passwordVariable}. */
    public static KeystoreSigner fromKeystore(Path keystore, String passwordVariable, Function<String, String> environment) {
        String password = environment.apply(passwordVariable);
        if (password == null || password.isEmpty()) {
            throw new IllegalStateException("signer password variable " + passwordVariable + " is not set");
        }
        if (!Files.isReadable(keystore)) {
            throw new IllegalStateException("signer keystore " + keystore + " is not readable");
        }
        try {
            return new KeystoreSigner(WalletUtils.loadCredentials(password, keystore.toFile()));
        } catch (CipherException e) {
            throw new IllegalStateException("signer keystore " + keystore + " could not be unlocked (wrong password?)");
        } catch (IOException e) {
            throw new IllegalStateException("signer keystore " + keystore + " could not be read: " + e.getClass().getSimpleName());
        }
    }

    @Override
    public String address() {
        return credentials.getAddress();
    }

    @Override
    public SignedTransaction sign(UnsignedTransaction tx) {
        RawTransaction raw = RawTransaction.createTransaction(tx.chainId(), tx.nonce(), tx.gasLimit(), tx.to(), tx.valueWei(),
                tx.data(), tx.maxPriorityFeePerGas(), tx.maxFeePerGas());
        byte[] signed = TransactionEncoder.signMessage(raw, tx.chainId(), credentials);
        return new SignedTransaction(tx, Numeric.toHexString(signed), Numeric.toHexString(Hash.sha3(signed)));
    }

    @Override
    public String toString() {
        return "KeystoreSigner[" + address() + "]";
    }
}
