package io.lrtyield.devnet.deploy;

import org.web3j.protocol.Web3jService;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.methods.response.VoidResponse;
import org.web3j.utils.Numeric;

import java.io.IOException;
import java.math.BigInteger;
import java.util.List;

/** Anvil's dev-only JSON-RPC methods, through the same web3j transport as everything else. Blocking. */
public final class AnvilRpc {

    private final Web3jService service;

    public AnvilRpc(Web3jService service) {
        this.service = service;
    }

    /** Sets an account's ETH balance (dev chains only: the deployer and market maker need more than the default). */
    public void setBalance(String address, BigInteger wei) throws IOException {
        call("anvil_setBalance", List.of(address, Numeric.toHexStringWithPrefix(wei)));
    }

    /** Each new block's timestamp is the previous one + {@code seconds}: compresses chain time on 1-s blocks. */
    public void setBlockTimestampInterval(long seconds) throws IOException {
        call("anvil_setBlockTimestampInterval", List.of(seconds));
    }

    /** Back to real time: each block's timestamp is the wall clock again. */
    public void removeBlockTimestampInterval() throws IOException {
        call("anvil_removeBlockTimestampInterval", List.of());
    }

    /** Moves chain time {@code seconds} ahead and mines a block at it (a queue's delay passed, in a test). */
    public void increaseTime(long seconds) throws IOException {
        call("evm_increaseTime", List.of(seconds));
        call("evm_mine", List.of());
    }

    /** Mines {@code blocks} empty blocks at once (a delay in blocks passed, in a test). */
    public void mine(long blocks) throws IOException {
        call("anvil_mine", List.of(Numeric.toHexStringWithPrefix(BigInteger.valueOf(blocks))));
    }

    /** Lets {@code eth_sendTransaction} send from {@code address} without its key (dev chains only: acting as a contract). */
    public void impersonate(String address) throws IOException {
        call("anvil_impersonateAccount", List.of(address));
    }

    public void stopImpersonating(String address) throws IOException {
        call("anvil_stopImpersonatingAccount", List.of(address));
    }

    private void call(String method, List<?> params) throws IOException {
        VoidResponse response = new Request<>(method, params, service, VoidResponse.class).send();
        if (response.hasError()) {
            throw new IOException(method + " failed: " + response.getError().getMessage());
        }
    }
}
