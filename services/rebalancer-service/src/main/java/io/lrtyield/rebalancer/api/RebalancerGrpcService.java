package io.lrtyield.rebalancer.api;

import io.lrtyield.common.runtime.GrpcProblems;
import io.lrtyield.common.runtime.ProblemException;
import io.lrtyield.grpc.rebalancer.v1.DecisionList;
import io.lrtyield.grpc.rebalancer.v1.ListDecisionsRequest;
import io.lrtyield.grpc.rebalancer.v1.RebalancerService;
import io.lrtyield.rebalancer.decision.Decision;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Uni;

import java.math.BigDecimal;

/** gRPC face of the decisions API. */
@GrpcService
public class RebalancerGrpcService implements RebalancerService {

    private final DecisionResource rest;

    RebalancerGrpcService(DecisionResource rest) {
        this.rest = rest;
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

    private static String text(BigDecimal v) {
        return v == null ? "" : v.toPlainString();
    }
}
