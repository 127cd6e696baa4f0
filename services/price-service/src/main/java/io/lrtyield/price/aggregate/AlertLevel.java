package io.lrtyield.price.aggregate;

/**
 * Hysteresis over a measured value with a warn and a critical threshold: a level is entered when the value reaches
 * its threshold and left only when the value is {@code hysteresis} below it, so a value hovering at a threshold does
 * not flap. {@code NONE → WARN → CRITICAL} and back.
 */
public enum AlertLevel {
    NONE, WARN, CRITICAL;

    /** The level after observing {@code value}, given the current level. */
    public AlertLevel next(double value, double warn, double critical, double hysteresis) {
        if (value >= critical) {
            return CRITICAL;
        }
        if (this == CRITICAL && value >= critical - hysteresis) {
            return CRITICAL;
        }
        if (value >= warn) {
            return WARN;
        }
        if (this != NONE && value >= warn - hysteresis) {
            return WARN;
        }
        return NONE;
    }
}
