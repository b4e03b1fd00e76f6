package dev.lenetlab.experiment.model;

import dev.lenetlab.experiment.data.ImageSet;
import dev.lenetlab.experiment.data.MnistDataset;

/** The first images of the bundled MNIST, so that training tests stay fast. */
public final class MnistSubset {
    private static MnistDataset full;

    private MnistSubset() {}

    static synchronized MnistDataset full() throws Exception {
        if (full == null) {
            full = MnistDataset.load(MnistDataset.defaultDirectory());
        }
        return full;
    }

    public static MnistDataset of(int trainImages, int testImages) throws Exception {
        return new MnistDataset(first(full().train(), trainImages), first(full().test(), testImages));
    }

    private static ImageSet first(ImageSet set, int count) {
        byte[] pixels = new byte[count * ImageSet.PIXELS_PER_IMAGE];
        byte[] labels = new byte[count];
        for (int i = 0; i < count; i++) {
            labels[i] = (byte) set.label(i);
            for (int p = 0; p < ImageSet.PIXELS_PER_IMAGE; p++) {
                pixels[i * ImageSet.PIXELS_PER_IMAGE + p] = (byte) set.pixel(i, p);
            }
        }
        return new ImageSet(pixels, labels);
    }
}
