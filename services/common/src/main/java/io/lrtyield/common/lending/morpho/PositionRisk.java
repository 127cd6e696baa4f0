package io.lrtyield.common.lending.morpho;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Optional;

import static io.lrtyield.common.lending.morpho.MorphoMath.ORACLE_PRICE_SCALE;
import static io.lrtyield.common.lending.morpho.MorphoMath.WAD;

/**
 * A borrower's health and liquidation as Morpho Blue judges them: debt is the borrow shares converted to assets
 * rounding up, the borrowing capacity is collateral × price / 1e36 × LLTV rounding down, and a position whose debt
 * exceeds its capacity may be liquidated. The liquidator repays debt and seizes collateral worth the repaid amount
 * times the incentive factor {@code min(1.15, 1 / (1 − 0.3 × (1 − LLTV)))}. Pass a market state accrued to the block
 * (see {@link InterestAccrual#accrue}): Morpho accrues before it checks.
 */
public final class PositionRisk {

    public static final BigInteger MAX_LIQUIDATION_INCENTIVE_FACTOR = new BigInteger("1150000000000000000");
    public static final BigInteger LIQUIDATION_CURSOR = new BigInteger("300000000000000000");
    private static final int HF_SCALE = 18;

    private PositionRisk() {
    }

    /** What a liquidation moves: borrow shares and loan assets the liquidator repays, collateral it seizes. */
    public record Liquidation(BigInteger repaidShares, BigInteger repaidAssets, BigInteger seizedAssets) {
    }

    public static BigInteger borrowedAssets(Position p, MarketState m) {
        return MorphoMath.toAssetsUp(p.borrowShares(), m.totalBorrowAssets(), m.totalBorrowShares());
    }

    /** Collateral × price / 1e36 × LLTV, in loan-token units, rounded down as the contract's health check does. */
    public static BigInteger maxBorrow(Position p, BigInteger price, BigInteger lltv) {
        return MorphoMath.wMulDown(MorphoMath.mulDivDown(p.collateral(), price, ORACLE_PRICE_SCALE), lltv);
    }

    public static boolean healthy(Position p, MarketState m, BigInteger price, BigInteger lltv) {
        return p.borrowShares().signum() == 0 || maxBorrow(p, price, lltv).compareTo(borrowedAssets(p, m)) >= 0;
    }

    /** maxBorrow / borrowed, 18 decimals rounded down; liquidatable below 1. Empty if there is no debt. */
    public static Optional<BigDecimal> healthFactor(Position p, MarketState m, BigInteger price, BigInteger lltv) {
        BigInteger borrowed = borrowedAssets(p, m);
        if (borrowed.signum() == 0) {
            return Optional.empty();
        }
        return Optional.of(new BigDecimal(maxBorrow(p, price, lltv)).divide(new BigDecimal(borrowed), HF_SCALE, RoundingMode.DOWN));
    }

    /** {@code min(1.15, 1 / (1 − 0.3 × (1 − LLTV)))} in WAD, with the contract's roundings. */
    public static BigInteger liquidationIncentiveFactor(BigInteger lltv) {
        BigInteger denominator = WAD.subtract(MorphoMath.wMulDown(LIQUIDATION_CURSOR, WAD.subtract(lltv)));
        return MAX_LIQUIDATION_INCENTIVE_FACTOR.min(MorphoMath.wDivDown(WAD, denominator));
    }

    /** A liquidation that seizes {@code seizedAssets} of collateral: the shares and assets repaid, rounded against the liquidator. */
    public static Liquidation seizing(BigInteger seizedAssets, MarketState m, BigInteger price, BigInteger lltv) {
        BigInteger quoted = MorphoMath.mulDivUp(seizedAssets, price, ORACLE_PRICE_SCALE);
        BigInteger repaidShares = MorphoMath.toSharesUp(MorphoMath.wDivUp(quoted, liquidationIncentiveFactor(lltv)),
                m.totalBorrowAssets(), m.totalBorrowShares());
        return new Liquidation(repaidShares, MorphoMath.toAssetsUp(repaidShares, m.totalBorrowAssets(), m.totalBorrowShares()), seizedAssets);
    }

    /** A liquidation that repays {@code repaidShares} of debt: the collateral seized, rounded against the liquidator. */
    public static Liquidation repaying(BigInteger repaidShares, MarketState m, BigInteger price, BigInteger lltv) {
        BigInteger seized = MorphoMath.mulDivDown(MorphoMath.wMulDown(MorphoMath.toAssetsDown(repaidShares, m.totalBorrowAssets(),
                m.totalBorrowShares()), liquidationIncentiveFactor(lltv)), ORACLE_PRICE_SCALE, price);
        return new Liquidation(repaidShares, MorphoMath.toAssetsUp(repaidShares, m.totalBorrowAssets(), m.totalBorrowShares()), seized);
    }
}
