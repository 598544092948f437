package org.orrery.api.kernel;

/**
 * One summary value a kernel publishes with every frame (n-body's kinetic energy, heat's hottest
 * cell), as its descriptor declares it. Each step writes its range's part of the value; the host
 * combines the parts of a tick with {@link #reduce}. See {@link KernelAbi#EXPORT_SUMMARY_PTR}.
 *
 * @param name identifier, as parameter names; a web panel gets it as {@code summary.NAME}
 * @param reduce how the ranges' parts make the whole
 * @param label shown to the user; the name if the descriptor gives none
 */
public record SummarySpec(String name, Reduce reduce, String label) {

    /** How the parts of a summary value, one per range of items, make the tick's value. */
    public enum Reduce {
        /** Adds the parts (a total: energy, momentum, a count). */
        SUM(0),
        /** Keeps the least part. */
        MIN(Double.POSITIVE_INFINITY),
        /** Keeps the greatest part. */
        MAX(Double.NEGATIVE_INFINITY);

        private final double identity;

        Reduce(double identity) {
            this.identity = identity;
        }

        /** The value of no parts: where a tick's reduction starts. */
        public double identity() {
            return identity;
        }

        /** The whole so far, {@code whole}, with one more {@code part}. A NaN part makes the whole NaN. */
        public double combine(double whole, double part) {
            return switch (this) {
                case SUM -> whole + part;
                case MIN -> Math.min(whole, part);
                case MAX -> Math.max(whole, part);
            };
        }
    }
}
