package org.orrery.memory.arena;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.orrery.memory.triple.DeliveryMode;
import org.orrery.memory.triple.TripleBuffer;
import org.orrery.memory.wait.WaitPolicy;

/**
 * The one off-heap segment that compute, layout and rendering share, laid out by an
 * {@link ArenaLayout}. It is allocated from {@link Arena#ofShared()}: any thread may access it, and
 * {@link #close()} frees it safely even while other threads hold region segments. After close,
 * every access through those segments throws {@link IllegalStateException} (the FFM runtime
 * checks liveness on each access); this class's own methods throw {@link ArenaClosedException}.
 */
public final class SharedArena implements AutoCloseable {

    private final ArenaLayout layout;
    private final Arena arena;
    private final MemorySegment whole;
    private final Map<Region, MemorySegment> regions = new EnumMap<>(Region.class);
    private final Map<Stage, TripleBuffer> buffers = new EnumMap<>(Stage.class);

    private SharedArena(ArenaLayout layout) {
        this.layout = layout;
        this.arena = Arena.ofShared();
        this.whole = arena.allocate(layout.totalBytes(), ArenaLayout.ALIGNMENT);
        for (Region region : Region.values()) {
            regions.put(region, whole.asSlice(layout.offset(region), layout.size(region)));
        }
    }

    /** Allocates a zeroed arena for a validated layout. */
    public static SharedArena allocate(ArenaLayout layout) {
        return new SharedArena(Objects.requireNonNull(layout, "layout"));
    }

    public ArenaLayout layout() {
        return layout;
    }

    /**
     * The segment of one region. Accesses through it fail with {@link IllegalStateException} once the
     * arena is closed.
     *
     * @throws ArenaClosedException if the arena is already closed
     */
    public MemorySegment region(Region region) {
        checkOpen("region " + region);
        return regions.get(region);
    }

    /**
     * The triple buffer of a stage, made over its three slots and its control block in the metadata
     * region on the first call for that stage. Later calls return the same buffer (the wait policy
     * of the first call stays); asking for it with another mode is refused.
     *
     * @throws ArenaClosedException if the arena is already closed
     * @throws IllegalStateException if the stage's buffer exists with another mode
     */
    public synchronized TripleBuffer tripleBuffer(Stage stage, DeliveryMode mode, WaitPolicy waitPolicy) {
        checkOpen(stage + " triple buffer");
        TripleBuffer existing = buffers.get(stage);
        if (existing != null) {
            if (existing.mode() != mode) {
                throw new IllegalStateException(stage + " triple buffer already exists in " + existing.mode()
                        + " mode, asked for " + mode);
            }
            return existing;
        }
        MemorySegment control = regions.get(Region.METADATA).asSlice(stage.controlOffset(), TripleBuffer.CONTROL_BYTES);
        TripleBuffer buffer = new TripleBuffer(stage.name().toLowerCase(Locale.ROOT), control,
                regions.get(stage.slots().get(0)), regions.get(stage.slots().get(1)),
                regions.get(stage.slots().get(2)), mode, waitPolicy);
        buffers.put(stage, buffer);
        return buffer;
    }

    public boolean isOpen() {
        return arena.scope().isAlive();
    }

    /**
     * Frees the arena. Threads still accessing it get {@link IllegalStateException}, never a crash or
     * stale memory. Closing twice is harmless.
     */
    @Override
    public synchronized void close() {
        if (isOpen()) {
            arena.close();
        }
    }

    private void checkOpen(String what) {
        if (!isOpen()) {
            throw new ArenaClosedException("shared arena is closed: cannot access " + what);
        }
    }

    @Override
    public String toString() {
        return "SharedArena(" + layout.totalBytes() + " bytes, " + (isOpen() ? "open" : "closed") + ")";
    }
}
