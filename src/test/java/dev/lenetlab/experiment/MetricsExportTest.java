package dev.lenetlab.experiment;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MetricsExportTest {

    @Test
    void writesOneValuePerLineForEveryRun(@TempDir Path dir) throws Exception {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("activation", "mish");
        a.put("optimizer", "sgd");
        a.put("learning_rate", 0.1);
        a.put("threads", 4);
        a.put("data", "/somewhere");
        List<MetricsExport.Entry> entries = List.of(
                new MetricsExport.Entry("run-1", a, List.of(new MetricsRow(100, 0.5, 0.8, 0.4, 0.9, 1.5),
                        new MetricsRow(200, 0.3, 0.9, Double.NaN, 0.95, 3.0))),
                new MetricsExport.Entry("run-2", Map.of("activation", "relu"), List.of()));
        Path file = dir.resolve("all.csv");
        MetricsExport.write(entries, file);
        List<String> lines = Files.readAllLines(file);
        assertEquals("run_id,configuration,activation,optimizer,iteration,metric,value", lines.get(0));
        assertEquals(1 + 2 * 5, lines.size());
        assertEquals("run-1,activation=mish optimizer=sgd learning_rate=0.1,mish,sgd,100,train_loss,0.5", lines.get(1));
        assertTrue(lines.contains("run-1,activation=mish optimizer=sgd learning_rate=0.1,mish,sgd,200,test_loss,"),
                "a non-finite value is written empty");
        assertTrue(lines.contains("run-1,activation=mish optimizer=sgd learning_rate=0.1,mish,sgd,200,test_accuracy,0.95"));
    }

    @Test
    void anUnwritablePlaceThrowsIOException(@TempDir Path dir) throws Exception {
        Path blocker = dir.resolve("file");
        Files.writeString(blocker, "");
        assertThrows(IOException.class, () -> MetricsExport.write(List.of(), blocker.resolve("x.csv")));
    }
}
