package org.orrery.bench.web;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.SnapshotParameters;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.StackPane;
import javafx.scene.web.WebEngine;
import javafx.scene.web.WebView;
import javafx.stage.Stage;
import org.orrery.servo.layout.LayoutFrame;
import org.orrery.servo.web.PageApi;
import org.orrery.servo.web.ServoView;

/**
 * What one update of a plugin's web panel costs, in Servo through the bridge and, on the same
 * page, in JavaFX's own {@code WebView} (WebKit): the time from handing the page a frame's values
 * to the page's new pixels in memory, at 400 x 300 and 1280 x 720, and the process's resident
 * memory before and after. One engine per process (their memory would mix): run it once with
 * {@code servo} and once with {@code webview}; {@code scripts/bench-panel} runs both.
 *
 * <p>The page is n-body's panel (an SVG plot of the last 300 frame intervals, figures, a stage
 * bar and a table), handed values as {@code WebPanel} hands them. Updates are paced at 60 a second.
 *
 * <p>Servo: from {@code publishValues} to the frame published in the view's triple buffer (the
 * page's handler ran, Servo laid out and painted, the bridge read the pixels into the slot), and
 * the bridge's paint-and-read alone. WebView: {@code executeScript} of the same call, then a
 * snapshot of the view (layout and paint into an image), both on the FX thread.
 */
public final class PanelUpdates {

    private static final int WARM_UP = 300;
    private static final int UPDATES = 600;
    private static final long PACE_NANOS = 16_666_667L;
    private static final int[][] SIZES = {{400, 300}, {1280, 720}};
    private static final List<String> NAMES = List.of("frame", "framesShown", "intervalMs", "p50Ms", "p99Ms",
            "jitterMs", "dropped", "queueMs", "kernelMs", "copyMs", "layoutMs", "renderMs", "items", "low", "high",
            "param.gravity", "param.softening", "param.timeStep", "param.distribution", "param.seed");

