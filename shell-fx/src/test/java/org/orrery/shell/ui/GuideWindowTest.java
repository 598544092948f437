package org.orrery.shell.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orrery.servo.web.ServoView;
import org.testfx.util.WaitForAsyncUtils;

/** Help's documents, drawn by Servo in a window of their own: the kernel SDK guide and a plugin's README. */
class GuideWindowTest {

    @TempDir
    Path userFolder;

    private ShellFixture shell;

    @AfterEach
    void close() throws Exception {
        if (shell != null) {
            shell.close();
        }
    }

    @Test
    void theSdkGuideAndAPluginsReadMeOpenRenderedFromTheirMarkdown() throws Exception {
        shell = ShellFixture.start(userFolder);
        shell.catalog();
        shell.robot().clickOn("Help").clickOn("#menu-plugin-readme");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(shell.robot().lookup("#status").queryAs(Label.class).getText()).isEqualTo("Plugin read-me: open a plugin first");

        shell.robot().clickOn("Help").clickOn("#menu-sdk-guide");
        if (Boolean.getBoolean("orrery.servo.skip")) {
            // Built without the bridge: the window says why there is no page.
            WaitForAsyncUtils.waitFor(ShellFixture.TIMEOUT_SECONDS, TimeUnit.SECONDS,
                    () -> shell.robot().lookup("#servo-unavailable").tryQuery().isPresent());
            return;
        }
        ServoView guide = GuidePage.await(shell, "Kernel SDK guide");
        assertThat(eval(guide, "document.querySelector('h1').textContent")).isEqualTo("\"The Orrery kernel SDK\"");
        assertThat(eval(guide, "document.querySelectorAll('pre code').length > 3")).isEqualTo("true");
        assertThat(eval(guide, "document.body.textContent.indexOf('orrery_summary_ptr') >= 0")).isEqualTo("true");

        GuidePage.close(shell, "Kernel SDK guide"); // so it does not cover the menu the robot clicks next
        shell.open("nbody");
        shell.robot().clickOn("Help").clickOn("#menu-plugin-readme");
        ServoView readme = GuidePage.await(shell, "N-body gravity — read me");
        assertThat(eval(readme, "document.querySelector('h1').textContent")).isEqualTo("\"n-body gravity\"");
        // GitHub's tables: the parameters' table is a table, not lines of pipes.
        assertThat(eval(readme, "document.querySelectorAll('table tr').length > 3")).isEqualTo("true");
    }

    private static String eval(ServoView view, String script) throws Exception {
        return view.evaluate(script, 30_000).get(ShellFixture.TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }
}
