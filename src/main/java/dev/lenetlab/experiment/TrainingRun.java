package dev.lenetlab.experiment;

import dev.lenetlab.engine.BatchProcessor;
import dev.lenetlab.engine.Network;
import dev.lenetlab.engine.Optimizer;
import dev.lenetlab.engine.WorkerPool;
import dev.lenetlab.experiment.data.ImageSet;
import dev.lenetlab.experiment.data.MnistDataset;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One training run: the loop of the paper's protocol. Mini-batch gradient steps, an evaluation on a
 * fixed class-balanced slice of the test set every {@code evalEvery} iterations, and at the end the
 * whole test set. Stops at the first non-finite loss (diverged) or when cancelled, within one
 * iteration either way.
 *
 * <p>A run can be paused between iterations: the training thread then waits (without using the
 * CPU) until it is resumed or cancelled. Paused time counts neither as training time nor in the
 * elapsed seconds of the metrics. Progress ({@link #iterationsDone()}, {@link #trainingSeconds()})
 * and the weights ({@link #parametersSnapshot()}) can be read from any thread while the run trains.
 */
public final class TrainingRun {
    private final RunConfig config;
    private final MnistDataset data;
    private final Network network;
    private final List<TrainingListener> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean cancelRequested;
    /**
     * Held by the training thread while the optimizer changes the weights, and by
     * {@link #parametersSnapshot()} while it copies them: a copy is always of the weights between
     * two iterations, never half of one update and half of the next.
     */
    private final Object weightsLock = new Object();
    /** The live weights (guarded by {@link #weightsLock} while they change) and the iteration they are at. */
    private float[] parameters;
    private int parametersIteration;
    private final Object pauseLock = new Object();
    private volatile boolean pauseRequested;
    private volatile int iterationsDone;
    private volatile long trainingNanosSoFar;
    private final Checkpoint resumeFrom;
    /** The resumed run's optimizer with its saved state, restored by the constructor; taken by {@link #run()}. */
    private Optimizer resumedOptimizer;
    private volatile Checkpoint finalCheckpoint;

    public TrainingRun(RunConfig config, MnistDataset data) {
        this(config, data, null);
    }

    /**
     * A run that continues {@code from} (null: a fresh start). Only the iteration count, the
     * threads and the data folder may differ from the checkpoint's configuration: anything else
     * would make the continuation a different run.
     *
     * @throws IllegalArgumentException if the configuration does not continue the checkpoint
     */
    public TrainingRun(RunConfig config, MnistDataset data, Checkpoint from) {
        this.config = config;
        this.data = data;
        this.network = Network.lenet5(config.activation(), config.pooling());
        if (from != null) {
            RunConfig saved = from.config();
            RunConfig comparable = config.withIterations(saved.iterations()).withThreads(saved.threads())
                    .withDataDirectory(saved.dataDirectory());
            // compared as run.json writes them: defaults resolved (an ε left to default equals it given)
            if (!comparable.toMap().equals(saved.toMap())) {
                throw new IllegalArgumentException("the configuration differs from the saved run's; only the "
                        + "iterations, threads and data folder may change when resuming");
            }
            if (config.iterations() <= from.iterationsDone()) {
                throw new IllegalArgumentException("--iterations: " + config.iterations() + " is not more than the "
                        + from.iterationsDone() + " iterations already done; give the total to reach");
            }
            if (from.parameters().length != network.parameterCount()) {
                throw new IllegalArgumentException("the checkpoint holds " + from.parameters().length
                        + " parameters, " + network.description() + " has " + network.parameterCount());
            }
            // refused here, before anything is written, rather than when training starts; kept for it
            resumedOptimizer = restoreOptimizer(saved, from.optimizerState());
        }
        this.resumeFrom = from;
    }

    public RunConfig config() {
        return config;
    }

    public Network network() {
        return network;
    }

    public void addListener(TrainingListener listener) {
        listeners.add(listener);
    }

    /** Asks the run to stop after the iteration in progress (or at once if paused); safe from any thread. */
    public void cancel() {
        cancelRequested = true;
        synchronized (pauseLock) {
            pauseLock.notifyAll();
        }
    }

    /** Asks the run to wait after the iteration in progress until {@link #resume()} or {@link #cancel()}. */
    public void pause() {
        pauseRequested = true;
    }

    /** Lets a paused run continue; does nothing to a run that is not paused. */
    public void resume() {
        synchronized (pauseLock) {
            pauseRequested = false;
            pauseLock.notifyAll();
        }
    }

    /** Whether a pause has been asked for and not yet lifted. */
    public boolean pauseRequested() {
        return pauseRequested;
    }

    public boolean cancelRequested() {
        return cancelRequested;
    }

    /** Iterations whose update has been applied so far. */
    public int iterationsDone() {
        return iterationsDone;
    }

    /** Seconds spent in training iterations so far (evaluation and pauses excluded). */
    public double trainingSeconds() {
        return seconds(trainingNanosSoFar);
    }

    /**
     * The weights as they were after {@code iteration} iterations (0: the initial weights).
     *
     * @param parameters a copy, the caller's to keep
     */
    public record Snapshot(int iteration, float[] parameters) {}

    /**
     * A copy of the weights between two iterations, with the iteration it belongs to; null before
     * the run starts. Safe from any thread: the training thread waits for the copy (a fraction of a
     * millisecond) if it is about to change the weights.
     */
    public Snapshot parametersSnapshot() {
        synchronized (weightsLock) {
            return parameters == null ? null : new Snapshot(parametersIteration, parameters.clone());
        }
    }

    /**
     * The optimizer of {@code config} with the state a checkpoint saved for it.
     *
     * @throws IllegalArgumentException if {@code state} is not a whole state of that optimizer (another
     *     optimizer's, another parameter count's, cut short, or with bytes left over); the message says which
     */
    public static Optimizer restoreOptimizer(RunConfig config, byte[] state) {
        int parameterCount = Network.lenet5(config.activation(), config.pooling()).parameterCount();
        Optimizer optimizer = config.optimizer().create(parameterCount);
        ByteArrayInputStream bytes = new ByteArrayInputStream(state);
        try {
            optimizer.readState(new DataInputStream(bytes));
        } catch (EOFException e) {
            throw new IllegalArgumentException("the saved optimizer state ends early (" + state.length + " bytes)", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("the saved optimizer state cannot be read: " + e.getMessage(), e);
        }
        if (bytes.available() != 0) {
            throw new IllegalArgumentException("the saved optimizer state has " + bytes.available()
                    + " bytes more than a " + optimizer.id() + " state holds");
        }
        return optimizer;
    }

    /**
     * The run as it ended (finished or cancelled), for a model file; null while it trains, and
     * for a diverged run, whose weights are not worth keeping.
     */
    public Checkpoint finalCheckpoint() {
        return finalCheckpoint;
    }

    /** Trains on the calling thread until done, diverged or cancelled; once. */
    public RunOutcome run() {
        if (resumeFrom != null && resumedOptimizer == null) {
            throw new IllegalStateException("a resumed run trains once: its saved optimizer state is used up");
        }
        long wallStart = System.nanoTime();
        long pausedNanos = 0;
        RunSeeds seeds = RunSeeds.of(config.seed());
        float[] weights = resumeFrom == null ? network.initialParameters(seeds.initialisation())
                : resumeFrom.parameters().clone();
        synchronized (weightsLock) {
            parameters = weights;
            parametersIteration = resumeFrom == null ? 0 : resumeFrom.iterationsDone();
        }
        float[] gradient = new float[network.parameterCount()];
        Optimizer optimizer = resumeFrom == null ? config.optimizer().create(network.parameterCount()) : resumedOptimizer;
        resumedOptimizer = null;
        ImageSet train = data.train();
        ImageSet test = data.test();
        int batch = config.batchSize();
        int inputSize = network.inputShape().size();
        // the last `validation` training images are held out: batches are drawn from the others
        int trainingImages = train.count() - config.validation();
        MiniBatchOrder order = new MiniBatchOrder(trainingImages, batch, seeds.batchOrder());
        if (resumeFrom != null) {
            order.skip(resumeFrom.batchesDrawn());
        }
        long batchesDrawn = resumeFrom == null ? 0 : resumeFrom.batchesDrawn();
        double earlierWallSeconds = resumeFrom == null ? 0 : resumeFrom.wallSeconds();
        List<MetricsRow> history = new ArrayList<>(resumeFrom == null ? List.of() : resumeFrom.history());
        int[] batchIndices = new int[batch];
        float[] batchImages = new float[batch * inputSize];
        int[] batchLabels = new int[batch];
        EvaluationSet slice = EvaluationSet.of(test, test.balancedIndices(config.evalSize()), inputSize);

        for (TrainingListener l : listeners) {
            l.started(config, network);
            if (!history.isEmpty()) {
                l.restored(List.copyOf(history));
            }
        }
        try (WorkerPool pool = new WorkerPool(config.threads())) {
            BatchProcessor processor = new BatchProcessor(network, pool);
            Checkpoint.Interval saved = resumeFrom == null ? Checkpoint.Interval.EMPTY : resumeFrom.interval();
            long trainingNanos = resumeFrom == null ? 0 : Math.round(resumeFrom.trainingSeconds() * 1e9);
            double intervalLoss = saved.lossSum();
            long intervalCorrect = saved.correct();
            int intervalIterations = saved.iterations();
            MetricsRow lastRow = history.isEmpty() ? null : history.get(history.size() - 1);
            RunStatus status = RunStatus.FINISHED;
            int done = resumeFrom == null ? 0 : resumeFrom.iterationsDone();
            iterationsDone = done;
            int divergedAt = 0;
            for (int iteration = done + 1; iteration <= config.iterations(); iteration++) {
                if (pauseRequested && !cancelRequested) {
                    pausedNanos += awaitResume(done);
                }
                if (cancelRequested) {
                    status = RunStatus.CANCELLED;
                    break;
                }
                long t0 = System.nanoTime();
                order.next(batchIndices);
                batchesDrawn++;
                for (int i = 0; i < batch; i++) {
                    train.copyImage(batchIndices[i], batchImages, i * inputSize);
                    batchLabels[i] = train.label(batchIndices[i]);
                }
                BatchProcessor.BatchResult result =
                        processor.lossAndGradient(weights, batchImages, batchLabels, batch, gradient);
                if (!result.finite()) {
                    trainingNanos += System.nanoTime() - t0;
                    status = RunStatus.DIVERGED;
                    divergedAt = iteration;
                    break;
                }
                synchronized (weightsLock) {
                    optimizer.step(weights, gradient);
                    parametersIteration = iteration;
                }
                trainingNanos += System.nanoTime() - t0;
                done = iteration;
                iterationsDone = done;
                trainingNanosSoFar = trainingNanos;
                intervalLoss += result.meanLoss();
                intervalCorrect += result.correct();
                intervalIterations++;
                if (iteration % config.evalEvery() == 0 || iteration == config.iterations()) {
                    BatchProcessor.Evaluation evaluation =
                            processor.evaluate(weights, slice.images(), slice.labels(), slice.count());
                    if (!evaluation.finite()) {
                        status = RunStatus.DIVERGED;
                        divergedAt = iteration;
                        break;
                    }
                    lastRow = new MetricsRow(iteration, intervalLoss / intervalIterations,
                            (double) intervalCorrect / ((long) intervalIterations * batch),
                            evaluation.meanLoss(), evaluation.accuracy(),
                            earlierWallSeconds + seconds(System.nanoTime() - wallStart - pausedNanos));
                    history.add(lastRow);
                    ConfusionMatrix confusion = ConfusionMatrix.of(network.classes(), slice.labels(),
                            evaluation.predictions(), slice.count());
                    for (TrainingListener l : listeners) {
                        l.evaluated(lastRow, confusion);
                    }
                    intervalLoss = 0;
                    intervalCorrect = 0;
                    intervalIterations = 0;
                }
            }
            Double finalAccuracy = null;
            ConfusionMatrix testConfusion = null;
            Double validationAccuracy = null;
            if (status == RunStatus.FINISHED && config.validation() > 0) {
                EvaluationSet validationSet = EvaluationSet.lastImages(train, config.validation(), inputSize);
                validationAccuracy = processor.evaluate(weights, validationSet.images(), validationSet.labels(),
                        validationSet.count()).accuracy();
            }
            if (status == RunStatus.FINISHED) {
                EvaluationSet all = EvaluationSet.of(test, allIndices(test.count()), inputSize);
                BatchProcessor.Evaluation full = processor.evaluate(weights, all.images(), all.labels(), all.count());
                if (full.finite()) {
                    finalAccuracy = full.accuracy();
                    testConfusion = ConfusionMatrix.of(network.classes(), all.labels(), full.predictions(), all.count());
                } else {
                    // finite on the slice but not on every test image: no accuracy from non-finite outputs
                    status = RunStatus.DIVERGED;
                    divergedAt = done;
                }
            }
            double trainingSeconds = seconds(trainingNanos);
            double wallSeconds = earlierWallSeconds + seconds(System.nanoTime() - wallStart - pausedNanos);
            RunOutcome outcome = new RunOutcome(status, done, divergedAt, lastRow, finalAccuracy, testConfusion,
                    validationAccuracy, trainingSeconds, trainingSeconds > 0 ? (double) done * batch / trainingSeconds : 0,
                    wallSeconds);
            if (status != RunStatus.DIVERGED) {
                finalCheckpoint = new Checkpoint(config, weights.clone(), optimizerState(optimizer), done,
                        batchesDrawn, new Checkpoint.Interval(intervalLoss, intervalCorrect, intervalIterations),
                        trainingSeconds, wallSeconds, history, status, finalAccuracy, validationAccuracy);
            }
            for (TrainingListener l : listeners) {
                l.finished(outcome);
            }
            return outcome;
        }
    }

    /** Waits while paused; returns the nanoseconds spent waiting. An interrupt cancels the run. */
    private long awaitResume(int done) {
        long t0 = System.nanoTime();
        for (TrainingListener l : listeners) {
            l.paused(done);
        }
        synchronized (pauseLock) {
            while (pauseRequested && !cancelRequested) {
                try {
                    pauseLock.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    cancelRequested = true;
                }
            }
        }
        if (!cancelRequested) {
            for (TrainingListener l : listeners) {
                l.resumed(done);
            }
        }
        return System.nanoTime() - t0;
    }

    private static byte[] optimizerState(Optimizer optimizer) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            optimizer.writeState(out);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory failed", e);
        }
        return bytes.toByteArray();
    }

    private static int[] allIndices(int n) {
        int[] indices = new int[n];
        for (int i = 0; i < n; i++) {
            indices[i] = i;
        }
        return indices;
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
