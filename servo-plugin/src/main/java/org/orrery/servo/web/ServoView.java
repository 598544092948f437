package org.orrery.servo.web;

import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Logger;
import org.orrery.memory.arena.ArenaLayout;
import org.orrery.memory.handle.GenIndex;
import org.orrery.memory.triple.DeliveryMode;
import org.orrery.memory.triple.TripleBuffer;
import org.orrery.memory.wait.WaitPolicy;
import org.orrery.servo.layout.LayoutFrame;

/**
 * One web page drawn by Servo. The engine thread paints each new frame of the page straight into
 * the back slot of {@link #frames()}, a triple buffer of layout-frame slots (header, then
 * {@code INT_ARGB_PRE} pixels) that a {@link org.orrery.servo.surface.GpuSurface} shows: the
 * pixels cross from Servo to JavaFX with no copy on the Java side.
 *
 * <p>The host hands the page each frame's values through {@link #values()}: it writes doubles
 * into the back slot of a second triple buffer and publishes ({@link #publishValues}), without
 * allocating; the engine thread passes the newest to the page's {@code orrery.onFrame} handlers as
 * a {@code Float64Array}, one frame at a time (a page still busy with the last frame skips to the
 * newest). {@link #describe} names the values.
 *
 * <p>What goes wrong in the page (an uncaught error, a crash, a page that stops taking frames, a
 * load that fails) is kept as {@link #problem()}, for the panel to show; it never reaches the
 * caller as an exception, and the engine goes on.
 */
public final class ServoView {

    private static final Logger LOG = Logger.getLogger(ServoView.class.getName());

    /** Values one frame can hand to the page. */
    public static final int MAX_VALUES = 256;
    /** A page that has not taken a frame's values for this long is reported as not responding. */
    static final long UNRESPONSIVE_NANOS = 2_000_000_000L;

    // orrery_servo_view_state (a crash arrives as a console error, so its flag is not read)
    private static final long STATE_WIDTH = 0;
    private static final long STATE_HEIGHT = 4;
    private static final long STATE_LOAD = 8;
    private static final long STATE_NEW_FRAME = 12;
    private static final long STATE_MESSAGES = 20;
    private static final long STATE_IN_FLIGHT = 32;
    private static final long STATE_BYTES = 40;
    /** A values slot: an int count, padding, then the doubles. */
    private static final long VALUES_COUNT = 0;
    private static final long VALUES = 8;

    private final ServoEngine engine;
    private final ServoLibrary library;
    private final int maxWidth;
    private final int maxHeight;
    private final TripleBuffer frames;
    private final TripleBuffer values;
    // Slices made once, so that the engine's turn allocates nothing: each value slot's doubles,
    // and each frame slot's pixels at the size last painted.
    private final MemorySegment[] frameSlots;
    private final MemorySegment[] pixelSlices = new MemorySegment[3];
    private final MemorySegment[] valueData = new MemorySegment[3];
    private final MemorySegment state;
    private final MemorySegment messageText;
    private final MemorySegment messageLevel;
    private final MemorySegment messageLength;
    private long handle;
    private boolean closed;
    /** Where {@link #loadHtml} writes pages; made on first use. */
    private Path htmlFolder;

    // Engine thread.
    private int loadStatus;
    private boolean pageReady;
    private List<String> described = List.of();
    private int framesPainted;

    // Read by any thread.
    private volatile List<String> names = List.of();
    private volatile String problem;
    private volatile long problemCount;
    private volatile long framesPosted;
    private volatile int shownLoadStatus;

