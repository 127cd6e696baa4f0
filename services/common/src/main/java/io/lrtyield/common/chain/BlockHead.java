package io.lrtyield.common.chain;

/**
 * A new head of the chain.
 *
 * @param reorg true when this head does not extend the previously seen one (parent hash mismatch or same height,
 *              other hash): whatever was derived from the replaced blocks must be re-checked
 */
public record BlockHead(long number, String hash, String parentHash, long timestamp, boolean reorg) {
}
