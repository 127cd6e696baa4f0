package io.lrtyield.backtest.contender;

/** One way of running the vault over a history: the production strategy or a benchmark. */
public interface Contender {

    /** Short name for tables and charts. */
    String name();

    /** The plan to run now, or null to hold. */
    Decision decide(DecisionInput in);

    /** The risk alerts raised at a sample, whether or not the contender decides there. */
    default void observe(java.util.List<io.lrtyield.common.event.RiskAlert> alerts) {
    }

    /** Whether this contender wants a decision at every decision point (false: only when its own rule says). */
    default boolean active() {
        return true;
    }
}