    private ServoView(ServoEngine engine, int width, int height, int maxWidth, int maxHeight) {
        this.engine = engine;
        this.library = engine.library();
        this.maxWidth = maxWidth;
        this.maxHeight = maxHeight;
        // An automatic arena: JavaFX's images wrap the pixel slots and may outlive close().
        Arena arena = Arena.ofAuto();
        long slotBytes = align(LayoutFrame.slotBytes((long) maxWidth * maxHeight, 0));
        long valueBytes = align(VALUES + 8L * MAX_VALUES);
        MemorySegment whole = arena.allocate(2 * align(TripleBuffer.CONTROL_BYTES) + 3 * slotBytes + 3 * valueBytes
                + STATE_BYTES + 4096 + 16, ArenaLayout.ALIGNMENT);
        long at = 0;
        MemorySegment framesControl = whole.asSlice(at, TripleBuffer.CONTROL_BYTES);
        at += align(TripleBuffer.CONTROL_BYTES);
        MemorySegment valuesControl = whole.asSlice(at, TripleBuffer.CONTROL_BYTES);
        at += align(TripleBuffer.CONTROL_BYTES);
        frameSlots = new MemorySegment[3];
        for (int i = 0; i < 3; i++, at += slotBytes) {
            frameSlots[i] = whole.asSlice(at, slotBytes);
        }
        MemorySegment[] valueSlots = new MemorySegment[3];
        for (int i = 0; i < 3; i++, at += valueBytes) {
            valueSlots[i] = whole.asSlice(at, valueBytes);
            valueData[i] = valueSlots[i].asSlice(VALUES);
        }
        state = whole.asSlice(at, STATE_BYTES);
        at += STATE_BYTES;
        messageText = whole.asSlice(at, 4096);
        at += 4096;
        messageLevel = whole.asSlice(at, 8);
        messageLength = whole.asSlice(at + 8, 8);
        frames = new TripleBuffer("servo view", framesControl, frameSlots[0], frameSlots[1], frameSlots[2],
                DeliveryMode.LIVE, WaitPolicy.YIELDING);
        values = new TripleBuffer("servo values", valuesControl, valueSlots[0], valueSlots[1], valueSlots[2],
                DeliveryMode.LIVE, WaitPolicy.YIELDING);
        handle = library.createView(width, height);
    }

    /**
     * Makes a view of {@code width x height} device pixels that can grow to
     * {@code maxWidth x maxHeight} (its pixel slots are sized for that).
     *
     * @throws ServoUnavailableException if Servo cannot run in this process
     */
    public static CompletableFuture<ServoView> create(int width, int height, int maxWidth, int maxHeight) {
        if (width < 1 || height < 1 || width > maxWidth || height > maxHeight) {
            throw new IllegalArgumentException("view size " + width + " x " + height
                    + " is outside 1 x 1 to " + maxWidth + " x " + maxHeight);
        }
        ServoEngine engine = ServoEngine.shared();
        return engine.submit(() -> {
            ServoView view = new ServoView(engine, width, height, maxWidth, maxHeight);
            engine.attach(view);
            return view;
        });
    }

    /** The page's frames: the engine thread produces, the surface showing them consumes. */
    public TripleBuffer frames() {
        return frames;
    }

    public int maxWidth() {
        return maxWidth;
    }

    public int maxHeight() {
        return maxHeight;
    }

    // ---- commands, from any thread ------------------------------------------------------------

    /** Loads a URL ({@code file:}, {@code data:}, {@code http:}). A missing file is a problem, not an exception. */
    public CompletableFuture<Void> load(URI url) {
        Objects.requireNonNull(url, "url");
        if ("file".equals(url.getScheme()) && !Files.isRegularFile(Path.of(url))) {
            report("page not found: " + Path.of(url));
            return CompletableFuture.completedFuture(null);
        }
        return run(() -> {
            problem = null;
            shownLoadStatus = 0; // until the new document loads: loaded() must not see the last one
            library.loadUrl(handle, url.toString());
        });
    }

    /**
     * Loads a page from its HTML text, written to a file of the view's own (Servo does not open a
     * {@code data:} URL as a page). The files go when the view is closed.
     */
    public CompletableFuture<Void> loadHtml(String html) {
        try {
            synchronized (this) {
                if (htmlFolder == null) {
                    htmlFolder = Files.createTempDirectory("orrery-servo-view");
                    htmlFolder.toFile().deleteOnExit();
                }
            }
            Path page = Files.createTempFile(htmlFolder, "page", ".html");
            page.toFile().deleteOnExit();
            Files.writeString(page, html, StandardCharsets.UTF_8);
            return load(page.toUri());
        } catch (IOException e) {
            return CompletableFuture.failedFuture(new UncheckedIOException("cannot write the page to load", e));
        }
    }

