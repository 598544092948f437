package org.orrery.memory.copy;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Objects;

/**
 * Copies blocks of state between native segments the way the next reader wants them: in cache.
 *
 * <p>{@code MemorySegment.copy} of a few MiB between native segments leaves the destination out
 * of cache on HotSpot (measured on the 2-vCPU Xeon guest of 2026-12-05: copying heat's 4 MiB grid
 * into a Wasmtime instance and stepping it took 4.0 ms a tick, 2.7 ms with the C library's
 * {@code memmove}, while the copy alone took 0.3 ms either way). A kernel reads its input right
 * after the copy and the frame's consumer reads the output right after the other, so native to
 * native copies go through {@code memmove}; anything else (a heap segment) through
 * {@code MemorySegment.copy}. Overlapping ranges are allowed, as for both of those.
 *
 * <p>Allocates nothing: the call passes addresses as plain longs.
 */
public final class BulkCopy {

    private static final MethodHandle MEMMOVE = memmove();

    private BulkCopy() {}

    /**
     * Copies {@code bytes} bytes from {@code source} at {@code sourceOffset} to {@code target} at
     * {@code targetOffset}.
     *
     * @throws IndexOutOfBoundsException if either range is outside its segment
     * @throws IllegalStateException if either segment's arena is closed
     * @throws WrongThreadException if either segment is confined to another thread
     * @throws IllegalArgumentException if {@code target} is read-only
     */
    public static void copy(MemorySegment source, long sourceOffset, MemorySegment target, long targetOffset,
                            long bytes) {
        if (MEMMOVE == null || !source.isNative() || !target.isNative()) {
            MemorySegment.copy(source, sourceOffset, target, targetOffset, bytes);
            return;
        }
        Objects.checkFromIndexSize(sourceOffset, bytes, source.byteSize());
        Objects.checkFromIndexSize(targetOffset, bytes, target.byteSize());
        if (target.isReadOnly()) {
            throw new IllegalArgumentException("the target segment is read-only");
        }
        // The checks MemorySegment.copy makes, which a raw memmove would skip.
        if (!source.scope().isAlive() || !target.scope().isAlive()) {
            throw new IllegalStateException("a segment's arena is closed");
        }
        Thread current = Thread.currentThread();
        if (!source.isAccessibleBy(current) || !target.isAccessibleBy(current)) {
            throw new WrongThreadException("a segment is confined to another thread");
        }
        try {
            long ignored = (long) MEMMOVE.invokeExact(target.address() + targetOffset, source.address() + sourceOffset,
                    bytes);
        } catch (Throwable e) {
            throw new IllegalStateException("memmove failed", e); // it cannot: it has no failure
        }
    }

    /** The C library's memmove, or null where it cannot be linked (then every copy is Java's). */
    private static MethodHandle memmove() {
        try {
            Linker linker = Linker.nativeLinker();
            return linker.defaultLookup().find("memmove").map(function -> linker.downcallHandle(function,
                    FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG,
                            ValueLayout.JAVA_LONG),
                    Linker.Option.critical(false))).orElse(null);
        } catch (UnsupportedOperationException | IllegalCallerException e) {
            return null; // no native linker on this platform, or native access denied to this module
        }
    }
}
