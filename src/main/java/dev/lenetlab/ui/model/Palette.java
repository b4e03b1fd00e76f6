package dev.lenetlab.ui.model;

import javafx.scene.paint.Color;

import java.util.Collection;
import java.util.List;

/**
 * The Okabe–Ito palette (Okabe &amp; Ito, 2008), distinguishable with every common form of colour
 * blindness. Ordered so that the first colours contrast best on white; its yellow comes late and
 * black last.
 */
public final class Palette {
    public static final List<Color> OKABE_ITO = List.of(
            Color.web("#E69F00"), // orange
            Color.web("#56B4E9"), // sky blue
            Color.web("#009E73"), // bluish green
            Color.web("#D55E00"), // vermillion
            Color.web("#0072B2"), // blue
            Color.web("#CC79A7"), // reddish purple
            Color.web("#F0E442"), // yellow
            Color.web("#000000")); // black

    public static final List<String> NAMES = List.of("orange", "sky blue", "bluish green", "vermillion", "blue",
            "reddish purple", "yellow", "black");

    private Palette() {}

    /** The first palette colour not in {@code used}; when all are, the one used least. */
    public static Color next(Collection<Color> used) {
        Color best = OKABE_ITO.get(0);
        long bestCount = Long.MAX_VALUE;
        for (Color c : OKABE_ITO) {
            long count = used.stream().filter(c::equals).count();
            if (count < bestCount) {
                best = c;
                bestCount = count;
            }
        }
        return best;
    }

    /** {@code #RRGGBB} for CSS. */
    public static String web(Color c) {
        return String.format(java.util.Locale.ROOT, "#%02X%02X%02X", Math.round(c.getRed() * 255),
                Math.round(c.getGreen() * 255), Math.round(c.getBlue() * 255));
    }
}
