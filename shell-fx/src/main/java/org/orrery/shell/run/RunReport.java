package org.orrery.shell.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.Locale;
import org.orrery.memory.timing.FrameCollector;
import org.orrery.memory.timing.FrameStage;
import org.orrery.memory.timing.FrameTimeline;

/**
 * The runner's report: one record per frame with the time its tick was published (milliseconds
 * since the first frame's) and, for every later stage, milliseconds since its tick was published;
 * empty (CSV) or null (JSON) where the frame has no stamp (a dropped frame has no pulse, render or
 * presentation). Records are written in frame order, read from the timeline before it forgets
 * them. A JSON report ends with the run's statistics. Beside the report goes a PNG plot of the
 * frame intervals and the stage times ({@link ReportPlot}).
 */
final class RunReport {

    /** The report's format, from its file name. */
    enum Format {
        CSV,
        JSON;

        static Format of(Path file) throws RunOptions.UsageException {
            String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
            if (name.endsWith(".csv")) {
                return CSV;
            }
            if (name.endsWith(".json")) {
                return JSON;
            }
            throw new RunOptions.UsageException("--report writes CSV or JSON: name the file .csv or .json, got '"
                    + file.getFileName() + "'");
        }
    }

    private static final FrameStage[] STAGES = FrameStage.values();

    private final Writer out;
    private final Format format;
    private final FrameTimeline timeline;
    private final ReportPlot plot = new ReportPlot();
    private final long[] nanos = new long[STAGES.length];
    private long written;
    private long rows;
    private long origin = FrameTimeline.MISSING;
    private long lastPresented = FrameTimeline.MISSING;

    RunReport(Writer out, Format format, FrameTimeline timeline) {
        this.out = out;
        this.format = format;
        this.timeline = timeline;
        if (format == Format.CSV) {
            StringBuilder header = new StringBuilder("frame,tick_published_ms");
            for (int s = 1; s < STAGES.length; s++) {
                header.append(',').append(column(STAGES[s]));
            }
            write(header.append('\n').toString());
        } else {
            write("{\n  \"frames\": [");
        }
    }

    /** The PNG plot's path: the report's, with .png for its extension. */
    static Path plotFile(Path report) {
        String name = report.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return report.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ".png");
    }

    private static String column(FrameStage stage) {
        return stage.name().toLowerCase(Locale.ROOT) + "_ms";
    }

    /** Writes the records of the frames after the last written, up to {@code newest}. */
    void writeUpTo(long newest) {
        for (long frame = Math.max(written + 1, newest - timeline.capacity() + 1); frame <= newest; frame++) {
            timeline.read(frame, nanos);
            long published = nanos[FrameStage.TICK_PUBLISHED.ordinal()];
            if (published != FrameTimeline.MISSING && origin == FrameTimeline.MISSING) {
                origin = published;
            }
            write(format == Format.CSV ? csvRow(frame, published) : jsonRow(frame, published));
            rows++;
            plot(published);
        }
        written = Math.max(written, newest);
    }

    private String csvRow(long frame, long published) {
        StringBuilder row = new StringBuilder().append(frame).append(',');
        if (published != FrameTimeline.MISSING) {
            row.append(millis(published - origin));
        }
        for (int s = 1; s < STAGES.length; s++) {
            row.append(',');
            if (published != FrameTimeline.MISSING && nanos[s] != FrameTimeline.MISSING) {
                row.append(millis(nanos[s] - published));
            }
        }
        return row.append('\n').toString();
    }

    private String jsonRow(long frame, long published) {
        StringBuilder row = new StringBuilder(rows == 0 ? "\n    " : ",\n    ");
        row.append("{\"frame\": ").append(frame).append(", \"tick_published_ms\": ")
                .append(published == FrameTimeline.MISSING ? "null" : millis(published - origin));
        for (int s = 1; s < STAGES.length; s++) {
            row.append(", \"").append(column(STAGES[s])).append("\": ")
                    .append(published != FrameTimeline.MISSING && nanos[s] != FrameTimeline.MISSING
                            ? millis(nanos[s] - published) : "null");
        }
        return row.append('}').toString();
    }

    /** A presented frame's interval and, if every stage is stamped, its parts, for the plot. */
    private void plot(long published) {
        long presented = nanos[FrameStage.PRESENTED.ordinal()];
        if (presented == FrameTimeline.MISSING) {
            return;
        }
        if (lastPresented != FrameTimeline.MISSING && presented > lastPresented) {
            plot.addInterval((presented - lastPresented) / 1e6);
        }
        lastPresented = presented;
        for (long stamp : nanos) {
            if (stamp == FrameTimeline.MISSING) {
                return;
            }
        }
        long taken = nanos[FrameStage.TICK_TAKEN.ordinal()];
        long computed = nanos[FrameStage.COMPUTE_PUBLISHED.ordinal()];
        long laidOut = nanos[FrameStage.LAYOUT_PUBLISHED.ordinal()];
        plot.addFrame((taken - published) / 1e6, (computed - taken) / 1e6, (laidOut - computed) / 1e6,
                (presented - laidOut) / 1e6);
    }

    /**
     * Ends the report (a JSON one with the run's statistics and the engine) and draws its plot.
     *
     * @param engine which engine and build ran the kernel, and why
     * @param plotFile where the PNG goes
     */
    void finish(FrameCollector statistics, String title, String engine, double targetMillis, Path plotFile)
            throws IOException {
        if (format == Format.JSON) {
            write(String.format(Locale.ROOT, "%n  ],%n  \"summary\": {\"presented\": %d, \"dropped\": %d, \"incomplete\": %d,"
                            + " \"lost\": %d, \"interval_ms\": {\"p50\": %s, \"p90\": %s, \"p99\": %s, \"p99_9\": %s,"
                            + " \"max\": %s, \"jitter\": %s}},%n  \"engine\": \"%s\"%n}%n", statistics.presented(),
                    statistics.dropped(), statistics.incomplete(), statistics.lost(), number(statistics.intervalMillis(50)),
                    number(statistics.intervalMillis(90)), number(statistics.intervalMillis(99)),
                    number(statistics.intervalMillis(99.9)), number(statistics.maxIntervalMillis()),
                    number(statistics.jitterMillis()), engine.replace("\\", "\\\\").replace("\"", "\\\"")));
        }
        out.flush();
        plot.write(plotFile, title, targetMillis);
    }

    private static String number(double value) {
        return Double.isNaN(value) ? "null" : String.format(Locale.ROOT, "%.3f", value);
    }

    private static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.3f", nanos / 1e6);
    }

    private void write(String text) {
        try {
            out.write(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
