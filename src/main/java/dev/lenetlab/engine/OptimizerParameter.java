package dev.lenetlab.engine;

import java.util.Locale;
import java.util.Objects;

/**
 * One setting an optimizer can take: its command-line option, its key in {@code run.json}, its
 * type and its valid range. {@link OptimizerKind#parameters()} says which optimizer takes which;
 * {@link OptimizerSpec} holds the values.
 *
 * <p>Every rejected value gets the same message, wherever it comes from (command line, setup
 * panel, a constructor call): {@code "--alpha: 2.5 is not valid; expected a number in (0, 2)"}.
 */
public enum OptimizerParameter {
    LEARNING_RATE("--lr", "learning_rate", "Learning rate μ", Type.REAL, 0, false, Double.POSITIVE_INFINITY, false),
    /** Classic L2: λw is added to the gradient before any optimizer sees it (for Adam too, not AdamW). */
    WEIGHT_DECAY("--weight-decay", "weight_decay", "Weight decay λ (L2)", Type.REAL, 0, true,
            Double.POSITIVE_INFINITY, false),
    ALPHA("--alpha", "alpha", "Fractional order α", Type.REAL, 0, false, 2, false),
    MEMORY_STEP("--memory-step", "memory_step", "Memory step K", Type.INTEGER, 1, true, 100, true),
    /** Default: {@link OptimizerSpec#defaultEpsilon(double)}, which depends on α. */
    EPSILON("--epsilon", "epsilon", "Step floor ε", Type.REAL, 0, false, Double.POSITIVE_INFINITY, false),
    TWO_TERM("--two-term", "two_term", "Two-term (secant) variant", Type.FLAG, 0, true, 0, true),
    MOMENTUM("--momentum", "momentum", "Momentum", Type.REAL, 0, true, 1, false),
    BETA1("--beta1", "beta1", "β₁ (first moment decay)", Type.REAL, 0, true, 1, false),
    BETA2("--beta2", "beta2", "β₂ (second moment decay)", Type.REAL, 0, true, 1, false),
    ADAM_EPSILON("--adam-epsilon", "adam_epsilon", "Adam ε", Type.REAL, 0, false, Double.POSITIVE_INFINITY, false);

    /** What kind of value a parameter holds, and so which Java type carries it. */
    public enum Type {
        /** A finite double, carried as {@link Double}. */
        REAL,
        /** An int, carried as {@link Integer}. */
        INTEGER,
        /** On or off, carried as {@link Boolean}; on the command line a flag without a value. */
        FLAG
    }

    private final String option;
    private final String key;
    private final String label;
    private final Type type;
    private final double lower;
    private final boolean lowerIncluded;
    private final double upper;
    private final boolean upperIncluded;

    OptimizerParameter(String option, String key, String label, Type type, double lower, boolean lowerIncluded,
                       double upper, boolean upperIncluded) {
        this.option = option;
        this.key = key;
        this.label = label;
        this.type = type;
        this.lower = lower;
        this.lowerIncluded = lowerIncluded;
        this.upper = upper;
        this.upperIncluded = upperIncluded;
    }

    /** The command-line option, {@code "--alpha"}. */
    public String option() {
        return option;
    }

    /** The key in {@code run.json} and in {@link Optimizer#settings()}, {@code "alpha"}. */
    public String key() {
        return key;
    }

    /** A short label for a setup panel, {@code "Fractional order α"}. */
    public String label() {
        return label;
    }

    public Type type() {
        return type;
    }

    /** The lower end of the valid range (meaningless for a flag). */
    public double lowerBound() {
        return lower;
    }

    public boolean lowerBoundIncluded() {
        return lowerIncluded;
    }

    /** The upper end of the valid range, {@code +∞} when there is none (meaningless for a flag). */
    public double upperBound() {
        return upper;
    }

    public boolean upperBoundIncluded() {
        return upperIncluded;
    }

