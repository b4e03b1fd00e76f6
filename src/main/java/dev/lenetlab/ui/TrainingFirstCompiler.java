package dev.lenetlab.ui;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.management.ObjectName;

/**
 * Leaves HotSpot's optimising compiler (C2) to the training code while the window is open.
 *
 * <p>Why: a window's code becomes hot only once a run trains and the window shows it — CSS, text
 * layout, the software rasteriser — and C2 then compiles it on the same cores as the run. On 2
 * cores that was about 8 s of compiler time during a 9 s, 2,000-iteration run, which trained 27%
 * slower than from the command line (10,800 against 14,800 images/s). With JavaFX's own classes
 * compiled by C1 only (quick to compile, and fast enough to draw a window), the watched run came
 * within 10% of the command line. Our classes, the JDK's and the Vector API still get C2.
 *
 * <p>How: a compiler directive, added at run time through the JVM's diagnostic-command bean (what
 * {@code jcmd <pid> Compiler.directives_add} does), so that neither {@code ./mvnw javafx:run} nor
 * {@code java -jar} needs a JVM option. A JVM without the bean (not HotSpot) just keeps its JIT.
 */
final class TrainingFirstCompiler {
    /** JavaFX's packages: the scene graph and controls, CSS, text, the renderers. */
    static final String DIRECTIVE = """
            [ { match: ["javafx/*.*", "com/sun/javafx/*.*", "com/sun/prism/*.*", "com/sun/marlin/*.*",
                        "com/sun/pisces/*.*", "com/sun/glass/*.*", "com/sun/scenario/*.*"],
                c2: { Exclude: true } } ]
            """;

    /** {@code -Dlenetlab.windowC2=true} keeps the JIT as it is (to measure what the directive buys). */
    static final String KEEP_PROPERTY = "lenetlab.windowC2";
    private static final String BEAN = "com.sun.management:type=DiagnosticCommand";
    private static boolean applied;

    private TrainingFirstCompiler() {}

    /** Adds the directive once per JVM; returns whether it is in effect (false changes nothing but speed). */
    static synchronized boolean apply() {
        if (applied || Boolean.getBoolean(KEEP_PROPERTY)) {
            return applied;
        }
        Path file = null;
        try {
            file = Files.createTempFile("lenetlab-compiler", ".json");
            Files.writeString(file, DIRECTIVE);
            diagnosticCommand("compilerDirectivesAdd", file.toString());
            applied = inEffect();
        } catch (Exception | LinkageError e) {
            applied = false;
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (Exception ignored) {
                    // a temporary file left behind costs nothing
                }
            }
        }
        return applied;
    }

    /**
     * Whether the JVM's directive stack holds ours (the add command says "added" even for a
     * directive it half understood, so the stack itself is read back).
     */
    static boolean inEffect() {
        try {
            String stack = diagnosticCommand("compilerDirectivesPrint", null);
            for (String directive : stack.split("Directive:")) {
                int c2 = directive.indexOf("c2 directives:");
                if (directive.contains("javafx/*.*") && directive.contains("com/sun/marlin/*.*") && c2 >= 0
                        && directive.indexOf("Exclude:true", c2) >= 0) {
                    return true;
                }
            }
            return false;
        } catch (Exception | LinkageError e) {
            return false;
        }
    }

    private static String diagnosticCommand(String operation, String argument) throws Exception {
        Object answer = ManagementFactory.getPlatformMBeanServer().invoke(new ObjectName(BEAN), operation,
                new Object[] {argument == null ? null : new String[] {argument}}, new String[] {String[].class.getName()});
        return String.valueOf(answer);
    }
}
