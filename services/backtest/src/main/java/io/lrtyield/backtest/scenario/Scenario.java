package io.lrtyield.backtest.scenario;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The documented market shapes the generator draws, each deterministic by seed. */
public enum Scenario {

    CALM_YEAR("calm-year", 365, false,
            "a calm year: staking APRs drift around 2.6-3.6 %, discounts within a few bps, WETH borrow APR 1.8-2.4 %, gas 5-60 gwei"),
    LRT_DEPEG("lrt-depeg", 30, true,
            "ezETH-like (Apr 2024): on day 10 ezETH's DEX price falls 20 % within 3 h, holds 6 h and recovers over ~4 days; "
                    + "the other LRTs follow with a quarter of the discount; DEX depth falls by 70 %"),
    LST_DISCOUNT("lst-discount", 120, true,
            "stETH-2022-like: from day 10 stETH/wstETH trade at a discount building to 6 % over 4 weeks, held 3 weeks, gone over "
                    + "5 weeks; Curve depth falls to 40 %; eETH/weETH follow with half; the lending market prices wstETH at market "
                    + "(Aave v2's stETH/ETH feed)"),
    BORROW_SPIKE("borrow-spike", 60, true,
            "WETH borrow APR spikes to ~18 % for 5 days from day 10 (usage above the kink), available WETH falls to 1 %"),
    RESTAKING_SLASHING("restaking-slashing", 30, true,
            "on day 10 a slashing cuts weETH's (and eETH's) rate by 1 %; the market overshoots to -2.5 % and settles over 3 days"),
    ORACLE_OUTAGE("oracle-outage", 30, true,
            "days 10-12: stETH's and wstETH's price feeds are STALE (no fresh source) while their market dips 0.5 %");

    private final String id;
    private final int days;
    private final boolean crisis;
    private final String description;

    Scenario(String id, int days, boolean crisis, String description) {
        this.id = id;
        this.days = days;
        this.crisis = crisis;
        this.description = description;
    }

    public String id() {
        return id;
    }

    public int days() {
        return days;
    }

    public boolean crisis() {
        return crisis;
    }

    public String description() {
        return description;
    }

    public static Scenario of(String id) {
        for (Scenario s : values()) {
            if (s.id.equals(id.toLowerCase(Locale.ROOT))) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown scenario \"" + id + "\"; known: "
                + Arrays.stream(values()).map(Scenario::id).collect(Collectors.joining(", ")));
    }
}
