package org.orrery.api.kernel;

import java.util.List;

/**
 * The contract between Orrery and a compute kernel: a WebAssembly module (wasm32) that the host
 * runs on several workers at once, each with its own instance and linear memory. Version
 * {@value #VERSION}. The C header {@code native-libs/kernel-sdk/include/orrery_kernel.h} states
 * the same contract for kernel authors.
 *
 * <h2>A kernel is a pure step</h2>
 * Given the previous state of all items, the parameters and {@code dt}, a step writes the next
 * state of a range of items and touches nothing else that a later step reads. That lets the host
 * cut one tick into ranges, run them on different workers, and assemble the next state from the
 * pieces; the result must not depend on how the tick was cut.
 *
 * <h2>Exports a module must have</h2>
 * <ul>
 *   <li>{@code memory}: its linear memory.
 *   <li>{@code orrery_abi_version() -> i32}: returns {@value #VERSION}. Any other value and the
 *       module is refused before anything else is called.
 *   <li>{@code orrery_init(i32 item_count) -> i32}: prepares buffers for {@code item_count}
 *       items. Returns {@link #OK} or a negative error code; it is called once per instance,
 *       before any other call except {@code orrery_abi_version}.
 *   <li>{@code orrery_params_ptr() -> i32}: address in linear memory of the parameter block,
 *       one little-endian f64 per descriptor parameter, in descriptor order. The host writes it
 *       before a step when parameters changed.
 *   <li>{@code orrery_state_in_ptr() -> i32}: address of the previous state, {@code item_count}
 *       items of the descriptor's state layout. The host writes it before each tick.
 *   <li>{@code orrery_state_out_ptr() -> i32}: address of the next state, same size. A step
 *       writes items {@code [first, first + count)} there; the host reads that range back.
 *   <li>{@code orrery_step(i32 first, i32 count, f32 dt) -> i32}: one step over the range.
 *       Returns {@link #OK} or a negative error code.
 * </ul>
 * The three addresses may be asked for only after {@code orrery_init} and must not change
 * afterwards, except that {@code orrery_swap_states} trades the two state addresses.
 *
 * <h2>An export a module may have</h2>
 * <ul>
 *   <li>{@code orrery_reset(i32 first, i32 count) -> i32}: writes the starting state of items
 *       {@code [first, first + count)} to the output state, from the parameters only (a seed, an
 *       initial distribution), so the same parameters always give the same start. Returns
 *       {@link #OK} or a negative error code. The host calls it to start or restart a run; a
 *       kernel without it starts from a state the host is given.
 *   <li>{@code orrery_swap_states() -> i32}: trades the input and output state: from then on
 *       {@code orrery_state_in_ptr} and {@code orrery_state_out_ptr} return each other's former
 *       address. Returns {@link #OK} or a negative error code. With it, a worker that stepped part
 *       of a tick keeps that part where the next tick reads it, and the host copies in only the
 *       rest of the state; without it, the host copies the whole state in before every tick.
 *   <li>{@code orrery_grid_shape(i32 width, i32 height) -> i32}: required of a grid kernel (a
 *       descriptor with {@code state.grid}), called once just before {@code orrery_init(width *
 *       height)} so the kernel knows its rows. Item {@code i} is the cell at column {@code i %
 *       width}, row {@code i / width}. Returns {@link #OK} or a negative error code.
 *   <li>{@code orrery_buffer_ptr(i32 records) -> i32}: required of a kernel whose descriptor
 *       declares a {@code buffer}. The host calls it when the buffer's content changes, with the
 *       new record count (0 to the descriptor's {@code maxRecords}), then writes that many records
 *       (one f32 per field) at the address returned, before the next step. Returns 0 if the
 *       kernel cannot hold that many, which stops the kernel (for 0 records, 0 is a valid answer).
 *   <li>{@code orrery_buffer_sample(i32 records) -> i32}: for a kernel with a buffer. Fills the
 *       buffer with {@code records} made-up records, as if the host had written them, that make a
 *       step under the default parameters do the work real data will. The host calls it only
 *       when it warms a module up, so that the loops real data runs are compiled before the data
 *       arrives. Returns {@link #OK} or a negative error code.
 *   <li>{@code orrery_summary_ptr() -> i32}: required of a kernel whose descriptor declares
 *       {@code summary} values. Address of the summary block, one little-endian f64 per declared
 *       value, in descriptor order (at most {@value #MAX_SUMMARIES}); stable after
 *       {@code orrery_init}. Every {@code orrery_step(first, count, dt)} writes there its range's
 *       part of each value, computed from the input state of items {@code [first, first + count)}
 *       (the state the step read: n-body's energy needs the positions of one moment). The host
 *       reads the block after each step and combines the parts of a tick with each value's
 *       {@link SummarySpec.Reduce}; the tick's frame carries the result, which therefore describes
 *       the frame before it.
 * </ul>
 *
 * <h2>Error codes</h2>
 * {@link #OK}, {@link #ERROR_RANGE}, {@link #ERROR_PARAMETER}, {@link #ERROR_STATE},
 * {@link #ERROR_OUT_OF_MEMORY}; a kernel may use its own codes at {@link #ERROR_KERNEL_BASE} and
 * below. Any error stops the kernel, and the host reports the code with the plugin's name. A trap
 * ({@code unreachable}, an out-of-bounds access, division by zero) is treated the same way.
 *
 * <h2>Imports a module may have</h2>
 * At most these two, from module {@value #IMPORT_MODULE}; a module importing anything else is
 * refused at load time. WASI is not offered.
 * <ul>
 *   <li>{@code log(i32 ptr, i32 len)}: a UTF-8 message for the plugin's log (rate-limited).
 *   <li>{@code now_ns() -> i64}: a monotonic clock in nanoseconds.
 * </ul>
 */
