package io.lrtyield.yield.api;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.lrtyield.common.catalogue.Catalogue;
import io.lrtyield.common.event.SizePoint;
import io.lrtyield.common.event.YieldQuote;
import io.lrtyield.common.runtime.FixedCatalogueProvider;
import io.lrtyield.grpc.yield.v1.GetYieldRequest;
import io.lrtyield.grpc.yield.v1.ListYieldsRequest;
import io.lrtyield.grpc.yield.v1.Yield;
import io.lrtyield.yield.store.InMemoryQuoteStore;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The gRPC service answers from the REST resource's code path: same quotes, same size interpolation, same errors. */
class YieldGrpcServiceTest {

    static final Duration WAIT = Duration.ofSeconds(5);
    static final List<SizePoint> PT_CURVE = List.of(new SizePoint(new BigDecimal("10"), new BigDecimal("0.034")),
            new SizePoint(new BigDecimal("100"), new BigDecimal("0.030")), new SizePoint(new BigDecimal("1000"), new BigDecimal("0.010")));

    final Catalogue catalogue = YieldViewsTest.CATALOGUE;
    final YieldResource rest = new YieldResource(new InMemoryQuoteStore(List.of(
            YieldViewsTest.quote("aave-wsteth-loop", "0.051", YieldViewsTest.CURVE, Map.of()),
            YieldViewsTest.quote("lido-wsteth", "0.035", PT_CURVE, Map.of()))), new FixedCatalogueProvider(catalogue), null, null);
    final YieldGrpcService grpc = new YieldGrpcService(rest);

    @Test
    void listAtASizeIsRestsListAtThatSize() {
        List<Yield> got = grpc.listYields(ListYieldsRequest.newBuilder().setSize("550").build()).await().atMost(WAIT).getYieldsList();
        List<YieldQuote> expected = rest.all(null, null, null, null, null, "550").await().atMost(WAIT);
        assertEquals(expected.stream().map(YieldGrpcService::toProto).toList(), got);
        // 550 ETH: halfway between 100 and 1,000 on each curve — loop 0.04 → 0.02, the other 0.030 → 0.010
        assertEquals(List.of("aave-wsteth-loop", "lido-wsteth"), got.stream().map(Yield::getVenueId).toList());
        assertEquals(0, new BigDecimal("0.03").compareTo(new BigDecimal(got.get(0).getNetApy())));
        assertEquals(0, new BigDecimal("0.02").compareTo(new BigDecimal(got.get(1).getNetApy())));
        // no size: the headline figures, as REST
        List<Yield> headline = grpc.listYields(ListYieldsRequest.getDefaultInstance()).await().atMost(WAIT).getYieldsList();
        assertEquals(List.of("0.051", "0.035"), headline.stream().map(Yield::getNetApy).toList());
        // past every curve: both left out
        assertEquals(List.of(), grpc.listYields(ListYieldsRequest.newBuilder().setSize("5000").build()).await().atMost(WAIT).getYieldsList());
    }

    @Test
    void getAtASizeIsRestsGetAtThatSize() {
        Yield got = grpc.getYield(GetYieldRequest.newBuilder().setVenueId("lido-wsteth").setSize("10").build()).await().atMost(WAIT);
        assertEquals(YieldGrpcService.toProto(rest.one("lido-wsteth", "10").await().atMost(WAIT)), got);
        assertEquals(0, new BigDecimal("0.034").compareTo(new BigDecimal(got.getNetApy())));
        assertEquals("0.035", grpc.getYield(GetYieldRequest.newBuilder().setVenueId("lido-wsteth").build()).await().atMost(WAIT).getNetApy());
    }

    @Test
    void theSizeCurveCarriesEachPointsExitRoute() {
        Yield got = grpc.getYield(GetYieldRequest.newBuilder().setVenueId("lido-wsteth").build()).await().atMost(WAIT);
        assertEquals(List.of("10", "100", "1000"), got.getSizeCurveList().stream().map(io.lrtyield.grpc.yield.v1.SizePoint::getSizeEth).toList());
        assertEquals("0.010", got.getSizeCurve(2).getNetApy());
        var queued = YieldGrpcService.toProto(new SizePoint(new BigDecimal("10000"), new BigDecimal("0.0296"),
                new io.lrtyield.common.exit.ExitRoute(io.lrtyield.common.exit.ExitRoute.Kind.QUEUE, BigDecimal.ZERO, new BigDecimal("5"),
                        new BigDecimal("0.00293"))));
        assertEquals("QUEUE", queued.getExit().getKind());
        assertEquals("5", queued.getExit().getDelayDays());
        assertEquals("0.00293", queued.getExit().getApyCost());
        assertEquals("0", queued.getExit().getCostFraction());
        assertEquals(false, got.getSizeCurve(0).hasExit(), "no exit priced on that point");
    }

    @Test
    void badSizesAreStatusCodesNotStackTraces() {
        assertEquals(Status.Code.INVALID_ARGUMENT, code(() -> grpc.listYields(ListYieldsRequest.newBuilder().setSize("ten").build()).await().atMost(WAIT)));
        assertEquals(Status.Code.INVALID_ARGUMENT, code(() -> grpc.getYield(GetYieldRequest.newBuilder().setVenueId("lido-wsteth").setSize("-1").build())
                .await().atMost(WAIT)));
        assertEquals(Status.Code.FAILED_PRECONDITION, code(() -> grpc.getYield(GetYieldRequest.newBuilder().setVenueId("lido-wsteth").setSize("5000").build())
                .await().atMost(WAIT)));
        assertEquals(Status.Code.NOT_FOUND, code(() -> grpc.getYield(GetYieldRequest.newBuilder().setVenueId("nope").setSize("1").build()).await().atMost(WAIT)));
    }

    private static Status.Code code(Runnable call) {
        return assertThrows(StatusRuntimeException.class, call::run).getStatus().getCode();
    }
}
