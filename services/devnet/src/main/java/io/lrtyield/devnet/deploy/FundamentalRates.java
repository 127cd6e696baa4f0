package io.lrtyield.devnet.deploy;

import io.lrtyield.common.chain.Multicall3;
import io.lrtyield.common.chain.reader.CoinbaseReader;
import io.lrtyield.common.chain.reader.Erc4626Reader;
import io.lrtyield.common.chain.reader.EtherFiReader;
import io.lrtyield.common.chain.reader.FixedPoint;
import io.lrtyield.common.chain.reader.KelpReader;
import io.lrtyield.common.chain.reader.LidoReader;
import io.lrtyield.common.chain.reader.Read;
import io.lrtyield.common.chain.reader.RenzoReader;
import io.lrtyield.common.chain.reader.RocketPoolReader;
import io.lrtyield.common.chain.reader.ViewFunction;
import org.web3j.protocol.Web3j;

import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Each token's fundamental rate in ETH (1e18-scaled), read in one Multicall3 snapshot with the project's typed readers,
 * i.e. exactly what the price service sees. stETH and eETH (rebasing, redeemable 1:1) are 1 by definition. Blocking.
 */
public final class FundamentalRates {

    /** Assets with X/ETH market feeds (a Chainlink-style and a RedStone-style one each), in feed order. */
    public static final List<String> FEED_ASSETS = List.of("stETH", "rETH", "cbETH", "weETH", "ezETH", "rsETH", "pufETH", "rswETH");
    /** Assets with a Uniswap-v3-style pool against WETH: every priced LST/LRT token, wrapped and unwrapped. */
    public static final List<String> UNI_V3_ASSETS = List.of("stETH", "wstETH", "rETH", "cbETH", "eETH", "weETH", "ezETH", "rsETH",
            "pufETH", "rswETH");
    /** Swell's rate-provider view: ETH per rswETH, 1e18. */
    private static final ViewFunction<BigInteger> RSWETH_RATE = ViewFunction.uint256("getRate", List.of());
    private static final BigInteger ONE = BigInteger.TEN.pow(18);

    private FundamentalRates() {
    }

    public static Map<String, BigInteger> read(Web3j web3j, DevnetDeployment d) throws IOException {
        long block = web3j.ethBlockNumber().send().getBlockNumber().longValueExact();
        List<Multicall3.Call> calls = List.of(LidoReader.stEthPerTokenCall(d.wstETH()), RocketPoolReader.getExchangeRateCall(d.rETH()),
                CoinbaseReader.exchangeRateCall(d.cbETH()), EtherFiReader.getRateCall(d.weETH()),
                RenzoReader.calculateTvlsCall(d.renzoRestakeManager()), RenzoReader.ezEthTotalSupplyCall(d.ezETH()),
                KelpReader.rsEthPriceCall(d.kelpOracle()), Erc4626Reader.convertToAssetsCall(d.pufETH(), ONE),
                RSWETH_RATE.call(d.rswETH()));
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
        rates.put("pufETH", wei(Erc4626Reader.decodeConvertToAssets(r.get(7)), "pufETH"));
        rates.put("rswETH", wei(RSWETH_RATE.decode(r.get(8)), "rswETH"));
        // eETH rebases like stETH: 1 eETH is redeemable for 1 ETH
        rates.put("eETH", ONE);
        return rates;
    }

    private static BigInteger wei(Read<BigInteger> read, String asset) throws IOException {
        if (!read.available()) {
            throw new IOException(asset + " rate unavailable: " + read.error());
        }
        return read.value();
    }

    private static BigInteger raw(Read<FixedPoint> read, String asset) throws IOException {
        if (!read.available()) {
            throw new IOException(asset + " rate unavailable: " + read.error());
        }
        FixedPoint p = read.value();
        return p.decimals() == 18 ? p.raw() : p.toBigDecimal().movePointRight(18).toBigInteger();
    }
}
