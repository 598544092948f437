package org.orrery.servo.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What goes wrong in a page is reported as the view's problem; the engine and other views go on. */
class PageProblemsTest {

    @Test
    void anUncaughtErrorIsReportedWithItsMessage() throws Exception {
        ServoView view = ServoRig.page("<html><body><script>"
                + "setTimeout(function () { throw new Error('kernel summary missing'); }, 10);"
                + "</script></body></html>", 200, 100);
        try {
            ServoRig.await("the error to be reported", () -> view.problem() != null);
            assertThat(view.problem()).contains("kernel summary missing");
        } finally {
            view.close();
        }
    }

    @Test
    void aHandlerThatThrowsIsReportedAndTheNextFrameStillArrives() throws Exception {
        ServoView view = ServoRig.page("<html><body><script>"
                + "window.calls = 0; orrery.onFrame(function (v) { window.calls++; if (v[0] == 1) throw new RangeError('bad frame'); });"
                + "</script></body></html>", 200, 100);
        try {
            view.setValue(0, 1);
            view.publishValues(1);
            ServoRig.await("the error", () -> view.problem() != null);
            assertThat(view.problem()).contains("orrery.onFrame handler threw").contains("bad frame");
            view.setValue(0, 2);
            view.publishValues(1);
            ServoRig.awaitValue(view, "window.calls", "2");
        } finally {
            view.close();
        }
    }

    @Test
    void aPageThatLoopsIsReportedAsNotRespondingAndOtherPagesGoOn() throws Exception {
        ServoView looping = ServoRig.page("<html><body><script>"
                // Busy for 4 s, twice the time after which a page counts as not responding (a
                // page that never returns would hold its script thread, and a core, for good).
                + "orrery.onFrame(function () { const end = Date.now() + 4000; while (Date.now() < end) {} });"
                + "</script></body></html>", 200, 100);
        ServoView healthy = ServoRig.page("<html><body>fine</body></html>", 200, 100);
        try {
            looping.setValue(0, 1);
            looping.publishValues(1);
            ServoRig.await("the loop to be noticed", () -> looping.problem() != null);
            assertThat(looping.problem()).startsWith("page not responding");
            assertThat(ServoRig.eval(healthy, "1 + 1")).as("another page still answers").isEqualTo("2");
        } finally {
            healthy.close();
            looping.close();
        }
    }

    @Test
    void aMissingPageFileIsAProblemNotAnException() throws Exception {
        ServoView view = ServoRig.page("<html><body></body></html>", 100, 100);
        try {
            Path missing = Path.of("no-such-panel", "index.html").toAbsolutePath();
            view.load(URI.create(missing.toUri().toString())).get(ServoRig.TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            assertThat(view.problem()).isEqualTo("page not found: " + missing);
        } finally {
            view.close();
        }
    }

    @Test
    void aScriptThatThrowsFailsItsEvaluationWithTheMessage() throws Exception {
        ServoView view = ServoRig.page("<html><body></body></html>", 100, 100);
        try {
            assertThatThrownBy(() -> ServoRig.eval(view, "null.field"))
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(ServoException.class)
                    .hasMessageContaining("running a script");
            assertThat(ServoRig.eval(view, "'still ' + 'here'")).isEqualTo("\"still here\"");
        } finally {
            view.close();
        }
    }

    @Test
    void aMissingBridgeSaysWhereItWasLookedFor() {
        Path nowhere = Path.of("target", "no-such-dir", ServoLibrary.FILE_NAME);
        assertThatThrownBy(() -> ServoLibrary.load(nowhere))
                .isInstanceOf(ServoUnavailableException.class)
                .hasMessageContaining(nowhere.toString());
    }

    @Test
    void aFileThatIsNotALibraryIsRefusedWithTheReason() {
        Path notALibrary = Path.of("pom.xml").toAbsolutePath();
        assertThatThrownBy(() -> ServoLibrary.load(notALibrary))
                .isInstanceOf(ServoUnavailableException.class)
                .hasMessageContaining("could not be loaded");
    }
}
