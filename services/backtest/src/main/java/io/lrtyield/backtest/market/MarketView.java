package io.lrtyield.backtest.market;

import io.lrtyield.backtest.history.Fixed;
import io.lrtyield.backtest.history.HistoryHeader;
import io.lrtyield.backtest.history.MarketHistory;
import io.lrtyield.backtest.history.MarketSample;
import io.lrtyield.common.event.PriceStatus;
import io.lrtyield.common.event.PriceTick;
import io.lrtyield.common.event.Provenance;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One sample of a history as the production code reads it ({@code prices.v1} ticks by asset) and as the simulator
 * fills against it (rates, market prices, depths, the lending oracle, gas).
 */
public final class MarketView {

    private final MarketHistory history;
    private final MarketSample sample;
    private final long chainId;

    public MarketView(MarketHistory history, MarketSample sample, long chainId) {
        this.history = history;
        this.sample = sample;
        this.chainId = chainId;
    }

    public MarketSample sample() {
        return sample;
    }

    public HistoryHeader header() {
        return history.header();
    }

    public long block() {
        return sample.block();
    }

    public long timestamp() {
        return sample.timestamp();
    }

    public Provenance provenance() {
        return new Provenance(chainId, sample.block(), "0x" + Long.toHexString(sample.block()), sample.timestamp());
    }

    /** ETH per token at the protocol's rate; 1 for ETH and WETH. */
    public BigDecimal rate(String asset) {
        return isEth(asset) ? BigDecimal.ONE : Fixed.decimal(sample.rate()[history.assetIndex(asset)]);
    }

    public BigDecimal market(String asset) {
        return isEth(asset) ? BigDecimal.ONE : Fixed.decimal(sample.market()[history.assetIndex(asset)]);
    }

    public BigDecimal depth(String asset) {
        return Fixed.decimal(sample.depth()[history.assetIndex(asset)]);
    }

    public double stakingApr(String asset) {
        return Fixed.toDouble(sample.stakingApr()[history.assetIndex(asset)]);
    }

    public PriceStatus status(String asset) {
        return isEth(asset) ? PriceStatus.OK : sample.status()[history.assetIndex(asset)];
    }

    /** What the lending market values collateral at: the rate (exchange-rate oracle) or the market price. */
    public BigDecimal lendingOracle(String asset) {
        return HistoryHeader.MARKET.equals(history.header().lendingOracle()) ? market(asset) : rate(asset);
    }

    public BigDecimal gasPriceGwei() {
        return Fixed.decimal(sample.gasPriceGwei());
    }

    public double borrowApr() {
        return Fixed.toDouble(sample.borrowApr());
    }

    public double supplyApr() {
        return Fixed.toDouble(sample.supplyApr());
    }

    public BigDecimal borrowAprDecimal() {
        return Fixed.decimal(sample.borrowApr());
    }

    public BigDecimal supplyAprDecimal() {
        return Fixed.decimal(sample.supplyApr());
    }

    public double wethAvailable() {
        return Fixed.toDouble(sample.wethAvailable());
    }

    public BigDecimal dexFeeBps() {
        return history.header().dexFeeBps();
    }

    public List<String> assets() {
        return history.header().assets();
    }

    /** The price service's ticks at this sample, one per asset. */
    public Map<String, PriceTick> prices() {
        Map<String, PriceTick> out = new HashMap<>();
        Provenance p = provenance();
        for (String asset : assets()) {
            BigDecimal f = rate(asset);
            BigDecimal m = market(asset);
            BigDecimal discountBps = BigDecimal.ONE.subtract(m.divide(f, 18, RoundingMode.HALF_EVEN)).movePointRight(4)
                    .setScale(4, RoundingMode.HALF_EVEN);
            PriceStatus st = status(asset);
            List<String> reasons = st == PriceStatus.OK ? List.of()
                    : st == PriceStatus.DEGRADED ? List.of("discount " + discountBps.toPlainString() + " bps")
                    : List.of("no source fresh enough (history marks the feed " + st + ")");
            out.put(asset, new PriceTick(PriceTick.SCHEMA_VERSION, PriceTick.idFor(asset, p), asset, m, null, f, discountBps, st,
                    BigDecimal.ONE, List.of(), reasons, p));
        }
        return out;
    }

    static boolean isEth(String asset) {
        return "ETH".equalsIgnoreCase(asset) || "WETH".equalsIgnoreCase(asset);
    }
}
