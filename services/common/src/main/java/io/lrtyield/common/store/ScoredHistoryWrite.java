package io.lrtyield.common.store;

import java.util.ArrayList;
import java.util.List;

/**
 * One Redis round trip for what the stores wrote as a MULTI of chained commands (about four round trips per entry on
 * the hot path: each queued command waited for its QUEUED reply). A Lua script is atomic like the MULTI it replaces:
 * for each entry, the history's element at the entry's score is replaced, the history trimmed, and the entry set as
 * the latest value; then an optional marker key is set (the price service's resume point, written with the ticks it
 * vouches for). Framework-free: it builds the {@code EVAL} arguments; each store runs them on its own client.
 */
public final class ScoredHistoryWrite {

    /** How a history is bounded. */
    public enum Trim {
        /** Keep the newest {@code keep} elements. */
        RANK,
        /** Drop elements whose score is at or below (the entry's score − {@code keep}). */
        SCORE
    }

    /** One element: its history key, its latest-value key (null: none), score and value. */
    public record Entry(String historyKey, String latestKey, double score, String value) {
    }

    static final String SCRIPT = """
            -- KEYS: history_1, latest_1, ..., history_n, latest_n, marker
            -- ARGV: trim ('RANK'|'SCORE'), keep, marker value ('' = none), score_1, value_1, has_latest_1, ...
            local n = (#ARGV - 3) / 3
            for i = 1, n do
              local h, l = KEYS[2 * i - 1], KEYS[2 * i]
              local score, value, hasLatest = ARGV[3 * i + 1], ARGV[3 * i + 2], ARGV[3 * i + 3]
              redis.call('ZREMRANGEBYSCORE', h, score, score)
              redis.call('ZADD', h, score, value)
              if ARGV[1] == 'RANK' then
                redis.call('ZREMRANGEBYRANK', h, 0, -tonumber(ARGV[2]) - 1)
              else
                redis.call('ZREMRANGEBYSCORE', h, '-inf', string.format('%.17g', tonumber(score) - tonumber(ARGV[2])))
              end
              if hasLatest == '1' then
                redis.call('SET', l, value)
              end
            end
            if ARGV[3] ~= '' then
              redis.call('SET', KEYS[2 * n + 1], ARGV[3])
            end
            return n
            """;

    private ScoredHistoryWrite() {
    }

    /**
     * The {@code EVAL} arguments (script, key count, keys, args) writing the entries in order, then {@code markerKey}
     * = {@code markerValue} when both are given.
     */
    public static String[] evalArgs(List<Entry> entries, Trim trim, long keep, String markerKey, String markerValue) {
        List<String> keys = new ArrayList<>();
        List<String> args = new ArrayList<>(List.of(trim.name(), Long.toString(keep), markerValue == null ? "" : markerValue));
        for (Entry e : entries) {
            keys.add(e.historyKey());
            // a placeholder key when there is no latest value (never written); the same slot keeps KEYS regular
            keys.add(e.latestKey() == null ? e.historyKey() : e.latestKey());
            args.add(score(e.score()));
            args.add(e.value());
            args.add(e.latestKey() == null ? "0" : "1");
        }
        keys.add(markerKey == null || markerValue == null ? "-" : markerKey);
        if (markerKey == null) {
            args.set(2, "");
        }
        List<String> argv = new ArrayList<>();
        argv.add(SCRIPT);
        argv.add(Integer.toString(keys.size()));
        argv.addAll(keys);
        argv.addAll(args);
        return argv.toArray(String[]::new);
    }

    /** Scores are block numbers or timestamps: whole numbers, written without an exponent. */
    static String score(double score) {
        return score == Math.rint(score) && Math.abs(score) < 1e15 ? Long.toString((long) score) : Double.toString(score);
    }
}
