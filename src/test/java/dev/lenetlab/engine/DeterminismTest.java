package dev.lenetlab.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A run is reproducible bit for bit: the same seed gives the same weights, and a batch gives the
 * same loss and gradient on 1, 2 or 3 threads, because chunks are fixed at 16 samples and their
 * partial gradients are added in chunk order, never in the order threads finish.
 */
class DeterminismTest {

    @Test
    void lenet5HasTheClassicParameterCounts() {
        Network network = Network.lenet5(Activation.TANH, Pooling.AVG);
        assertEquals(61_706, network.parameterCount());
        List<Integer> counts = network.layers().stream().map(Layer::parameterCount).filter(c -> c > 0).toList();
        assertEquals(List.of(156, 2416, 48120, 10164, 850), counts);
        // Contiguous, in layer order, from 0: the flat layout the reference and optimizers rely on.
        int offset = 0;
        for (Layer layer : network.layers()) {
            assertEquals(offset, layer.parameterOffset(), layer.name());
            offset += layer.parameterCount();
        }
        assertEquals(11, network.layers().size());
        assertEquals(10, network.classes());
        assertEquals(new Shape(1, 28, 28), network.inputShape());
        // Pooling has no parameters: the max-pooled network has the same layout.
        assertEquals(61_706, Network.lenet5(Activation.RELU, Pooling.MAX).parameterCount());
    }

    @Test
    void sameSeedGivesIdenticalParametersAndDifferentSeedsDiffer() {
        Network network = Network.lenet5(Activation.RELU, Pooling.MAX);
        float[] first = network.initialParameters(2024);
        assertArrayEquals(first, network.initialParameters(2024));
        // A new network object, same architecture: the weights depend on the seed alone.
        assertArrayEquals(first, Network.lenet5(Activation.RELU, Pooling.MAX).initialParameters(2024));
        assertFalse(Arrays.equals(first, network.initialParameters(2025)));
        assertFalse(Arrays.equals(network.initialParameters(0), network.initialParameters(1)));
    }

    private record Outcome(BatchProcessor.BatchResult result, float[] gradient) {}

    /** The loss and gradient of one batch on a pool of {@code threads}, gradient pre-filled with garbage. */
    private static Outcome lossAndGradient(Network network, float[] parameters, float[] images, int[] labels,
                                            int count, int threads) {
        float[] gradient = new float[network.parameterCount()];
        Arrays.fill(gradient, Float.NaN); // must be overwritten everywhere
        try (WorkerPool pool = new WorkerPool(threads)) {
            BatchProcessor processor = new BatchProcessor(network, pool);
            BatchProcessor.BatchResult result = processor.lossAndGradient(parameters, images, labels, count, gradient);
            // Again on the same processor: its reused buffers must not carry anything over.
            float[] again = new float[gradient.length];
            BatchProcessor.BatchResult second = processor.lossAndGradient(parameters, images, labels, count, again);
            assertArrayEquals(gradient, again, threads + " threads, second call");
            assertEquals(0, Double.compare(result.meanLoss(), second.meanLoss()), threads + " threads, second call");
            return new Outcome(result, gradient);
        }
    }

    /** 64 = four full chunks; 50 ends on a short chunk of 2. */
    @ParameterizedTest(name = "batch of {0}")
    @ValueSource(ints = {64, 50})
    void gradientIsBitIdenticalOnOneTwoAndThreeThreads(int count) {
        Random random = new Random(61);
        Network network = Network.lenet5(Activation.RELU, Pooling.MAX);
        float[] parameters = network.initialParameters(62);
        TestData.randomiseBiases(network, parameters, random);
        float[] images = TestData.images(random, count);
        int[] labels = TestData.labels(random, count);

        Outcome one = lossAndGradient(network, parameters, images, labels, count, 1);
        assertTrue(one.result().finite());
        for (float g : one.gradient()) {
            assertTrue(Float.isFinite(g), "gradient not fully written");
        }
        for (int threads : new int[] {2, 3}) {
            Outcome many = lossAndGradient(network, parameters, images, labels, count, threads);
            assertArrayEquals(one.gradient(), many.gradient(), threads + " threads vs 1");
            assertEquals(0, Double.compare(one.result().meanLoss(), many.result().meanLoss()),
                    threads + " threads vs 1: loss");
            assertEquals(one.result().correct(), many.result().correct(), threads + " threads vs 1: correct");
        }
    }

    /** Loss after each step and the final weights of a short SGD run. */
    private record Training(double[] losses, float[] parameters) {}

    /**
     * 20 steps of SGD with batches of 32 drawn by a seeded shuffle from a fixed synthetic set of
     * 160 samples whose label depends on the image, so the loss has something to learn.
     */
    private static Training train(int threads) {
        int samples = 160;
        int batch = 32;
        Random random = new Random(71);
        float[] images = TestData.images(random, samples);
        int[] labels = new int[samples];
        for (int s = 0; s < samples; s++) {
            float sum = 0;
            for (int i = 0; i < TestData.PIXELS; i++) {
                sum += images[s * TestData.PIXELS + i];
            }
            labels[s] = Math.min(9, (int) (sum / 40));
        }
        Network network = Network.lenet5(Activation.TANH, Pooling.MAX);
        float[] parameters = network.initialParameters(72);
        Sgd sgd = new Sgd(0.05, 1e-4);
        SeededRandom order = new SeededRandom(73);
        int[] indices = java.util.stream.IntStream.range(0, samples).toArray();
        float[] batchImages = new float[batch * TestData.PIXELS];
        int[] batchLabels = new int[batch];
        float[] gradient = new float[network.parameterCount()];
        double[] losses = new double[20];
        try (WorkerPool pool = new WorkerPool(threads)) {
            BatchProcessor processor = new BatchProcessor(network, pool);
            for (int step = 0; step < losses.length; step++) {
                int first = (step * batch) % samples;
                if (first == 0) {
                    order.shuffle(indices);
                }
                for (int b = 0; b < batch; b++) {
                    int s = indices[first + b];
                    System.arraycopy(images, s * TestData.PIXELS, batchImages, b * TestData.PIXELS, TestData.PIXELS);
                    batchLabels[b] = labels[s];
                }
                losses[step] = processor.lossAndGradient(parameters, batchImages, batchLabels, batch, gradient)
                        .meanLoss();
                sgd.step(parameters, gradient);
            }
        }
        return new Training(losses, parameters);
    }

    @Test
    void shortTrainingRunIsBitIdenticalWhenRepeatedAndOnTwoThreads() {
        Training first = train(1);
        Training repeat = train(1);
        Training twoThreads = train(2);
        assertArrayEquals(first.losses(), repeat.losses(), "loss history, same JVM, repeated");
        assertArrayEquals(first.parameters(), repeat.parameters(), "final weights, same JVM, repeated");
        assertArrayEquals(first.losses(), twoThreads.losses(), "loss history, 2 threads vs 1");
        assertArrayEquals(first.parameters(), twoThreads.parameters(), "final weights, 2 threads vs 1");
        // The run did train: equal histories of a loop that did nothing would prove little.
        for (double loss : first.losses()) {
            assertTrue(Double.isFinite(loss));
        }
        assertNotEquals(first.losses()[0], first.losses()[19]);
        assertFalse(Arrays.equals(first.parameters(), Network.lenet5(Activation.TANH, Pooling.MAX).initialParameters(72)));
    }
}
