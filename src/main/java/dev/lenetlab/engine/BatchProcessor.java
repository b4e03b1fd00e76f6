package dev.lenetlab.engine;

import java.util.Arrays;

/**
 * Runs a network over batches on a {@link WorkerPool}: the mean loss gradient of a training batch,
 * and predictions for evaluation.
 *
 * <p>A batch is cut into chunks of {@value #TRAINING_CHUNK} samples, a size fixed here and never
 * derived from the thread count. Each chunk's forward and backward pass runs on one worker and
 * leaves its own partial gradient; the partials are then added in chunk order. Every sum therefore
 * happens in the same order whatever the number of threads, which is what makes a run
 * bit-identical on 1 thread and on N.
 */
public final class BatchProcessor {
    /** Samples per chunk in training; also the unit of the gradient reduction. */
    public static final int TRAINING_CHUNK = 16;
    /** Samples per chunk in inference; larger, since no gradient is kept per chunk. */
    public static final int INFERENCE_CHUNK = 64;
    /** Parameters per slice of the parallel gradient reduction. */
    private static final int REDUCTION_SLICE = 8192;

    private final Network network;
    private final WorkerPool pool;
    private final Network.Workspace[] workspaces;
    private final int[][] workerPredictions;
    private float[][] partialGradients = new float[0][];
    private double[] chunkLosses = new double[0];

    public BatchProcessor(Network network, WorkerPool pool) {
        this.network = network;
        this.pool = pool;
        int capacity = Math.max(TRAINING_CHUNK, INFERENCE_CHUNK);
        this.workspaces = new Network.Workspace[pool.threads()];
        this.workerPredictions = new int[pool.threads()][capacity];
        for (int w = 0; w < workspaces.length; w++) {
            workspaces[w] = network.newWorkspace(capacity);
        }
    }

    public Network network() {
        return network;
    }

    public int threads() {
        return pool.threads();
    }

    /** A training batch's mean loss and how many of its samples were classified right. */
    public record BatchResult(double meanLoss, int correct, int samples) {
        public boolean finite() {
            return Double.isFinite(meanLoss);
        }
    }

    /**
     * Writes the gradient of the batch's mean cross-entropy into {@code gradient}.
     *
     * @param images {@code count} samples, each {@code network.inputShape().size()} floats
     * @param labels {@code count} class indices
     */
    public BatchResult lossAndGradient(float[] parameters, float[] images, int[] labels, int count, float[] gradient) {
        if (count < 1) {
            throw new IllegalArgumentException("a training batch needs at least one sample: " + count);
        }
        int chunks = (count + TRAINING_CHUNK - 1) / TRAINING_CHUNK;
        ensureChunkBuffers(chunks);
        int classes = network.classes();
        float scale = 1f / count;
        int[] correct = new int[chunks];
        pool.run(chunks, (chunk, worker) -> {
            Network.Workspace ws = workspaces[worker];
            int first = chunk * TRAINING_CHUNK;
            int samples = Math.min(TRAINING_CHUNK, count - first);
            float[] logits = forward(parameters, images, first, samples, ws);
            int[] predictions = workerPredictions[worker];
            chunkLosses[chunk] = SoftmaxCrossEntropy.evaluate(logits, labels, first, samples, classes, scale,
                    ws.logitGradient(), predictions);
            correct[chunk] = countCorrect(predictions, labels, first, samples);
            network.backward(parameters, ws, samples, partialGradients[chunk]);
        });
        reduce(chunks, gradient);
        double loss = 0;
        int right = 0;
        for (int c = 0; c < chunks; c++) {
            loss += chunkLosses[c];
            right += correct[c];
        }
        return new BatchResult(loss / count, right, count);
    }

    /** A model's loss, accuracy and predictions on a set of samples. */
    public record Evaluation(double meanLoss, int correct, int count, int[] predictions) {
        public double accuracy() {
            return count == 0 ? 0 : (double) correct / count;
        }

        public boolean finite() {
            return Double.isFinite(meanLoss);
        }
    }

    /** Evaluates on {@code count} samples; a prediction of −1 marks a sample with non-finite outputs. */
    public Evaluation evaluate(float[] parameters, float[] images, int[] labels, int count) {
        int chunks = (count + INFERENCE_CHUNK - 1) / INFERENCE_CHUNK;
        int classes = network.classes();
        double[] losses = new double[chunks];
        int[] predictions = new int[count];
        pool.run(chunks, (chunk, worker) -> {
            Network.Workspace ws = workspaces[worker];
            int first = chunk * INFERENCE_CHUNK;
            int samples = Math.min(INFERENCE_CHUNK, count - first);
            float[] logits = forward(parameters, images, first, samples, ws);
            int[] chunkPredictions = workerPredictions[worker];
            losses[chunk] = SoftmaxCrossEntropy.evaluate(logits, labels, first, samples, classes, 1f, null,
                    chunkPredictions);
            System.arraycopy(chunkPredictions, 0, predictions, first, samples);
        });
        double loss = 0;
        for (double l : losses) {
            loss += l;
        }
        int right = countCorrect(predictions, labels, 0, count);
        return new Evaluation(loss / Math.max(1, count), right, count, predictions);
    }

    /** The network's raw outputs (logits) for {@code count} samples, {@code classes} per sample. */
    public void logits(float[] parameters, float[] images, int count, float[] out) {
        int chunks = (count + INFERENCE_CHUNK - 1) / INFERENCE_CHUNK;
        int classes = network.classes();
        pool.run(chunks, (chunk, worker) -> {
            Network.Workspace ws = workspaces[worker];
            int first = chunk * INFERENCE_CHUNK;
            int samples = Math.min(INFERENCE_CHUNK, count - first);
            float[] logits = forward(parameters, images, first, samples, ws);
            System.arraycopy(logits, 0, out, first * classes, samples * classes);
        });
    }

    /** Copies samples [first, first + samples) into the workspace and runs the forward pass. */
    private float[] forward(float[] parameters, float[] images, int first, int samples, Network.Workspace ws) {
        int inputSize = network.inputShape().size();
        System.arraycopy(images, first * inputSize, ws.input(), 0, samples * inputSize);
        return network.forward(parameters, ws, samples);
    }

    private static int countCorrect(int[] predictions, int[] labels, int labelOffset, int samples) {
        int right = 0;
        for (int s = 0; s < samples; s++) {
            if (predictions[s] == labels[labelOffset + s]) {
                right++;
            }
        }
        return right;
    }

    private void ensureChunkBuffers(int chunks) {
        if (partialGradients.length < chunks) {
            float[][] grown = Arrays.copyOf(partialGradients, chunks);
            for (int c = partialGradients.length; c < chunks; c++) {
                grown[c] = new float[network.parameterCount()];
            }
            partialGradients = grown;
            chunkLosses = new double[chunks];
        }
    }

    /** gradient[i] = Σ over chunks, in chunk order, of partial[chunk][i]. */
    private void reduce(int chunks, float[] gradient) {
        int parameters = network.parameterCount();
        int slices = (parameters + REDUCTION_SLICE - 1) / REDUCTION_SLICE;
        float[][] partials = partialGradients;
        pool.run(slices, (slice, worker) -> {
            int from = slice * REDUCTION_SLICE;
            int to = Math.min(parameters, from + REDUCTION_SLICE);
            System.arraycopy(partials[0], from, gradient, from, to - from);
            for (int c = 1; c < chunks; c++) {
                float[] partial = partials[c];
                for (int i = from; i < to; i++) {
                    gradient[i] += partial[i];
                }
            }
        });
    }
}
