package dev.lenetlab.ui.model;

import java.util.Locale;
import java.util.OptionalDouble;

/** How numbers read in the window: one place, so that every panel says them alike. */
public final class Format {
    private Format() {}

    /** {@code 12,345}. */
    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** A fraction as a percentage with two decimals, {@code 98.12%}; "–" if unknown. */
    public static String percent(double fraction) {
        return Double.isFinite(fraction) ? String.format(Locale.ROOT, "%.2f%%", 100 * fraction) : "–";
    }

    /** A fraction with three decimals, or "n/a" when undefined (never NaN). */
    public static String ratio(OptionalDouble value) {
        return value.isPresent() && Double.isFinite(value.getAsDouble())
                ? String.format(Locale.ROOT, "%.3f", value.getAsDouble()) : "n/a";
    }

    /** A loss with four decimals; "–" if not finite. */
    public static String loss(double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%.4f", value) : "–";
    }

    /** Images per second, {@code 5,120/s}; "–" if unknown. */
    public static String rate(double imagesPerSecond) {
        return Double.isFinite(imagesPerSecond) && imagesPerSecond > 0
                ? String.format(Locale.ROOT, "%,.0f/s", imagesPerSecond) : "–";
    }

    /** A duration: {@code 45s}, {@code 3m05s}, {@code 1h02m}; "–" if unknown. */
    public static String duration(double seconds) {
        if (!Double.isFinite(seconds) || seconds < 0) {
            return "–";
        }
        long s = Math.round(seconds);
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return (s / 60) + "m" + String.format(Locale.ROOT, "%02d", s % 60) + "s";
        }
        return (s / 3600) + "h" + String.format(Locale.ROOT, "%02d", (s % 3600) / 60) + "m";
    }

    /** A learning rate or other small real, in its shortest form: {@code 0.1}, {@code 0.001}. */
    public static String real(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e9) {
            return Long.toString((long) value);
        }
        String s = Double.toString(value);
        return s.contains("E") ? String.format(Locale.ROOT, "%.6g", value) : s;
    }

    /** {@code 10000} → {@code 10k}, for compact summaries. */
    public static String compact(long n) {
        if (n >= 1000 && n % 1000 == 0) {
            return (n / 1000) + "k";
        }
        return Long.toString(n);
    }
}
