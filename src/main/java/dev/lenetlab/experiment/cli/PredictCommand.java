package dev.lenetlab.experiment.cli;

import dev.lenetlab.experiment.model.BundledModel;
import dev.lenetlab.experiment.model.Classifier;
import dev.lenetlab.experiment.model.ModelFile;
import dev.lenetlab.experiment.model.ModelFileException;
import dev.lenetlab.experiment.data.PictureFile;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** {@code predict}: classifies pictures of digits, one CSV row per picture. */
final class PredictCommand {
    static final String HELP = """
            Usage: lenet-lab predict [--model FILE] IMAGE...

            Classifies each picture (PNG, JPEG, GIF or BMP, any size) as a drawing: dark ink on light
            paper or light on dark, told apart by the border, cropped, scaled and centred as MNIST is.
            Prints one CSV row per picture: file,prediction,probability.

              --model FILE   a model file written by train --save or the workbench (default: the bundled model)

            Exit codes: 0 all classified, 2 a picture or the model could not be read (the others are still printed).""";

    private final PrintStream out;
    private final PrintStream err;

    PredictCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run(String[] args) throws UsageException {
        Options options = Options.parse("predict", args, Set.of("--model"), Set.of("--help"), true);
        if (options.has("--help")) {
            out.println(HELP);
            return Cli.OK;
        }
        List<String> images = options.arguments();
        if (images.isEmpty()) {
            throw new UsageException("predict: give at least one picture file; see predict --help");
        }
        Classifier classifier = classifier(options);
        out.println("file,prediction,probability");
        int failures = 0;
        for (String image : images) {
            try {
                Optional<float[]> input = PictureFile.networkInput(Path.of(image));
                if (input.isEmpty()) {
                    err.println("error: " + image + ": no ink found (a blank picture); nothing to classify");
                    failures++;
                    continue;
                }
                Classifier.Classification c = classifier.classify(input.get());
                out.printf(Locale.ROOT, "%s,%d,%.4f%n", csv(image), c.predicted(), c.confidence());
            } catch (IOException e) {
                err.println("error: " + e.getMessage());
                failures++;
            } catch (RuntimeException | OutOfMemoryError e) {
                // a decoder's own failure on one picture (or its memory) must not cost the others their rows
                err.println("error: " + image + ": cannot read this picture (" + e + "); convert it to PNG and try again");
                failures++;
            }
        }
        return failures == 0 ? Cli.OK : Cli.INVALID_INPUT;
    }

    /** The model of {@code --model}, or the bundled one. */
    static Classifier classifier(Options options) throws UsageException {
        try {
            if (options.has("--model")) {
                Path file = options.path("--model", null);
                return Classifier.of(file.getFileName().toString(), ModelFile.read(file));
            }
            return BundledModel.classifier();
        } catch (ModelFileException e) {
            throw new UsageException("--model: " + e.getMessage());
        }
    }

    private static String csv(String field) {
        if (field.contains(",") || field.contains("\"") || field.contains("\n")) {
            return '"' + field.replace("\"", "\"\"") + '"';
        }
        return field;
    }
}
