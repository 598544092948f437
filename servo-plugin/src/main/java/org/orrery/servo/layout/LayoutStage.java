package org.orrery.servo.layout;

import java.lang.System.Logger.Level;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.BitSet;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.orrery.memory.frame.ComputeFrame;
import org.orrery.memory.handle.GenIndex;
import org.orrery.memory.timing.FrameStage;
import org.orrery.memory.timing.FrameTimeline;
import org.orrery.memory.timing.JfrSwitch;
import org.orrery.memory.triple.TripleBuffer;
import net.openhft.affinity.Affinity;

/**
 * The layout stage: a thread that takes the newest compute frame, lays it out into the layout
 * triple buffer's back slot, rasters it if the surface needs pixels, and publishes. It lays out
 * again, with no new compute frame, when a setting changes (camera, style, surface size), so a
 * paused view still follows the user; such changes are seen within {@value #SETTINGS_POLL_MILLIS} ms.
 *
 * <p>A layout that throws stops the stage; {@link #failure()} then says why, and the last frame
 * published stays on screen.
 */
public final class LayoutStage implements AutoCloseable {

    private static final JfrSwitch LAYOUT_EVENTS = new JfrSwitch(LayoutEvent.class);
    private static final System.Logger LOG = System.getLogger(LayoutStage.class.getName());

    static final long SETTINGS_POLL_MILLIS = 4;
    /** Frames laid out between two looks at where the stage's thread should run. */
    static final int PLACEMENT_FRAMES = 60;

    private final TripleBuffer compute;
    private final TripleBuffer layout;
    private final FrameLayout frameLayout;
    private final FrameRaster raster;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Throwable failure;
    private volatile long framesLaidOut;
    /** Time spent laying out and rasterising, summed over the frames: the stage's thread writes it, anyone reads. */
    private volatile long busyNanos;
    /** Where each frame's layout times go, or null; set before {@link #start}. */
    private FrameTimeline timeline;
    /** Whether compute frames start with a {@link ComputeFrame} header to copy; set before {@link #start}. */
    private boolean copiesHeader;
    /** The CPUs the stage's thread keeps to while {@link #keepTo} says so, or empty for any; set before {@link #start}. */
    private List<Integer> cpus = List.of();
    private BooleanSupplier keepTo = () -> false;
    /** Whether the thread keeps to {@link #cpus} now (the stage's thread writes it), and the CPUs it started with. */
    private volatile boolean keptTo;
    private BitSet startingCpus;

    /**
     * @param compute the compute triple buffer, whose consumer this stage becomes
     * @param layout the layout triple buffer, whose producer this stage becomes
     * @param raster draws the items into pixels after each layout, or null if the surface draws them
     */
    public LayoutStage(String name, TripleBuffer compute, TripleBuffer layout, FrameLayout frameLayout,
                       FrameRaster raster) {
        this.compute = Objects.requireNonNull(compute, "compute");
        this.layout = Objects.requireNonNull(layout, "layout");
        this.frameLayout = Objects.requireNonNull(frameLayout, "frameLayout");
        this.raster = raster;
        this.thread = Thread.ofPlatform().name("orrery-layout-" + name).daemon().unstarted(this::run);
    }

    /**
     * Stamps each frame's layout start, end (after the raster) and publication into
     * {@code frames}, the frame being the compute frame's generation (one per tick). Before
     * {@link #start} only.
     */
    public LayoutStage recordInto(FrameTimeline frames) {
        if (thread.isAlive()) {
            throw new IllegalStateException("the layout stage has started: give it a timeline before");
        }
        this.timeline = frames;
        return this;
    }

    /**
     * Copies each compute frame's {@link ComputeFrame} header into its layout frame, at
     * {@link LayoutFrame#COMPUTE_HEADER}, for those who read the frame shown. Only for compute
     * frames that start with one. Before {@link #start} only.
     */
    public LayoutStage copyingComputeHeader() {
        if (thread.isAlive()) {
            throw new IllegalStateException("the layout stage has started: ask for the header before");
        }
        this.copiesHeader = true;
        return this;
    }

    /**
     * Keeps the stage's thread to {@code cpuIds} while {@code when} is true, asked on the stage's
     * thread every {@value #PLACEMENT_FRAMES} frames laid out, and from the first; else it runs on
     * any CPU. Where pinning is refused, it runs on any CPU and says so in the log. Before
     * {@link #start} only.
     */
    public LayoutStage keepingTo(List<Integer> cpuIds, BooleanSupplier when) {
        if (thread.isAlive()) {
            throw new IllegalStateException("the layout stage has started: give it its CPUs before");
        }
        this.cpus = List.copyOf(cpuIds);
        this.keepTo = Objects.requireNonNull(when, "when");
        return this;
    }

