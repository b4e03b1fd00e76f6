package dev.lenetlab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lenetlab.engine.reference.Numerics;
import dev.lenetlab.engine.reference.ReferenceNetwork;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The whole engine (Network.lenet5 run through BatchProcessor: chunks of 16, partial gradients
 * reduced across worker threads) against the double reference LeNet-5, for every activation and
 * both poolings, on the same flat parameter vector: the mean loss, the logits and the mean loss
 * gradient must agree to 1e-4 relative, norm-wise over the full gradient and over each layer's
 * slice (so that a small layer's error cannot hide behind C5's 48,120 parameters).
 */
class NetworkVsReferenceTest {
    private static final double TOLERANCE = 1e-4;
    /** Not a multiple of the 16-sample chunk: the last chunk is short. */
    private static final int BATCH = 20;

    /** Two threads, so the chunks of a batch really run in parallel; one pool for all cases. */
    private static WorkerPool pool;

    @BeforeAll
    static void startPool() {
        pool = new WorkerPool(2);
    }

    @AfterAll
    static void stopPool() {
        pool.close();
    }

    static Stream<Arguments> networks() {
        return Arrays.stream(Activation.values())
                .flatMap(a -> Arrays.stream(Pooling.values()).map(p -> Arguments.of(a, p)));
    }

    @ParameterizedTest(name = "{0}, {1} pooling")
    @MethodSource("networks")
    void lenet5MatchesReference(Activation activation, Pooling pooling) {
        Random random = new Random(51 + 10L * activation.ordinal() + pooling.ordinal());
        Network network = Network.lenet5(activation, pooling);
        float[] parameters = network.initialParameters(52);
        TestData.randomiseBiases(network, parameters, random);
        float[] images = TestData.images(random, BATCH);
        int[] labels = TestData.labels(random, BATCH);

        float[] gradient = new float[network.parameterCount()];
        float[] logits = new float[BATCH * network.classes()];
        BatchProcessor processor = new BatchProcessor(network, pool);
        BatchProcessor.BatchResult result = processor.lossAndGradient(parameters, images, labels, BATCH, gradient);
        processor.logits(parameters, images, BATCH, logits);

        ReferenceNetwork reference = ReferenceNetwork.lenet5(activation, pooling);
        assertEquals(reference.parameterCount(), network.parameterCount());
        double[] parametersD = Numerics.toDouble(parameters);
        double[] imagesD = Numerics.toDouble(images);
        ReferenceNetwork.LossAndGradient expected = reference.lossAndGradient(parametersD, imagesD, labels, BATCH);
        String what = network.description() + " on " + Kernels.gemm().name();

        double lossError = Math.abs(result.meanLoss() - expected.meanLoss()) / Math.abs(expected.meanLoss());
        assertTrue(lossError < TOLERANCE, () -> String.format("%s: mean loss %s, reference %s (relative error %.3g)",
                what, result.meanLoss(), expected.meanLoss(), lossError));

        double logitError = Numerics.normRelativeError(logits, 0, expected.logits());
        assertTrue(logitError < TOLERANCE, () -> String.format("%s: logits, norm-wise relative error %.3g",
                what, logitError));

        double gradientError = Numerics.normRelativeError(gradient, 0, expected.parameterGradient());
        assertTrue(gradientError < TOLERANCE, () -> String.format("%s: gradient, norm-wise relative error %.3g",
                what, gradientError));
        for (Layer layer : network.layers()) {
            if (layer.parameterCount() == 0) {
                continue;
            }
            int from = layer.parameterOffset();
            double[] slice = Arrays.copyOfRange(expected.parameterGradient(), from, from + layer.parameterCount());
            double error = Numerics.normRelativeError(gradient, from, slice);
            assertTrue(error < TOLERANCE, () -> String.format("%s: gradient of %s, norm-wise relative error %.3g",
                    what, layer.name(), error));
        }
    }
}
