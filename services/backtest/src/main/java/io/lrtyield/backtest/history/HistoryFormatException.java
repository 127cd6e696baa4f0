package io.lrtyield.backtest.history;

/** A history file that cannot be trusted: says the line (and block, where known) and what is wrong with it. */
public final class HistoryFormatException extends RuntimeException {

    public HistoryFormatException(String file, long line, Long block, String problem) {
        super(file + ": line " + line + (block == null ? "" : " (block " + block + ")") + ": " + problem);
    }

    public HistoryFormatException(String file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
    }
}
