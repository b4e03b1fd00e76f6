package dev.lenetlab.ui.model;

import dev.lenetlab.engine.Activation;
import dev.lenetlab.engine.OptimizerSpec;
import dev.lenetlab.engine.OptimizerParameter;
import dev.lenetlab.engine.OptimizerKind;
import dev.lenetlab.experiment.RunConfig;
import dev.lenetlab.experiment.data.MnistDataset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunSetupViewModelTest {
    private final RunSetupViewModel setup = new RunSetupViewModel(MnistDataset.defaultDirectory());

    @Test
    void thePapersDefaultsAreValidAndMakeThePapersConfiguration() {
        assertTrue(setup.isValid(), setup.problemsProperty().get());
        RunSetupViewModel.Launch launch = setup.launch().orElseThrow();
        RunConfig c = launch.config();
        assertEquals(Activation.MISH, c.activation());
        assertEquals(OptimizerKind.SGD, c.optimizer().kind());
        assertEquals(0.1, c.learningRate());
        assertEquals(64, c.batchSize());
        assertEquals(10_000, c.iterations());
        assertEquals(100, c.evalEvery());
        assertEquals(2_000, c.evalSize());
        assertEquals(1, c.seed());
        assertEquals(0, launch.requestedThreads(), "auto threads");
    }

    @Test
    void anInvalidLearningRateIsMarkedWithItsReasonAndBlocksStart() {
        setup.learningRate().setText("abc");
        assertFalse(setup.isValid());
        assertTrue(setup.learningRate().getError().contains("not a number"), setup.learningRate().getError());
        assertTrue(setup.launch().isEmpty());
        setup.learningRate().setText("-1");
        assertEquals("must be more than zero", setup.learningRate().getError());
        setup.learningRate().setText("0.05");
        assertTrue(setup.isValid());
        assertEquals("", setup.learningRate().getError());
        assertEquals(0.05, setup.launch().orElseThrow().config().learningRate());
    }

    @Test
    void wholeNumbersAreCheckedAgainstTheirRange() {
        setup.batchSize().setText("0");
        assertEquals("must be from 1 to 4,096", setup.batchSize().getError());
        setup.batchSize().setText("12.5");
        assertTrue(setup.batchSize().getError().contains("not a whole number"));
        setup.batchSize().setText("");
        assertTrue(setup.batchSize().getError().startsWith("required"));
        setup.batchSize().setText("1,024");
        assertTrue(setup.batchSize().isValid());
        setup.evalSize().setText("5");
        assertEquals("must be from 10 to 10,000", setup.evalSize().getError());
        assertTrue(setup.problemsProperty().get().contains("Eval images"));
    }

    @Test
    void evaluationIntervalCannotExceedTheIterationsAndFollowsThem() {
        setup.iterations().setText("50");
        assertFalse(setup.evalEvery().isValid(), "100 > 50");
        assertTrue(setup.evalEvery().getError().contains("at most the iterations (50)"));
        setup.iterations().setText("500");
        assertTrue(setup.evalEvery().isValid(), "revalidated when the iterations change");
    }

    @Test
    void threadsAreAutoOrANumber() {
        setup.threads().setText("3");
        assertEquals(3, setup.launch().orElseThrow().requestedThreads());
        setup.threads().setText("many");
        assertFalse(setup.isValid());
        assertTrue(setup.threads().getError().startsWith("'auto' or"));
        setup.threads().setText("AUTO");
        assertTrue(setup.isValid());
    }

    @Test
    void newSeedModeDrawsASeedAndShowsIt() {
        setup.seedModeProperty().set(RunSetupViewModel.SeedMode.NEW);
        long first = setup.launch().orElseThrow().config().seed();
        assertEquals(Long.toString(first), setup.seed().getText());
        long second = setup.launch().orElseThrow().config().seed();
        long third = setup.launch().orElseThrow().config().seed();
        assertTrue(first != second || second != third, "fresh seeds");
        setup.seedModeProperty().set(RunSetupViewModel.SeedMode.SAME);
        setup.seed().setText("42");
        assertEquals(42, setup.launch().orElseThrow().config().seed());
        assertEquals(42, setup.launch().orElseThrow().config().seed());
    }

    @Test
    void aDatasetFolderMustHoldTheFourIdxFiles(@TempDir Path dir) throws Exception {
        setup.datasetSourceProperty().set(RunSetupViewModel.DatasetSource.FOLDER);
        assertFalse(setup.isValid());
        setup.datasetFolder().setText(dir.resolve("missing").toString());
        assertEquals("no such folder", setup.datasetFolder().getError());
        setup.datasetFolder().setText(dir.toString());
        assertTrue(setup.datasetFolder().getError().contains("missing train-images"));
        for (String f : new String[] {"train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte", "t10k-images.idx3-ubyte",
                "t10k-labels-idx1-ubyte"}) {
            Files.writeString(dir.resolve(f), "");
        }
        setup.datasetFolder().revalidate();
        assertTrue(setup.isValid(), setup.problemsProperty().get());
        assertEquals(dir, setup.launch().orElseThrow().config().dataDirectory());
        setup.datasetSourceProperty().set(RunSetupViewModel.DatasetSource.BUNDLED);
        assertEquals(MnistDataset.defaultDirectory(), setup.dataDirectory());
    }

    @Test
    void optimizerParametersComeFromTheEngineAndAreValidatedWithTheirRanges() {
        assertEquals(List.of(OptimizerParameter.WEIGHT_DECAY),
                setup.optimizerParameters().stream().map(RunSetupViewModel.OptimizerField::parameter).toList());
        setup.optimizerParameters().get(0).field().setText("0.0005");
        assertEquals(0.0005, setup.launch().orElseThrow().config().optimizer().weightDecay());
        setup.optimizerParameters().get(0).field().setText("-1");
        assertFalse(setup.isValid());
        assertTrue(setup.launch().isEmpty(), "Start stays disabled");

        setup.optimizerProperty().set(OptimizerKind.FMSGD);
        assertEquals(List.of(OptimizerParameter.WEIGHT_DECAY, OptimizerParameter.ALPHA, OptimizerParameter.MEMORY_STEP,
                        OptimizerParameter.EPSILON, OptimizerParameter.TWO_TERM),
                setup.optimizerParameters().stream().map(RunSetupViewModel.OptimizerField::parameter).toList());
        assertFalse(setup.isValid(), "the weight decay typed for SGD is kept, and still invalid");
        field(OptimizerParameter.WEIGHT_DECAY).setText("0");
        field(OptimizerParameter.ALPHA).setText("2.5");
        assertFalse(setup.isValid());
        assertTrue(field(OptimizerParameter.ALPHA).getError().contains("(0, 2)"), field(OptimizerParameter.ALPHA).getError());
        field(OptimizerParameter.ALPHA).setText("1.1");
        field(OptimizerParameter.TWO_TERM).setText("true");
        OptimizerSpec spec = setup.launch().orElseThrow().config().optimizer();
        assertEquals(OptimizerKind.FMSGD, spec.kind());
        assertEquals(1.1, spec.alpha());
        assertTrue(spec.twoTerm());
        assertEquals(1e-4, spec.effectiveEpsilon(), "an empty ε takes the default for α > 1");
    }

    private Field<Object> field(OptimizerParameter p) {
        return setup.optimizerParameters().stream().filter(f -> f.parameter() == p).findFirst().orElseThrow().field();
    }

    @Test
    void loadingARunsConfigurationFillsTheForm() {
        RunConfig c = new RunConfig(Activation.RELU, dev.lenetlab.engine.Pooling.AVG,
                OptimizerSpec.defaults("fmsgd").withLearningRate(0.02).withAlpha(1.1).withMemoryStep(3).withTwoTerm(true),
                32, 1234, 17, 500, 0, 99, 1, MnistDataset.defaultDirectory());
        setup.load(c);
        RunConfig again = setup.launch().orElseThrow().config();
        assertEquals(c.withThreads(1), again.withThreads(1));
        setup.resetToPaperDefaults();
        assertNotEquals(c.learningRate(), setup.launch().orElseThrow().config().learningRate());
    }
}
