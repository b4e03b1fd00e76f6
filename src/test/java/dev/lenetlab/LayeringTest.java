package dev.lenetlab;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The layers: {@code engine} is pure Java (no JavaFX, no AWT, nothing of {@code experiment} or
 * {@code ui}); {@code experiment} knows nothing of {@code ui} or JavaFX. Checked on the sources, so
 * imports, static imports and fully qualified names in code all count; comments do not.
 */
class LayeringTest {
    private static final Path ROOT = projectDirectory().resolve("src/main/java/dev/lenetlab");

    /** A forbidden name: a package prefix as a whole, dotted name (not inside a longer identifier). */
    private static Pattern forbidden(String... packages) {
        List<String> alternatives = new ArrayList<>();
        for (String p : packages) {
            List<String> parts = new ArrayList<>();
            for (String part : p.split("\\.")) {
                parts.add(Pattern.quote(part));
            }
            alternatives.add(String.join("\\s*\\.\\s*", parts));
        }
        return Pattern.compile("(?<![\\w$.])(" + String.join("|", alternatives) + ")(?![\\w$])");
    }

    static final Pattern ENGINE_FORBIDDEN = forbidden("javafx", "java.awt", "dev.lenetlab.experiment", "dev.lenetlab.ui");
    static final Pattern EXPERIMENT_FORBIDDEN = forbidden("javafx", "dev.lenetlab.ui");

    @Test
    void theThreePackagesExist() throws IOException {
        for (String layer : List.of("engine", "experiment", "ui")) {
            Path dir = ROOT.resolve(layer);
            assertTrue(Files.isDirectory(dir), dir + " is missing");
            try (Stream<Path> files = Files.walk(dir)) {
                assertTrue(files.anyMatch(f -> f.toString().endsWith(".java")), dir + " holds no source");
            }
        }
    }

    @Test
    void engineAndExperimentDependOnlyDownwards() throws IOException {
        List<String> offences = new ArrayList<>();
        offences.addAll(scanTree(ROOT.resolve("engine"), ENGINE_FORBIDDEN));
        offences.addAll(scanTree(ROOT.resolve("experiment"), EXPERIMENT_FORBIDDEN));
        assertEquals(List.of(), offences, "layering violations:\n" + String.join("\n", offences));
    }

    /** The scanner must be able to fail: synthetic sources with and without offences. */
    @Test
    void scannerFlagsOffendingSources() {
        String engine = """
                package dev.lenetlab.engine;

                import java.util.List;
                import javafx.scene.Node;
                import static dev.lenetlab.ui.Launcher.main;
                // a comment may say dev.lenetlab.ui.Launcher or javafx.scene
                /* and so may a block comment: import java.awt.Color; */
                /** even javadoc: {@link dev.lenetlab.experiment.RunConfig} */
                final class Bad {
                    java.awt.Color colour;
                    Object run = new dev.lenetlab.experiment.RunConfig(null, null, "sgd", 0.1, 0, 1, 1, 1, 10, 1, 1, null);
                    String url = "http://example.com/"; dev.lenetlab.ui.WorkbenchApp app;
                    Object reflective = forName("dev.lenetlab.ui.Launcher");
                    char c = '"'; javafx.application.Platform p;
                    String block = \"""
                        text " /* not a comment */
                        \"""; dev.lenetlab . ui.Launcher spaced;
                    dev.lenetlab.engine.Network fine; mydev.lenetlab.ui.X notOurs; String javafxName;
                }
                """;
        List<String> offences = scan("Bad.java", engine, ENGINE_FORBIDDEN);
        assertEquals(List.of(
                "Bad.java:4: import javafx.scene.Node;",
                "Bad.java:5: import static dev.lenetlab.ui.Launcher.main;",
                "Bad.java:10: java.awt.Color colour;",
                "Bad.java:11: Object run = new dev.lenetlab.experiment.RunConfig(null, null, \"sgd\", 0.1, 0, 1, 1, 1, 10, 1, 1, null);",
                "Bad.java:12: String url = \"http://example.com/\"; dev.lenetlab.ui.WorkbenchApp app;",
                "Bad.java:13: Object reflective = forName(\"dev.lenetlab.ui.Launcher\");",
                "Bad.java:14: char c = '\"'; javafx.application.Platform p;",
                "Bad.java:17: \"\"\"; dev.lenetlab . ui.Launcher spaced;"), offences);

        String experiment = """
                package dev.lenetlab.experiment;
                import dev.lenetlab.engine.Network;
                import dev.lenetlab.experiment.data.ImageSet;
                import dev.lenetlab.ui.WorkbenchApp;
                import java.awt.Color;
                """;
        assertEquals(List.of("X.java:4: import dev.lenetlab.ui.WorkbenchApp;"),
                scan("X.java", experiment, EXPERIMENT_FORBIDDEN));
        assertEquals(List.of(), scan("Ok.java", "package dev.lenetlab.engine;\nimport java.util.Map;\n", ENGINE_FORBIDDEN));
    }

