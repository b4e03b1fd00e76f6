package dev.lenetlab.experiment.cli;

import dev.lenetlab.engine.BatchProcessor;
import dev.lenetlab.engine.Network;
import dev.lenetlab.engine.WorkerPool;
import dev.lenetlab.experiment.ConfusionMatrix;
import dev.lenetlab.experiment.EvaluationSet;
import dev.lenetlab.experiment.RunConfig;
import dev.lenetlab.experiment.data.DatasetException;
import dev.lenetlab.experiment.data.ImageSet;
import dev.lenetlab.experiment.data.MnistDataset;
import dev.lenetlab.experiment.model.BundledModel;
import dev.lenetlab.experiment.model.ModelFile;
import dev.lenetlab.experiment.model.ModelFileException;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.Set;

/** {@code evaluate}: a model's accuracy and confusion matrix on the whole test set. */
final class EvaluateCommand {
    static final String HELP = """
            Usage: lenet-lab evaluate [--model FILE] [--data DIR] [--threads N]

            Prints the model's accuracy on every test image and its confusion matrix (rows: true
            class, columns: predicted), with each class's precision and recall.

              --model FILE   a model file (default: the bundled model)
              --data DIR     folder with the MNIST IDX files; the two t10k ones suffice (default: the bundled MNIST)
              --threads N    worker threads (default: all cores)""";

    private final PrintStream out;

    EvaluateCommand(PrintStream out) {
        this.out = out;
    }

    int run(String[] args) throws UsageException, DatasetException {
        Options options = Options.parse("evaluate", args, Set.of("--model", "--data", "--threads"), Set.of("--help"));
        if (options.has("--help")) {
            out.println(HELP);
            return Cli.OK;
        }
        int threads = options.integer("--threads", WorkerPool.availableCores());
        if (threads < 1 || threads > WorkerPool.MAX_THREADS) {
            throw new UsageException("--threads: " + threads + " is not valid; expected a whole number from 1 to "
                    + WorkerPool.MAX_THREADS);
        }
        Path modelFile = options.path("--model", null);
        RunConfig config;
        float[] parameters;
        int iterationsDone;
        try {
            var checkpoint = modelFile == null ? BundledModel.checkpoint() : ModelFile.read(modelFile);
            config = checkpoint.config();
            parameters = checkpoint.parameters();
            iterationsDone = checkpoint.iterationsDone();
        } catch (ModelFileException e) {
            throw new UsageException("--model: " + e.getMessage());
        }
        ImageSet test = MnistDataset.loadTest(options.path("--data", MnistDataset.defaultDirectory()));
        Network network = Network.lenet5(config.activation(), config.pooling());
        int[] all = new int[test.count()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        EvaluationSet set = EvaluationSet.of(test, all, network.inputShape().size());
        BatchProcessor.Evaluation evaluation;
        try (WorkerPool pool = new WorkerPool(threads)) {
            evaluation = new BatchProcessor(network, pool).evaluate(parameters, set.images(), set.labels(), set.count());
        }
        ConfusionMatrix confusion = ConfusionMatrix.of(network.classes(), set.labels(), evaluation.predictions(), set.count());
        // the iterations in the weights; a run stopped early also says how many it was meant to train
        String iterations = iterationsDone == config.iterations() ? iterationsDone + " iterations"
                : iterationsDone + " of " + config.iterations() + " iterations";
        out.printf(Locale.ROOT, "model: %s (%s, %s, %s)%n",
                modelFile == null ? BundledModel.NAME : modelFile, network.description(), config.optimizer(),
                iterations);
        out.printf(Locale.ROOT, "test accuracy: %.2f%% (%,d of %,d test images), mean loss %.4f%n",
                100 * evaluation.accuracy(), evaluation.correct(), evaluation.count(), evaluation.meanLoss());
        out.println();
        out.println(table(confusion));
        return Cli.OK;
    }

    static String table(ConfusionMatrix m) {
        StringBuilder sb = new StringBuilder("true\\pred");
        for (int p = 0; p < m.classes(); p++) {
            sb.append(String.format(Locale.ROOT, "%6d", p));
        }
        sb.append("   recall\n");
        for (int t = 0; t < m.classes(); t++) {
            sb.append(String.format(Locale.ROOT, "%9d", t));
            for (int p = 0; p < m.classes(); p++) {
                sb.append(String.format(Locale.ROOT, "%6d", m.count(t, p)));
            }
            sb.append("   ").append(percent(m.recall(t))).append('\n');
        }
        sb.append("precision");
        for (int p = 0; p < m.classes(); p++) {
            OptionalDouble precision = m.precision(p);
            sb.append(String.format(Locale.ROOT, "%6s",
                    precision.isPresent() ? String.format(Locale.ROOT, "%.1f", 100 * precision.getAsDouble()) : "n/a"));
        }
        return sb.append("   (%)").toString();
    }

    private static String percent(OptionalDouble value) {
        return value.isPresent() ? String.format(Locale.ROOT, "%6.2f%%", 100 * value.getAsDouble()) : "   n/a";
    }
}
