package org.orrery.servo.web;

import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.orrery.memory.triple.TripleBuffer;
import org.orrery.servo.layout.LayoutFrame;

/**
 * Test helpers for pages drawn by Servo through the bridge. A build without the bridge
 * ({@code -Dorrery.servo.skip=true}) skips these tests, saying so; in every other build a missing
 * or broken bridge fails them.
 */
final class ServoRig {

    /** Long enough for a cold start of Servo and a first page on a loaded two-core machine. */
    static final long TIMEOUT_MILLIS = 60_000;

    private ServoRig() {
    }

    static void assumeBridgeBuilt() {
        assumeFalse(Boolean.getBoolean("orrery.servo.skip"),
                "built with -Dorrery.servo.skip=true: there is no Servo bridge to test");
    }

    /** A loaded view of {@code html}, with at least one frame painted. */
    static ServoView page(String html, int width, int height) throws Exception {
        assumeBridgeBuilt();
        ServoView view = ServoView.create(width, height, width, height).get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        view.loadHtml(html).get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        await("the page to load", view::loaded);
        return view;
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + TIMEOUT_MILLIS;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(10);
        }
    }

    /** Waits until {@code script}, run in the page, gives {@code json}. */
    static void awaitValue(ServoView view, String script, String json) throws InterruptedException {
        await(script + " to be " + json, () -> {
            try {
                return eval(view, script).equals(json);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
    }

    /** Runs {@code script} in the page and returns its value as JSON. */
    static String eval(ServoView view, String script) throws Exception {
        return view.evaluate(script, (int) TIMEOUT_MILLIS).get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
    }

    /**
     * The view's newest frame once the page has settled (no new frame for {@code quietMillis}), as
     * ARGB ints, non-premultiplied where opaque (pages here are opaque). The caller is the frames'
     * only consumer.
     */
    static int[] settledFrame(ServoView view, long quietMillis) throws InterruptedException {
        TripleBuffer frames = view.frames();
        long deadline = System.currentTimeMillis() + TIMEOUT_MILLIS;
        long lastFrame = 0;
        boolean any = false;
        while (System.currentTimeMillis() < deadline) {
            if (frames.awaitFresh(TimeUnit.MILLISECONDS.toNanos(quietMillis))) {
                frames.acquire();
                any = true;
                lastFrame = System.currentTimeMillis();
            } else if (any && System.currentTimeMillis() - lastFrame >= quietMillis) {
                return pixels(frames.front());
            }
        }
        throw new AssertionError(any ? "the page never stopped painting" : "the page painted no frame");
    }

    static int[] pixels(MemorySegment slot) {
        int width = LayoutFrame.width(slot);
        int height = LayoutFrame.height(slot);
        int[] argb = new int[width * height];
        MemorySegment.copy(slot, ValueLayout.JAVA_INT, LayoutFrame.PIXELS, argb, 0, argb.length);
        return argb;
    }

    static int pixel(int[] argb, int width, int x, int y) {
        return argb[y * width + x];
    }

    /** Whether {@code argb} is within {@code tolerance} of {@code rgb} in each colour channel, and opaque. */
    static boolean near(int argb, int rgb, int tolerance) {
        if ((argb >>> 24) != 0xFF) {
            return false;
        }
        for (int shift = 0; shift < 24; shift += 8) {
            if (Math.abs(((argb >>> shift) & 0xFF) - ((rgb >>> shift) & 0xFF)) > tolerance) {
                return false;
            }
        }
        return true;
    }
}
