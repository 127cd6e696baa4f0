package io.lrtyield.price.api;

import io.lrtyield.common.event.PriceTick;
import io.lrtyield.grpc.price.v1.GetPriceRequest;
import io.lrtyield.grpc.price.v1.ListPricesRequest;
import io.lrtyield.grpc.price.v1.Price;
import io.lrtyield.grpc.price.v1.PriceList;
import io.lrtyield.grpc.price.v1.PriceService;
import io.lrtyield.common.runtime.GrpcProblems;
import io.lrtyield.common.runtime.ProblemException;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import java.math.BigDecimal;

/** gRPC face of the price API; REST problems map to gRPC status codes. */
@GrpcService
public class PriceGrpcService implements PriceService {

    private final PriceResource rest;

    PriceGrpcService(PriceResource rest) {
        this.rest = rest;
    }

    @Override
    public Uni<Price> getPrice(GetPriceRequest request) {
        return Uni.createFrom().deferred(() -> rest.one(request.getAsset())).map(PriceGrpcService::toProto)
                .onFailure(ProblemException.class).transform(GrpcProblems::toStatus);
    }

    @Override
    public Uni<PriceList> listPrices(ListPricesRequest request) {
        return Uni.createFrom().deferred(rest::all)
                .map(ticks -> PriceList.newBuilder().addAllPrices(ticks.stream().map(PriceGrpcService::toProto).toList()).build())
                .onFailure(ProblemException.class).transform(GrpcProblems::toStatus);
    }

    @Override
    public Multi<Price> streamPrices(ListPricesRequest request) {
        return rest.stream().map(PriceGrpcService::toProto);
    }

    static Price toProto(PriceTick t) {
        return Price.newBuilder()
                .setAsset(t.asset())
                .setMarketPriceEth(text(t.marketPriceEth()))
                .setPriceUsd(text(t.priceUsd()))
                .setFundamentalRate(text(t.fundamentalRate()))
                .setDiscountBps(text(t.discountBps()))
                .setStatus(t.status().name())
                .addAllReasons(t.reasons())
                .setBlockNumber(t.provenance().blockNumber())
                .setBlockHash(t.provenance().blockHash())
                .setBlockTimestamp(t.provenance().blockTimestamp())
                .setEventId(t.eventId())
                .setConfidence(text(t.confidence()))
                .addAllSources(t.sources().stream().map(s -> io.lrtyield.grpc.price.v1.Source.newBuilder()
                        .setId(s.source()).setKind(s.kind()).setValue(text(s.value())).setStatus(s.status())
                        .setDetail(s.detail() == null ? "" : s.detail()).setWeight(s.weight()).build()).toList())
                .build();
    }

    private static String text(BigDecimal value) {
        return value == null ? "" : value.toPlainString();
    }

}
