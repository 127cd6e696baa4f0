package io.lrtyield.backtest.history;

import io.lrtyield.backtest.scenario.Scenario;
import io.lrtyield.backtest.scenario.ScenarioGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The history file round-trips exactly, and every kind of bad file is refused with its line and block. */
class HistoryFileTest {

    @TempDir
    Path dir;

    final MarketHistory history = ScenarioGenerator.generate(Scenario.LRT_DEPEG, 3, 0.5);

    @Test
    void roundTripIsExact() throws IOException {
        Path f = dir.resolve("h.history.gz");
        HistoryFile.write(history, f);
        MarketHistory back = HistoryFile.read(f);
        assertEquals(history.header(), back.header());
        assertEquals(history.samples().size(), back.samples().size());
        for (int i = 0; i < history.samples().size(); i++) {
            MarketSample a = history.samples().get(i);
            MarketSample b = back.samples().get(i);
            assertEquals(a.block(), b.block());
            assertEquals(a.gasPriceGwei(), b.gasPriceGwei());
            assertEquals(a.borrowApr(), b.borrowApr());
            assertArrayEquals(a.rate(), b.rate());
            assertArrayEquals(a.market(), b.market());
            assertArrayEquals(a.depth(), b.depth());
            assertArrayEquals(a.stakingApr(), b.stakingApr());
            assertArrayEquals(a.status(), b.status());
        }
        assertTrue(Files.list(dir).noneMatch(p -> p.getFileName().toString().endsWith(".part")), "no temporary file left");
    }

    @Test
    void aMissingSampleIsAGapNamingLineAndBlock() throws IOException {
        // line 16 = the 2nd data row (magic and 12 header lines, columns on 14, the first sample on 15)
        Path f = rewrite(lines -> remove(lines, 16));
        long missing = history.header().blockOf(1);
        long found = history.header().blockOf(2);
        HistoryFormatException e = assertThrows(HistoryFormatException.class, () -> HistoryFile.read(f));
        assertTrue(e.getMessage().contains("line 16 (block " + found + "): gap: expected block " + missing), e.getMessage());
    }

    @Test
    void aCutOffFileIsTruncated() throws IOException {
        Path good = dir.resolve("good.gz");
        HistoryFile.write(history, good);
        byte[] bytes = Files.readAllBytes(good);
        Path cut = dir.resolve("cut.gz");
        Files.write(cut, Arrays.copyOf(bytes, bytes.length * 2 / 3));
        HistoryFormatException e = assertThrows(HistoryFormatException.class, () -> HistoryFile.read(cut));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        assertTrue(e.getMessage().matches(".*line \\d+.*"), e.getMessage());
    }

    @Test
    void aFileWithoutItsTrailerIsTruncatedAfterTheLastSample() throws IOException {
        Path f = rewrite(lines -> lines.subList(0, lines.size() - 4));
        HistoryFormatException e = assertThrows(HistoryFormatException.class, () -> HistoryFile.read(f));
        assertTrue(e.getMessage().contains("truncated after " + (history.samples().size() - 3) + " of " + history.samples().size()), e.getMessage());
    }

    @Test
    void aCorruptNumberNamesItsLineBlockAndColumn() throws IOException {
        Path f = rewrite(lines -> {
            String row = lines.get(16);
            lines.set(16, row.replaceFirst(",OK,", ",OK,1.2.3").replaceFirst("1\\.2\\.3[^,]*,", "1.2.3,"));
            return lines;
        });
        HistoryFormatException e = assertThrows(HistoryFormatException.class, () -> HistoryFile.read(f));
        assertTrue(e.getMessage().contains("line 17 (block " + history.header().blockOf(2) + ")"), e.getMessage());
        assertTrue(e.getMessage().contains("wstETH.rate is not a decimal"), e.getMessage());
    }

    @Test
    void anUnknownStatusAndAWrongWidthAreRefused() throws IOException {
        Path status = rewrite(lines -> {
            lines.set(14, lines.get(14).replaceFirst(",OK", ",FINE"));
            return lines;
        });
        assertTrue(assertThrows(HistoryFormatException.class, () -> HistoryFile.read(status)).getMessage().contains("FINE"));
        Path width = rewrite(lines -> {
            lines.set(14, lines.get(14) + ",1");
            return lines;
        });
        assertTrue(assertThrows(HistoryFormatException.class, () -> HistoryFile.read(width)).getMessage().contains("fields"));
    }

    @Test
    void notAHistoryOrNotGzipIsSaidSo() throws IOException {
        Path plain = dir.resolve("plain.csv");
        Files.writeString(plain, "block,timestamp\n");
        assertTrue(assertThrows(HistoryFormatException.class, () -> HistoryFile.read(plain)).getMessage().contains("not a gzip"));
        Path other = rewrite(lines -> List.of("hello", "world"));
        assertTrue(assertThrows(HistoryFormatException.class, () -> HistoryFile.read(other)).getMessage().contains("line 1"));
        assertTrue(assertThrows(HistoryFormatException.class, () -> HistoryFile.read(dir.resolve("absent.gz"))).getMessage().contains("no such file"));
    }

    /** The history written, its lines edited, written back gzip'd. */
    private Path rewrite(UnaryOperator<List<String>> edit) throws IOException {
        Path good = dir.resolve("src.gz");
        HistoryFile.write(history, good);
        String text;
        try (var in = new GZIPInputStream(Files.newInputStream(good))) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<String> lines = edit.apply(new ArrayList<>(List.of(text.split("\n"))));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Writer w = new OutputStreamWriter(new GZIPOutputStream(bytes), StandardCharsets.UTF_8)) {
            w.write(String.join("\n", lines) + "\n");
        }
        Path f = Files.createTempFile(dir, "edited", ".gz");
        Files.write(f, bytes.toByteArray());
        return f;
    }

    private static List<String> remove(List<String> lines, int lineNumber) {
        lines.remove(lineNumber - 1);
        return lines;
    }
}
