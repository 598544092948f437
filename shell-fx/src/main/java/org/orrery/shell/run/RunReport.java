package org.orrery.shell.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Locale;
import org.orrery.memory.timing.FrameStage;
import org.orrery.memory.timing.FrameTimeline;

/**
 * The runner's per-frame report, as CSV: one row per frame with the time its tick was published
 * (milliseconds since the first frame's) and, for every later stage, milliseconds since its tick
 * was published; empty where the frame has no stamp (a dropped frame has no pulse, render or
 * presentation). Rows are written in frame order, read from the timeline before it forgets them.
 */
final class RunReport {

    private static final FrameStage[] STAGES = FrameStage.values();

    private final Writer out;
    private final FrameTimeline timeline;
    private final long[] nanos = new long[STAGES.length];
    private long written;
    private long origin = FrameTimeline.MISSING;

    RunReport(Writer out, FrameTimeline timeline) {
        this.out = out;
        this.timeline = timeline;
        StringBuilder header = new StringBuilder("frame,tick_published_ms");
        for (int s = 1; s < STAGES.length; s++) {
            header.append(',').append(STAGES[s].name().toLowerCase(Locale.ROOT)).append("_ms");
        }
        line(header.toString());
    }

    /** Writes the rows of the frames after the last written, up to {@code newest}. */
    void writeUpTo(long newest) {
        for (long frame = Math.max(written + 1, newest - timeline.capacity() + 1); frame <= newest; frame++) {
            timeline.read(frame, nanos);
            long published = nanos[FrameStage.TICK_PUBLISHED.ordinal()];
            StringBuilder row = new StringBuilder().append(frame).append(',');
            if (published != FrameTimeline.MISSING) {
                if (origin == FrameTimeline.MISSING) {
                    origin = published;
                }
                row.append(millis(published - origin));
            }
            for (int s = 1; s < STAGES.length; s++) {
                row.append(',');
                if (published != FrameTimeline.MISSING && nanos[s] != FrameTimeline.MISSING) {
                    row.append(millis(nanos[s] - published));
                }
            }
            line(row.toString());
        }
        written = Math.max(written, newest);
    }

    void finish() throws IOException {
        out.flush();
    }

    private static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.3f", nanos / 1e6);
    }

    private void line(String text) {
        try {
            out.write(text);
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
