package org.orrery.wasm;

/**
 * A kernel that cannot run or stopped running. Names the plugin, the kernel module and the cause;
 * the kernel's instance is closed when this is thrown, and nothing else is affected.
 */
public final class KernelFault extends RuntimeException {

    /** What went wrong. */
    public enum Kind {
        /** The bytes are not a WebAssembly module the engine accepts. */
        MALFORMED_MODULE,
        /** It imports something other than the host's {@code orrery.log} and {@code orrery.now_ns}. */
        FORBIDDEN_IMPORT,
        /** A required export is missing or has the wrong kind. */
        MISSING_EXPORT,
        /** {@code orrery_abi_version} returned a version this host does not implement. */
        ABI_MISMATCH,
        /** {@code orrery_init} or {@code orrery_step} returned an error code. */
        KERNEL_ERROR,
        /** The module trapped: unreachable, out-of-bounds access, division by zero, stack overflow. */
        TRAP,
        /**
         * A call into the kernel (a step, or {@code orrery_init} while the instance is made) used more
         * CPU time than its budget, or ran far past it in wall time, and was stopped.
         */
        TIMEOUT,
        /** Linear memory grew past the descriptor's memory budget. */
        MEMORY_BUDGET,
        /** The host itself failed while running the kernel: a bug to report, not the plugin's fault. */
        HOST_ERROR
    }

    private final Kind kind;
    private final String pluginId;
    private final String kernel;

    public KernelFault(Kind kind, String pluginId, String kernel, String cause, Throwable throwable) {
        super("plugin '" + pluginId + "', kernel " + kernel + ": " + describe(kind) + ": " + cause, throwable);
        this.kind = kind;
        this.pluginId = pluginId;
        this.kernel = kernel;
    }

    private static String describe(Kind kind) {
        return switch (kind) {
            case MALFORMED_MODULE -> "malformed module";
            case FORBIDDEN_IMPORT -> "imports something the host does not offer";
            case MISSING_EXPORT -> "missing export";
            case ABI_MISMATCH -> "kernel ABI version mismatch";
            case KERNEL_ERROR -> "kernel returned an error";
            case TRAP -> "trap";
            case TIMEOUT -> "ran past its budget";
            case MEMORY_BUDGET -> "memory past its budget";
            case HOST_ERROR -> "the host failed running it";
        };
    }

    public Kind kind() {
        return kind;
    }

    public String pluginId() {
        return pluginId;
    }

    public String kernel() {
        return kernel;
    }
}
