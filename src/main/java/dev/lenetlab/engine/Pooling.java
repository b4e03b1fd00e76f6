package dev.lenetlab.engine;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The sub-sampling of LeNet-5's S2 and S4 layers. */
public enum Pooling {
    MAX("max"),
    AVG("avg");

    private final String id;

    Pooling(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Pooling fromId(String text) {
        String key = text.trim().toLowerCase(Locale.ROOT);
        for (Pooling p : values()) {
            if (p.id.equals(key) || (p == AVG && key.equals("average"))) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown pooling '" + text + "'; choose one of " + choices());
    }

    /** The ids {@link #fromId} takes, comma-separated, for messages that list them. */
    public static String choices() {
        return Arrays.stream(values()).map(Pooling::id).collect(Collectors.joining(", "));
    }
}
