package io.lrtyield.backtest.history;

import io.lrtyield.backtest.report.AtomicFiles;
import io.lrtyield.common.event.PriceStatus;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;

/**
 * The history file: gzip'd text, a {@code key=value} header, one CSV row per sample with exact decimals, and an
 * {@code end=<samples>} trailer so that a cut-off file is told from a short one. Reading validates everything —
 * header keys, column count, numbers, statuses, the block and timestamp of every row (a missing sample is a gap) —
 * and names the line and block of the first problem.
 */
public final class HistoryFile {

    static final String MAGIC = "# lrt-yield backtest history v1";
    private static final String[] FIELDS = {"rate", "market", "depth", "apr", "status"};
    private static final String GLOBALS = "block,timestamp,gas_gwei,borrow_apr,supply_apr,weth_available";

    private HistoryFile() {
    }

    /** Writes atomically: the file appears complete or not at all. */
    public static void write(MarketHistory h, Path file) {
        AtomicFiles.write(file, out -> {
            try (Writer w = new BufferedWriter(new OutputStreamWriter(new GZIPOutputStream(out), StandardCharsets.UTF_8), 1 << 16)) {
                write(h, w);
            }
        });
    }

    static void write(MarketHistory h, Writer w) throws IOException {
        HistoryHeader hd = h.header();
        w.write(MAGIC + "\n");
        for (Map.Entry<String, String> e : headerFields(hd).entrySet()) {
            w.write(e.getKey() + "=" + e.getValue() + "\n");
        }
        w.write("columns=" + columns(hd.assets()) + "\n");
        StringBuilder sb = new StringBuilder(512);
        for (MarketSample s : h.samples()) {
            sb.setLength(0);
            sb.append(s.block()).append(',').append(s.timestamp()).append(',').append(Fixed.format(s.gasPriceGwei())).append(',')
                    .append(Fixed.format(s.borrowApr())).append(',').append(Fixed.format(s.supplyApr())).append(',')
                    .append(Fixed.format(s.wethAvailable()));
            for (int a = 0; a < hd.assets().size(); a++) {
                sb.append(',').append(Fixed.format(s.rate()[a])).append(',').append(Fixed.format(s.market()[a])).append(',')
                        .append(Fixed.format(s.depth()[a])).append(',').append(Fixed.format(s.stakingApr()[a])).append(',')
                        .append(s.status()[a].name());
            }
            w.write(sb.append('\n').toString());
        }
        w.write("end=" + h.samples().size() + "\n");
    }

