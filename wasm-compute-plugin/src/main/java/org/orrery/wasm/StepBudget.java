package org.orrery.wasm;

import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * How long one step may run. The budget is CPU time of the thread that runs the step: the
 * kernel's own work, which another program busy on the same cores does not inflate. Wall time
 * is only a far outer limit, {@value #WALL_FACTOR} times the budget, for a step that gets no
 * CPU at all (a machine so loaded that the kernel is starved, or a step stuck off the CPU).
 *
 * @param cpuNanos the CPU time a step may use
 * @param warmUp whether this is the allowance of a kernel still warming up, for the message
 */
record StepBudget(long cpuNanos, boolean warmUp) {

    static final int WALL_FACTOR = 10;

    /** Which limit a step ran past. */
    enum Limit {
        CPU,
        WALL
    }

    long wallLimitNanos() {
        return cpuNanos * WALL_FACTOR;
    }

    /**
     * The limit a step has run past, or null while it is within both.
     *
     * @param wallNanos wall time since the step started
     * @param cpuNanos CPU time its thread has used since then
     */
    Limit exceeded(long wallNanos, long cpuNanos) {
        if (cpuNanos > this.cpuNanos) {
            return Limit.CPU;
        }
        return wallNanos > wallLimitNanos() ? Limit.WALL : null;
    }

    /** Why a call to {@code export} was stopped, with the figures measured when it was. */
    String describe(String export, Limit limit, long wallNanos, long cpuNanos) {
        String allowance = warmUp ? " (the allowance while it warms up)" : "";
        if (limit == Limit.CPU) {
            return String.format(Locale.ROOT, "%s used %s of CPU time, over its budget of %s%s; %s of wall time had passed",
                    export, millis(cpuNanos), millis(this.cpuNanos), allowance, millis(wallNanos));
        }
        return String.format(Locale.ROOT, "%s ran %s of wall time, the outer limit (%d times its CPU budget of %s%s), "
                + "having used only %s of CPU time: the machine is too busy to run it, or the call is stuck",
                export, millis(wallNanos), WALL_FACTOR, millis(this.cpuNanos), allowance, millis(cpuNanos));
    }

    private static String millis(long nanos) {
        return String.format(Locale.ROOT, "%,d ms", TimeUnit.NANOSECONDS.toMillis(nanos));
    }
}
