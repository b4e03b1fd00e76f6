package dev.lenetlab.experiment.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** Parsed {@code --name value}, {@code --name=value} and {@code --flag} options of one command. */
final class Options {
    private final String command;
    private final Map<String, String> values = new HashMap<>();
    private final List<String> arguments = new ArrayList<>();

    private Options(String command) {
        this.command = command;
    }

    /**
     * @param valued options that take a value
     * @param flags  options that take none
     */
    static Options parse(String command, String[] args, Set<String> valued, Set<String> flags) throws UsageException {
        return parse(command, args, valued, flags, false);
    }

    /**
     * @param takesArguments whether words that are not options (file names) are accepted; they
     *                       are kept in order, and after {@code --} everything is one
     */
    static Options parse(String command, String[] args, Set<String> valued, Set<String> flags, boolean takesArguments)
            throws UsageException {
        Options options = new Options(command);
        boolean onlyArguments = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (takesArguments && (onlyArguments || !arg.startsWith("--"))) {
                options.arguments.add(arg);
                continue;
            }
            if (takesArguments && arg.equals("--")) {
                onlyArguments = true;
                continue;
            }
            if (!arg.startsWith("--")) {
                throw new UsageException(command + ": unexpected argument '" + arg + "'; see " + command + " --help");
            }
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            if (flags.contains(name)) {
                if (value != null) {
                    throw new UsageException(command + ": " + name + " takes no value");
                }
                options.values.put(name, "true");
            } else if (valued.contains(name)) {
                if (value == null) {
                    if (i + 1 >= args.length) {
                        throw new UsageException(command + ": " + name + " needs a value; see " + command + " --help");
                    }
                    value = args[++i];
                }
                options.values.put(name, value);
            } else {
                throw new UsageException(command + ": unknown option " + name + "; see " + command + " --help");
            }
        }
        return options;
    }

    /** The words that were not options, in order. */
    List<String> arguments() {
        return List.copyOf(arguments);
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    String string(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    int integer(String name, int fallback) throws UsageException {
        long v = longValue(name, fallback);
        if (v != (int) v) {
            throw new UsageException(name + ": '" + values.get(name) + "' is too large");
        }
        return (int) v;
    }

    long longValue(String name, long fallback) throws UsageException {
        String v = values.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            return Long.parseLong(v.trim().replace("_", ""));
        } catch (NumberFormatException e) {
            throw new UsageException(name + ": '" + v + "' is not a whole number");
        }
    }

    double number(String name, double fallback) throws UsageException {
        String v = values.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            double d = Double.parseDouble(v.trim());
            if (!Double.isFinite(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new UsageException(name + ": '" + v + "' is not a number");
        }
    }

    /**
     * One of a fixed set of names ({@code --activation}, {@code --pooling}), with every option's
     * message for a name that is not one of them.
     *
     * @param parser  the name's own parser, which throws IllegalArgumentException for an unknown name
     * @param choices the valid names, as the message lists them
     */
    <T> T choice(String name, String fallback, Function<String, T> parser, String choices) throws UsageException {
        String v = string(name, fallback);
        try {
            return parser.apply(v);
        } catch (IllegalArgumentException e) {
            throw new UsageException(name + ": unknown '" + v + "'; choose one of " + choices);
        }
    }

    Path path(String name, Path fallback) {
        String v = values.get(name);
        return v == null ? fallback : Path.of(v);
    }

    String command() {
        return command;
    }
}
