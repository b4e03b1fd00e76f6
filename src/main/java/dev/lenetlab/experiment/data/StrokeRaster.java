package dev.lenetlab.experiment.data;

import java.util.List;

/**
 * Paints pen strokes into an ink image, as a canvas with round caps and joins shows them: every
 * pixel within the pen's radius of a stroke's centre line is ink, with one pixel of anti-aliased
 * edge. Pure arithmetic, so that what is classified does not depend on a screen.
 */
public final class StrokeRaster {
    private StrokeRaster() {}

    /** A stroke: the pen's path as {@code x0, y0, x1, y1, …} in pixels. A single point is a dot. */
    public record Stroke(double[] points) {
        public Stroke {
            if (points.length < 2 || points.length % 2 != 0) {
                throw new IllegalArgumentException("a stroke needs x, y pairs: " + points.length + " values");
            }
            points = points.clone();
        }

        public int size() {
            return points.length / 2;
        }
    }

    /**
     * @param side      the square image's side in pixels
     * @param penWidth  the pen's diameter in pixels
     * @return {@code side × side} ink values in [0, 1], row-major, 0 = paper
     */
    public static float[] paint(List<Stroke> strokes, int side, double penWidth) {
        float[] ink = new float[side * side];
        double radius = penWidth / 2;
        for (Stroke stroke : strokes) {
            double[] p = stroke.points();
            if (p.length == 2) {
                segment(ink, side, radius, p[0], p[1], p[0], p[1]);
            }
            for (int i = 2; i < p.length; i += 2) {
                segment(ink, side, radius, p[i - 2], p[i - 1], p[i], p[i + 1]);
            }
        }
        return ink;
    }

    private static void segment(float[] ink, int side, double radius, double ax, double ay, double bx, double by) {
        int x0 = Math.max(0, (int) Math.floor(Math.min(ax, bx) - radius - 1));
        int x1 = Math.min(side - 1, (int) Math.ceil(Math.max(ax, bx) + radius + 1));
        int y0 = Math.max(0, (int) Math.floor(Math.min(ay, by) - radius - 1));
        int y1 = Math.min(side - 1, (int) Math.ceil(Math.max(ay, by) + radius + 1));
        double dx = bx - ax;
        double dy = by - ay;
        double lengthSquared = dx * dx + dy * dy;
        for (int y = y0; y <= y1; y++) {
            for (int x = x0; x <= x1; x++) {
                // distance from the pixel's centre to the segment
                double px = x + 0.5 - ax;
                double py = y + 0.5 - ay;
                double t = lengthSquared == 0 ? 0 : Math.max(0, Math.min(1, (px * dx + py * dy) / lengthSquared));
                double ex = px - t * dx;
                double ey = py - t * dy;
                double distance = Math.sqrt(ex * ex + ey * ey);
                float value = (float) Math.max(0, Math.min(1, radius + 0.5 - distance));
                int index = y * side + x;
                if (value > ink[index]) {
                    ink[index] = value;
                }
            }
        }
    }
}
