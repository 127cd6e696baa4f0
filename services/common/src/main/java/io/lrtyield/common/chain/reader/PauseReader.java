package io.lrtyield.common.chain.reader;

import io.lrtyield.common.chain.Multicall3;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Bool;

import java.util.List;

/**
 * {@code paused() view returns (bool)}: OpenZeppelin Pausable's flag (Kelp's LRTDepositPool, ether.fi's LiquidityPool)
 * and Renzo's RestakeManager {@code bool public paused} (Renzo-Protocol/contracts-public {@code RestakeManagerStorage.sol};
 * its {@code setPaused(bool)} stores the flag and emits no event, so reading the flag is the only way to see a Renzo pause).
 */
public final class PauseReader {

    static final ViewFunction<Boolean> PAUSED = ViewFunction.of("paused", List.of(), List.of(new TypeReference<Bool>() {
    }), out -> out.bool(0));

    private PauseReader() {
    }

    public static Multicall3.Call pausedCall(String contract) {
        return PAUSED.call(contract);
    }

    public static Read<Boolean> decodePaused(Multicall3.Result result) {
        return PAUSED.decode(result);
    }
}
