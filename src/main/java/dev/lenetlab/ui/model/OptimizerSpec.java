package dev.lenetlab.ui.model;

import java.util.List;

/**
 * An optimizer the setup panel offers, with the parameters of its own that the form shows below
 * the common ones (learning rate, batch …).
 *
 * @param id          the id in RunConfig and run.json ("sgd")
 * @param label       what the list shows
 * @param description one line for a tooltip
 * @param parameters  its own parameters, in display order
 */
public record OptimizerSpec(String id, String label, String description, List<Parameter> parameters) {

    /**
     * One optimizer parameter.
     *
     * @param key         the key in the configuration ("weight_decay", later "alpha", "k", "epsilon")
     * @param label       the field's label, may use symbols ("α")
     * @param defaultText the initial text
     * @param parser      its validation
     */
    public record Parameter(String key, String label, String defaultText, Field.Parser<Double> parser) {}

    public static final OptimizerSpec SGD = new OptimizerSpec("sgd", "SGD",
            "Mini-batch stochastic gradient descent, as in the paper",
            List.of(new Parameter("weight_decay", "Weight decay", "0",
                    Field.real(true, 1, "zero or a small positive number, e.g. 0.0005"))));

    /**
     * Every optimizer the engine has. Hook for the FMSGD issue: add its spec here (id "fmsgd", with
     * parameters α, K and ε), teach RunConfig its parameters and {@link RunSetupViewModel#launch()}
     * how to pass them; the form, the runs list and the presets pick it up from this list.
     */
    public static final List<OptimizerSpec> ALL = List.of(SGD);

    @Override
    public String toString() {
        return label;
    }
}
