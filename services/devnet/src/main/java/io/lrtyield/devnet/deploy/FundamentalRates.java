package io.lrtyield.devnet.deploy;

import io.lrtyield.common.chain.Multicall3;
import io.lrtyield.common.chain.reader.CoinbaseReader;
import io.lrtyield.common.chain.reader.EtherFiReader;
import io.lrtyield.common.chain.reader.FixedPoint;
import io.lrtyield.common.chain.reader.KelpReader;
import io.lrtyield.common.chain.reader.LidoReader;
import io.lrtyield.common.chain.reader.Read;
import io.lrtyield.common.chain.reader.RenzoReader;
import io.lrtyield.common.chain.reader.RocketPoolReader;
import org.web3j.protocol.Web3j;

import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Each token's fundamental rate in ETH (1e18-scaled), read in one Multicall3 snapshot with the project's typed readers,
 * i.e. exactly what the price service sees. stETH (rebasing, redeemable 1:1) is 1 by definition. Blocking.
 */
public final class FundamentalRates {

    /** Assets with an X/ETH market feed, in feed order. */
    public static final List<String> FEED_ASSETS = List.of("stETH", "rETH", "cbETH", "weETH", "ezETH", "rsETH");
    private static final BigInteger ONE = BigInteger.TEN.pow(18);

    private FundamentalRates() {
    }

    public static Map<String, BigInteger> read(Web3j web3j, DevnetDeployment d) throws IOException {
        long block = web3j.ethBlockNumber().send().getBlockNumber().longValueExact();
        List<Multicall3.Call> calls = List.of(LidoReader.stEthPerTokenCall(d.wstETH()), RocketPoolReader.getExchangeRateCall(d.rETH()),
                CoinbaseReader.exchangeRateCall(d.cbETH()), EtherFiReader.getRateCall(d.weETH()),
                RenzoReader.calculateTvlsCall(d.renzoRestakeManager()), RenzoReader.ezEthTotalSupplyCall(d.ezETH()),
                KelpReader.rsEthPriceCall(d.kelpOracle()));
        List<Multicall3.Result> r = new Multicall3(web3j, d.multicall3(), 100).aggregate3(calls, block)
                .await().atMost(Duration.ofSeconds(20));
        Map<String, BigInteger> rates = new LinkedHashMap<>();
        rates.put("stETH", ONE);
        rates.put("wstETH", raw(LidoReader.decodeStEthPerToken(r.get(0)), "wstETH"));
        rates.put("rETH", raw(RocketPoolReader.decodeGetExchangeRate(r.get(1)), "rETH"));
        rates.put("cbETH", raw(CoinbaseReader.decodeExchangeRate(r.get(2)), "cbETH"));
        rates.put("weETH", raw(EtherFiReader.decodeGetRate(r.get(3)), "weETH"));
        rates.put("ezETH", raw(RenzoReader.decodeEzEthRate(r.get(4), r.get(5)).map(e -> e.rate()), "ezETH"));
        rates.put("rsETH", raw(KelpReader.decodeRsEthPrice(r.get(6)), "rsETH"));
        return rates;
    }

    private static BigInteger raw(Read<FixedPoint> read, String asset) throws IOException {
        if (!read.available()) {
            throw new IOException(asset + " rate unavailable: " + read.error());
        }
        FixedPoint p = read.value();
        return p.decimals() == 18 ? p.raw() : p.toBigDecimal().movePointRight(18).toBigInteger();
    }
}
