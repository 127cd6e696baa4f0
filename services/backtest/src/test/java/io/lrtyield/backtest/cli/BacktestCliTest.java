package io.lrtyield.backtest.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad input exits 2 with the reason; a short run prints the table and writes the whole report. */
class BacktestCliTest {

    @TempDir
    Path dir;

    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    int run(String... args) {
        return BacktestCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void unknownOptionScenarioOrSettingExitTwo() {
        assertEquals(2, run("--fast"));
        assertTrue(err.toString().contains("unknown option \"--fast\""), err.toString());
        assertEquals(2, run("--scenario", "moon"));
        assertTrue(err.toString().contains("unknown scenario \"moon\""), err.toString());
        assertEquals(2, run("--seed"));
        assertTrue(err.toString().contains("--seed needs a value"), err.toString());
        assertEquals(2, run("--scenario", "calm-year", "--days", "0.2", "--set", "no-such-setting=1", "--no-report"));
        assertTrue(err.toString().contains("no-such-setting"), err.toString());
    }

    @Test
    void aBadHistoryFileExitsTwoNamingTheLine() throws Exception {
        Path bad = dir.resolve("bad.gz");
        try (var w = new java.util.zip.GZIPOutputStream(Files.newOutputStream(bad))) {
            w.write("# lrt-yield backtest history v1\nname=x\n".getBytes(StandardCharsets.UTF_8));
        }
        assertEquals(2, run("--history", bad.toString(), "--no-report"));
        assertTrue(err.toString().contains("bad history") && err.toString().contains("line 2"), err.toString());
    }

    @Test
    void aShortRunPrintsTheTableAndWritesTheReport() throws Exception {
        Path report = dir.resolve("report");
        Path histories = dir.resolve("histories");
        assertEquals(0, run("--scenario", "oracle-outage", "--days", "1", "--out", report.toString(), "--save-history", histories.toString()));
        String table = out.toString();
        for (String c : new String[]{"idle", "wstETH-100", "lst-basket", "chase-top-apy", "strategy"}) {
            assertTrue(table.contains("oracle-outage       " + c), table);
        }
        assertTrue(table.contains("acceptance (issue 13)"), table);
        for (String f : new String[]{"report.md", "report.html", "summary.json", "oracle-outage-value.png", "oracle-outage-allocation.png",
                "oracle-outage-market.png", "oracle-outage-hf.png"}) {
            assertTrue(Files.size(report.resolve(f)) > 100, f);
        }
        assertTrue(Files.readString(report.resolve("summary.json")).contains("\"contender\" : \"strategy\""));
        Path saved = histories.resolve("oracle-outage-42.history.gz");
        assertTrue(Files.exists(saved));
        out.reset();
        assertEquals(0, run("--history", saved.toString(), "--no-report"));
        assertTrue(out.toString().contains("oracle-outage       strategy"), out.toString());
    }
}
