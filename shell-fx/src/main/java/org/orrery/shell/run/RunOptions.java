package org.orrery.shell.run;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.orrery.shell.pipeline.FxThreads;
import org.orrery.shell.pipeline.BackgroundPriority;
import org.orrery.shell.pipeline.JvmBackgroundThreads;
import org.orrery.plugins.density.PointQuery;
import org.orrery.wasm.engine.EngineChoice;

/**
 * The arguments of {@code orrery run}: which plugin, its parameters, how long, and where the
 * report goes.
 *
 * @param parameters name to value as given ({@code k=v}); checked against the descriptor later
 * @param items the kernel's item count, or 0 for its descriptor's default (not for grids)
 * @param gridWidth a grid kernel's width, or 0 for its descriptor's default; with {@code gridHeight}
 * @param frames frames to present, or 0 to run for {@code seconds}
 * @param seconds how long to run when {@code frames} is 0
 * @param rate ticks per second
 * @param report the per-frame report to write, CSV or JSON by its extension, or null
 * @param pluginsFolder where the plugins are, or null for the default
 * @param warmup seconds run before the measured part, left out of the statistics
 * @param floor whether to measure an empty window's frame intervals first, the same way
 * @param window whether to present in a window, as the application does, rather than offscreen
 * @param panel whether to run the plugin's web panel beside the view, handed every frame as in the
 *     application (Servo draws it; the summary says what it cost the page)
 * @param engine which WebAssembly engine runs the kernel, or auto: both measured, the faster kept
 * @param lateFrames whether to explain the late frames after the run ({@code LateFrames})
 * @param data the points to load into a kernel of points (density) before the run, or null
 * @param pan whether the view pans and zooms over its region every frame, as a user exploring it
 * @param clock whether ticks keep the frame driver's own clock rather than following the FX pulse
 * @param workerCpus the CPUs the kernel's workers run on, one worker each (a list such as
 *     {@code 0-1}), or null for the default partition ({@code CorePartition})
 * @param fxCpus where JavaFX's threads run: auto (on the UI core while the workers' core is busy),
 *     ui or any ({@code FxThreads})
 * @param background how the JVM's compiler and collector threads run ({@code JvmBackgroundThreads})
 */
