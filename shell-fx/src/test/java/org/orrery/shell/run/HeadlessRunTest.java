package org.orrery.shell.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import javafx.application.Platform;
import javax.imageio.ImageIO;
import net.openhft.affinity.Affinity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orrery.wasm.topology.CorePartition;
import org.orrery.wasm.topology.CpuTopology;

/** {@code orrery run} in this process, on the bundled plugins (copied into target/plugins by the build). */
class HeadlessRunTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--plugins", System.getProperty("orrery.bundled.plugins")));
        return runWith(all);
    }

    private int runWith(List<String> all) {
        return new HeadlessRun(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(all);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void heatRunsForItsFramesAndReportsEveryStageOfEachInOrder() throws Exception {
        Path report = dir.resolve("heat.csv");
        int code = run("--plugin", "heat", "--grid", "256x192", "--frames", "120", "--report", report.toString());
        assertThat(code).as("exit code; stderr: %s", err()).isEqualTo(HeadlessRun.OK);
        assertThat(out()).contains("plugin heat 1.0.0, 256x192 grid").containsPattern("frames presented: 1[2-9]\\d");
        List<String> lines = Files.readAllLines(report);
        assertThat(lines.getFirst()).isEqualTo("frame,tick_published_ms,tick_taken_ms,compute_published_ms,layout_start_ms,"
                + "layout_end_ms,layout_published_ms,pulse_ms,render_start_ms,render_end_ms,presented_ms");
        int presented = 0;
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            assertThat(cells).as(line).hasSize(11);
            if (!cells[10].isEmpty()) { // presented: every stage stamped, each after the one before
                presented++;
                double previous = 0;
                for (int c = 2; c < cells.length; c++) {
                    double at = Double.parseDouble(cells[c]);
                    assertThat(at).as("%s, column %d", line, c).isGreaterThanOrEqualTo(previous);
                    previous = at;
                }
            }
        }
        assertThat(presented).isGreaterThanOrEqualTo(120);
        BufferedImage plot = ImageIO.read(dir.resolve("heat.png").toFile());
        assertThat(plot).as("the PNG plot beside the report").isNotNull();
        assertThat(plot.getWidth()).isEqualTo(1200);
    }

    @Test
    void inAWindowTheFramesArePresentedAsTheApplicationPresentsThem() throws Exception {
        Path report = dir.resolve("window.csv");
        int code = run("--plugin", "heat", "--grid", "128x64", "--frames", "30", "--window", "--report", report.toString());
        assertThat(code).as("exit code; stderr: %s", err()).isEqualTo(HeadlessRun.OK);
        assertThat(out()).contains("backend pixel-buffer, in a window").containsPattern("frames presented: [3-9]\\d");
        // Presented is stamped at the pulse after the render starts: never before it.
        long checked = Files.readAllLines(report).stream().skip(1).map(line -> line.split(",", -1))
                .filter(cells -> !cells[10].isEmpty())
                .peek(cells -> assertThat(Double.parseDouble(cells[10])).isGreaterThanOrEqualTo(Double.parseDouble(cells[8])))
                .count();
        assertThat(checked).isGreaterThanOrEqualTo(30);
    }

    @Test
    void withPanelThePluginsWebPanelTakesTheFramesItIsHanded() {
        int code = run("--plugin", "heat", "--grid", "128x64", "--frames", "90", "--panel");
        assertThat(code).as("exit code; stderr: %s", err()).isEqualTo(HeadlessRun.OK);
        if (Boolean.getBoolean("orrery.servo.skip")) {
            assertThat(out()).contains("web panel: none").contains("liborrery_servo.so");
            return;
        }
        // Every frame is handed to the page, one at a time: a busy page skips to the newest.
        assertThat(out()).containsPattern("web panel: ([3-9]\\d|1\\d\\d) frames handed to the page\n");
    }

    @Test
    void aGridOfOneCellRunsOnOneWorkerWithOneChunk() {
        int code = run("--plugin", "heat", "--grid", "1x1", "--frames", "20");
        assertThat(code).as("exit code; stderr: %s", err()).isEqualTo(HeadlessRun.OK);
        assertThat(out()).contains("plugin heat 1.0.0, 1x1 grid").containsPattern("frames presented: [2-9]\\d");
    }

    @Test
    void aJsonReportHasEveryFrameAndEndsWithTheStatistics() throws Exception {
        Path report = dir.resolve("nbody.json");
        int code = run("--plugin", "nbody", "--items", "256", "--frames", "60", "--report", report.toString());
        assertThat(code).as("exit code; stderr: %s", err()).isEqualTo(HeadlessRun.OK);
        String json = Files.readString(report);
        assertThat(json).startsWith("{\n  \"frames\": [\n    {\"frame\": 1, \"tick_published_ms\": 0.000, ");
        long frames = json.lines().filter(l -> l.trim().startsWith("{\"frame\": ")).count();
        long presented = json.lines().filter(l -> l.trim().startsWith("{\"frame\": ") && !l.contains("\"presented_ms\": null"))
                .count();
        assertThat(frames).isGreaterThanOrEqualTo(60);
        assertThat(json).containsPattern("\"summary\": \\{\"presented\": " + presented + ", \"dropped\": \\d+, ")
                .containsPattern("\"interval_ms\": \\{\"p50\": \\d+\\.\\d{3}, ")
                .containsPattern("\"engine\": \"(graalwasm|wasmtime), nbody(-simd)?\\.wasm: [0-9.]+ ms a step")
                .endsWith("\"\n}\n");
        assertThat(dir.resolve("nbody.png")).exists();
    }

    @Test
    void aModuleThatIsNotWebAssemblyFailsTheRunNamingThePluginAndTheCause() throws Exception {
        Path garbled = Files.createDirectories(dir.resolve("plugins/garbled"));
        Files.writeString(garbled.resolve("plugin.properties"), "plugin.id=garbled\nplugin.version=0.1.0\n");
        Files.writeString(garbled.resolve("kernel.json"), """
                { "id": "garbled", "version": "0.1.0", "name": "Garbled", "abi": 1, "module": "garbled.wasm",
                  "state": { "element": "f32", "lanes": 1, "grid": { "width": 32, "height": 32 } }, "parameters": [],
                  "budget": { "memoryMiB": 16, "stepMillis": 2000 } }
                """);
        Files.writeString(garbled.resolve("garbled.wasm"), "this is text, not WebAssembly");

        int code = runWith(List.of("--plugin", "garbled", "--frames", "10", "--plugins", dir.resolve("plugins").toString()));

        assertThat(code).isEqualTo(HeadlessRun.FAILED);
        assertThat(err()).contains("plugin 'garbled'").contains("not a WebAssembly module");
    }

    @Test
    void aHostilePluginBesideTwoGoodOnesIsReportedAndTheGoodOnesRun() throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        for (String good : List.of("heat.zip", "nbody.zip")) {
            Files.copy(Path.of(System.getProperty("orrery.bundled.plugins"), good), plugins.resolve(good));
        }
        Path deep = Files.createDirectories(plugins.resolve("deep"));
        Files.writeString(deep.resolve("plugin.properties"), "plugin.id=deep\nplugin.version=0.1.0\n");
        Files.writeString(deep.resolve("kernel.json"), "[".repeat(100_000)); // overflowed a recursive reader's stack

        int code = runWith(List.of("--plugin", "heat", "--grid", "64x64", "--frames", "10", "--plugins", plugins.toString()));

        assertThat(code).as("exit code; stderr: %s", err()).isEqualTo(HeadlessRun.OK);
        assertThat(err()).contains("warning: plugin deep not loaded: deep/kernel.json: not valid JSON: ")
                .contains("nesting depth");
        assertThat(out()).contains("plugin heat");
    }

    @Test
    void nbodyRunsAsPoints() {
        int code = run("--plugin", "nbody", "--param", "distribution=sphere", "--items", "1024", "--frames", "30", "--warmup", "1", "--floor");
        assertThat(code).as("exit code; stderr: %s", err()).isEqualTo(HeadlessRun.OK);
        assertThat(out()).contains("plugin nbody 1.0.0, 1024 items").contains("(after 1 s of warm-up)").contains("worker utilisation:")
                .contains("floor, an empty window: 30 frames");
    }

    @Test
    void densityLoadsTheDataPansOverItAndShowsItsPoints() throws Exception {
        // A lattice of points filling their bounds, so that wherever the pan has got to by the last
        // frame (it depends on how fast the kernel started) the view holds some; a header and one
        // line that is not a point.
        StringBuilder csv = new StringBuilder("id,lon,lat\n");
        for (int i = 0; i < 2_000; i++) {
            csv.append(i).append(',').append(-74 + (i % 50) * 4e-3).append(',').append(40 + (i / 50) * 5e-3).append('\n');
        }
        csv.append("2000,east,40\n");
        Path data = Files.writeString(dir.resolve("line.csv"), csv);
        Path report = dir.resolve("density.csv");
        int code = run("--plugin", "density", "--data", data.toString(), "--columns", "lon,lat", "--pan", "--clock",
                "--frames", "30", "--report", report.toString());
        assertThat(code).as("exit code; stderr: %s", err()).isEqualTo(HeadlessRun.OK);
        assertThat(out()).contains("data: 2,000 points from line.csv").contains(", 1 lines rejected")
                .contains("plugin density 1.0.0, 1024x768 grid");
        BufferedImage view = ImageIO.read(ViewPicture.file(report).toFile());
        int background = view.getRGB(0, view.getHeight() - 1);
        int lit = 0;
        for (int y = 0; y < view.getHeight(); y++) {
            for (int x = 0; x < view.getWidth(); x++) {
                lit += view.getRGB(x, y) != background ? 1 : 0;
            }
        }
        assertThat(lit).as("pixels showing points in the last frame").isPositive();
    }

    @Test
    void dataAndPanningAreRefusedWherePluginsTakeNoneAsAreCpusThatAreNotThere() {
        assertThat(run("--plugin", "nbody", "--data", "points.csv")).isEqualTo(HeadlessRun.USAGE);
        assertThat(err()).contains("plugin nbody takes no points; --data is for kernels of points (density)");
        assertThat(run("--plugin", "heat", "--pan")).isEqualTo(HeadlessRun.USAGE);
        assertThat(err()).contains("plugin heat shows no region of data to pan");
        assertThat(run("--plugin", "heat", "--worker-cpus", "4096")).isEqualTo(HeadlessRun.USAGE);
        assertThat(err()).contains("--worker-cpus: worker CPU 4096 is not online");
    }

    @Test
    void aMissingDataFileFailsNamingThePluginAndTheFile() {
        assertThat(run("--plugin", "density", "--data", dir.resolve("none.csv").toString())).isEqualTo(HeadlessRun.FAILED);
        assertThat(err()).contains("orrery run: plugin density: ").contains("none.csv");
    }

    @Test
    void lateFramesDuringForcedCollectionsArePutDownToGcPauses() throws Exception {
        // Full collections, forced every 300 ms on a thread of the test, hold every thread of the run.
        int code = runHeatWithLateFramesWhile("test-forced-gc", 1, () -> {
            System.gc();
            LockSupport.parkNanos(300_000_000L);
        });
        assertThat(code).as("exit code; stderr: %s", err()).isEqualTo(HeadlessRun.OK);
        assertThat(out()).containsPattern("late frames: [1-9][0-9]* of [0-9]+ over 17\\.0 ms")
                .containsPattern("\\n  GC pause +[1-9]")
                .containsPattern("worst: frame [0-9]+: [0-9.]+ ms, GC pause: [0-9.]+ ms in [0-9]+, the longest ");
    }

    @Test
    void lateFramesWhileOtherThreadsHogEveryCpuNameTheWaitingAndTheHogs() throws Exception {
        int code = runHeatWithLateFramesWhile("test-hog", Runtime.getRuntime().availableProcessors(), () -> {
            double sink = 0;
            for (int i = 0; i < 100_000; i++) {
                sink += Math.sqrt(sink + i);
            }
            hogSink = sink;
        });
        assertThat(code).as("exit code; stderr: %s", err()).isEqualTo(HeadlessRun.OK);
        assertThat(out()).containsPattern("late frames: [1-9][0-9]* of [0-9]+ over 17\\.0 ms")
                .containsPattern("waited [0-9.]+ ms for a CPU; over the [0-9]+ ms sampled around the frame")
                .containsPattern("its busiest threads outside the pipeline: test-hog-[0-9]");
    }

    /** Where the hogs' sums go, so that the JIT keeps their work. */
    private static volatile double hogSink;

    /**
     * Runs heat 256 x 192 for 3 s with {@code --late-frames} while {@code count} threads named
     * {@code name-N} do {@code work} over and over; stops them after.
     */
    private int runHeatWithLateFramesWhile(String name, int count, Runnable work) throws InterruptedException {
        AtomicBoolean running = new AtomicBoolean(true);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            threads.add(Thread.ofPlatform().name(name + "-" + i).start(() -> {
                while (running.get()) {
                    work.run();
                }
            }));
        }
        try {
            return run("--plugin", "heat", "--grid", "256x192", "--warmup", "1", "--seconds", "3", "--late-frames");
        } finally {
            running.set(false);
            for (Thread thread : threads) {
                thread.join();
            }
        }
    }

    @Test
    void javaFxsThreadsKeepToTheUiCoreWhenAskedOrWhileTheWorkersCoreIsBusyAndElseRunAnywhere() throws Exception {
        CorePartition partition = CorePartition.of(CpuTopology.detect());
        assumeTrue(partition.all().size() > partition.ui().size(), "one core: nowhere else for them to run");

        assertThat(run("--plugin", "nbody", "--items", "256", "--frames", "20", "--fx-cpus", "ui"))
                .as("stderr: %s", err()).isEqualTo(HeadlessRun.OK);
        assertThat(out()).contains("JavaFX threads: kept to the UI core (--fx-cpus ui;");
        assertThat(fxThreadCpus()).isEqualTo(cpus(partition.ui()));

        // One worker busy all the time (n-body 4096 takes tens of milliseconds a step): auto keeps
        // them to the UI core once the layout stage has looked (every 60 frames).
        out.reset();
        assertThat(run("--plugin", "nbody", "--items", "4096", "--frames", "90", "--fx-cpus", "auto"))
                .as("stderr: %s", err()).isEqualTo(HeadlessRun.OK);
        assertThat(out()).contains("JavaFX threads: kept to the UI core (--fx-cpus auto;");

        // A light kernel leaves the workers' core mostly idle: auto lets them run anywhere.
        out.reset();
        assertThat(run("--plugin", "nbody", "--items", "256", "--frames", "90", "--fx-cpus", "auto"))
                .as("stderr: %s", err()).isEqualTo(HeadlessRun.OK);
        assertThat(out()).contains("JavaFX threads: on any CPU (--fx-cpus auto;");
        assertThat(fxThreadCpus()).isEqualTo(cpus(partition.all()));
    }

    @Test
    void theJvmsCompilerAndCollectorThreadsRunAtTheNiceValueAskedAndByDefaultC2UnderTheIdlePolicy() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "Linux only");
        // Above 0: lowering a priority needs no privilege, raising one would. Asked first: a thread
        // under the idle policy stays there, and its nice value no longer counts.
        assertThat(run("--plugin", "nbody", "--items", "256", "--frames", "20", "--background", "12"))
                .as("stderr: %s", err()).isEqualTo(HeadlessRun.OK);
        assertThat(out()).contains("JVM compiler and collector threads: at nice 12");
        // HotSpot's compiler threads are there from the start; the keeper's first look is at once.
        List<String> compilers = List.of();
        for (int look = 0; look < 50 && compilers.isEmpty(); look++) {
            compilers = threadsWhere(NICE, 12).stream().filter(name -> name.contains("CompilerThre")).toList();
            Thread.sleep(100);
        }
        assertThat(compilers).as("compiler threads at nice 12").isNotEmpty();
        assertThat(threadsWhere(NICE, 12)).as("the pipeline's threads keep theirs")
                .noneMatch(name -> name.startsWith("orrery-kernel") || name.startsWith("JavaFX"));

        out.reset();
        assertThat(run("--plugin", "nbody", "--items", "256", "--frames", "20")).as("stderr: %s", err()).isEqualTo(HeadlessRun.OK);
        assertThat(out()).contains("JVM compiler and collector threads: at nice 10, C2 under the idle policy");
        compilers = List.of();
        for (int look = 0; look < 50 && compilers.isEmpty(); look++) {
            compilers = threadsWhere(POLICY, SCHED_IDLE).stream().filter(name -> name.startsWith("C2 CompilerThre")).toList();
            Thread.sleep(100);
        }
        assertThat(compilers).as("C2's threads under the idle policy").isNotEmpty();
        assertThat(threadsWhere(POLICY, SCHED_IDLE)).as("only C2's")
                .allMatch(name -> name.startsWith("C2 CompilerThre"));
    }

    /** Fields of /proc/self/task/TID/stat, counted from 1 as proc(5) does, and the idle policy's number. */
    private static final int NICE = 19;
    private static final int POLICY = 41;
    private static final int SCHED_IDLE = 5;

    /** The names of this process's threads whose stat field {@code field} is {@code value}. */
    private static List<String> threadsWhere(int field, int value) throws Exception {
        List<String> names = new ArrayList<>();
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    // "TID (NAME) STATE ...": field 3, the state, is the first after the name.
                    if (Integer.parseInt(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[field - 3]) == value) {
                        names.add(Files.readString(task.resolve("comm")).strip());
                    }
                } catch (java.io.IOException ended) {
                    // the thread ended while we looked
                }
            }
        }
        return names;
    }

    private static BitSet fxThreadCpus() throws Exception {
        CompletableFuture<BitSet> cpus = new CompletableFuture<>();
        Platform.runLater(() -> cpus.complete(Affinity.getAffinity()));
        return cpus.get(10, TimeUnit.SECONDS);
    }

    private static BitSet cpus(List<Integer> ids) {
        BitSet set = new BitSet();
        ids.forEach(set::set);
        return set;
    }

    @Test
    void badArgumentsGiveTheUsageAndExitCode2() {
        assertThat(run("--frames", "10")).isEqualTo(HeadlessRun.USAGE);
        assertThat(err()).contains("--plugin is required").contains("usage: orrery run");
    }

    @Test
    void anUnknownPluginIsNamedWithThoseThatExist() {
        assertThat(run("--plugin", "weather")).isEqualTo(HeadlessRun.USAGE);
        assertThat(err()).contains("no plugin 'weather'").contains("nbody").contains("heat");
    }

    @Test
    void aBadParameterSaysWhatTheParameterTakes() {
        assertThat(run("--plugin", "nbody", "--param", "gravity=99")).isEqualTo(HeadlessRun.USAGE);
        assertThat(err()).contains("gravity takes a number from 0 to 10; got '99'");
        assertThat(run("--plugin", "nbody", "--param", "distribution=cube")).isEqualTo(HeadlessRun.USAGE);
        assertThat(err()).contains("distribution is one of disc, sphere, clusters; got 'cube'");
        assertThat(run("--plugin", "nbody", "--param", "mass=1")).isEqualTo(HeadlessRun.USAGE);
        assertThat(err()).contains("plugin nbody has no parameter 'mass'");
        assertThat(run("--plugin", "nbody", "--items", "100")).isEqualTo(HeadlessRun.USAGE);
        assertThat(err()).contains("plugin nbody takes 256 to 16384 items; got 100");
        assertThat(run("--plugin", "heat", "--items", "1000")).isEqualTo(HeadlessRun.USAGE);
        assertThat(err()).contains("plugin heat is a grid; --items is for kernels of items (--grid WxH)");
        assertThat(run("--plugin", "heat", "--grid", "4096x512")).isEqualTo(HeadlessRun.USAGE);
        assertThat(err()).contains("plugin heat takes grids up to 2048x2048; got 4096x512");
        assertThat(run("--plugin", "nbody", "--grid", "64x64")).isEqualTo(HeadlessRun.USAGE);
        assertThat(err()).contains("plugin nbody steps items; --grid is for grid kernels");
    }
}