public final class KernelAbi {

    /** The ABI version this host implements. */
    public static final int VERSION = 1;

    public static final String EXPORT_MEMORY = "memory";
    public static final String EXPORT_ABI_VERSION = "orrery_abi_version";
    public static final String EXPORT_INIT = "orrery_init";
    public static final String EXPORT_PARAMS_PTR = "orrery_params_ptr";
    public static final String EXPORT_STATE_IN_PTR = "orrery_state_in_ptr";
    public static final String EXPORT_STATE_OUT_PTR = "orrery_state_out_ptr";
    public static final String EXPORT_STEP = "orrery_step";
    /** Optional: the starting state from the parameters. */
    public static final String EXPORT_RESET = "orrery_reset";
    /** Optional: the input and output state trade places, so a tick's output is the next one's input. */
    public static final String EXPORT_SWAP_STATES = "orrery_swap_states";
    /** Required of a grid kernel: the grid's shape, before {@code orrery_init}. */
    public static final String EXPORT_GRID_SHAPE = "orrery_grid_shape";
    /** Required of a kernel with a parameter buffer: where the host writes the buffer. */
    public static final String EXPORT_BUFFER_PTR = "orrery_buffer_ptr";
    /** Optional, for a kernel with a parameter buffer: made-up records to warm up on. */
    public static final String EXPORT_BUFFER_SAMPLE = "orrery_buffer_sample";
    /** Required of a kernel that declares summary values: where each step writes its range's part. */
    public static final String EXPORT_SUMMARY_PTR = "orrery_summary_ptr";
    /** The most summary values a descriptor may declare. */
    public static final int MAX_SUMMARIES = 16;

    /** Every export a version-1 module must have. */
    public static final List<String> REQUIRED_EXPORTS = List.of(EXPORT_MEMORY, EXPORT_ABI_VERSION, EXPORT_INIT,
            EXPORT_PARAMS_PTR, EXPORT_STATE_IN_PTR, EXPORT_STATE_OUT_PTR, EXPORT_STEP);

    /** The only module a kernel may import from. */
    public static final String IMPORT_MODULE = "orrery";
    public static final String IMPORT_LOG = "log";
    public static final String IMPORT_NOW_NS = "now_ns";

    public static final int OK = 0;
    /** The range passed to a step lies outside {@code [0, item_count)}. */
    public static final int ERROR_RANGE = -1;
    /** A parameter value the kernel cannot use. */
    public static final int ERROR_PARAMETER = -2;
    /** The input state is not valid (for example a NaN where none may be). */
    public static final int ERROR_STATE = -3;
    /** {@code orrery_init} could not get the memory it needs. */
    public static final int ERROR_OUT_OF_MEMORY = -4;
    /** Kernel-specific codes are this value and below. */
    public static final int ERROR_KERNEL_BASE = -100;

    private KernelAbi() {}

    /** A readable name for an error code returned by a kernel. */
    public static String describe(int code) {
        return switch (code) {
            case OK -> "ok";
            case ERROR_RANGE -> "range outside the item count (ERROR_RANGE)";
            case ERROR_PARAMETER -> "a parameter value the kernel cannot use (ERROR_PARAMETER)";
            case ERROR_STATE -> "invalid input state (ERROR_STATE)";
            case ERROR_OUT_OF_MEMORY -> "out of memory in orrery_init (ERROR_OUT_OF_MEMORY)";
            default -> code <= ERROR_KERNEL_BASE ? "kernel-specific error " + code : "unknown error code " + code;
        };
    }
}