    private static List<String> scanTree(Path dir, Pattern forbidden) throws IOException {
        List<String> offences = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                offences.addAll(scan(ROOT.relativize(file).toString(), Files.readString(file, StandardCharsets.UTF_8),
                        forbidden));
            }
        }
        return offences;
    }

    /** Every line of {@code source} whose code (comments removed) names a forbidden package, as "file:line: text". */
    static List<String> scan(String name, String source, Pattern forbidden) {
        String code = withoutComments(source);
        String[] sourceLines = source.split("\n", -1);
        List<String> offences = new ArrayList<>();
        // names may be split over lines ("dev.lenetlab\n    .ui"): match on the whole text, report the first line
        Matcher m = forbidden.matcher(code);
        int lastLine = -1;
        while (m.find()) {
            int line = lineOf(code, m.start());
            if (line != lastLine) {
                offences.add(name + ":" + (line + 1) + ": " + sourceLines[line].strip());
                lastLine = line;
            }
        }
        return offences;
    }

    private static int lineOf(String text, int index) {
        int line = 0;
        for (int i = 0; i < index; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /**
     * The source with every comment blanked out (newlines kept, so line numbers hold). String, text
     * block and character literals are kept: a class name in a string is a reflective dependency.
     */
    static String withoutComments(String source) {
        StringBuilder sb = new StringBuilder(source.length());
        int n = source.length();
        int i = 0;
        while (i < n) {
            char c = source.charAt(i);
            if (c == '/' && i + 1 < n && source.charAt(i + 1) == '/') {
                while (i < n && source.charAt(i) != '\n') {
                    sb.append(' ');
                    i++;
                }
            } else if (c == '/' && i + 1 < n && source.charAt(i + 1) == '*') {
                int end = source.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
                for (; i < end; i++) {
                    sb.append(source.charAt(i) == '\n' ? '\n' : ' ');
                }
            } else if (source.startsWith("\"\"\"", i)) {
                int end = i + 3;
                while (end < n && !source.startsWith("\"\"\"", end)) {
                    end += source.charAt(end) == '\\' ? 2 : 1;
                }
                end = Math.min(n, end + 3);
                sb.append(source, i, end);
                i = end;
            } else if (c == '"' || c == '\'') {
                int end = i + 1;
                while (end < n && source.charAt(end) != c && source.charAt(end) != '\n') {
                    end += source.charAt(end) == '\\' ? 2 : 1;
                }
                end = Math.min(n, end + 1);
                sb.append(source, i, end);
                i = end;
            } else {
                sb.append(c);
                i++;
            }
        }
        return sb.toString();
    }

    private static Path projectDirectory() {
        String basedir = System.getProperty("basedir");
        return Path.of(basedir != null ? basedir : System.getProperty("user.dir")).toAbsolutePath();
    }
}
