package org.orrery.shell.ui;

import java.util.concurrent.TimeUnit;
import javafx.stage.Stage;
import org.orrery.servo.web.ServoView;
import org.orrery.shell.guide.GuideWindow;
import org.testfx.util.WaitForAsyncUtils;

/** A document window of Help (the kernel SDK guide, a plugin's README), found by its title. */
final class GuidePage {

    private GuidePage() {
    }

    /** The page in the window titled {@code title}, once Servo has loaded it. */
    static ServoView await(ShellFixture shell, String title) throws Exception {
        ServoView[] view = new ServoView[1];
        WaitForAsyncUtils.waitFor(ShellFixture.TIMEOUT_SECONDS, TimeUnit.SECONDS, () -> {
            view[0] = WaitForAsyncUtils.asyncFx(() -> shell.robot().listWindows().stream()
                    .filter(w -> w instanceof Stage s && title.equals(s.getTitle()) && s.isShowing())
                    .map(w -> w.getScene().getRoot()).filter(r -> r instanceof GuideWindow.Content)
                    .map(r -> ((GuideWindow.Content) r).view()).filter(v -> v != null).findFirst().orElse(null))
                    .get(5, TimeUnit.SECONDS);
            return view[0] != null && view[0].loaded();
        });
        return view[0];
    }

    /** Closes the window titled {@code title}. */
    static void close(ShellFixture shell, String title) throws Exception {
        WaitForAsyncUtils.asyncFx(() -> shell.robot().listWindows().stream()
                .filter(w -> w instanceof Stage s && title.equals(s.getTitle())).toList()
                .forEach(w -> ((Stage) w).close())).get(5, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** The window's content, for a screenshot. */
    static GuideWindow.Content content(ShellFixture shell, String title) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> shell.robot().listWindows().stream()
                .filter(w -> w instanceof Stage s && title.equals(s.getTitle()))
                .map(w -> (GuideWindow.Content) w.getScene().getRoot()).findFirst().orElseThrow())
                .get(5, TimeUnit.SECONDS);
    }
}
