package io.lrtyield.devnet.deploy;

import io.lrtyield.common.catalogue.Asset;
import io.lrtyield.common.catalogue.Catalogue;
import io.lrtyield.common.catalogue.RateSource;
import io.lrtyield.common.catalogue.Venue;

import java.util.List;
import java.util.Map;

/** The devnet catalogue: the same shape as mainnet's, with the addresses the deployer just created. */
public final class DevnetCatalogue {

    /** Lido's CAPO-style bound: no sane staking rate grows faster than this per year. */
    private static final double LST_MAX_ANNUAL_GROWTH = 0.15;
    private static final long LIDO_WITHDRAWAL_DELAY_SECONDS = 5 * 86_400L;

    private DevnetCatalogue() {
    }

    public static Catalogue of(DevnetDeployment d) {
        List<Asset> assets = List.of(
                new Asset("ETH", null, 18, "ETH", null),
                // stETH rebases: 1 stETH is redeemable for 1 ETH; its yield shows in the share rate, i.e. wstETH's rate
                new Asset("stETH", d.stETH(), 18, "ETH", null),
                new Asset("wstETH", d.wstETH(), 18, "stETH",
                        new RateSource(d.wstETH(), "stEthPerToken", List.of(), 18, LST_MAX_ANNUAL_GROWTH)));
        List<Venue> venues = List.of(
                new Venue("idle-eth", "IDLE", "ETH", "vault", 1, 0, 0.0),
                new Venue("lido-wsteth", "NATIVE_STAKING", "wstETH", "lido", 1, LIDO_WITHDRAWAL_DELAY_SECONDS, 0.0));
        return new Catalogue("devnet", d.chainId(), Map.of("multicall3", d.multicall3()), assets, venues);
    }
}
