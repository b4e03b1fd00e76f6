package dev.lenetlab.experiment.profile;

import dev.lenetlab.engine.Activation;
import dev.lenetlab.engine.BatchProcessor;
import dev.lenetlab.engine.Network;
import dev.lenetlab.engine.Optimizer;
import dev.lenetlab.engine.OptimizerSpec;
import dev.lenetlab.engine.Pooling;
import dev.lenetlab.engine.WorkerPool;
import dev.lenetlab.experiment.EvaluationSet;
import dev.lenetlab.experiment.MiniBatchOrder;
import dev.lenetlab.experiment.RunSeeds;
import dev.lenetlab.experiment.data.ImageSet;
import dev.lenetlab.experiment.data.MnistDataset;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;

/**
 * LeNet-5 on MNIST from one seed with one activation (and, optionally, a learning rate that
 * overrides the solver's): every solver starts from the same weights and sees the same batches.
 * The last {@code validation} training images are held out; the cost is the first iteration, on a
 * grid of {@code checkEvery}, at which their accuracy reaches {@code target}, and the thread CPU
 * time of the training up to it (evaluations excluded). Training runs on one thread.
 */
public record MnistProblem(MnistDataset data, Activation activation, long seed, Double learningRate,
                           int batchSize, int validation, int checkEvery, double target, long budget)
        implements StudyProblem {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    @Override
    public String id() {
        return "mnist " + activation.id() + " seed " + seed
                + (learningRate == null ? "" : String.format(Locale.ROOT, " lr %s", learningRate));
    }

    @Override
    public void warmUp(java.util.List<Solver> solvers) {
        MnistProblem shortRun = new MnistProblem(data, activation, seed, learningRate, batchSize, validation,
                WARM_UP_ITERATIONS, 1.01, WARM_UP_ITERATIONS);
        for (Solver solver : solvers) {
            shortRun.solve(solver);
        }
    }

    /** Enough iterations for C2 to compile the training loop's hot methods. */
    private static final int WARM_UP_ITERATIONS = 60;

    @Override
    public Cost solve(Solver solver) {
        OptimizerSpec spec = learningRate == null ? solver.spec() : solver.spec().withLearningRate(learningRate);
        Network network = Network.lenet5(activation, Pooling.MAX);
        RunSeeds seeds = RunSeeds.of(seed);
        float[] weights = network.initialParameters(seeds.initialisation());
        float[] gradient = new float[network.parameterCount()];
        Optimizer optimizer = spec.create(network.parameterCount());
        ImageSet train = data.train();
        int trainingImages = train.count() - validation;
        int inputSize = network.inputShape().size();
        EvaluationSet check = EvaluationSet.lastImages(train, validation, inputSize);
        MiniBatchOrder order = new MiniBatchOrder(trainingImages, batchSize, seeds.batchOrder());
        int[] indices = new int[batchSize];
        float[] images = new float[batchSize * inputSize];
        int[] labels = new int[batchSize];
        long cpu = 0;
        try (WorkerPool pool = new WorkerPool(1)) {
            BatchProcessor processor = new BatchProcessor(network, pool);
            for (long iteration = 1; iteration <= budget; iteration++) {
                long start = THREADS.getCurrentThreadCpuTime();
                order.next(indices);
                for (int i = 0; i < batchSize; i++) {
                    train.copyImage(indices[i], images, i * inputSize);
                    labels[i] = train.label(indices[i]);
                }
                BatchProcessor.BatchResult result = processor.lossAndGradient(weights, images, labels, batchSize, gradient);
                if (!result.finite()) {
                    cpu += THREADS.getCurrentThreadCpuTime() - start;
                    return new Cost(iteration, cpu / 1e9, Cost.Status.DIVERGED);
                }
                optimizer.step(weights, gradient);
                cpu += THREADS.getCurrentThreadCpuTime() - start;
                if (iteration % checkEvery == 0) {
                    BatchProcessor.Evaluation evaluation = processor.evaluate(weights, check.images(), check.labels(), check.count());
                    if (!evaluation.finite()) {
                        return new Cost(iteration, cpu / 1e9, Cost.Status.DIVERGED);
                    }
                    if (evaluation.accuracy() >= target) {
                        return new Cost(iteration, Math.max(1, cpu) / 1e9, Cost.Status.SOLVED);
                    }
                }
            }
        }
        return new Cost(budget, cpu / 1e9, Cost.Status.BUDGET);
    }
}
