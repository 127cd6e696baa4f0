/** The console table and acceptance checks, PNG charts, the Markdown/HTML report and the JSON summary, every file written atomically. */
package io.lrtyield.backtest.report;
