package dev.lenetlab.engine;

import static dev.lenetlab.engine.OptimizerParameter.ADAM_EPSILON;
import static dev.lenetlab.engine.OptimizerParameter.ALPHA;
import static dev.lenetlab.engine.OptimizerParameter.BETA1;
import static dev.lenetlab.engine.OptimizerParameter.BETA2;
import static dev.lenetlab.engine.OptimizerParameter.EPSILON;
import static dev.lenetlab.engine.OptimizerParameter.LEARNING_RATE;
import static dev.lenetlab.engine.OptimizerParameter.MEMORY_STEP;
import static dev.lenetlab.engine.OptimizerParameter.MOMENTUM;
import static dev.lenetlab.engine.OptimizerParameter.TWO_TERM;
import static dev.lenetlab.engine.OptimizerParameter.WEIGHT_DECAY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Names, defaults, validation messages and the run.json form of {@link OptimizerSpec}. */
class OptimizerSpecTest {

    @Test
    void theOptimizersAndTheirSettings() {
        assertEquals(List.of("sgd", "momentum", "nesterov", "adam", "fmsgd"), OptimizerKind.ids());
        assertEquals(List.of(LEARNING_RATE, WEIGHT_DECAY), OptimizerKind.SGD.parameters());
        assertEquals(List.of(LEARNING_RATE, WEIGHT_DECAY, MOMENTUM), OptimizerKind.MOMENTUM.parameters());
        assertEquals(List.of(LEARNING_RATE, WEIGHT_DECAY, MOMENTUM), OptimizerKind.NESTEROV.parameters());
        assertEquals(List.of(LEARNING_RATE, WEIGHT_DECAY, BETA1, BETA2, ADAM_EPSILON), OptimizerKind.ADAM.parameters());
        assertEquals(List.of(LEARNING_RATE, WEIGHT_DECAY, ALPHA, MEMORY_STEP, EPSILON, TWO_TERM),
                OptimizerKind.FMSGD.parameters());
        assertEquals(OptimizerKind.NESTEROV, OptimizerKind.fromId(" Nesterov "));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OptimizerKind.fromId("adamw"));
        assertEquals("--optimizer: adamw is not valid; expected one of sgd, momentum, nesterov, adam, fmsgd",
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> OptimizerSpec.defaults("rmsprop"));
    }

    @Test
    void defaults() {
        assertEquals(1e-3, OptimizerSpec.defaults("adam").learningRate());
        for (String id : List.of("sgd", "momentum", "nesterov", "fmsgd")) {
            assertEquals(0.1, OptimizerSpec.defaults(id).learningRate(), id);
        }
        Map<String, Object> fmsgd = OptimizerSpec.defaults("fmsgd").toMap();
        assertEquals(List.of("optimizer", "learning_rate", "weight_decay", "alpha", "memory_step", "epsilon", "two_term"),
                new ArrayList<>(fmsgd.keySet()));
        assertEquals(List.of("fmsgd", 0.1, 0.0, 0.9, 1, 1e-8, false), new ArrayList<>(fmsgd.values()));
        assertEquals(List.of("adam", 1e-3, 0.0, 0.9, 0.999, 1e-8),
                new ArrayList<>(OptimizerSpec.defaults("adam").toMap().values()));
        assertEquals(List.of("momentum", 0.1, 0.0, 0.9),
                new ArrayList<>(OptimizerSpec.defaults("momentum").toMap().values()));
    }

    @Test
    void epsilonFollowsAlphaUntilSet() {
        OptimizerSpec spec = OptimizerSpec.defaults("fmsgd");
        assertEquals(1e-8, spec.effectiveEpsilon());
        assertEquals(1e-8, spec.withAlpha(1.0).effectiveEpsilon());
        assertEquals(1e-4, spec.withAlpha(1.1).effectiveEpsilon());
        assertEquals(1e-4, spec.withAlpha(1.1).create(10).settings().get("epsilon"));
        OptimizerSpec set = spec.withEpsilon(1e-6);
        assertEquals(1e-6, set.withAlpha(1.5).effectiveEpsilon());
        assertEquals(1e-4, set.withAlpha(1.5).with(EPSILON, null).effectiveEpsilon());
    }

    /** Each rejected value, typed as on the command line, with the message the user sees. */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
        "LEARNING_RATE | 0     | --lr: 0 is not valid; expected a number > 0",
        "LEARNING_RATE | -0.1  | --lr: -0.1 is not valid; expected a number > 0",
        "LEARNING_RATE | NaN   | --lr: NaN is not valid; expected a number > 0",
        "LEARNING_RATE | fast  | --lr: fast is not valid; expected a number > 0",
        "LEARNING_RATE | Infinity | --lr: Infinity is not valid; expected a number > 0",
        "WEIGHT_DECAY  | -1e-4 | --weight-decay: -1e-4 is not valid; expected a number >= 0",
        "ALPHA         | 2.5   | --alpha: 2.5 is not valid; expected a number in (0, 2)",
        "ALPHA         | 2     | --alpha: 2 is not valid; expected a number in (0, 2)",
        "ALPHA         | 0     | --alpha: 0 is not valid; expected a number in (0, 2)",
        "MEMORY_STEP   | 0     | --memory-step: 0 is not valid; expected an integer from 1 to 100",
        "MEMORY_STEP   | 101   | --memory-step: 101 is not valid; expected an integer from 1 to 100",
        "MEMORY_STEP   | 2.5   | --memory-step: 2.5 is not valid; expected an integer from 1 to 100",
        "EPSILON       | 0     | --epsilon: 0 is not valid; expected a number > 0",
        "EPSILON       | -1e-8 | --epsilon: -1e-8 is not valid; expected a number > 0",
        "TWO_TERM      | yes   | --two-term: yes is not valid; expected true or false",
        "MOMENTUM      | 1     | --momentum: 1 is not valid; expected a number in [0, 1)",
        "MOMENTUM      | -0.5  | --momentum: -0.5 is not valid; expected a number in [0, 1)",
        "BETA1         | 1.0   | --beta1: 1.0 is not valid; expected a number in [0, 1)",
        "BETA2         | 1.5   | --beta2: 1.5 is not valid; expected a number in [0, 1)",
        "ADAM_EPSILON  | 0     | --adam-epsilon: 0 is not valid; expected a number > 0",
    })
    void anInvalidValueIsRefusedWithTheOptionTheValueAndTheRange(OptimizerParameter parameter, String text,
                                                                 String message) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, () -> parameter.parse(text)).getMessage());
        OptimizerSpec spec = OptimizerSpec.defaults(OptimizerKind.FMSGD);
        assertEquals(message, assertThrows(IllegalArgumentException.class, () -> spec.with(parameter, text))
                .getMessage());
    }

    @Test
    void numbersFromCodeGetTheSameMessages() {
        OptimizerSpec spec = OptimizerSpec.defaults("fmsgd");
        assertEquals("--alpha: 2.5 is not valid; expected a number in (0, 2)",
                assertThrows(IllegalArgumentException.class, () -> spec.withAlpha(2.5)).getMessage());
        assertEquals("--alpha: 2.5 is not valid; expected a number in (0, 2)",
                assertThrows(IllegalArgumentException.class, () -> new Fmsgd(10, 0.1, 0, 2.5, 1, 1e-8, false))
                        .getMessage());
        assertEquals("--memory-step: 0 is not valid; expected an integer from 1 to 100",
                assertThrows(IllegalArgumentException.class, () -> spec.withMemoryStep(0)).getMessage());
        assertEquals("--epsilon: 0 is not valid; expected a number > 0",
                assertThrows(IllegalArgumentException.class, () -> new Fmsgd(10, 0.1, 0, 0.9, 1, 0, false))
                        .getMessage());
        assertEquals("--lr: 0 is not valid; expected a number > 0",
                assertThrows(IllegalArgumentException.class, () -> new Sgd(0, 0)).getMessage());
        assertEquals("--weight-decay: -1 is not valid; expected a number >= 0",
                assertThrows(IllegalArgumentException.class, () -> new Sgd(0.1, -1)).getMessage());
        assertEquals("--momentum: 1 is not valid; expected a number in [0, 1)",
                assertThrows(IllegalArgumentException.class, () -> new MomentumSgd(10, 0.1, 0, 1, true)).getMessage());
        assertEquals("--beta2: 1 is not valid; expected a number in [0, 1)",
                assertThrows(IllegalArgumentException.class, () -> new Adam(10, 0.1, 0, 0.9, 1, 1e-8)).getMessage());
        assertEquals("--adam-epsilon: -1.0E-20 is not valid; expected a number > 0",
                assertThrows(IllegalArgumentException.class, () -> ADAM_EPSILON.check(-1e-20)).getMessage());
        assertEquals("--memory-step: 2.5 is not valid; expected an integer from 1 to 100",
                assertThrows(IllegalArgumentException.class, () -> spec.with(MEMORY_STEP, 2.5)).getMessage());
    }

    @Test
    void theEndsOfEachRangeThatAreIncludedAreAccepted() {
        OptimizerSpec spec = OptimizerSpec.defaults("fmsgd")
                .with(MEMORY_STEP, "1").with(MEMORY_STEP, "100").with(WEIGHT_DECAY, "0")
                .with(MOMENTUM, "0").with(BETA1, "0").with(BETA2, "0").with(ALPHA, "1.999").with(ALPHA, "0.001")
                .with(TWO_TERM, "TRUE");
        assertEquals(100, spec.memoryStep());
        assertEquals(0.001, spec.alpha());
        assertEquals(true, spec.twoTerm());
    }

    @Test
    void eachOptimizerIsBuiltWithItsSettings() {
        Map<OptimizerKind, Class<?>> classes = Map.of(OptimizerKind.SGD, Sgd.class, OptimizerKind.MOMENTUM,
                MomentumSgd.class, OptimizerKind.NESTEROV, MomentumSgd.class, OptimizerKind.ADAM, Adam.class,
                OptimizerKind.FMSGD, Fmsgd.class);
        for (OptimizerKind kind : OptimizerKind.values()) {
            OptimizerSpec spec = OptimizerSpec.defaults(kind).withLearningRate(0.05).withWeightDecay(1e-4);
            Optimizer optimizer = spec.create(100);
            assertInstanceOf(classes.get(kind), optimizer);
            assertEquals(kind.id(), optimizer.id());
            assertEquals(0, optimizer.steps());
            Map<String, Object> expected = new LinkedHashMap<>(spec.toMap());
            assertEquals(kind.id(), expected.remove(OptimizerSpec.OPTIMIZER_KEY));
            assertEquals(new ArrayList<>(expected.entrySet()), new ArrayList<>(optimizer.settings().entrySet()),
                    kind.id());
        }
        Fmsgd fmsgd = (Fmsgd) OptimizerSpec.defaults("fmsgd").withMemoryStep(5).withTwoTerm(true).create(100);
        assertEquals(5, fmsgd.memoryStep());
        assertEquals(true, fmsgd.twoTerm());
    }

    @Test
    void theRunFileFormReadsBack() {
        OptimizerSpec spec = OptimizerSpec.defaults("fmsgd").withAlpha(1.2).withMemoryStep(4).withTwoTerm(true)
                .withLearningRate(0.05);
        OptimizerSpec read = OptimizerSpec.fromMap(spec.toMap());
        assertEquals(spec.toMap(), read.toMap());
        // A JSON reader may hand back 1 for 1.0 and 4.0 for 4.
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("optimizer", "fmsgd");
        json.put("learning_rate", 1);
        json.put("memory_step", 4.0);
        OptimizerSpec fromJson = OptimizerSpec.fromMap(json);
        assertEquals(1.0, fromJson.learningRate());
        assertEquals(4, fromJson.memoryStep());
        assertEquals(0.9, fromJson.alpha(), "left out: the default");

        json.put("momentum", 0.5);
        assertEquals("optimizer fmsgd has no setting \"momentum\"",
                assertThrows(IllegalArgumentException.class, () -> OptimizerSpec.fromMap(json)).getMessage());
        assertEquals("no \"optimizer\" in the optimizer settings",
                assertThrows(IllegalArgumentException.class, () -> OptimizerSpec.fromMap(Map.of("alpha", 0.5)))
                        .getMessage());
        assertEquals("fmsgd{learning_rate=0.05, weight_decay=0.0, alpha=1.2, memory_step=4, epsilon=1.0E-4, "
                + "two_term=true}", spec.toString());
    }
}
