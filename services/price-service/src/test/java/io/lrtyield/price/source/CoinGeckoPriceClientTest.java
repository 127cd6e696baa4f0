package io.lrtyield.price.source;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.junit.jupiter.api.Assertions.*;

class CoinGeckoPriceClientTest {

    @Test
    void parsesTheSimplePriceAnswerExactly() {
        HttpQuote q = CoinGeckoPriceClient.parse("{\"ethereum\":{\"usd\":3012.45,\"last_updated_at\":1700000000}}", 42);
        assertEquals(new BigDecimal("3012.45"), q.usdPerEth());
        assertEquals(1_700_000_000L, q.lastUpdatedAt());
        assertEquals(42, q.fetchedAtMillis());
    }

    @Test
    void rejectsAnswersWithoutAPositivePrice() {
        assertEquals("no ethereum.usd number in the answer",
                assertThrows(IllegalArgumentException.class, () -> CoinGeckoPriceClient.parse("{\"bitcoin\":{\"usd\":1}}", 0)).getMessage());
        assertEquals("non-positive ETH/USD 0",
                assertThrows(IllegalArgumentException.class, () -> CoinGeckoPriceClient.parse("{\"ethereum\":{\"usd\":0}}", 0)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CoinGeckoPriceClient.parse("<html>", 0)).getMessage()
                .startsWith("malformed JSON"));
    }
}
