package org.orrery.memory.timing;

import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Turns the stamps of a {@link FrameTimeline} into running statistics, off the hot path: the
 * interval between frames presented (percentiles, maximum, standard deviation as jitter), frames
 * dropped (computed but never presented), records found incomplete, and each stage's mean time.
 *
 * <p>Call {@link #collect} now and then (the HUD's refresh, the runner's end) with the newest
 * frame presented; it reads every frame since the last call up to that one. Frames are only
 * judged once a later frame has been presented, so a frame still on its way is not counted as
 * dropped. Frames that fell out of the timeline before they were read are counted as lost. One
 * thread at a time.
 */
public final class FrameCollector {

    private static final int STAGES = FrameStage.values().length;
    /** Intervals up to a minute are recorded to three significant digits. */
    private static final long MAX_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final FrameTimeline timeline;
    private final Histogram intervals = new Histogram(MAX_INTERVAL_NANOS, 3);
    private final long[] nanos = new long[STAGES];
    /** Per stage after the first: summed time since the stage before, and how many frames had both. */
    private final long[] stageNanos = new long[STAGES];
    private final long[] stageFrames = new long[STAGES];
    private long collectedUpTo;
    private long lastPresentedNanos = FrameTimeline.MISSING;
    private long presented;
    private long dropped;
    private long incomplete;
    private long lost;

    public FrameCollector(FrameTimeline timeline) {
        this.timeline = timeline;
    }

    /**
     * Leaves the frames up to {@code frame} out of every statistic (a warm-up): the next
     * {@link #collect} starts after it, and the first interval counted is between two later frames.
     */
    public void skipTo(long frame) {
        collectedUpTo = Math.max(collectedUpTo, frame);
        lastPresentedNanos = FrameTimeline.MISSING;
    }

    /** Reads the frames after the last collected one, up to {@code newestPresented}. */
    public void collect(long newestPresented) {
        long first = collectedUpTo + 1;
        long oldestKept = newestPresented - timeline.capacity() + 1;
        if (first < oldestKept) {
            lost += oldestKept - first;
            first = oldestKept;
            lastPresentedNanos = FrameTimeline.MISSING; // the interval across the gap is unknown
        }
        for (long frame = first; frame <= newestPresented; frame++) {
            collectFrame(frame);
        }
        collectedUpTo = Math.max(collectedUpTo, newestPresented);
    }

    private void collectFrame(long frame) {
        int present = timeline.read(frame, nanos);
        long shownAt = nanos[FrameStage.PRESENTED.ordinal()];
        if (shownAt == FrameTimeline.MISSING) {
            if (nanos[FrameStage.COMPUTE_PUBLISHED.ordinal()] != FrameTimeline.MISSING) {
                dropped++; // computed, and a later frame reached the screen first
            } else {
                incomplete++;
            }
            return;
        }
        presented++;
        if (lastPresentedNanos != FrameTimeline.MISSING && shownAt > lastPresentedNanos) {
            intervals.recordValue(Math.min(shownAt - lastPresentedNanos, MAX_INTERVAL_NANOS));
        }
        lastPresentedNanos = shownAt;
        if (present < STAGES) {
            incomplete++;
        }
        for (int s = 1; s < STAGES; s++) {
            if (nanos[s] != FrameTimeline.MISSING && nanos[s - 1] != FrameTimeline.MISSING) {
                stageNanos[s] += nanos[s] - nanos[s - 1];
                stageFrames[s]++;
            }
        }
    }

    /** Frames presented so far. */
    public long presented() {
        return presented;
    }

    /** Frames computed but never presented: a newer frame was shown first. */
    public long dropped() {
        return dropped;
    }

    /** Frames read with a stage missing (presented ones included), or with no compute stamp at all. */
    public long incomplete() {
        return incomplete;
    }

    /** Frames that left the timeline before they were collected. */
    public long lost() {
        return lost;
    }

    /** The frame interval at {@code percentile} (0 to 100), in milliseconds; NaN before two frames. */
    public double intervalMillis(double percentile) {
        return intervals.getTotalCount() == 0 ? Double.NaN : intervals.getValueAtPercentile(percentile) / 1e6;
    }

    /** The longest frame interval, in milliseconds. */
    public double maxIntervalMillis() {
        return intervals.getTotalCount() == 0 ? Double.NaN : intervals.getMaxValue() / 1e6;
    }

    /** The standard deviation of the frame interval (the jitter), in milliseconds. */
    public double jitterMillis() {
        return intervals.getTotalCount() == 0 ? Double.NaN : intervals.getStdDeviation() / 1e6;
    }

    /** Frame intervals recorded. */
    public long intervals() {
        return intervals.getTotalCount();
    }

    /** Mean time from the stage before {@code stage} to {@code stage}, in milliseconds; NaN if never seen. */
    public double meanStageMillis(FrameStage stage) {
        int s = stage.ordinal();
        return s == 0 || stageFrames[s] == 0 ? Double.NaN : stageNanos[s] / (double) stageFrames[s] / 1e6;
    }
}
