package dev.lenetlab.experiment.profile;

import dev.lenetlab.engine.OptimizerKind;
import dev.lenetlab.engine.OptimizerParameter;
import dev.lenetlab.engine.OptimizerSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One solver of a study: an optimizer with its settings, and the label it goes by in tables and
 * plots. Written on the command line as {@code name[:key=value[:key=value…]]}, solvers separated by
 * commas, the keys being the optimizer's option names without dashes — for example
 * {@code sgd:lr=0.5,fmsgd:alpha=0.9:lr=0.5,fmsgd:alpha=1.1:two-term}.
 */
public record Solver(String label, OptimizerSpec spec) {

    public static List<Solver> parseList(String text) {
        List<Solver> solvers = new ArrayList<>();
        for (String item : text.split(",")) {
            if (!item.isBlank()) {
                solvers.add(parse(item.trim()));
            }
        }
        if (solvers.isEmpty()) {
            throw new IllegalArgumentException("--solvers: no solver in '" + text + "'; e.g. sgd,fmsgd:alpha=0.9");
        }
        List<String> labels = solvers.stream().map(Solver::label).toList();
        for (int i = 0; i < labels.size(); i++) {
            if (labels.indexOf(labels.get(i)) != i) {
                throw new IllegalArgumentException("--solvers: '" + labels.get(i) + "' is listed twice");
            }
        }
        return solvers;
    }

    public static Solver parse(String text) {
        String[] parts = text.split(":");
        OptimizerSpec spec = OptimizerSpec.defaults(OptimizerKind.fromId(parts[0].trim()));
        StringBuilder label = new StringBuilder(spec.kind().id());
        for (int i = 1; i < parts.length; i++) {
            String part = parts[i].trim();
            int eq = part.indexOf('=');
            String key = (eq < 0 ? part : part.substring(0, eq)).trim().toLowerCase(Locale.ROOT);
            String value = eq < 0 ? "true" : part.substring(eq + 1).trim();
            OptimizerParameter parameter = parameterFor(key, spec.kind());
            spec = spec.with(parameter, value);
            label.append(' ').append(key).append(eq < 0 ? "" : "=" + value);
        }
        return new Solver(label.toString(), spec);
    }

    private static OptimizerParameter parameterFor(String key, OptimizerKind kind) {
        for (OptimizerParameter p : kind.parameters()) {
            if (p.option().equals("--" + key)) {
                return p;
            }
        }
        List<String> keys = kind.parameters().stream().map(p -> p.option().substring(2)).toList();
        throw new IllegalArgumentException("--solvers: " + kind.id() + " has no setting '" + key + "'; it takes "
                + String.join(", ", keys));
    }
}
