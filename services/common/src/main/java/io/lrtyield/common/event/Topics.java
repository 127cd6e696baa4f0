package io.lrtyield.common.event;

/** Kafka topic names (ARCHITECTURE §3). Channel names in application.properties are these with '.' replaced by '-'. */
public final class Topics {

    public static final String PRICES = "prices.v1";
    public static final String RISK_ALERTS = "risk-alerts.v1";
    public static final String YIELDS = "yields.v1";
    public static final String REBALANCE_PLANS = "rebalance-plans.v1";
    public static final String EXECUTIONS = "executions.v1";

    /** SmallRye channel names: one per topic, kebab-case. */
    public static final String PRICES_CHANNEL = "prices-v1";
    public static final String RISK_ALERTS_CHANNEL = "risk-alerts-v1";
    public static final String YIELDS_CHANNEL = "yields-v1";
    public static final String REBALANCE_PLANS_CHANNEL = "rebalance-plans-v1";
    public static final String EXECUTIONS_CHANNEL = "executions-v1";

    /**
     * The outgoing channel of a service that also reads {@link #RISK_ALERTS} (the rebalancer announces its incidents on
     * the topic it reads alerts from): SmallRye needs the two directions to be two channels.
     */
    public static final String RISK_ALERTS_OUT_CHANNEL = "risk-alerts-v1-out";

    private Topics() {
    }
}
