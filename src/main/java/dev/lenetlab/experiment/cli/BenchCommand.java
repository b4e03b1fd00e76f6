package dev.lenetlab.experiment.cli;

import dev.lenetlab.engine.Activation;
import dev.lenetlab.engine.BatchProcessor;
import dev.lenetlab.engine.Kernels;
import dev.lenetlab.engine.Network;
import dev.lenetlab.engine.Pooling;
import dev.lenetlab.engine.Sgd;
import dev.lenetlab.engine.WorkerPool;
import dev.lenetlab.experiment.data.DatasetException;
import dev.lenetlab.experiment.data.ImageSet;
import dev.lenetlab.experiment.data.MnistDataset;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;

/**
 * {@code bench}: training throughput (forward, backward and SGD update) at batch 1, 16, 64 and 256,
 * and inference throughput at batch 1,000, each the median of timed repeats after a warm-up, on
 * real MNIST images.
 */
final class BenchCommand {
    static final String HELP = """
            Usage: lenet-lab bench [options]

            Measures LeNet-5 throughput in images per second: training (forward + backward + SGD
            update) at batch 1, 16, 64 and 256, and inference at batch 1,000. Each figure is the
            median of %d timed repeats after a warm-up. Takes about a minute.

              --activation NAME   activation to measure                 (default relu)
              --threads N         worker threads                        (default: all cores)
              --repeats N         timed repeats per figure              (default %d)
              --data DIR          folder with the MNIST IDX files       (default: the bundled MNIST)
              --csv               print rows activation,mode,batch,threads,images_per_second"""
            .formatted(5, 5);

    private static final int[] TRAIN_BATCHES = {1, 16, 64, 256};
    private static final int INFER_BATCH = 1000;
    private static final double REPEAT_SECONDS = 0.6;
    private static final double FIRST_WARMUP_SECONDS = 3.0;
    private static final double WARMUP_SECONDS = 0.8;

    private final PrintStream out;
    private final PrintStream err;

    BenchCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run(String[] args) throws UsageException, DatasetException {
        Options options = Options.parse("bench", args, Set.of("--activation", "--threads", "--repeats", "--data"),
                Set.of("--csv", "--help", "--version"));
        if (options.has("--help")) {
            out.println(HELP);
            return Cli.OK;
        }
        if (options.has("--version")) {
            out.println("lenet-lab " + Cli.version());
            return Cli.OK;
        }
        Activation activation = TrainCommand.activation(options, "relu");
        int threads = options.integer("--threads", WorkerPool.availableCores());
        if (threads < 1 || threads > WorkerPool.MAX_THREADS) {
            throw new UsageException("--threads: " + threads + " is not valid; expected a whole number from 1 to " + WorkerPool.MAX_THREADS);
        }
        int repeats = options.integer("--repeats", 5);
        if (repeats < 1 || repeats > 100) {
            throw new UsageException("--repeats: " + repeats + " is not valid; expected a whole number from 1 to 100");
        }
        boolean csv = options.has("--csv");
        MnistDataset data = MnistDataset.load(options.path("--data", MnistDataset.defaultDirectory()));
        Network network = Network.lenet5(activation, Pooling.MAX);
        int inputSize = network.inputShape().size();
        int maxBatch = Math.max(INFER_BATCH, TRAIN_BATCHES[TRAIN_BATCHES.length - 1]);
        float[] images = new float[maxBatch * inputSize];
        int[] labels = new int[maxBatch];
        ImageSet train = data.train();
        for (int i = 0; i < maxBatch; i++) {
            train.copyImage(i, images, i * inputSize);
            labels[i] = train.label(i);
        }
        if (csv) {
            out.println("activation,mode,batch,threads,images_per_second");
        } else {
            out.printf(Locale.ROOT, "LeNet-5 %s, %d threads, %s kernel; median of %d repeats%n",
                    activation.id(), threads, Kernels.gemm().name(), repeats);
        }
        try (WorkerPool pool = new WorkerPool(threads)) {
            BatchProcessor processor = new BatchProcessor(network, pool);
            float[] parameters = network.initialParameters(1);
            float[] gradient = new float[network.parameterCount()];
            // lr tiny: the weights must stay sane over thousands of steps on the same few images
            Sgd sgd = new Sgd(1e-6, 0);
            boolean first = true;
            for (int batch : TRAIN_BATCHES) {
                Runnable step = () -> {
                    processor.lossAndGradient(parameters, images, labels, batch, gradient);
                    sgd.step(parameters, gradient);
                };
                double rate = measure(step, batch, repeats, first ? FIRST_WARMUP_SECONDS : WARMUP_SECONDS);
                first = false;
                print(csv, activation, "train", batch, threads, rate);
            }
            Runnable infer = () -> processor.evaluate(parameters, images, labels, INFER_BATCH);
            print(csv, activation, "infer", INFER_BATCH, threads, measure(infer, INFER_BATCH, repeats, WARMUP_SECONDS));
        }
        return Cli.OK;
    }

    private void print(boolean csv, Activation activation, String mode, int batch, int threads, double rate) {
        if (csv) {
            out.printf(Locale.ROOT, "%s,%s,%d,%d,%.1f%n", activation.id(), mode, batch, threads, rate);
        } else {
            out.printf(Locale.ROOT, "%-5s batch %5d: %,10.0f images/s%n", mode, batch, rate);
        }
    }

    /** Images per second: the median over repeats of (calls × batch) / time, each repeat ≥ REPEAT_SECONDS. */
    private static double measure(Runnable call, int batch, int repeats, double warmupSeconds) {
        long warmupEnd = System.nanoTime() + (long) (warmupSeconds * 1e9);
        while (System.nanoTime() < warmupEnd) {
            call.run();
        }
        double[] rates = new double[repeats];
        for (int r = 0; r < repeats; r++) {
            long start = System.nanoTime();
            long calls = 0;
            long elapsed;
            do {
                call.run();
                calls++;
                elapsed = System.nanoTime() - start;
            } while (elapsed < REPEAT_SECONDS * 1e9);
            rates[r] = calls * batch / (elapsed / 1e9);
        }
        Arrays.sort(rates);
        return repeats % 2 == 1 ? rates[repeats / 2] : (rates[repeats / 2 - 1] + rates[repeats / 2]) / 2;
    }
}
