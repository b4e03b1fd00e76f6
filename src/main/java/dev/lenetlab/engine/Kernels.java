package dev.lenetlab.engine;

import java.util.Optional;

/**
 * Chooses the inner loops once per JVM: the Vector API classes when the incubator module is in the
 * boot layer (the launcher and the build add it), their scalar twins otherwise (also with
 * {@code -Dlenetlab.scalar=true}). The twins give the same bits, only slower.
 */
public final class Kernels {
    /** The module the fast kernels need; it must be added with {@code --add-modules} at JVM start. */
    public static final String VECTOR_MODULE = "jdk.incubator.vector";

    private static final boolean SCALAR_FORCED = Boolean.getBoolean("lenetlab.scalar");
    private static final GemmKernel GEMM = SCALAR_FORCED ? new ScalarGemm() : vectorKernel().orElseGet(ScalarGemm::new);
    private static final RowOps ROWS = SCALAR_FORCED ? RowOps.SCALAR
            : loadVector("dev.lenetlab.engine.VectorRowOps", RowOps.class).orElse(RowOps.SCALAR);

    private Kernels() {}

    /** The matrix kernel every layer uses. */
    public static GemmKernel gemm() {
        return GEMM;
    }

    public static boolean vectorModulePresent() {
        return ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent();
    }

    /** The Vector API matrix kernel, or empty when this JVM was started without its module. */
    public static Optional<GemmKernel> vectorKernel() {
        return loadVector("dev.lenetlab.engine.VectorGemm", GemmKernel.class);
    }

    /** Row copies and sums for im2col and col2im. */
    static RowOps rows() {
        return ROWS;
    }

    /** The Vector API activation loops, or null (callers then run the bit-identical scalar loops). */
    static ElementwiseKernel elementwiseKernel() {
        return SCALAR_FORCED ? null
                : loadVector("dev.lenetlab.engine.VectorActivations", ElementwiseKernel.class).orElse(null);
    }

    /** An instance of a Vector API class; reflection keeps it (and the incubator classes it names) unloaded otherwise. */
    private static <T> Optional<T> loadVector(String className, Class<T> type) {
        if (!vectorModulePresent()) {
            return Optional.empty();
        }
        try {
            return Optional.of(type.cast(Class.forName(className).getDeclaredConstructor().newInstance()));
        } catch (ReflectiveOperationException | LinkageError e) {
            return Optional.empty();
        }
    }
}
