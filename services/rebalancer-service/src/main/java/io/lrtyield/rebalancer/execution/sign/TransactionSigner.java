package io.lrtyield.rebalancer.execution.sign;

/**
 * Signs the strategist's transactions. The local implementation holds a key from an encrypted keystore; a remote
 * signer (KMS, HSM, Web3Signer) can implement the same interface. Implementations never expose key material, not
 * even through {@code toString}.
 */
public interface TransactionSigner {

    /** The strategist address the vault accepts {@code manage} calls from. */
    String address();

    SignedTransaction sign(UnsignedTransaction tx);
}