public record RunOptions(String plugin, Map<String, String> parameters, int items, int gridWidth, int gridHeight,
                         int frames, double seconds, double rate,
                         Path report, Path pluginsFolder, double warmup, boolean floor, boolean window,
                         boolean panel, EngineChoice engine, boolean lateFrames, PointQuery data, boolean pan,
                         boolean clock, String workerCpus, FxThreads.Mode fxCpus,
                         BackgroundPriority background) {

    public static final String USAGE = """
            usage: orrery run --plugin ID [--param NAME=VALUE ...] [--items N | --grid WxH] [--frames N | --seconds S]
                              [--rate TICKS_PER_SECOND] [--warmup S] [--report FILE.csv|FILE.json] [--plugins FOLDER] [--floor]
                              [--window] [--panel] [--engine graalwasm|wasmtime|auto] [--late-frames]
                              [--data FILE [--columns X,Y[,WEIGHT]]] [--pan] [--clock] [--worker-cpus LIST]
                              [--fx-cpus auto|ui|any] [--background idle|N]
              --plugin ID       the compute plugin to run (its id in the catalog)
              --param NAME=VALUE a parameter's starting value (a choice by its name); repeatable
              --items N         how many items (bodies, points) the kernel steps (default: the plugin's)
              --grid WxH        a grid kernel's size in cells, for example 1024x1024 (default: the plugin's)
              --frames N        stop after N frames are presented (default 600)
              --seconds S       or stop after S seconds
              --rate R          ticks per second (default 60)
              --warmup S        run S seconds first, left out of the statistics (the report has them)
              --report FILE     write each frame's stage times, in milliseconds, as CSV or JSON (by the
                                name's extension; JSON ends with the statistics), FILE.png, a plot,
                                and FILE.view.png, the view's last frame
              --plugins FOLDER  where the plugins are (default: the bundled ones and those installed
                                in the user folder, ~/.orrery/plugins)
              --floor           first measure an empty window's frame intervals for as long: the floor
              --window          present in a window on its pulse, as the application does, rather than
                                offscreen at 1280 x 720 (either way the view keeps its shape)
              --panel           run the plugin's web panel (Servo) beside the view, handed every
                                frame as in the application
              --engine E        the WebAssembly engine: graalwasm, wasmtime, or auto (the default): every
                                build of the kernel warmed up on both, the fastest kept
              --late-frames     explain each frame presented more than 17 ms after the one before (after
                                the warm-up): GC pause, safepoint, a part of the pipeline that ran long,
                                a pipeline thread that waited for a CPU (and who had the CPUs), or
                                nothing recorded; counted by cause, with the worst, from the frames'
                                stamps, a JFR recording of the run and each thread's scheduler
                                statistics, sampled every 10 ms (about 3 % of one CPU)
              --data FILE       load points from a CSV, TSV or Parquet file into a kernel of points
                                (density) before the run, as the application's Open data does
              --columns X,Y[,W] the file's x, y and weight columns (default x,y, each point counting 1)
              --pan             pan and zoom over the region shown every frame (1x to 16x and back,
                                about every 2 s), as someone exploring it; kernels with a region only
              --clock           tick on the frame driver's own clock, never on the FX pulse (the
                                pacing before 2026-12-05, to compare)
              --worker-cpus L   the CPUs the kernel's workers run on, one worker each, for example 0-1
                                (default: half the cores, beside the first, which the FX thread keeps)
              --fx-cpus M       where JavaFX's threads run: ui (the first core), any (where the OS puts
                                them) or auto (the default, as the application: on the first core while
                                the workers' core is busy over 60 % of the time, anywhere under 40 %)
              --background P    how the JVM's compiler and concurrent collector threads run: idle
                                (the default, as the application: at nice 10, and C2, HotSpot's
                                optimising compiler, only on a CPU no other thread wants), or all
                                at nice value P (1 to 19: a smaller share of a contended core; 0
                                leaves them as they start)""";

    private static final int DEFAULT_FRAMES = 600;
    private static final double DEFAULT_RATE = 60;

    public RunOptions {
        parameters = Map.copyOf(parameters);
    }

    /** A bad command line, with the reason; the caller prints it and {@link #USAGE}. */
    public static final class UsageException extends Exception {
        public UsageException(String message) {
            super(message);
        }
    }

    /** Parses the arguments after {@code run}. */
    public static RunOptions parse(List<String> args) throws UsageException {
        String plugin = null;
        Map<String, String> parameters = new LinkedHashMap<>();
        int items = 0;
        int gridWidth = 0;
        int gridHeight = 0;
        int frames = 0;
        double seconds = 0;
        double rate = DEFAULT_RATE;
        Path report = null;
        Path plugins = null;
        double warmup = 0;
        boolean floor = false;
        boolean window = false;
        boolean panel = false;
        boolean lateFrames = false;
        boolean pan = false;
        boolean clock = false;
        Path data = null;
        String columns = null;
        String workerCpus = null;
        FxThreads.Mode fxCpus = FxThreads.Mode.AUTO;
        BackgroundPriority background = JvmBackgroundThreads.DEFAULT;
        EngineChoice engine = EngineChoice.AUTO;
        for (int i = 0; i < args.size(); i++) {
            String option = args.get(i);
            boolean flag = switch (option) {
                case "--floor" -> floor = true;
                case "--window" -> window = true;
                case "--panel" -> panel = true;
                case "--late-frames" -> lateFrames = true;
                case "--pan" -> pan = true;
                case "--clock" -> clock = true;
                default -> false;
            };
            if (flag) {
                continue;
            }
            if (i + 1 >= args.size()) {
                throw new UsageException(option.startsWith("--") ? option + " needs a value" : "unexpected '" + option + "'");
            }
            String value = args.get(++i);
            switch (option) {
                case "--plugin" -> plugin = value;
                case "--param" -> {
                    int equals = value.indexOf('=');
                    if (equals < 1 || equals == value.length() - 1) {
                        throw new UsageException("--param takes NAME=VALUE, got '" + value + "'");
                    }
                    parameters.put(value.substring(0, equals), value.substring(equals + 1));
                }
                case "--items" -> items = positiveInt(option, value);
                case "--grid" -> {
                    String[] sides = value.split("x", -1);
                    if (sides.length != 2) {
                        throw new UsageException("--grid takes WIDTHxHEIGHT, for example 1024x768, got '" + value + "'");
                    }
                    gridWidth = positiveInt(option, sides[0]);
                    gridHeight = positiveInt(option, sides[1]);
                }
                case "--frames" -> frames = positiveInt(option, value);
                case "--seconds" -> seconds = positive(option, value);
                case "--rate" -> rate = positive(option, value);
                case "--warmup" -> warmup = positive(option, value);
                case "--report" -> {
                    report = Path.of(value);
                    RunReport.Format.of(report); // refused now, not after the run
                }
                case "--plugins" -> plugins = Path.of(value);
                case "--data" -> data = Path.of(value);
                case "--columns" -> columns = value;
                case "--worker-cpus" -> workerCpus = value;
                case "--background" -> {
                    try {
                        background = BackgroundPriority.parse(value);
                    } catch (IllegalArgumentException e) {
                        throw new UsageException("--background takes " + e.getMessage());
                    }
                }
                case "--fx-cpus" -> {
                    try {
                        fxCpus = FxThreads.Mode.of(value);
                    } catch (IllegalArgumentException e) {
                        throw new UsageException("--fx-cpus takes auto, ui or any, got '" + value + "'");
                    }
                }
                case "--engine" -> {
                    try {
                        engine = EngineChoice.parse(value);
                    } catch (IllegalArgumentException e) {
                        throw new UsageException("--engine: " + e.getMessage());
                    }
                }
                default -> throw new UsageException("unknown option '" + option + "'");
            }
        }
        if (plugin == null) {
            throw new UsageException("--plugin is required");
        }
        if (frames > 0 && seconds > 0) {
            throw new UsageException("give --frames or --seconds, not both");
        }
        if (frames == 0 && seconds == 0) {
            frames = DEFAULT_FRAMES;
        }
        if (items > 0 && gridWidth > 0) {
            throw new UsageException("give --items (a kernel of items) or --grid (a grid kernel), not both");
        }
        if (columns != null && data == null) {
            throw new UsageException("--columns names the columns of a --data file: give the file too");
        }
        return new RunOptions(plugin, parameters, items, gridWidth, gridHeight, frames, seconds, rate, report, plugins,
                warmup, floor, window, panel, engine, lateFrames, data == null ? null : query(data, columns), pan, clock,
                workerCpus, fxCpus, background);
    }

    /** The query for {@code --data FILE --columns X,Y[,WEIGHT]}; columns x and y when none are named. */
    private static PointQuery query(Path file, String columns) throws UsageException {
        String[] names = (columns == null ? "x,y" : columns).split(",", -1);
        if (names.length < 2 || names.length > 3 || Arrays.stream(names).anyMatch(String::isBlank)) {
            throw new UsageException("--columns takes X,Y or X,Y,WEIGHT (column names), got '" + columns + "'");
        }
        return new PointQuery(file, names[0].strip(), names[1].strip(),
                names.length == 3 ? Optional.of(names[2].strip()) : Optional.empty(), Optional.empty());
    }

    private static int positiveInt(String option, String value) throws UsageException {
        try {
            int n = Integer.parseInt(value);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException(option + " takes a whole number above 0, got '" + value + "'");
    }

    private static double positive(String option, String value) throws UsageException {
        try {
            double d = Double.parseDouble(value);
            if (d > 0 && Double.isFinite(d)) {
                return d;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException(option + " takes a number above 0, got '" + value + "'");
    }
}
