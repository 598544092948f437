package org.orrery.shell.pipeline;

import java.util.Locale;

/**
 * How the JVM's background threads run beside the pipeline ({@link JvmBackgroundThreads}): at a
 * nice value (0 as they started), and whether HotSpot's optimising compiler, C2, runs only on what
 * the CPUs leave (Linux's idle policy).
 *
 * <p>Only C2 goes under the idle policy: a thread there gets no CPU at all while another process
 * keeps the cores busy. C2 starved costs speed (C1's code runs meanwhile); C1 starved would
 * leave the application interpreted, and the collector's concurrent threads starved could let the
 * heap fill.
 *
 * @param nice the nice value of the background threads: 0 as started, up to 19 for the least share
 * @param optimiserIdle whether C2 runs under the idle policy rather than at that nice value
 */
public record BackgroundPriority(int nice, boolean optimiserIdle) {

    /** As the JVM started them. */
    public static final BackgroundPriority AS_STARTED = new BackgroundPriority(0, false);
    /** At nice 10, and C2 only on a CPU no other thread wants. */
    public static final BackgroundPriority IDLE = new BackgroundPriority(10, true);

    public BackgroundPriority {
        if (nice < 0 || nice > 19) {
            throw new IllegalArgumentException("a nice value from 0 to 19, got " + nice);
        }
    }

    /** At nice value {@code value}, 0 to 19, C2 included. */
    public static BackgroundPriority nice(int value) {
        return new BackgroundPriority(value, false);
    }

    /**
     * Reads {@code idle} ({@link #IDLE}) or a nice value from 0 to 19.
     *
     * @throws IllegalArgumentException for anything else, saying what is taken
     */
    public static BackgroundPriority parse(String text) {
        if (text.strip().equalsIgnoreCase("idle")) {
            return IDLE;
        }
        try {
            int value = Integer.parseInt(text.strip());
            if (value >= 0 && value <= 19) {
                return nice(value);
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException("idle or a nice value from 0 to 19, got '" + text + "'");
    }

    /** Whether the threads are left as they started. */
    public boolean asStarted() {
        return nice == 0 && !optimiserIdle;
    }

    /** Says it as the run's summary does: "at nice 10, C2 under the idle policy", "as they started". */
    public String describe() {
        String niceText = nice > 0 ? String.format(Locale.ROOT, "at nice %d", nice) : "as they started";
        return optimiserIdle ? niceText + ", C2 under the idle policy" : niceText;
    }
}
