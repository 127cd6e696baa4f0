package io.lrtyield.devnet.api;

import io.lrtyield.common.codec.EventCodec;
import io.lrtyield.devnet.simulator.EthUsdWalk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SimplePriceTest {

    private static final EthUsdWalk.Quote QUOTE = new EthUsdWalk.Quote(new BigDecimal("3012.45"), Instant.ofEpochSecond(1_764_090_000L));

    @Test
    void coinGeckosShape() throws Exception {
        assertEquals("{\"ethereum\":{\"usd\":3012.45}}", json("ethereum", "usd", null));
        assertEquals("{\"ethereum\":{\"usd\":3012.45,\"last_updated_at\":1764090000}}", json("ethereum", "usd", "true"));
        assertEquals("{\"ethereum\":{\"usd\":3012.45}}", json("ethereum", "usd", "false"));
    }

    @Test
    void severalIdsAndCurrenciesInTheOrderAskedUnknownOnesLeftOut() throws Exception {
        assertEquals("{\"weth\":{\"eth\":1,\"usd\":3012.45},\"ethereum\":{\"eth\":1,\"usd\":3012.45}}",
                json(" WETH, bitcoin ,ethereum,weth", "eth,USD,eur", null));
        assertEquals("{}", json("bitcoin", "usd", null));
        assertEquals("{\"ethereum\":{}}", json("ethereum", "eur", null));
    }

    @Test
    void aWholePriceIsAPlainNumber() throws Exception {
        var quote = new EthUsdWalk.Quote(new BigDecimal("2500"), Instant.EPOCH);
        assertEquals("{\"ethereum\":{\"usd\":2500}}",
                EventCodec.mapper().writeValueAsString(SimplePrice.parse("ethereum", "usd", null).answer(quote)));
    }

    @Test
    void parsedOnce() {
        assertEquals(new SimplePrice(List.of("ethereum", "weth"), List.of("usd"), true),
                SimplePrice.parse("ethereum,,weth,ethereum", "usd", "TRUE"));
    }

    @ParameterizedTest
    @CsvSource(value = {"NULL,usd,NULL", "'',usd,NULL", "' , ',usd,NULL", "ethereum,NULL,NULL", "ethereum,'',NULL", "ethereum,usd,yes"},
            nullValues = "NULL")
    void missingIdsOrCurrenciesOrABadFlagAreRejected(String ids, String vs, String flag) {
        assertThrows(IllegalArgumentException.class, () -> SimplePrice.parse(ids, vs, flag));
    }

    private static String json(String ids, String vs, String flag) throws Exception {
        return EventCodec.mapper().writeValueAsString(SimplePrice.parse(ids, vs, flag).answer(QUOTE));
    }
}