    /** Resizes the page to {@code width x height} device pixels, kept within the view's maximum. */
    public CompletableFuture<Void> resize(int width, int height) {
        int w = Math.clamp(width, 1, maxWidth);
        int h = Math.clamp(height, 1, maxHeight);
        return run(() -> library.resize(handle, w, h));
    }

    /** Runs {@code script} in the page and gives its value as JSON text. */
    public CompletableFuture<String> evaluate(String script, int timeoutMillis) {
        Objects.requireNonNull(script, "script");
        return engine.submit(() -> {
            checkOpen();
            return library.evaluate(handle, script, timeoutMillis);
        });
    }

    /** Names the values each frame hands the page (what {@code orrery.onFrame} handlers get as names). */
    public void describe(List<String> valueNames) {
        if (valueNames.size() > MAX_VALUES) {
            throw new IllegalArgumentException(valueNames.size() + " value names; at most " + MAX_VALUES);
        }
        names = List.copyOf(valueNames);
        engine.wake();
    }

    public CompletableFuture<Void> pointerMoved(float x, float y) {
        return run(() -> library.pointerMove(handle, x, y));
    }

    /** A button pressed or released: 0 primary, 1 middle, 2 secondary. */
    public CompletableFuture<Void> pointerButton(float x, float y, int button, boolean pressed) {
        return run(() -> library.pointerButton(handle, x, y, button, pressed));
    }

    /** A wheel turned by pixels; positive y scrolls down, as the DOM's {@code deltaY}. */
    public CompletableFuture<Void> wheel(float x, float y, double deltaX, double deltaY) {
        return run(() -> library.wheel(handle, x, y, deltaX, deltaY));
    }

    /**
     * A key pressed or released: {@code key} a DOM key value ("a", "Enter"), {@code code} a DOM
     * code ("KeyA", or "" if unknown), {@code modifiers} bits 1 shift, 2 control, 4 alt, 8 meta.
     */
    public CompletableFuture<Void> key(String key, String code, boolean pressed, int modifiers) {
        return run(() -> library.key(handle, key, code, pressed, modifiers));
    }

    /** Destroys the page. The frames already shown stay readable. */
    public CompletableFuture<Void> close() {
        return engine.submit(() -> {
            if (!closed) {
                closed = true;
                engine.detach(this);
                library.destroyView(handle);
            }
            deleteHtml();
            return null;
        });
    }

    /** Engine thread, as Servo shuts down: the view is gone with it. */
    void detachForShutdown() {
        closed = true;
    }

    // ---- the host's values, from one producer thread, allocation-free -------------------------

    /** The slot to write this frame's values into: {@link #setValue}, then {@link #publishValues}. */
    public MemorySegment values() {
        return values.back();
    }

    /** Writes value {@code index} of the frame being built. */
    public void setValue(int index, double value) {
        values.back().setAtIndex(JAVA_DOUBLE, VALUES / 8 + Objects.checkIndex(index, MAX_VALUES), value);
    }

    /** Publishes the first {@code count} values set since the last publish; the page gets the newest. */
    public void publishValues(int count) {
        values.back().set(JAVA_INT, VALUES_COUNT, Objects.checkIndex(count, MAX_VALUES + 1));
        values.publish();
        engine.wake();
    }

    // ---- what the host reads, any thread ------------------------------------------------------

    /** What went wrong in the page most recently, or null. */
    public String problem() {
        return problem;
    }

    /** Problems seen since the view was made. */
    public long problemCount() {
        return problemCount;
    }

    /** Frames of values the page has been handed. */
    public long framesPosted() {
        return framesPosted;
    }

    /** Whether the page has finished loading. */
    public boolean loaded() {
        return shownLoadStatus == ServoLibrary.LOAD_COMPLETE;
    }

    // ---- the engine thread --------------------------------------------------------------------

