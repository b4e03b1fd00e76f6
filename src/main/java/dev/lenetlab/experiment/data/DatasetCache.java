package dev.lenetlab.experiment.data;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Datasets loaded once and shared: runs on the same folder read the same immutable {@link MnistDataset}.
 * A load that fails is not remembered, so a fixed folder can be tried again.
 */
public final class DatasetCache {
    private static final DatasetCache SHARED = new DatasetCache();

    private final Map<Path, Object> locks = new ConcurrentHashMap<>();
    private final Map<Path, MnistDataset> loaded = new ConcurrentHashMap<>();

    /** The cache shared by everything in this JVM. */
    public static DatasetCache shared() {
        return SHARED;
    }

    /** The dataset in {@code folder}, loading it on the calling thread if no one has yet. */
    public MnistDataset get(Path folder) throws DatasetException {
        Path key = folder.toAbsolutePath().normalize();
        MnistDataset data = loaded.get(key);
        if (data != null) {
            return data;
        }
        synchronized (locks.computeIfAbsent(key, k -> new Object())) {
            data = loaded.get(key);
            if (data == null) {
                data = MnistDataset.load(key);
                loaded.put(key, data);
            }
            return data;
        }
    }

    /** The dataset if it is loaded already, else null; never loads. */
    public MnistDataset peek(Path folder) {
        return loaded.get(folder.toAbsolutePath().normalize());
    }
}
