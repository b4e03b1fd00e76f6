package dev.lenetlab.experiment.model;

import dev.lenetlab.experiment.Checkpoint;

import java.io.InputStream;

/**
 * The model that ships with the application (assets/lenet5-mish.lenet, packaged as a resource):
 * LeNet-5 with Mish, trained with the default configuration for the paper's 10,000 iterations, so
 * that drawing and {@code predict} work on first start.
 */
public final class BundledModel {
    public static final String RESOURCE = "/dev/lenetlab/assets/lenet5-mish.lenet";
    public static final String NAME = "bundled model (Mish)";

    private static volatile Checkpoint cached;

    private BundledModel() {}

    /** The bundled model, read once. */
    public static Checkpoint checkpoint() throws ModelFileException {
        Checkpoint c = cached;
        if (c == null) {
            InputStream in = BundledModel.class.getResourceAsStream(RESOURCE);
            if (in == null) {
                throw new ModelFileException("the bundled model " + RESOURCE + " is missing from this build; "
                        + "regenerate assets/lenet5-mish.lenet as the README says, or pass --model FILE");
            }
            c = ModelFile.read(in, "the bundled model");
            cached = c;
        }
        return c;
    }

    public static Classifier classifier() throws ModelFileException {
        return Classifier.of(NAME, checkpoint());
    }
}
