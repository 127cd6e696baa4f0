package io.lrtyield.common.chain;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import org.jboss.logging.Logger;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.EthBlock;

import java.time.Duration;

/**
 * New heads by polling {@code eth_getBlockByNumber("latest")}. Transport faults are retried by the transport;
 * a poll that still fails is logged and skipped, never ends the stream.
 */
public final class BlockHeadPoller {

    private static final Logger LOG = Logger.getLogger(BlockHeadPoller.class);

    private final Web3j web3j;
    private final Duration interval;
    private final BlockHeadTracker tracker = new BlockHeadTracker();

    public BlockHeadPoller(Web3j web3j, Duration interval) {
        this.web3j = web3j;
        this.interval = interval;
    }

    public Multi<BlockHead> heads() {
        return Multi.createFrom().ticks().every(interval)
                .onOverflow().drop()
                .onItem().transformToUniAndConcatenate(tick -> latest())
                .filter(head -> head != null);
    }

    private Uni<BlockHead> latest() {
        return Uni.createFrom().completionStage(() -> web3j.ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false).sendAsync())
                .map(response -> {
                    EthBlock.Block block = response.getBlock();
                    if (block == null) {
                        return null;
                    }
                    return tracker.accept(block.getNumber().longValueExact(), block.getHash(), block.getParentHash(),
                            block.getTimestamp().longValueExact());
                })
                .onFailure().recoverWithItem(e -> {
                    LOG.warnf("block head poll failed: %s", e.getMessage());
                    return null;
                });
    }
}
