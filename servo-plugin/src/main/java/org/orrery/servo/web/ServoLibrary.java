package org.orrery.servo.web;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The Servo bridge ({@code native-libs/servo-bridge}, {@code liborrery_servo.so}) bound through the
 * FFM API: one method handle per C function of {@code orrery_servo.h}, and the bridge's result
 * codes turned into {@link ServoException}s carrying its message. Loading checks the ABI version.
 *
 * <p>All calls but {@link #wake()} must come from the engine thread ({@link ServoEngine}); the
 * bridge refuses others.
 */
final class ServoLibrary {

    /** The ABI this code is written against; a library of another is refused. */
    static final int ABI_VERSION = 1;
    /** The file name the build gives the bridge. */
    static final String FILE_NAME = "liborrery_servo.so";

    static final int LOAD_COMPLETE = 3;

    private static final Linker LINKER = Linker.nativeLinker();

    private final MethodHandle lastError;
    private final MethodHandle wake;
    private final MethodHandle init;
    private final MethodHandle shutdown;
    private final MethodHandle spin;
    private final MethodHandle await;
    private final MethodHandle viewCreate;
    private final MethodHandle viewDestroy;
    private final MethodHandle viewLoadUrl;
    private final MethodHandle viewResize;
    private final MethodHandle viewPoll;
    private final MethodHandle viewNextMessage;
    private final MethodHandle viewPaint;
    private final MethodHandle viewPostFrame;
    private final MethodHandle viewEvaluate;
    private final MethodHandle viewPointerMove;
    private final MethodHandle viewPointerButton;
    private final MethodHandle viewWheel;
    private final MethodHandle viewKey;

    private ServoLibrary(SymbolLookup symbols) {
        lastError = bind(symbols, "orrery_servo_last_error", FunctionDescriptor.of(JAVA_LONG, ADDRESS, JAVA_LONG));
        wake = bind(symbols, "orrery_servo_wake", FunctionDescriptor.ofVoid());
        init = bind(symbols, "orrery_servo_init", FunctionDescriptor.of(JAVA_INT));
        shutdown = bind(symbols, "orrery_servo_shutdown", FunctionDescriptor.of(JAVA_INT));
        spin = bind(symbols, "orrery_servo_spin", FunctionDescriptor.of(JAVA_INT));
        await = bind(symbols, "orrery_servo_wait", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
        viewCreate = bind(symbols, "orrery_servo_view_create", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS));
        viewDestroy = bind(symbols, "orrery_servo_view_destroy", FunctionDescriptor.of(JAVA_INT, JAVA_LONG));
        viewLoadUrl = bind(symbols, "orrery_servo_view_load_url", FunctionDescriptor.of(JAVA_INT, JAVA_LONG, ADDRESS));
        viewResize = bind(symbols, "orrery_servo_view_resize", FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_INT, JAVA_INT));
        viewPoll = bind(symbols, "orrery_servo_view_poll", FunctionDescriptor.of(JAVA_INT, JAVA_LONG, ADDRESS));
        viewNextMessage = bind(symbols, "orrery_servo_view_next_message",
                FunctionDescriptor.of(JAVA_INT, JAVA_LONG, ADDRESS, JAVA_LONG, ADDRESS, ADDRESS));
        viewPaint = bind(symbols, "orrery_servo_view_paint", FunctionDescriptor.of(JAVA_INT, JAVA_LONG, ADDRESS, JAVA_LONG));
        viewPostFrame = bind(symbols, "orrery_servo_view_post_frame", FunctionDescriptor.of(JAVA_INT, JAVA_LONG, ADDRESS, JAVA_INT));
        viewEvaluate = bind(symbols, "orrery_servo_view_evaluate",
                FunctionDescriptor.of(JAVA_INT, JAVA_LONG, ADDRESS, JAVA_INT, ADDRESS, JAVA_LONG, ADDRESS));
        viewPointerMove = bind(symbols, "orrery_servo_view_pointer_move",
                FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_FLOAT, JAVA_FLOAT));
        viewPointerButton = bind(symbols, "orrery_servo_view_pointer_button",
                FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_FLOAT, JAVA_FLOAT, JAVA_INT, JAVA_INT));
        viewWheel = bind(symbols, "orrery_servo_view_wheel",
                FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_FLOAT, JAVA_FLOAT, JAVA_DOUBLE, JAVA_DOUBLE));
        viewKey = bind(symbols, "orrery_servo_view_key",
                FunctionDescriptor.of(JAVA_INT, JAVA_LONG, ADDRESS, ADDRESS, JAVA_INT, JAVA_INT));
    }

    /**
     * Loads the bridge from {@code file}.
     *
     * @throws ServoUnavailableException if the file is missing, cannot be loaded on this platform,
     *     lacks a function, or speaks another ABI version
     */
    static ServoLibrary load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ServoUnavailableException("the Servo bridge is not at " + file
                    + " (build it with the normal build: ./mvnw install, or see native-libs/servo-bridge)");
        }
        SymbolLookup symbols;
        try {
            // The library stays loaded for the life of the process: Servo cannot be unloaded.
            symbols = SymbolLookup.libraryLookup(file, Arena.global());
        } catch (IllegalArgumentException | IllegalCallerException e) {
            throw new ServoUnavailableException("the Servo bridge " + file + " could not be loaded: " + e.getMessage(), e);
        }
        int version;
        try {
            MethodHandle abiVersion = bind(symbols, "orrery_servo_abi_version", FunctionDescriptor.of(JAVA_INT));
            version = (int) abiVersion.invokeExact();
        } catch (ServoUnavailableException e) {
            throw e;
        } catch (Throwable e) {
            throw new ServoUnavailableException("the Servo bridge " + file + " failed its version check: " + e, e);
        }
        if (version != ABI_VERSION) {
            throw new ServoUnavailableException("the Servo bridge " + file + " speaks ABI version " + version
                    + "; this Orrery needs version " + ABI_VERSION);
        }
        return new ServoLibrary(symbols);
    }

    private static MethodHandle bind(SymbolLookup symbols, String name, FunctionDescriptor descriptor) {
        MemorySegment function = symbols.find(name).orElseThrow(
                () -> new ServoUnavailableException("the Servo bridge has no function " + name));
        return LINKER.downcallHandle(function, descriptor);
    }

    // ---- any thread ---------------------------------------------------------------------------

    /** Ends the engine thread's {@link #await} early. Allocation-free. */
    void wake() {
        try {
            wake.invokeExact();
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    // ---- the engine thread --------------------------------------------------------------------

    void init() {
        check("starting Servo", invoke(() -> (int) init.invokeExact()));
    }

    void shutdown() {
        check("shutting Servo down", invoke(() -> (int) shutdown.invokeExact()));
    }

    // The engine loop's calls invoke their handles directly (no lambda): they run every turn and
    // must not allocate.

    void spin() {
        int code;
        try {
            code = (int) spin.invokeExact();
        } catch (Throwable e) {
            throw rethrow(e);
        }
        check("spinning Servo's event loop", code);
    }

    /** Sleeps until Servo has work, {@link #wake()} is called, or the time passes. */
    boolean await(int timeoutMillis) {
        int code;
        try {
            code = (int) await.invokeExact(timeoutMillis);
        } catch (Throwable e) {
            throw rethrow(e);
        }
        return check("waiting for Servo", code) == 1;
    }

    long createView(int width, int height) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(JAVA_LONG);
            check("creating a " + width + " x " + height + " view",
                    invoke(() -> (int) viewCreate.invokeExact(width, height, out)));
            return out.get(JAVA_LONG, 0);
        }
    }

    void destroyView(long view) {
        check("destroying a view", invoke(() -> (int) viewDestroy.invokeExact(view)));
    }

    void loadUrl(long view, String url) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment text = arena.allocateFrom(url, StandardCharsets.UTF_8);
            check("loading " + abbreviate(url), invoke(() -> (int) viewLoadUrl.invokeExact(view, text)));
        }
    }

    void resize(long view, int width, int height) {
        check("resizing a view to " + width + " x " + height,
                invoke(() -> (int) viewResize.invokeExact(view, width, height)));
    }

    /** Fills {@code state} (a {@link ViewState} segment). Allocation-free. */
    void poll(long view, MemorySegment state) {
        int code;
        try {
            code = (int) viewPoll.invokeExact(view, state);
        } catch (Throwable e) {
            throw rethrow(e);
        }
        check("reading a view's state", code);
    }

    /**
     * Takes the view's oldest console message into {@code text} ({@code length} and {@code level}
     * receive its length and level); returns whether there was one.
     */
    boolean nextMessage(long view, MemorySegment text, MemorySegment level, MemorySegment length) {
        return check("reading a console message",
                invoke(() -> (int) viewNextMessage.invokeExact(view, text, text.byteSize(), level, length))) == 1;
    }

    /** Paints the view into {@code pixels} (exactly its width x height x 4 bytes). Allocation-free. */
    void paint(long view, MemorySegment pixels) {
        int code;
        try {
            code = (int) viewPaint.invokeExact(view, pixels, pixels.byteSize());
        } catch (Throwable e) {
            throw rethrow(e);
        }
        check("painting a view", code);
    }

    /** Hands {@code count} doubles to the page; false if the page had not taken the last ones yet. */
    boolean postFrame(long view, MemorySegment values, int count) {
        int code;
        try {
            code = (int) viewPostFrame.invokeExact(view, values, count);
        } catch (Throwable e) {
            throw rethrow(e);
        }
        return check("posting a frame's values", code) == 1;
    }

    /** Runs {@code script} in the page, waiting at most {@code timeoutMillis}, and returns its value as JSON. */
    String evaluate(long view, String script, int timeoutMillis) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment source = arena.allocateFrom(script, StandardCharsets.UTF_8);
            MemorySegment length = arena.allocate(JAVA_LONG);
            MemorySegment buffer = arena.allocate(4096);
            check("running a script", invoke(() -> (int) viewEvaluate.invokeExact(
                    view, source, timeoutMillis, buffer, buffer.byteSize(), length)));
            long size = length.get(JAVA_LONG, 0);
            if (size > buffer.byteSize()) {
                // A long value: the bridge told its length. Run the script again into room for it.
                MemorySegment larger = arena.allocate(size);
                check("running a script", invoke(() -> (int) viewEvaluate.invokeExact(
                        view, source, timeoutMillis, larger, larger.byteSize(), length)));
                return text(larger, Math.min(length.get(JAVA_LONG, 0), larger.byteSize()));
            }
            return text(buffer, size);
        }
    }

    void pointerMove(long view, float x, float y) {
        check("forwarding a pointer move", invoke(() -> (int) viewPointerMove.invokeExact(view, x, y)));
    }

    void pointerButton(long view, float x, float y, int button, boolean pressed) {
        int down = pressed ? 1 : 0;
        check("forwarding a button", invoke(() -> (int) viewPointerButton.invokeExact(view, x, y, button, down)));
    }

    void wheel(long view, float x, float y, double deltaX, double deltaY) {
        check("forwarding a wheel turn", invoke(() -> (int) viewWheel.invokeExact(view, x, y, deltaX, deltaY)));
    }

    void key(long view, String key, String code, boolean pressed, int modifiers) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment keyText = arena.allocateFrom(key, StandardCharsets.UTF_8);
            MemorySegment codeText = arena.allocateFrom(code, StandardCharsets.UTF_8);
            int down = pressed ? 1 : 0;
            check("forwarding key " + key, invoke(() -> (int) viewKey.invokeExact(view, keyText, codeText, down, modifiers)));
        }
    }

    // ---- results ------------------------------------------------------------------------------

    @FunctionalInterface
    private interface NativeCall {
        int call() throws Throwable;
    }

    private static int invoke(NativeCall call) {
        try {
            return call.call();
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    private int check(String doing, int code) {
        if (code >= 0) {
            return code;
        }
        throw new ServoException(code, doing + ": " + lastError());
    }

    private String lastError() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(2048);
            long length = (long) lastError.invokeExact(buffer, buffer.byteSize());
            return text(buffer, Math.min(length, buffer.byteSize()));
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    static String text(MemorySegment buffer, long length) {
        return new String(buffer.asSlice(0, length).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE), StandardCharsets.UTF_8);
    }

    private static String abbreviate(String url) {
        return url.length() <= 120 ? url : url.substring(0, 117) + "...";
    }

    private static RuntimeException rethrow(Throwable e) {
        if (e instanceof RuntimeException runtime) {
            return runtime;
        }
        if (e instanceof Error error) {
            throw error;
        }
        return new IllegalStateException(e);
    }
}
