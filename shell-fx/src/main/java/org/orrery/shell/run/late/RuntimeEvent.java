package org.orrery.shell.run.late;

/**
 * Something the JVM did during a run that can hold a frame up, on the run's clock
 * ({@link System#nanoTime()}): a garbage collector's pause, another operation at a safepoint
 * (every application thread stopped: a deoptimisation, a class redefinition), or a JIT
 * compilation (on a compiler thread, which takes a core from the pipeline's threads).
 *
 * @param name what it was: the pause's or operation's name, or the compiled method
 */
public record RuntimeEvent(Kind kind, String name, long startNanos, long endNanos) {

    public enum Kind {
        GC_PAUSE,
        SAFEPOINT,
        COMPILATION
    }

    /** How much of {@code [from, to]} this event covers, in nanoseconds. */
    long overlap(long from, long to) {
        return Math.max(0, Math.min(to, endNanos) - Math.max(from, startNanos));
    }
}
