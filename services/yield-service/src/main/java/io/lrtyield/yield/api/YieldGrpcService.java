package io.lrtyield.yield.api;

import io.lrtyield.common.event.SizePoint;
import io.lrtyield.common.event.YieldQuote;
import io.lrtyield.common.exit.ExitRoute;
import io.lrtyield.common.runtime.GrpcProblems;
import io.lrtyield.common.runtime.ProblemException;
import io.lrtyield.grpc.yield.v1.GetYieldRequest;
import io.lrtyield.grpc.yield.v1.ListYieldsRequest;
import io.lrtyield.grpc.yield.v1.Window;
import io.lrtyield.grpc.yield.v1.Yield;
import io.lrtyield.grpc.yield.v1.YieldList;
import io.lrtyield.grpc.yield.v1.YieldService;
import io.grpc.Status;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Uni;

/** gRPC face of the yield API: the REST resource's own code path (filters, size, problems → gRPC status). */
@GrpcService
public class YieldGrpcService implements YieldService {

    private final YieldResource rest;

    YieldGrpcService(YieldResource rest) {
        this.rest = rest;
    }

    @Override
    public Uni<Yield> getYield(GetYieldRequest request) {
        return Uni.createFrom().deferred(() -> rest.one(request.getVenueId(), blankToNull(request.getSize()))).map(YieldGrpcService::toProto)
                .onFailure(ProblemException.class).transform(YieldGrpcService::toStatus);
    }

    @Override
    public Uni<YieldList> listYields(ListYieldsRequest request) {
        return Uni.createFrom().deferred(() -> rest.all(blankToNull(request.getKind()), blankToNull(request.getAsset()), null, null, null,
                        blankToNull(request.getSize())))
                .map(list -> YieldList.newBuilder().addAllYields(list.stream().map(YieldGrpcService::toProto).toList()).build())
                .onFailure(ProblemException.class).transform(YieldGrpcService::toStatus);
    }

    static Yield toProto(YieldQuote q) {
        return Yield.newBuilder()
                .setVenueId(q.venueId())
                .setVenueKind(q.venueKind())
                .setAsset(q.asset())
                .setNetApy(q.netApy().toPlainString())
                .setBasis(q.basis())
                .addAllWindows(q.windows().stream().map(w -> Window.newBuilder().setWindow(w.window())
                        .setApr(w.apr().toPlainString()).setApy(w.apy().toPlainString()).setComplete(w.complete())
                        .setStartBlock(w.start().blockNumber()).setEndBlock(w.end().blockNumber()).build()).toList())
                .setSamples(q.samples())
                .addAllFlags(q.flags())
                .setBlockNumber(q.provenance().blockNumber())
                .setEventId(q.eventId())
                .addAllSizeCurve(q.sizeCurve().stream().map(YieldGrpcService::toProto).toList())
                .addAllComponents(q.components().stream().map(c -> io.lrtyield.grpc.yield.v1.Component.newBuilder().setName(c.name())
                        .setApy(c.apy().toPlainString()).setSource(c.source() == null ? "" : c.source()).build()).toList())
                .putAllRisk(q.risk())
                .build();
    }

    static io.lrtyield.grpc.yield.v1.SizePoint toProto(SizePoint p) {
        var b = io.lrtyield.grpc.yield.v1.SizePoint.newBuilder().setSizeEth(p.sizeEth().toPlainString()).setNetApy(p.netApy().toPlainString());
        ExitRoute e = p.exit();
        if (e != null) {
            b.setExit(io.lrtyield.grpc.yield.v1.ExitRoute.newBuilder().setKind(e.kind().name())
                    .setCostFraction(e.costFraction().toPlainString()).setDelayDays(e.delayDays().toPlainString())
                    .setApyCost(e.apyCost().toPlainString()));
        }
        return b.build();
    }

    /** As {@link GrpcProblems#toStatus}, and REST's 422 (a size beyond the venue's curve) as FAILED_PRECONDITION. */
    static Throwable toStatus(Throwable e) {
        if (e instanceof ProblemException p && p.status() == 422) {
            return Status.FAILED_PRECONDITION.withDescription(p.getMessage()).asRuntimeException();
        }
        return GrpcProblems.toStatus(e);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

}