    /** What a valid value looks like, as the messages say it: {@code "a number in (0, 2)"}. */
    public String validRange() {
        switch (type) {
            case FLAG:
                return "true or false";
            case INTEGER:
                return "an integer from " + format(lower) + " to " + format(upper);
            default:
                if (upper == Double.POSITIVE_INFINITY) {
                    return "a number " + (lowerIncluded ? ">= " : "> ") + format(lower);
                }
                return "a number in " + (lowerIncluded ? "[" : "(") + format(lower) + ", " + format(upper)
                        + (upperIncluded ? "]" : ")");
        }
    }

    /**
     * Checks a real-valued setting.
     *
     * @return the value, for chaining
     * @throws IllegalArgumentException naming the option, the value and the valid range
     */
    public double check(double value) {
        if (type != Type.REAL || !inRange(value)) {
            throw invalid(format(value));
        }
        return value;
    }

    /** {@link #check(double)} for an integer setting. */
    public int check(int value) {
        if (type != Type.INTEGER || !inRange(value)) {
            throw invalid(Integer.toString(value));
        }
        return value;
    }

    /**
     * Reads a value as typed on the command line or in a text field ({@code "0.9"}, {@code "3"},
     * {@code "true"}) and checks it.
     *
     * @return a {@link Double}, {@link Integer} or {@link Boolean}, by {@link #type()}
     * @throws IllegalArgumentException naming the option, the text and the valid range
     */
    public Object parse(String text) {
        Objects.requireNonNull(text, key);
        String trimmed = text.trim();
        switch (type) {
            case FLAG:
                String lower = trimmed.toLowerCase(Locale.ROOT);
                if (lower.equals("true") || lower.equals("false")) {
                    return Boolean.valueOf(lower);
                }
                throw invalid(text);
            case INTEGER:
                try {
                    int value = Integer.parseInt(trimmed);
                    if (inRange(value)) {
                        return value;
                    }
                } catch (NumberFormatException e) {
                    // falls through to the common message
                }
                throw invalid(text);
            default:
                try {
                    double value = Double.parseDouble(trimmed);
                    if (inRange(value)) {
                        return value;
                    }
                } catch (NumberFormatException e) {
                    // falls through to the common message
                }
                throw invalid(text);
        }
    }

    /**
     * Brings a value of any reasonable form to this parameter's type and checks it: any
     * {@link Number} for a number (an integer setting needs an integral value), a
     * {@link Boolean} for a flag, or text as {@link #parse(String)} reads it. For values read back
     * from {@code run.json} and for setup-panel fields.
     *
     * @return a {@link Double}, {@link Integer} or {@link Boolean}, by {@link #type()}
     * @throws IllegalArgumentException naming the option, the value and the valid range
     */
    public Object normalise(Object value) {
        Objects.requireNonNull(value, key);
        if (value instanceof String text) {
            return parse(text);
        }
        switch (type) {
            case FLAG:
                if (value instanceof Boolean) {
                    return value;
                }
                throw invalid(String.valueOf(value));
            case INTEGER:
                if (value instanceof Number number) {
                    double d = number.doubleValue();
                    if (d == Math.rint(d) && inRange(d)) {
                        return (int) d;
                    }
                    throw invalid(format(d));
                }
                throw invalid(String.valueOf(value));
            default:
                if (value instanceof Number number) {
                    return check(number.doubleValue());
                }
                throw invalid(String.valueOf(value));
        }
    }

    private boolean inRange(double value) {
        // NaN fails both comparisons; ±∞ fails the finite test.
        return Double.isFinite(value)
                && (lowerIncluded ? value >= lower : value > lower)
                && (upperIncluded ? value <= upper : value < upper);
    }

    private IllegalArgumentException invalid(String shownValue) {
        return new IllegalArgumentException(option + ": " + shownValue + " is not valid; expected " + validRange());
    }

    /** 2.5 → "2.5", 100.0 → "100", 1e-9 → "1.0E-9": the value as a user would recognise it. */
    static String format(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }
}
