package org.orrery.shell.hud;

/**
 * What the HUD shows at one refresh, taken by the {@link HudFeed} off the FX thread.
 *
 * @param lastIntervalMillis the newest frame interval, NaN before two frames
 * @param p50Millis frame interval over the last few seconds, NaN before two frames
 * @param dropped frames computed but never shown, since the run started
 * @param intervalsMillis the newest frame intervals, oldest first, for the plot
 * @param stageMillis mean milliseconds per frame in {@link #STAGES}' order
 * @param workerShares each worker's busy share, 0 to 1
 * @param workerCpus the CPU each worker is pinned to, -1 if none
 */
public record HudStats(double lastIntervalMillis, double p50Millis, double p99Millis, double jitterMillis,
                       long presented, long dropped, double[] intervalsMillis, double[] stageMillis,
                       double[] workerShares, int[] workerCpus) {

    /** The parts of a frame in the stacked bar. */
    public static final String[] STAGES = {"queue", "kernel", "copy", "layout", "render"};

    public static final HudStats NONE = new HudStats(Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0, 0,
            new double[0], new double[STAGES.length], new double[0], new int[0]);
}
