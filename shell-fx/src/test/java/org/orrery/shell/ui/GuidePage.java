package org.orrery.shell.ui;

import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javafx.stage.Stage;
import org.orrery.servo.web.ServoView;
import org.orrery.servo.web.ServoPage;
import org.testfx.util.WaitForAsyncUtils;

/** A document window of Help (the kernel SDK guide, a plugin's README), found by its title. */
final class GuidePage {

    private GuidePage() {
    }

    /** The page in the window titled {@code title}, once Servo has loaded it. */
    static ServoView await(ShellFixture shell, String title) throws Exception {
        ServoView[] view = new ServoView[1];
        WaitForAsyncUtils.waitFor(ShellFixture.TIMEOUT_SECONDS, TimeUnit.SECONDS, () -> {
            view[0] = WaitForAsyncUtils.asyncFx(() -> windows(shell, title).filter(Stage::isShowing)
                    .map(w -> w.getScene().getRoot()).filter(r -> r instanceof ServoPage)
                    .map(r -> ((ServoPage) r).view()).filter(v -> v != null).findFirst().orElse(null))
                    .get(5, TimeUnit.SECONDS);
            return view[0] != null && view[0].loaded();
        });
        return view[0];
    }

    /** Closes the window titled {@code title}. */
    static void close(ShellFixture shell, String title) throws Exception {
        WaitForAsyncUtils.asyncFx(() -> windows(shell, title).toList().forEach(Stage::close)).get(5, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** The window's content, for a screenshot. */
    static ServoPage content(ShellFixture shell, String title) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> (ServoPage) windows(shell, title).findFirst().orElseThrow().getScene()
                .getRoot()).get(5, TimeUnit.SECONDS);
    }

    /** The windows titled {@code title}. FX thread. */
    private static Stream<Stage> windows(ShellFixture shell, String title) {
        return shell.robot().listWindows().stream().filter(w -> w instanceof Stage s && title.equals(s.getTitle()))
                .map(w -> (Stage) w);
    }
}
