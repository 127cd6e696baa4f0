package io.lrtyield.common.chain;

import io.smallrye.mutiny.Uni;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;

import java.math.BigInteger;

/** A past block's own header (hash, parent, timestamp) by {@code eth_getBlockByNumber}: the provenance of its backfill. */
public final class BlockHeaders {

    private BlockHeaders() {
    }

    public static Uni<BlockHead> header(Web3j web3j, long number) {
        return Uni.createFrom().completionStage(() -> web3j.ethGetBlockByNumber(DefaultBlockParameter.valueOf(BigInteger.valueOf(number)), false)
                        .sendAsync())
                .map(response -> {
                    if (response.hasError()) {
                        throw new IllegalStateException("header of block " + number + ": " + response.getError().getMessage());
                    }
                    var block = response.getBlock();
                    if (block == null) {
                        throw new IllegalStateException("header not found: block " + number);
                    }
                    return new BlockHead(number, block.getHash(), block.getParentHash(), block.getTimestamp().longValueExact(), false);
                });
    }
}
