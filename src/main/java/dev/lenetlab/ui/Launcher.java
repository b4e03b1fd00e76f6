package dev.lenetlab.ui;

import dev.lenetlab.engine.Kernels;
import dev.lenetlab.experiment.cli.Cli;

import java.lang.management.ManagementFactory;
import java.lang.module.ModuleFinder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The jar's entry point: with no arguments it opens the workbench window, with a command it runs
 * the command line. It is a plain class, not the JavaFX {@code Application}, because a class-path
 * launch of an Application subclass is refused by the JavaFX launcher.
 *
 * <p>The fast kernels need the incubating Vector API module, which {@code java -jar} does not add
 * and a manifest cannot ask for. So when the module is missing from this JVM but present in the
 * Java installation, the launcher starts the same program again in a child JVM with
 * {@code --add-modules jdk.incubator.vector} and passes on its exit code; only a Java without the
 * module falls back to the scalar kernels, with a one-line notice.
 */
public final class Launcher {
    private static final String RELAUNCHED = "lenetlab.relaunched";

    private Launcher() {}

    public static void main(String[] args) {
        if (!Kernels.vectorModulePresent() && !Boolean.getBoolean(RELAUNCHED)) {
            Optional<Integer> exitCode = relaunchWithVectorModule(args);
            if (exitCode.isPresent()) {
                System.exit(exitCode.get());
            }
        }
        if (!Kernels.vectorModulePresent()) {
            System.err.println("note: this Java has no " + Kernels.VECTOR_MODULE
                    + " module; training uses the slower scalar kernels");
        }
        if (args.length == 0) {
            WorkbenchApp.launchWindow(args);
        } else {
            System.exit(Cli.run(args, System.out, System.err));
        }
    }

    /** Runs this program in a child JVM that has the module; empty if that cannot be done. */
    private static Optional<Integer> relaunchWithVectorModule(String[] args) {
        if (ModuleFinder.ofSystem().find(Kernels.VECTOR_MODULE).isEmpty()) {
            return Optional.empty();
        }
        Optional<String> javaExecutable = ProcessHandle.current().info().command();
        if (javaExecutable.isEmpty()) {
            return Optional.empty();
        }
        List<String> command = new ArrayList<>();
        command.add(javaExecutable.get());
        command.add("--add-modules");
        command.add(Kernels.VECTOR_MODULE);
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.add("-D" + RELAUNCHED + "=true");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Launcher.class.getName());
        command.addAll(List.of(args));
        Process child;
        try {
            child = new ProcessBuilder(command).inheritIO().start();
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
        // Ctrl-C reaches the child too (same process group) and it winds down on its own; a
        // signal sent to this process alone is passed on at once as SIGTERM, which the child
        // handles like Ctrl-C (stops at the next iteration, writes its files as cancelled). Where
        // destroy() would kill the child outright (Windows), the child is left to finish first.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (child.isAlive() && child.supportsNormalTermination()) {
                child.destroy();
            }
            try {
                if (!child.waitFor(25, TimeUnit.SECONDS)) {
                    child.destroyForcibly();
                }
            } catch (InterruptedException e) {
                child.destroyForcibly();
            }
        }, "lenetlab-child-watch"));
        while (true) {
            try {
                return Optional.of(child.waitFor());
            } catch (InterruptedException e) {
                child.destroy();
            }
        }
    }
}