    /** One turn of the engine loop for this view: state, messages, a new frame, the newest values. */
    void pump() {
        if (closed) {
            return;
        }
        library.poll(handle, state);
        int load = state.get(JAVA_INT, STATE_LOAD);
        if (load != loadStatus) {
            loadStatus = load;
            shownLoadStatus = load;
            pageReady = load == ServoLibrary.LOAD_COMPLETE;
            described = List.of(); // a new document: its page API has no names yet
        }
        if (state.get(JAVA_INT, STATE_MESSAGES) > 0) {
            drainMessages();
        }
        if (state.get(JAVA_INT, STATE_NEW_FRAME) != 0) {
            paint(state.get(JAVA_INT, STATE_WIDTH), state.get(JAVA_INT, STATE_HEIGHT));
        }
        if (pageReady) {
            handValues();
        }
    }

    private void handValues() {
        List<String> wanted = names;
        if (wanted != described) {
            library.evaluate(handle, PageApi.describe(wanted), 1000);
            described = wanted;
        }
        long waited = state.get(JAVA_LONG, STATE_IN_FLIGHT);
        if (waited >= 0) {
            if (waited > UNRESPONSIVE_NANOS && problem == null) {
                report("page not responding: it has not taken a frame's values for " + waited / 1_000_000 + " ms");
            }
            return; // the page still has the last frame; the newest waits in the ready slot
        }
        if (!values.hasFresh()) {
            return;
        }
        int index = GenIndex.index(values.acquire());
        int count = values.front().get(JAVA_INT, VALUES_COUNT);
        if (library.postFrame(handle, valueData[index], count)) {
            framesPosted++;
        }
    }

    private void paint(int width, int height) {
        if (width > maxWidth || height > maxHeight) {
            return; // never asked for; a page cannot resize its view
        }
        MemorySegment slot = frames.back();
        int index = slot == frameSlots[0] ? 0 : slot == frameSlots[1] ? 1 : 2;
        long pixelBytes = 4L * width * height;
        if (pixelSlices[index] == null || pixelSlices[index].byteSize() != pixelBytes) {
            pixelSlices[index] = slot.asSlice(LayoutFrame.PIXELS, pixelBytes); // on a new size only
        }
        long start = System.nanoTime();
        library.paint(handle, pixelSlices[index]);
        long end = System.nanoTime();
        framesPainted++;
        slot.set(JAVA_LONG, LayoutFrame.SOURCE, GenIndex.of(0, framesPainted));
        slot.set(JAVA_LONG, LayoutFrame.LAYOUT_START, start);
        slot.set(JAVA_LONG, LayoutFrame.LAYOUT_END, end);
        slot.set(JAVA_LONG, LayoutFrame.RASTER_END, end);
        slot.set(JAVA_INT, LayoutFrame.WIDTH, width);
        slot.set(JAVA_INT, LayoutFrame.HEIGHT, height);
        slot.set(JAVA_INT, LayoutFrame.ITEMS, 0);
        slot.set(JAVA_INT, LayoutFrame.TICKS, 0);
        frames.publish();
    }

    private void drainMessages() {
        while (library.nextMessage(handle, messageText, messageLevel, messageLength)) {
            long length = Math.min(messageLength.get(JAVA_LONG, 0), messageText.byteSize());
            String text = ServoLibrary.text(messageText, length);
            if (messageLevel.get(JAVA_INT, 0) >= 3) {
                report(text);
            } else {
                LOG.fine(() -> "page: " + text);
            }
        }
    }

    private void report(String text) {
        problem = text;
        problemCount++;
        LOG.info(() -> "Servo page problem: " + text);
    }

    private CompletableFuture<Void> run(Runnable command) {
        return engine.submit(() -> {
            checkOpen();
            command.run();
            return null;
        });
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the Servo view is closed");
        }
    }

    private synchronized void deleteHtml() {
        if (htmlFolder == null) {
            return;
        }
        try (var files = Files.list(htmlFolder)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(htmlFolder);
        } catch (IOException e) {
            LOG.fine(() -> "could not delete " + htmlFolder + ": " + e);
        }
    }

    private static long align(long bytes) {
        return (bytes + ArenaLayout.ALIGNMENT - 1) / ArenaLayout.ALIGNMENT * ArenaLayout.ALIGNMENT;
    }
}
