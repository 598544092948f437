package org.orrery.servo.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The page API: each frame's values reach the page's {@code orrery.onFrame} handlers, named. */
class PageValuesTest {

    private static final String PAGE = "<!doctype html><html><body><script>"
            + "window.seen = []; window.names = null;"
            + "orrery.onFrame(function (values, names) {"
            + "  window.seen.push(Array.from(values)); window.names = names;"
            + "  window.isTyped = values instanceof Float64Array; });"
            + "</script></body></html>";

    @Test
    void theHostsValuesReachThePageAsATypedArrayWithTheirNames() throws Exception {
        ServoView view = ServoRig.page(PAGE, 200, 100);
        try {
            view.describe(List.of("fps", "energy", "dropped"));
            view.setValue(0, 59.5);
            view.setValue(1, -1.25e-3);
            view.setValue(2, Double.NaN);
            view.publishValues(3);
            // The handlers run in the page's next animation frame, after the post has returned.
            ServoRig.awaitValue(view, "orrery.frames", "1");
            assertThat(ServoRig.eval(view, "window.seen.length")).isEqualTo("1");
            // NaN is null in JSON.
            assertThat(ServoRig.eval(view, "window.seen[0]")).isEqualTo("[59.5,-0.00125,null]");
            assertThat(ServoRig.eval(view, "Number.isNaN(window.seen[0][2])")).isEqualTo("true");
            assertThat(ServoRig.eval(view, "window.isTyped")).isEqualTo("true");
            assertThat(ServoRig.eval(view, "window.names")).isEqualTo("[\"fps\",\"energy\",\"dropped\"]");
        } finally {
            view.close();
        }
    }

    @Test
    void aBusyPageGetsTheNewestValuesNotAQueue() throws Exception {
        ServoView view = ServoRig.page(PAGE, 200, 100);
        try {
            for (int i = 1; i <= 50; i++) {
                view.setValue(0, i);
                view.publishValues(1);
            }
            ServoRig.awaitValue(view, "window.seen.length ? window.seen[window.seen.length - 1][0] : 0", "50");
            int frames = Integer.parseInt(ServoRig.eval(view, "window.seen.length"));
            assertThat(frames).as("frames handed to the page for 50 published").isBetween(1, 50);
            assertThat(ServoRig.eval(view, "window.seen.every((v, i, a) => i == 0 || v[0] > a[i - 1][0])"))
                    .as("values arrive in order, never an older one after a newer").isEqualTo("true");
        } finally {
            view.close();
        }
    }
}
