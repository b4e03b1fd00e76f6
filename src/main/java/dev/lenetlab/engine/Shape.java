package dev.lenetlab.engine;

/** The shape of one sample's feature maps: channels × height × width (the batch axis is apart). */
public record Shape(int channels, int height, int width) {
    public Shape {
        if (channels <= 0 || height <= 0 || width <= 0) {
            throw new IllegalArgumentException("shape must be positive: " + channels + "@" + height + "x" + width);
        }
    }

    /** Floats per sample. */
    public int size() {
        return channels * height * width;
    }

    /** As the literature writes it: {@code 6@28×28}, or {@code 84} for a vector. */
    @Override
    public String toString() {
        return height == 1 && width == 1 ? Integer.toString(channels) : channels + "@" + height + "×" + width;
    }
}