    private static Map<String, String> headerFields(HistoryHeader hd) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("name", hd.name());
        m.put("seed", String.valueOf(hd.seed()));
        m.put("start-block", String.valueOf(hd.startBlock()));
        m.put("start-timestamp", String.valueOf(hd.startTimestamp()));
        m.put("block-seconds", String.valueOf(hd.blockSeconds()));
        m.put("sample-every-blocks", String.valueOf(hd.sampleEveryBlocks()));
        m.put("samples", String.valueOf(hd.samples()));
        m.put("lending-oracle", hd.lendingOracle());
        m.put("liquidation-bonus", hd.liquidationBonus().toPlainString());
        m.put("dex-fee-bps", hd.dexFeeBps().toPlainString());
        m.put("assets", String.join(",", hd.assets()));
        m.put("description", hd.description().replace('\n', ' '));
        return m;
    }

    static String columns(List<String> assets) {
        StringBuilder sb = new StringBuilder(GLOBALS);
        for (String a : assets) {
            for (String f : FIELDS) {
                sb.append(',').append(a).append('.').append(f);
            }
        }
        return sb.toString();
    }

    public static MarketHistory read(Path file) {
        String name = file.toString();
        if (!Files.isRegularFile(file)) {
            throw new HistoryFormatException(name, 0, null, "no such file");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return read(name, new BufferedReader(new InputStreamReader(new GZIPInputStream(in, 1 << 16), StandardCharsets.UTF_8), 1 << 16));
        } catch (ZipException e) {
            throw new HistoryFormatException(name, "not a gzip'd history (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new UncheckedIOException(name + ": " + e.getMessage(), e);
        }
    }

    static MarketHistory read(String name, BufferedReader r) throws IOException {
        LineReader in = new LineReader(name, r);
        String first = in.next();
        if (!MAGIC.equals(first)) {
            throw new HistoryFormatException(name, in.line, null, "not a backtest history (first line must be \"" + MAGIC + "\")");
        }
        Map<String, String> kv = new LinkedHashMap<>();
        String line;
        while ((line = in.next()) != null && !line.startsWith("columns=")) {
            int eq = line.indexOf('=');
            if (eq < 1) {
                throw new HistoryFormatException(name, in.line, null, "expected key=value in the header, got \"" + abbreviate(line) + "\"");
            }
            kv.put(line.substring(0, eq), line.substring(eq + 1));
        }
        if (line == null) {
            throw new HistoryFormatException(name, in.line, null, "truncated: the header has no columns= line");
        }
        HistoryHeader hd = header(name, in.line, kv);
        String expected = columns(hd.assets());
        if (!line.substring("columns=".length()).equals(expected)) {
            throw new HistoryFormatException(name, in.line, null, "columns do not match the assets: expected " + expected);
        }
        int width = expected.split(",").length;
        int n = hd.assets().size();
        List<MarketSample> samples = new ArrayList<>(hd.samples());
        while (true) {
            line = in.next();
            if (line == null) {
                throw new HistoryFormatException(name, in.line, hd.blockOf(Math.min(samples.size(), hd.samples() - 1)),
                        "truncated after " + samples.size() + " of " + hd.samples() + " samples (no end= trailer)");
            }
            if (line.startsWith("end=")) {
                break;
            }
            long expectedBlock = hd.blockOf(samples.size());
            if (samples.size() >= hd.samples()) {
                throw new HistoryFormatException(name, in.line, expectedBlock, "more samples than the header's " + hd.samples());
            }
            String[] f = line.split(",", -1);
            Long block = parseBlock(f[0]);
            if (f.length != width) {
                throw new HistoryFormatException(name, in.line, block, "expected " + width + " fields, got " + f.length);
            }
            if (block == null) {
                throw new HistoryFormatException(name, in.line, null, "block is not a number: \"" + abbreviate(f[0]) + "\"");
            }
            if (block != expectedBlock) {
                throw new HistoryFormatException(name, in.line, block, block > expectedBlock
                        ? "gap: expected block " + expectedBlock + " (samples every " + hd.sampleEveryBlocks() + " blocks), missing "
                        + ((block - expectedBlock) / hd.sampleEveryBlocks()) + " sample(s)"
                        : "out of order: expected block " + expectedBlock);
            }
            try {
                long ts = Long.parseLong(f[1].trim());
                if (ts != hd.timestampOf(block)) {
                    throw new IllegalArgumentException("timestamp " + ts + " is not start + " + hd.blockSeconds() + " s per block ("
                            + hd.timestampOf(block) + ")");
                }
                long[] rate = new long[n];
                long[] market = new long[n];
                long[] depth = new long[n];
                long[] apr = new long[n];
                PriceStatus[] status = new PriceStatus[n];
                for (int a = 0; a < n; a++) {
                    int c = 6 + a * FIELDS.length;
                    rate[a] = positive(f[c], hd.assets().get(a) + ".rate");
                    market[a] = positive(f[c + 1], hd.assets().get(a) + ".market");
                    depth[a] = nonNegative(f[c + 2], hd.assets().get(a) + ".depth");
                    apr[a] = Fixed.parse(f[c + 3]);
                    status[a] = status(f[c + 4], hd.assets().get(a));
                }
                samples.add(new MarketSample(block, ts, nonNegative(f[2], "gas_gwei"), Fixed.parse(f[3]), Fixed.parse(f[4]),
                        nonNegative(f[5], "weth_available"), rate, market, depth, apr, status));
            } catch (RuntimeException e) {
                throw new HistoryFormatException(name, in.line, block, e.getMessage());
            }
        }
        if (!line.equals("end=" + samples.size()) || samples.size() != hd.samples()) {
            throw new HistoryFormatException(name, in.line, null, "trailer " + line + " does not match " + samples.size()
                    + " samples read of " + hd.samples() + " announced");
        }
        if (in.next() != null) {
            throw new HistoryFormatException(name, in.line, null, "data after the end= trailer");
        }
        return new MarketHistory(hd, samples);
    }

    private static HistoryHeader header(String name, long line, Map<String, String> kv) {
        try {
            return new HistoryHeader(required(kv, "name"), Long.parseLong(required(kv, "seed")), Long.parseLong(required(kv, "start-block")),
                    Long.parseLong(required(kv, "start-timestamp")), Integer.parseInt(required(kv, "block-seconds")),
                    Integer.parseInt(required(kv, "sample-every-blocks")), Integer.parseInt(required(kv, "samples")),
                    required(kv, "lending-oracle"), new BigDecimal(required(kv, "liquidation-bonus")),
                    new BigDecimal(required(kv, "dex-fee-bps")), Arrays.asList(required(kv, "assets").split(",")),
                    kv.getOrDefault("description", ""));
        } catch (RuntimeException e) {
            throw new HistoryFormatException(name, line, null, "bad header: " + e.getMessage());
        }
    }

    private static String required(Map<String, String> kv, String key) {
        String v = kv.get(key);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("missing " + key);
        }
        return v.trim();
    }

    private static Long parseBlock(String s) {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static long positive(String s, String what) {
        long v = number(s, what);
        if (v <= 0) {
            throw new IllegalArgumentException(what + " must be positive, got " + s);
        }
        return v;
    }

    private static long nonNegative(String s, String what) {
        long v = number(s, what);
        if (v < 0) {
            throw new IllegalArgumentException(what + " must not be negative, got " + s);
        }
        return v;
    }

    private static long number(String s, String what) {
        try {
            return Fixed.parse(s);
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException(what + " is not a decimal with at most 12 places: \"" + abbreviate(s) + "\"");
        }
    }

    private static PriceStatus status(String s, String asset) {
        try {
            return PriceStatus.valueOf(s.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(asset + ".status must be one of " + Arrays.toString(PriceStatus.values()) + ", got \""
                    + abbreviate(s) + "\"");
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }

    /** Counts lines and turns a cut-off gzip stream into "truncated" at the line it stopped. */
    private static final class LineReader {
        private final String name;
        private final BufferedReader r;
        long line;

        LineReader(String name, BufferedReader r) {
            this.name = name;
            this.r = r;
        }

        String next() throws IOException {
            try {
                String s = r.readLine();
                if (s != null) {
                    line++;
                }
                return s;
            } catch (EOFException e) {
                throw new HistoryFormatException(name, line + 1, null, "truncated: the compressed stream ends inside line " + (line + 1));
            } catch (ZipException e) {
                throw new HistoryFormatException(name, line + 1, null, "corrupt compressed data at line " + (line + 1) + " (" + e.getMessage() + ")");
            }
        }
    }
}