    private PanelUpdates() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: PanelUpdates servo|webview PAGE.html");
            System.exit(2);
        }
        Path page = Path.of(args[1]).toAbsolutePath();
        long before = residentKiB();
        List<String> lines = switch (args[0]) {
            case "servo" -> servo(page);
            case "webview" -> webView(page);
            default -> throw new IllegalArgumentException("engine: servo or webview, not " + args[0]);
        };
        long after = residentKiB();
        for (String line : lines) {
            System.out.println(line);
        }
        System.out.printf(Locale.ROOT, "%s memory: resident %.0f MiB before the engine, %.0f MiB with both views (+%.0f MiB)%n",
                args[0], before / 1024.0, after / 1024.0, (after - before) / 1024.0);
        System.exit(0);
    }

    private static double value(int update, int i) {
        return i == 2 ? 16 + (update % 7) * 0.5 : i < 2 ? update : (i * 1.5 + update % 3);
    }

    // ---- Servo -------------------------------------------------------------------------------

    private static List<String> servo(Path page) throws Exception {
        List<String> lines = new ArrayList<>();
        List<ServoView> views = new ArrayList<>();
        for (int[] size : SIZES) {
            ServoView view = ServoView.create(size[0], size[1], size[0], size[1]).get(2, TimeUnit.MINUTES);
            views.add(view);
            view.describe(NAMES);
            view.load(page.toUri()).get(1, TimeUnit.MINUTES);
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
            while (!view.loaded() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            double[] toFrame = new double[UPDATES];
            double[] paint = new double[UPDATES];
            int measured = 0;
            int missed = 0;
            for (int update = 0; update < WARM_UP + UPDATES; update++) {
                long start = System.nanoTime();
                for (int i = 0; i < NAMES.size(); i++) {
                    view.setValue(i, value(update, i));
                }
                view.publishValues(NAMES.size());
                boolean framed = awaitFrameAfter(view, start, PACE_NANOS * 4);
                long end = System.nanoTime();
                if (update >= WARM_UP) {
                    if (framed) {
                        MemorySegment slot = view.frames().front();
                        toFrame[measured] = (slot.get(ValueLayout.JAVA_LONG, LayoutFrame.LAYOUT_END) - start) / 1e6;
                        paint[measured] = (slot.get(ValueLayout.JAVA_LONG, LayoutFrame.LAYOUT_END)
                                - slot.get(ValueLayout.JAVA_LONG, LayoutFrame.LAYOUT_START)) / 1e6;
                        measured++;
                    } else {
                        missed++;
                    }
                }
                long sleep = PACE_NANOS - (end - start);
                if (sleep > 0) {
                    Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
                }
            }
            if (view.problem() != null) {
                lines.add("servo " + size[0] + "x" + size[1] + ": the page reported: " + view.problem());
            }
            lines.add(row("servo", size, "update to pixels", Arrays.copyOf(toFrame, measured), missed));
            lines.add("servo    " + size[0] + "x" + size[1] + " the page handled "
                    + view.evaluate("orrery.frames", 10_000).get(1, TimeUnit.MINUTES) + " frames");
            lines.add(row("servo", size, "paint and read (bridge)", Arrays.copyOf(paint, measured), missed));
        }
        return lines;
    }

    /** Waits for a frame painted after {@code start}; the caller is the frames' only consumer. */
    private static boolean awaitFrameAfter(ServoView view, long start, long timeoutNanos) throws InterruptedException {
        long deadline = start + timeoutNanos;
        while (System.nanoTime() < deadline) {
            if (view.frames().awaitFresh(deadline - System.nanoTime())) {
                view.frames().acquire();
                if (view.frames().front().get(ValueLayout.JAVA_LONG, LayoutFrame.LAYOUT_START) >= start) {
                    return true;
                }
            }
        }
        return false;
    }

    // ---- WebView -----------------------------------------------------------------------------

    private static List<String> webView(Path page) throws Exception {
        CompletableFuture<Void> started = new CompletableFuture<>();
        Platform.startup(() -> started.complete(null));
        started.get(1, TimeUnit.MINUTES);
        String shim = Files.readString(pageApi());
        String html = Files.readString(page).replaceFirst("<head>", "<head><script>" + shim.replace("$", "\\$") + "</script>");
        List<String> lines = new ArrayList<>();
        for (int[] size : SIZES) {
            WebView view = onFx(() -> {
                WebView web = new WebView();
                Stage stage = new Stage();
                stage.setScene(new Scene(new StackPane(web), size[0], size[1]));
                stage.show();
                return web;
            });
            CompletableFuture<Void> loaded = new CompletableFuture<>();
            onFx(() -> {
                WebEngine engine = view.getEngine();
                engine.getLoadWorker().stateProperty().addListener((o, was, now) -> {
                    if (now == javafx.concurrent.Worker.State.SUCCEEDED) {
                        loaded.complete(null);
                    }
                });
                engine.loadContent(html);
                return null;
            });
            loaded.get(1, TimeUnit.MINUTES);
            onFx(() -> view.getEngine().executeScript(PageApi.describe(NAMES)));
            double[] toPixels = new double[UPDATES];
            WritableImage image = new WritableImage(size[0], size[1]);
            SnapshotParameters parameters = new SnapshotParameters();
            for (int update = 0; update < WARM_UP + UPDATES; update++) {
                int u = update;
                long start = System.nanoTime();
                double took = onFx(() -> {
                    long t0 = System.nanoTime();
                    view.getEngine().executeScript(PageApi.frame(values(u)));
                    view.snapshot(parameters, image);
                    return (System.nanoTime() - t0) / 1e6;
                });
                if (update >= WARM_UP) {
                    toPixels[update - WARM_UP] = took;
                }
                long sleep = PACE_NANOS - (System.nanoTime() - start);
                if (sleep > 0) {
                    Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
                }
            }
            lines.add(row("webview", size, "update to pixels", toPixels, 0));
            lines.add("webview  " + size[0] + "x" + size[1] + " the page handled "
                    + onFx(() -> view.getEngine().executeScript("orrery.frames")) + " frames");
        }
        return lines;
    }

    private static Path pageApi() {
        Path here = Path.of("native-libs/servo-bridge/src/page_api.js");
        return Files.exists(here) ? here : Path.of("../native-libs/servo-bridge/src/page_api.js");
    }

    private static double[] values(int update) {
        double[] values = new double[NAMES.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = value(update, i);
        }
        return values;
    }

    @FunctionalInterface
    private interface FxWork<T> {
        T run() throws Exception;
    }

    private static <T> T onFx(FxWork<T> work) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(work.run());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        return result.get(1, TimeUnit.MINUTES);
    }

    // ---- figures -----------------------------------------------------------------------------

    private static String row(String engine, int[] size, String what, double[] millis, int missed) {
        double[] sorted = millis.clone();
        Arrays.sort(sorted);
        return String.format(Locale.ROOT, "%-8s %5dx%-4d %-24s n=%d  p50 %6.2f ms  p99 %6.2f ms  max %6.2f ms%s",
                engine, size[0], size[1], what, sorted.length, percentile(sorted, 50), percentile(sorted, 99),
                sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1],
                missed > 0 ? "  (" + missed + " updates gave no frame within 4 frame times)" : "");
    }

    private static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(p / 100 * sorted.length) - 1)];
    }

    private static long residentKiB() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return -1;
    }
}
