package io.lrtyield.price.api;

import io.lrtyield.common.catalogue.Asset;
import io.lrtyield.common.catalogue.MarketPricing;
import io.lrtyield.common.catalogue.PriceSource;
import io.lrtyield.common.catalogue.RateSource;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DepegThresholdsTest {

    @Test
    void eachMarketPricedAssetKeepsItsCatalogueLinesAndTheOthersAreLeftOut() {
        PriceSource feed = PriceSource.chainlink("chainlink-wstETH-ETH", "0x01", 18, 86_400, 1.0, false);
        RateSource rate = new RateSource("0x02", "stEthPerToken", List.of(), 18, 0);
        List<Asset> assets = List.of(
                new Asset("wstETH", "0x03", 18, "stETH", rate, new MarketPricing(List.of(feed), null, null, null, null, 80, 250, 30, null)),
                new Asset("rETH", "0x04", 18, "ETH", rate, MarketPricing.of(List.of(feed))),
                new Asset("WETH", "0x05", 18, "ETH", null),
                new Asset("pufETH", "0x06", 18, "ETH", rate));
        assertEquals(List.of(new DepegThresholds("wstETH", 80, 250, 30), new DepegThresholds("rETH", 100, 200, 50)),
                DepegThresholds.of(assets));
    }
}
