/**
 * Typed on-chain readers, one small class per mainnet interface the system uses (see
 * {@code shared/reference/mainnet-contracts.md}). Each reader has static {@code xxxCall(address, …)} builders that
 * return {@link io.lrtyield.common.chain.Multicall3.Call}s, so that one block's reads go into one {@code aggregate3},
 * and {@code decodeXxx(Result)} decoders that turn a {@link io.lrtyield.common.chain.Multicall3.Result} into a plain
 * domain record wrapped in a {@link io.lrtyield.common.chain.reader.Read}.
 *
 * <p>A reverted, empty, truncated or malformed sub-result gives an unavailable {@code Read} with a reason for that
 * read only; decoders never throw. All encoding, decoding and failure wrapping lives in
 * {@link io.lrtyield.common.chain.reader.ViewFunction}. Amounts are {@link java.math.BigInteger} base units (wei);
 * fixed-point values are {@link io.lrtyield.common.chain.reader.FixedPoint} or {@link java.math.BigDecimal} with an
 * explicit scale, never {@code double}. Decoded addresses are lower-case {@code 0x…} strings.
 */
package io.lrtyield.common.chain.reader;