    public LayoutStage start() {
        thread.start();
        return this;
    }

    /**
     * Keeps to {@link #cpus}, or goes back to the CPUs it started with, as {@link #keepTo} says now.
     * Stage thread; allocates only on a change.
     */
    private void place() {
        boolean wanted = !cpus.isEmpty() && keepTo.getAsBoolean();
        if (wanted == keptTo) {
            return;
        }
        try {
            if (startingCpus == null) {
                startingCpus = Affinity.getAffinity();
            }
            BitSet mask = startingCpus;
            if (wanted) {
                mask = new BitSet();
                cpus.forEach(mask::set);
            }
            Affinity.setAffinity(mask);
            if (mask.equals(Affinity.getAffinity())) {
                keptTo = wanted;
                return;
            }
            LOG.log(Level.WARNING, thread.getName() + " runs on any CPU: the affinity " + mask + " did not take");
        } catch (RuntimeException | LinkageError e) {
            LOG.log(Level.WARNING, thread.getName() + " runs on any CPU: pinning to " + cpus + " was refused: " + e);
        }
        cpus = List.of(); // refused once, refused for good: any CPU from now on
        keptTo = false;
    }

    private void run() {
        place();
        long pollNanos = TimeUnit.MILLISECONDS.toNanos(SETTINGS_POLL_MILLIS);
        long laidOutHandle = 0;
        long laidOutVersion = -1;
        try {
            while (running) {
                compute.awaitFresh(pollNanos);
                long handle = compute.acquire();
                long version = frameLayout.settingsVersion();
                if (GenIndex.generation(handle) == GenIndex.NO_GENERATION
                        || (handle == laidOutHandle && version == laidOutVersion)) {
                    continue;
                }
                layOutAndPublish(handle);
                if (framesLaidOut % PLACEMENT_FRAMES == 0) {
                    place();
                }
                laidOutHandle = handle;
                laidOutVersion = version;
            }
        } catch (Throwable t) {
            failure = t;
        }
    }

    /** Lays out the compute front frame named by {@code handle} and publishes it. Layout thread only. */
    void layOutAndPublish(long handle) {
        long frame = Integer.toUnsignedLong(GenIndex.generation(handle));
        MemorySegment slot = layout.back();
        LayoutEvent event = LAYOUT_EVENTS.isOn() ? new LayoutEvent() : null; // (48 bytes, only when recorded)
        if (event != null) {
            event.begin();
        }
        long start = System.nanoTime();
        slot.set(ValueLayout.JAVA_LONG, LayoutFrame.LAYOUT_START, start);
        slot.set(ValueLayout.JAVA_LONG, LayoutFrame.SOURCE, handle);
        MemorySegment computeFrame = compute.front();
        if (copiesHeader) {
            MemorySegment.copy(computeFrame, 0, slot, LayoutFrame.COMPUTE_HEADER, ComputeFrame.HEADER_BYTES);
        }
        frameLayout.layOut(computeFrame, slot);
        long end = System.nanoTime();
        slot.set(ValueLayout.JAVA_LONG, LayoutFrame.LAYOUT_END, end);
        if (raster != null) {
            raster.draw(slot);
            end = System.nanoTime();
        }
        slot.set(ValueLayout.JAVA_LONG, LayoutFrame.RASTER_END, end);
        busyNanos += end - start;
        if (event != null && event.shouldCommit()) {
            event.end();
            event.frame = frame;
            event.width = LayoutFrame.width(slot);
            event.height = LayoutFrame.height(slot);
            event.commit();
        }
        FrameTimeline frames = timeline;
        if (frames != null) {
            // Stamped before the publish, so whoever takes the frame sees its stamps.
            frames.stamp(frame, FrameStage.LAYOUT_START, start);
            frames.stamp(frame, FrameStage.LAYOUT_END, end);
            frames.stamp(frame, FrameStage.LAYOUT_PUBLISHED, System.nanoTime());
        }
        layout.publish();
        framesLaidOut++;
    }

    /** Why the stage stopped, or null while it runs (or after a clean close). */
    public Throwable failure() {
        return failure;
    }

    /** Frames published so far. */
    public long framesLaidOut() {
        return framesLaidOut;
    }

    /** Time the stage has spent laying out and rasterising frames, in all; any thread. */
    public long busyNanos() {
        return busyNanos;
    }

    /** Whether the stage's thread keeps to the CPUs {@link #keepingTo} gave it, now; any thread. */
    public boolean keptToCpus() {
        return keptTo;
    }

    /** Stops the thread and waits for it. */
    @Override
    public void close() {
        running = false;
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
