package io.lrtyield.devnet.simulator;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The simulator's state as GET /api/v1/market shows it: one snapshot, the active scenarios and the ETH/USD price. */
final class MarketView {

    private MarketView() {
    }

    static Map<String, Object> of(MarketSnapshot s, List<Scenario> active, EthUsdWalk.Quote ethUsd) {
        List<Map<String, Object>> scenarios = new ArrayList<>();
        for (Scenario sc : active) {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("type", sc.type());
            v.put("subject", sc.subject());
            v.put("bps", sc.bps());
            if (sc.usd() != null) {
                v.put("usd", sc.usd());
            }
            v.put("remainingBlocks", sc.remainingBlocks(s.block()));
            scenarios.add(v);
        }
        Map<String, Object> pools = new LinkedHashMap<>();
        s.pools().forEach((asset, p) -> pools.put(asset.equals("stETH") ? "curve-steth-weth" : "curve-eeth-weth", Map.of(
                "address", p.address(), "balanceWeth", eth(p.balance0()), "balanceToken", eth(p.balance1()), "spotPrice", eth(p.price()))));
        Map<String, Object> feeds = new LinkedHashMap<>();
        s.feeds().forEach((asset, f) -> feeds.put(asset + "/ETH", Map.of("address", f.address(), "answer", eth(f.answer()),
                "ageSeconds", s.timestamp() - f.updatedAt(), "fundamental", eth(s.rates().get(asset)))));
        Map<String, Object> redStone = new LinkedHashMap<>();
        s.redStoneFeeds().forEach((asset, f) -> redStone.put(asset + "/ETH", Map.of("address", f.address(), "answer", eth(f.answer()),
                "ageSeconds", s.timestamp() - f.updatedAt())));
        Map<String, Object> uniPools = new LinkedHashMap<>();
        s.uniPools().forEach((asset, p) -> uniPools.put("uniswap-v3-" + asset + "-weth", Map.of("address", p.address(),
                "sqrtPriceX96", p.sqrtPriceX96().toString(), "price", eth(p.price()), "fundamental", eth(s.rates().get(asset)))));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("block", s.block());
        out.put("timestamp", s.timestamp());
        out.put("scenarios", scenarios);
        out.put("pools", pools);
        out.put("feeds", feeds);
        out.put("redStoneFeeds", redStone);
        out.put("uniswapV3Pools", uniPools);
        // usd is what the CoinGecko-style endpoint serves; the feed follows it by the heartbeat/deviation rule
        out.put("ethUsd", Map.of("usd", ethUsd.usd(), "lastUpdatedAt", ethUsd.updatedAt().getEpochSecond(), "feed", Map.of(
                "address", s.ethUsd().address(), "answer", new BigDecimal(s.ethUsd().answer(), EthUsdWalk.DECIMALS).stripTrailingZeros(),
                "ageSeconds", s.timestamp() - s.ethUsd().updatedAt())));
        out.put("aaveWeth", Map.of("borrowApr", ray(s.aave().borrowRate()), "supplyApr", ray(s.aave().supplyRate()),
                "utilisation", eth(s.aave().utilisation())));
        return out;
    }

    private static BigDecimal eth(BigInteger wad) {
        return new BigDecimal(wad, 18).stripTrailingZeros();
    }

    private static BigDecimal ray(BigInteger ray) {
        return new BigDecimal(ray, 27).stripTrailingZeros();
    }
}
