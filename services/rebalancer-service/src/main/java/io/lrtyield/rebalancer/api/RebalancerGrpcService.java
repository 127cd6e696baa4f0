package io.lrtyield.rebalancer.api;

import io.lrtyield.common.runtime.GrpcProblems;
import io.lrtyield.common.runtime.ProblemException;
import io.lrtyield.common.event.RebalancePlan;
import io.lrtyield.grpc.rebalancer.v1.DecisionList;
import io.lrtyield.grpc.rebalancer.v1.GetPlanRequest;
import io.lrtyield.grpc.rebalancer.v1.GetPortfolioRequest;
import io.lrtyield.grpc.rebalancer.v1.GetRiskRequest;
import io.lrtyield.grpc.rebalancer.v1.GetTargetRequest;
import io.lrtyield.grpc.rebalancer.v1.ListDecisionsRequest;
import io.lrtyield.grpc.rebalancer.v1.ListPlansRequest;
import io.lrtyield.grpc.rebalancer.v1.PlanList;
import io.lrtyield.grpc.rebalancer.v1.MutinyRebalancerServiceGrpc;
import io.lrtyield.grpc.rebalancer.v1.Risk;
import io.lrtyield.grpc.rebalancer.v1.RiskScore;
import io.lrtyield.grpc.rebalancer.v1.StressEntry;
import io.lrtyield.rebalancer.decision.Decision;
import io.lrtyield.rebalancer.plan.StoredPlan;
import io.lrtyield.rebalancer.portfolio.Portfolio;
import io.lrtyield.rebalancer.risk.Incidents;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Uni;

import java.math.BigDecimal;
import java.util.Comparator;

/**
 * gRPC face of the decisions, portfolio, target, plans and risk APIs: it calls the REST resources (same answers and
 * errors). It extends the generated Mutiny base class rather than implementing the generated interface: Quarkus serves
 * an interface implementation only when its generated bean is the single subclass of that base in the index, and the
 * build's test code generation compiles a second copy into test-classes, which left every {@code @QuarkusTest} of this
 * module without a gRPC server (see RiskGrpcTest).
 */
@GrpcService
public class RebalancerGrpcService extends MutinyRebalancerServiceGrpc.RebalancerServiceImplBase {

    private final DecisionResource rest;
    private final PortfolioResource portfolio;
    private final TargetResource target;
    private final PlanResource plans;
    private final RiskResource risk;

    RebalancerGrpcService(DecisionResource rest, PortfolioResource portfolio, TargetResource target, PlanResource plans,
                          RiskResource risk) {
        this.rest = rest;
        this.portfolio = portfolio;
        this.target = target;
        this.plans = plans;
        this.risk = risk;
    }

    @Override
    public Uni<io.lrtyield.grpc.rebalancer.v1.Portfolio> getPortfolio(GetPortfolioRequest request) {
        return Uni.createFrom().item(portfolio::portfolio).map(RebalancerGrpcService::toProto)
                .onFailure(ProblemException.class).transform(GrpcProblems::toStatus);
    }

    @Override
    public Uni<io.lrtyield.grpc.rebalancer.v1.Target> getTarget(GetTargetRequest request) {
        return Uni.createFrom().item(target::target).map(t -> {
            var b = io.lrtyield.grpc.rebalancer.v1.Target.newBuilder().setBlockNumber(t.blockNumber()).setAction(t.action())
                    .setReason(t.reason()).setObjectiveEth(t.objective()).setGainEth(t.gainEth()).setCostEth(t.costEth())
                    .putAllExcluded(t.excluded());
            t.venues().forEach(v -> b.addVenues(io.lrtyield.grpc.rebalancer.v1.VenueContribution.newBuilder().setVenueId(v.venue())
                    .setCurrentEth(v.current()).setTargetEth(v.amount()).setRiskAdjustedYieldEth(v.riskAdjustedYield())
                    .setTransitionCostEth(v.transitionCost()).setContributionEth(v.contribution()).setHeld(v.held())));
            t.binding().forEach(c -> b.addBinding(io.lrtyield.grpc.rebalancer.v1.BindingConstraint.newBuilder().setKind(c.kind().name())
                    .setName(c.name()).setValue(c.value()).setLimit(c.limit()).setShadowPrice(c.shadowPrice())));
            return b.build();
        }).onFailure(ProblemException.class).transform(GrpcProblems::toStatus);
    }

    @Override
    public Uni<PlanList> listPlans(ListPlansRequest request) {
        String limit = request.getLimit() == 0 ? null : String.valueOf(request.getLimit());
        return Uni.createFrom().deferred(() -> plans.plans(limit))
                .map(list -> PlanList.newBuilder().addAllPlans(list.stream().map(RebalancerGrpcService::toProto).toList()).build())
                .onFailure(ProblemException.class).transform(GrpcProblems::toStatus);
    }

    @Override
    public Uni<io.lrtyield.grpc.rebalancer.v1.Plan> getPlan(GetPlanRequest request) {
        return Uni.createFrom().deferred(() -> plans.plan(request.getPlanId())).map(RebalancerGrpcService::toProto)
                .onFailure(ProblemException.class).transform(GrpcProblems::toStatus);
    }

    @Override
    public Uni<Risk> getRisk(GetRiskRequest request) {
        return Uni.createFrom().item(risk::risk).map(RebalancerGrpcService::toProto)
                .onFailure(ProblemException.class).transform(GrpcProblems::toStatus);
    }

