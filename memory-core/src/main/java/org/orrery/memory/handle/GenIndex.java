package org.orrery.memory.handle;

/**
 * A generational handle: a slot index and the generation the slot held when the handle was
 * made, packed into one {@code long} (index in the high 32 bits, generation in the low 32 bits,
 * both unsigned) so that handles travel through rings and method calls without allocation.
 *
 * <p>Generation 0 is never issued: a handle with generation 0 names "nothing yet" and is refused
 * by every check. Generations advance by one per reuse of a slot and wrap from 2^32-1 to 1.
 * Handles, not raw offsets, cross module boundaries.
 */
public final class GenIndex {

    /** Generation that no live slot ever holds. */
    public static final int NO_GENERATION = 0;

    private static final long LOW_32 = 0xFFFF_FFFFL;

    private GenIndex() {}

    /** Packs an index and a generation (each read as unsigned 32 bits). */
    public static long of(int index, int generation) {
        return ((index & LOW_32) << 32) | (generation & LOW_32);
    }

    /** The slot index, unsigned. */
    public static int index(long handle) {
        return (int) (handle >>> 32);
    }

    /** The generation, unsigned. */
    public static int generation(long handle) {
        return (int) handle;
    }

    /** The generation after {@code generation}, skipping {@link #NO_GENERATION} on wrap-around. */
    public static int next(int generation) {
        int next = generation + 1;
        return next == NO_GENERATION ? 1 : next;
    }

    /**
     * Refuses a handle whose generation is not the slot's current one.
     *
     * @param owner what the slot belongs to, for the error message (for example "compute buffer")
     * @param currentGeneration the generation the slot holds now
     * @throws StaleHandleException if the handle is stale or names nothing
     */
    public static void check(long handle, int currentGeneration, String owner) {
        int generation = generation(handle);
        if (generation != currentGeneration || generation == NO_GENERATION) {
            throw new StaleHandleException(owner, index(handle), generation, currentGeneration);
        }
    }

    /** Readable form, for logs and messages: {@code #index@generation}. */
    public static String toString(long handle) {
        return "#" + Integer.toUnsignedString(index(handle)) + "@" + Integer.toUnsignedString(generation(handle));
    }
}
