package io.lrtyield.yield.model;

import java.math.BigInteger;

/**
 * Natural exp and ln on signed 1e18 fixed point ({@code int256} wads), integer for integer what the devnet's Pendle
 * replica computes on chain ({@code PendleMarket.sol}): {@link #exp} is the repository's {@code WadMath.sol}
 * {@code wadExp} (solmate's SignedWadMath, MIT), {@link #ln} the replica's {@code pendleLnWad}. Bit-exact so the
 * yield service's size curve equals the replica's own previews to the wei, not merely to a tolerance.
 *
 * <p>Why not mainnet's {@code LogExpMath}: its code is not reproduced here. Both functions are exact to within one
 * unit of the 18th decimal (ln: the exact value truncated toward zero, from a 36-decimal series; exp: solmate's
 * rational approximation, relative error below 1e-17), as LogExpMath is; on mainnet states the two differ by at most a
 * wei or two per 1e18, below 1e-15 relative in any trade the model prices.
 *
 * <p>Solidity semantics kept: {@code /} truncates toward zero ({@link BigInteger#divide}), a signed {@code >>} floors
 * ({@link BigInteger#shiftRight}), and the one unsigned product of {@code wadExp} wraps at 2^256.
 */
public final class WadLogExp {

    public static final BigInteger WAD = BigInteger.TEN.pow(18);
    static final BigInteger ONE_36 = BigInteger.TEN.pow(36);
    /** ln 2 to 36 decimals. */
    static final BigInteger LN2_36 = new BigInteger("693147180559945309417232121458176568");
    /** √2 to 36 decimals, rounded. */
    static final BigInteger SQRT2_36 = new BigInteger("1414213562373095048801688724209698079");
    private static final BigInteger TWO_ONE_36 = ONE_36.shiftLeft(1);

    private static final BigInteger EXP_MIN = new BigInteger("-42139678854452767551");
    private static final BigInteger EXP_MAX = new BigInteger("135305999368893231589");
    private static final BigInteger FIVE_POW_18 = BigInteger.valueOf(5).pow(18);
    private static final BigInteger LN2_96 = new BigInteger("54916777467707473351141471128");
    private static final BigInteger HALF_96 = BigInteger.TWO.pow(95);
    private static final BigInteger SCALE = new BigInteger("3822833074963236453042738258902158003155416615667");
    private static final BigInteger MOD_256 = BigInteger.TWO.pow(256);

    private WadLogExp() {
    }

    /** {@code e^(x/1e18) × 1e18}; 0 below about −42, and, as on chain, an error from about 135.3 up. */
    public static BigInteger exp(BigInteger x) {
        if (x.compareTo(EXP_MIN) <= 0) {
            return BigInteger.ZERO;
        }
        if (x.compareTo(EXP_MAX) >= 0) {
            throw new ArithmeticException("EXP_OVERFLOW: " + x);
        }
        x = x.shiftLeft(78).divide(FIVE_POW_18);
        BigInteger k = x.shiftLeft(96).divide(LN2_96).add(HALF_96).shiftRight(96);
        x = x.subtract(k.multiply(LN2_96));
        BigInteger y = x.add(new BigInteger("1346386616545796478920950773328"));
        y = y.multiply(x).shiftRight(96).add(new BigInteger("57155421227552351082224309758442"));
        BigInteger p = y.add(x).subtract(new BigInteger("94201549194550492254356042504812"));
        p = p.multiply(y).shiftRight(96).add(new BigInteger("28719021644029726153956944680412240"));
        p = p.multiply(x).add(new BigInteger("4385272521454847904659076985693276").shiftLeft(96));
        BigInteger q = x.subtract(new BigInteger("2855989394907223263936484059900"));
        q = q.multiply(x).shiftRight(96).add(new BigInteger("50020603652535783019961831881945"));
        q = q.multiply(x).shiftRight(96).subtract(new BigInteger("533845033583426703283633433725380"));
        q = q.multiply(x).shiftRight(96).add(new BigInteger("3604857256930695427073651918091429"));
        q = q.multiply(x).shiftRight(96).subtract(new BigInteger("14423608567350463180887372962807573"));
        q = q.multiply(x).shiftRight(96).add(new BigInteger("26449188498355588339934803723976023"));
        BigInteger r = p.divide(q);
        return r.multiply(SCALE).mod(MOD_256).shiftRight(195 - k.intValueExact());
    }

    /**
     * {@code ln(x/1e18) × 1e18}, truncated toward zero, for {@code x > 0}. The argument, at 36 decimals, is brought
     * into [1/√2, √2] by powers of two (k), then {@code ln m = 2·atanh((m−1)/(m+1))}, whose series is summed until a
     * term vanishes at 36 decimals: {@code ln x = k·ln 2 + ln m}.
     */
    public static BigInteger ln(BigInteger x) {
        if (x.signum() <= 0) {
            throw new ArithmeticException("ln of a non-positive wad: " + x);
        }
        BigInteger m = x.multiply(WAD);
        long k = 0;
        while (m.compareTo(TWO_ONE_36) >= 0) {
            m = m.shiftRight(1);
            k++;
        }
        while (m.compareTo(ONE_36) < 0) {
            m = m.shiftLeft(1);
            k--;
        }
        if (m.compareTo(SQRT2_36) > 0) {
            m = m.shiftRight(1);
            k++;
        }
        BigInteger z = m.subtract(ONE_36).multiply(ONE_36).divide(m.add(ONE_36));
        BigInteger z2 = z.multiply(z).divide(ONE_36);
        BigInteger term = z;
        BigInteger sum = z;
        for (long i = 3; term.signum() != 0; i += 2) {
            term = term.multiply(z2).divide(ONE_36);
            sum = sum.add(term.divide(BigInteger.valueOf(i)));
        }
        return sum.shiftLeft(1).add(BigInteger.valueOf(k).multiply(LN2_36)).divide(WAD);
    }
}
