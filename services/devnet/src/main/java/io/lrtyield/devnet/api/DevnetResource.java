package io.lrtyield.devnet.api;

import io.lrtyield.common.catalogue.Catalogue;
import io.lrtyield.common.runtime.ProblemException;
import io.lrtyield.devnet.DevnetRuntime;
import io.lrtyield.devnet.deploy.DevnetDeployment;
import io.lrtyield.common.catalogue.Venue;
import io.lrtyield.devnet.simulator.IssuerAdminScenarios;
import io.lrtyield.devnet.simulator.Scenario;
import io.lrtyield.devnet.simulator.ScenarioEngine;
import io.lrtyield.devnet.simulator.ScenarioRequests;
import io.lrtyield.devnet.simulator.SlashSimulator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class DevnetResource {

    private final DevnetRuntime runtime;

    DevnetResource(DevnetRuntime runtime) {
        this.runtime = runtime;
    }

    @GET
    @Path("/catalogue")
    @Operation(summary = "The devnet venue catalogue, with the addresses of the deployed replicas")
    public Catalogue catalogue() {
        return runtime.catalogue().orElseThrow(DevnetResource::notDeployed);
    }

    @GET
    @Path("/deployment")
    @Operation(summary = "Addresses of the deployed contracts; `contracts` lists each with its artifact and whether its bytecode is "
            + "the audited npm release (`bytecode: npm`, `npmPackage`, `version`, e.g. Uniswap v3) or one of our replicas")
    public DevnetDeployment deployment() {
        return runtime.deployment().orElseThrow(DevnetResource::notDeployed);
    }

    @GET
    @Path("/market")
    @Operation(summary = "The simulator's state: APRs, active scenarios, Curve and Uniswap v3 pools, both feed families, ETH/USD "
            + "(price and feed), Aave WETH rates")
    public Map<String, Object> market() {
        var simulator = runtime.simulator().orElseThrow(DevnetResource::notDeployed);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("aprs", simulator.aprs());
        var engine = runtime.scenarios();
        if (engine.isPresent()) {
            try {
                out.putAll(engine.get().state());
            } catch (IOException e) {
                throw new ProblemException(503, "Chain unavailable", "could not read the markets: " + e.getMessage());
            }
        }
        return out;
    }

    @POST
    @Path("/scenarios/depeg")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Scenario: sell the asset into its Curve pool to bps below fundamental, swap its Uniswap v3 pools there and "
            + "move both of its market feeds (Chainlink- and RedStone-style) the same; recovers after `blocks`. "
            + "Body {\"asset\":\"stETH\",\"bps\":300,\"blocks\":20}")
    public Scenario depeg(String body) {
        ScenarioRequests.Depeg r = parse(() -> ScenarioRequests.depeg(body));
        return run(() -> engine().depeg(r));
    }

    @POST
    @Path("/scenarios/rate-spike")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Scenario: the Aave WETH variable borrow APR jumps to borrowAprBps; restored after `blocks`. "
            + "Body {\"market\":\"aave-weth\",\"borrowAprBps\":1500,\"blocks\":20}")
    public Scenario rateSpike(String body) {
        ScenarioRequests.RateSpike r = parse(() -> ScenarioRequests.rateSpike(body));
        return run(() -> engine().rateSpike(r));
    }

    @POST
    @Path("/scenarios/stale-oracle")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Scenario: the asset's Chainlink-style market feed stops updating and its updatedAt goes two heartbeats back; "
            + "resumes after `blocks`. Body {\"asset\":\"stETH\",\"blocks\":20}")
    public Scenario staleOracle(String body) {
        ScenarioRequests.StaleOracle r = parse(() -> ScenarioRequests.staleOracle(body));
        return run(() -> engine().staleOracle(r));
    }

    @POST
    @Path("/scenarios/eth-usd")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Scenario: ETH/USD held at `usd` — the CoinGecko-style price at once, the ETH/USD feed by a new round — "
            + "for `blocks`, or until reset without it; then it walks on from where it was. Body {\"usd\":2500.0,\"blocks\":20}")
    public Scenario ethUsd(String body) {
        ScenarioRequests.EthUsd r = parse(() -> ScenarioRequests.ethUsd(body));
        return run(() -> engine().ethUsd(r));
    }

    @POST
    @Path("/scenarios/oracle-jump")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Scenario: a faulty oracle answer — only the asset's Chainlink-style X/ETH feed moves `bps` (negative: down) "
            + "from its fundamental rate, the RedStone-style feed and the pools untouched; recovers after `blocks`. "
            + "Body {\"asset\":\"rETH\",\"bps\":1500,\"blocks\":20}")
    public Scenario oracleJump(String body) {
        ScenarioRequests.OracleJump r = parse(() -> ScenarioRequests.oracleJump(body));
        return run(() -> engine().oracleJump(r));
    }

    @POST
    @Path("/scenarios/pause-venue")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Scenario: pause a venue until reset (lido-wsteth: stETH staking paused). Body {\"venue\":\"lido-wsteth\"}")
    public Scenario pauseVenue(String body) {
        List<String> venues = runtime.catalogue().map(c -> c.venues().stream().map(Venue::id).toList()).orElse(List.of());
        ScenarioRequests.PauseVenue r = parse(() -> ScenarioRequests.pauseVenue(body, venues));
        return run(() -> engine().pauseVenue(r));
    }

    @POST
    @Path("/scenarios/slash")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Scenario: the AVS of an operator set slashes an operator by `wad` (1e18 = all) of the magnitude allocated to "
            + "that set (AllocationManager.slashOperator, OperatorSlashed); the LRTs whose restaking accounts lost shares book the "
            + "loss, so their rates fall. Permanent. Body {\"operator\":\"operator-a\",\"operatorSet\":\"da-avs/0\",\"wad\":\"50000000000000000\"}")
    public SlashSimulator.Slash slash(String body) {
        ScenarioRequests.SlashOperator r = parse(() -> ScenarioRequests.slash(body));
        SlashSimulator slasher = runtime.slasher().orElseThrow(() -> new ProblemException(409, "Restaking not deployed",
                "the slash scenario needs the restaking layer (devnet.deploy-markets=true)"));
        try {
            return run(() -> slasher.slash(r));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(e.getMessage());
        }
    }

    @POST
    @Path("/scenarios/pause")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Scenario: the LRT's issuer pauses deposits (Renzo RestakeManager.setPaused(true), Kelp LRTDepositPool.pause(), "
            + "ether.fi LiquidityPool.pauseContract(); event Paused(address)) until unpause. Body {\"asset\":\"ezETH\"}")
    public IssuerAdminScenarios.Action pause(String body) {
        String asset = parse(() -> ScenarioRequests.issuerAsset(body));
        return issuerAction(() -> issuerAdmin().pause(asset));
    }

    @POST
    @Path("/scenarios/unpause")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Undo a pause: the issuer resumes deposits (event Unpaused(address)). Body {\"asset\":\"ezETH\"}")
    public IssuerAdminScenarios.Action unpause(String body) {
        String asset = parse(() -> ScenarioRequests.issuerAsset(body));
        return issuerAction(() -> issuerAdmin().unpause(asset));
    }

    @POST
    @Path("/scenarios/oracle-change")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Scenario: the issuer replaces the stETH price oracle it relies on (Kelp LRTOracle.updatePriceOracleFor → "
            + "AssetPriceOracleUpdate, RenzoOracle.setOracleAddress → OracleAddressUpdated); `oracle` optional, a fresh address "
            + "by default. Permanent. Body {\"asset\":\"rsETH\",\"oracle\":\"0x…\"}")
    public IssuerAdminScenarios.Action oracleChange(String body) {
        ScenarioRequests.OracleChange r = parse(() -> ScenarioRequests.oracleChange(body));
        return issuerAction(() -> issuerAdmin().oracleChange(r.asset(), r.oracle()));
    }

    private IssuerAdminScenarios issuerAdmin() {
        return runtime.issuerAdmin().orElseThrow(DevnetResource::notDeployed);
    }

    private static IssuerAdminScenarios.Action issuerAction(ChainCall<IssuerAdminScenarios.Action> call) {
        try {
            return run(call);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(e.getMessage());
        }
    }

    @GET
    @Path("/restaking")
    @Operation(summary = "The restaking layer: operators, AVS operator sets, allocations, the issuers' restaking accounts")
    public io.lrtyield.devnet.deploy.RestakingDeployment restaking() {
        return runtime.slasher().map(SlashSimulator::restaking).orElseThrow(DevnetResource::notDeployed);
    }

    @POST
    @Path("/scenarios/reset")
    @Operation(summary = "Undo every active scenario now")
    public Map<String, Object> reset() {
        return Map.of("undone", run(() -> engine().reset()));
    }

    private ScenarioEngine engine() {
        runtime.simulator().orElseThrow(DevnetResource::notDeployed);
        return runtime.scenarios().orElseThrow(() -> new ProblemException(409, "Markets not deployed",
                "scenarios need the markets (devnet.deploy-markets=true)"));
    }

    private static <T> T parse(java.util.function.Supplier<T> parser) {
        try {
            return parser.get();
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(e.getMessage());
        }
    }

    /** A scenario already active is a conflict; a chain failure is the chain's, not the caller's. */
    private static <T> T run(ChainCall<T> call) {
        try {
            return call.get();
        } catch (IllegalStateException e) {
            throw new ProblemException(409, "Scenario conflict", e.getMessage());
        } catch (IOException e) {
            throw new ProblemException(503, "Chain unavailable", e.getMessage());
        }
    }

    @FunctionalInterface
    private interface ChainCall<T> {
        T get() throws IOException;
    }

    @POST
    @Path("/scenarios/apr")
    @Operation(summary = "Scenario: change the APR a token's rate accrues at (asset symbol; decimal fraction, -1 ≤ apr ≤ 1)")
    public Map<String, Object> setApr(@QueryParam("asset") String asset, @QueryParam("apr") String apr) {
        BigDecimal value;
        try {
            value = apr == null ? null : new BigDecimal(apr);
        } catch (NumberFormatException e) {
            value = null;
        }
        if (asset == null || value == null || value.compareTo(BigDecimal.ONE.negate()) < 0 || value.compareTo(BigDecimal.ONE) > 0) {
            throw ProblemException.badRequest("need asset=<symbol> and apr=<decimal fraction between -1 and 1>, e.g. asset=rETH&apr=0.035");
        }
        var simulator = runtime.simulator().orElseThrow(DevnetResource::notDeployed);
        try {
            simulator.setApr(asset, value);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(e.getMessage());
        }
        return Map.of("aprs", simulator.aprs());
    }

    private static ProblemException notDeployed() {
        return new ProblemException(503, "Devnet not ready", "the replicas are still being deployed");
    }
}