    static Risk toProto(RiskResource.RiskView v) {
        var b = Risk.newBuilder().setBlockNumber(v.blockNumber());
        v.healthFactors().forEach((venue, hf) -> b.putHealthFactors(venue, text(hf)));
        v.stress().forEach(r -> b.addStress(StressEntry.newBuilder().setScenario(r.scenario()).setVenueId(r.venueId())
                .setValueBeforeEth(text(r.valueBefore())).setValueAfterEth(text(r.valueAfter())).setLossEth(text(r.loss()))
                .setHealthFactor(text(r.healthFactor()))));
        v.scores().forEach((venue, s) -> b.putScores(venue, RiskScore.newBuilder().setVenueId(s.venueId()).setScore(s.score())
                .addAllParts(s.parts()).build()));
        v.incidents().values().stream().sorted(Comparator.comparing(Incidents.Incident::subject, String.CASE_INSENSITIVE_ORDER))
                .forEach(i -> b.addIncidents(toProto(i)));
        return b.build();
    }

    /** An open incident as its gRPC message (also the answer of the admin incident actions). */
    public static io.lrtyield.grpc.rebalancer.v1.Incident toProto(Incidents.Incident i) {
        return io.lrtyield.grpc.rebalancer.v1.Incident.newBuilder().setSubject(i.subject()).setKind(i.kind())
                .setSeverity(orEmpty(i.severity())).setMessage(orEmpty(i.message())).setBlockNumber(i.blockNumber())
                .setEventId(orEmpty(i.eventId())).setHold(i.hold()).setHeldBy(orEmpty(i.heldBy())).setAlerts(i.alerts()).build();
    }

    static io.lrtyield.grpc.rebalancer.v1.Portfolio toProto(Portfolio p) {
        var b = io.lrtyield.grpc.rebalancer.v1.Portfolio.newBuilder().setVault(p.vault()).setBlockNumber(p.blockNumber())
                .setTotalFundamentalEth(text(p.totalFundamental())).setTotalMarketEth(text(p.totalMarket()))
                .addAllUnavailable(p.unavailable());
        p.positions().forEach(x -> b.addPositions(io.lrtyield.grpc.rebalancer.v1.Position.newBuilder().setVenueId(x.venueId())
                .setValueFundamentalEth(text(x.valueFundamental())).setValueMarketEth(text(x.valueMarket()))
                .setHealthFactor(text(x.healthFactor())).addAllNotes(x.notes())));
        return b.build();
    }

    /** A stored plan as its gRPC message (also the answer of the admin plan actions). */
    public static io.lrtyield.grpc.rebalancer.v1.Plan toProto(StoredPlan stored) {
        RebalancePlan p = stored.plan();
        var b = io.lrtyield.grpc.rebalancer.v1.Plan.newBuilder().setPlanId(p.planId()).setVault(p.vault()).setStatus(p.status())
                .setReason(p.reason() == null ? "" : p.reason()).setExpectedGainEth(text(p.expectedGainEth())).setCostEth(text(p.costEth()))
                .setBlockNumber(p.provenance() == null ? 0 : p.provenance().blockNumber()).addAllHistory(stored.history());
        p.actions().forEach(a -> b.addActions(io.lrtyield.grpc.rebalancer.v1.PlanAction.newBuilder().setIndex(a.index())
                .setVenueId(a.venueId()).setKind(a.kind()).setTarget(a.target()).setCalldata(a.calldata())
                .setValueWei(a.valueWei() == null ? "0" : a.valueWei().toString()).setExpectedOut(text(a.expectedOut()))
                .setMinOut(text(a.minOut())).setSignature(a.signature() == null ? "" : a.signature())));
        stored.steps().forEach(s -> b.addSteps(io.lrtyield.grpc.rebalancer.v1.PlanStep.newBuilder().setIndex(s.index())
                .setSource(s.source()).setWithdrawnWei(s.withdrawnWei().toString()).setRepaidWei(s.repaidWei().toString())
                .setHfAfterWithdraw(text(s.hfAfterWithdraw())).setHfAfter(text(s.hfAfter()))));
        return b.build();
    }

    @Override
    public Uni<DecisionList> listDecisions(ListDecisionsRequest request) {
        String limit = request.getLimit() == 0 ? null : String.valueOf(request.getLimit());
        return Uni.createFrom().deferred(() -> rest.decisions(limit))
                .map(list -> DecisionList.newBuilder().addAllDecisions(list.stream().map(RebalancerGrpcService::toProto).toList()).build())
                .onFailure(ProblemException.class).transform(GrpcProblems::toStatus);
    }

    static io.lrtyield.grpc.rebalancer.v1.Decision toProto(Decision d) {
        return io.lrtyield.grpc.rebalancer.v1.Decision.newBuilder()
                .setVault(d.vault())
                .setAction(d.action())
                .setCurrentVenue(d.currentVenue())
                .setBestVenue(d.bestVenue() == null ? "" : d.bestVenue())
                .setBestNetApy(text(d.bestNetApy()))
                .setCurrentNetApy(text(d.currentNetApy()))
                .setGainBps(text(d.gainBps()))
                .setReason(d.reason())
                .setBlockNumber(d.blockNumber())
                .setQuoteEventId(d.quoteEventId())
                .setDecidedAtMs(d.decidedAtMillis())
                .build();
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    private static String text(BigDecimal v) {
        return v == null ? "" : v.toPlainString();
    }
}
