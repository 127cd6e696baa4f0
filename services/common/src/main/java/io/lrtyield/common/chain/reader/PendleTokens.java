package io.lrtyield.common.chain.reader;

import java.util.Objects;

/** Pendle market {@code readTokens() returns (address SY, address PT, address YT)}; lower-case addresses. */
public record PendleTokens(String sy, String pt, String yt) {

    public PendleTokens {
        Objects.requireNonNull(sy, "sy");
        Objects.requireNonNull(pt, "pt");
        Objects.requireNonNull(yt, "yt");
    }
}
