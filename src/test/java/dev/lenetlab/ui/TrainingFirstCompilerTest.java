package dev.lenetlab.ui;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The window leaves C2 to training: on HotSpot (what the tests run on) the directive takes. */
class TrainingFirstCompilerTest {
    @Test
    void theDirectiveIsInEffectOnHotSpot() {
        String vm = ManagementFactory.getRuntimeMXBean().getVmName();
        assertTrue(vm.contains("HotSpot") || vm.contains("OpenJDK"), "the tests assume HotSpot, not " + vm);
        assertTrue(TrainingFirstCompiler.apply(), "the compiler directive was not taken");
        assertTrue(TrainingFirstCompiler.inEffect());
        assertTrue(TrainingFirstCompiler.apply(), "a second call keeps it");
    }

    @Test
    void theDirectiveCoversJavaFxOnlyNotOurCodeNorTheVectorApi() {
        String d = TrainingFirstCompiler.DIRECTIVE;
        for (String p : new String[] {"javafx/", "com/sun/javafx/", "com/sun/prism/", "com/sun/marlin/"}) {
            assertTrue(d.contains("\"" + p + "*.*\""), p);
        }
        assertFalse(d.contains("dev/lenetlab"));
        assertFalse(d.contains("jdk/incubator"));
        assertFalse(d.contains("\"java/"));
    }
}
