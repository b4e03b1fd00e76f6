package dev.lenetlab.ui.model;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.util.Optional;

/**
 * One typed input of a form: the text the user edits (the only writable part, so a text field can
 * bind to it both ways), and, derived from it, the parsed value or the reason it is not valid.
 *
 * @param <T> the value's type
 */
public final class Field<T> {

    /** Turns text into a value, or says why it cannot. */
    @FunctionalInterface
    public interface Parser<T> {
        T parse(String text) throws Invalid;
    }

    /** Why a text is not a valid value, in words for the user. */
    public static final class Invalid extends Exception {
        public Invalid(String reason) {
            super(reason, null, false, false);
        }
    }

    private final String label;
    private final String hint;
    private final Parser<T> parser;
    private final StringProperty text = new SimpleStringProperty(this, "text", "");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ReadOnlyBooleanWrapper valid = new ReadOnlyBooleanWrapper(this, "valid", false);
    private T value;

    public Field(String label, String hint, String initialText, Parser<T> parser) {
        this.label = label;
        this.hint = hint;
        this.parser = parser;
        text.addListener((obs, old, now) -> revalidate());
        text.set(initialText);
        revalidate();
    }

    public String label() {
        return label;
    }

    /** What the field expects, for a prompt or tooltip. */
    public String hint() {
        return hint;
    }

    public StringProperty textProperty() {
        return text;
    }

    public String getText() {
        return text.get();
    }

    public void setText(String s) {
        text.set(s);
    }

    /** The reason the text is not valid; empty when it is. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public String getError() {
        return error.get();
    }

    public ReadOnlyBooleanProperty validProperty() {
        return valid.getReadOnlyProperty();
    }

    public boolean isValid() {
        return valid.get();
    }

    public Optional<T> value() {
        return valid.get() ? Optional.ofNullable(value) : Optional.empty();
    }

    /** Parses the text again (for checks that depend on other fields). */
    public void revalidate() {
        String t = text.get() == null ? "" : text.get().trim();
        try {
            value = parser.parse(t);
            error.set("");
            valid.set(true);
        } catch (Invalid e) {
            value = null;
            error.set(e.getMessage());
            valid.set(false);
        }
    }

    // ---- parsers shared by the forms ----

    /** A whole number in {@code [min, max]}; thousands separators ("10,000", "10_000") are accepted. */
    public static Parser<Integer> wholeNumber(int min, int max) {
        return t -> {
            if (t.isEmpty()) {
                throw new Invalid("required: a whole number from " + Format.count(min) + " to " + Format.count(max));
            }
            long v;
            try {
                v = Long.parseLong(t.replace(",", "").replace("_", ""));
            } catch (NumberFormatException e) {
                throw new Invalid("'" + t + "' is not a whole number");
            }
            if (v < min || v > max) {
                throw new Invalid("must be from " + Format.count(min) + " to " + Format.count(max));
            }
            return (int) v;
        };
    }

    /** A finite real number {@code > 0} (or {@code >= 0} when {@code zeroAllowed}) and at most {@code max}. */
    public static Parser<Double> real(boolean zeroAllowed, double max, String example) {
        return t -> {
            if (t.isEmpty()) {
                throw new Invalid("required: " + example);
            }
            double v;
            try {
                v = Double.parseDouble(t.replace("_", ""));
            } catch (NumberFormatException e) {
                throw new Invalid("'" + t + "' is not a number; " + example);
            }
            if (!Double.isFinite(v)) {
                throw new Invalid("must be a finite number");
            }
            if (zeroAllowed ? v < 0 : v <= 0) {
                throw new Invalid(zeroAllowed ? "must be zero or more" : "must be more than zero");
            }
            if (v > max) {
                throw new Invalid("must be at most " + Format.real(max));
            }
            return v;
        };
    }
}
