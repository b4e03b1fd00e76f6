package dev.lenetlab.engine;

/**
 * Chooses the matrix kernel once per JVM: the Vector API kernel when the incubator module is in the
 * boot layer (the launcher and the build add it), the scalar reference otherwise.
 */
public final class Kernels {
    /** The module the fast kernels need; it must be added with {@code --add-modules} at JVM start. */
    public static final String VECTOR_MODULE = "jdk.incubator.vector";

    private static final GemmKernel GEMM = choose();

    private Kernels() {}

    /** The kernel every layer uses. */
    public static GemmKernel gemm() {
        return GEMM;
    }

    public static boolean vectorModulePresent() {
        return ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent();
    }

    /** The Vector API kernel, or empty when this JVM was started without its module. */
    public static java.util.Optional<GemmKernel> vectorKernel() {
        if (!vectorModulePresent()) {
            return java.util.Optional.empty();
        }
        try {
            // Reflection keeps VectorGemm (and the incubator classes it names) unloaded otherwise.
            return java.util.Optional.of((GemmKernel) Class.forName("dev.lenetlab.engine.VectorGemm")
                    .getDeclaredConstructor().newInstance());
        } catch (ReflectiveOperationException | LinkageError e) {
            return java.util.Optional.empty();
        }
    }

    /** The Vector API activation loops, or null (callers then run the bit-identical scalar loops). */
    static ElementwiseKernel elementwiseKernel() {
        if (Boolean.getBoolean("lenetlab.scalar") || !vectorModulePresent()) {
            return null;
        }
        try {
            return (ElementwiseKernel) Class.forName("dev.lenetlab.engine.VectorActivations")
                    .getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            return null;
        }
    }

    private static GemmKernel choose() {
        if (Boolean.getBoolean("lenetlab.scalar")) {
            return new ScalarGemm();
        }
        return vectorKernel().orElseGet(ScalarGemm::new);
    }
}
