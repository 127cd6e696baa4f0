/**
 * Pendle v2's PT/SY market AMM ({@code MarketMathCore}) in exact integer arithmetic: {@link PendleAmm} (pre-compute,
 * trade, the exact-input PT buy the size curve uses) on the market's own wad ln and exp ({@link PendleLogExp}). Plain Java, shared by the
 * yield service's PT size curve and the devnet's checks against the real market bytecode
 * ({@code PendleV2RealMarketIT}); the chain read that fills a {@link PendleAmm.Market} lives in
 * {@code common.chain.reader.PendleReader}.
 */
package io.lrtyield.common.dex.pendle;
