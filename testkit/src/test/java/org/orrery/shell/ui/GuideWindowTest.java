package org.orrery.shell.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orrery.testkit.GuidePage;
import org.orrery.testkit.ShellFixture;

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
        shell.chooseMenu("Help", "menu-plugin-readme");
        assertThat(shell.awaitStatusLine("Plugin read-me")).isEqualTo("Plugin read-me: open a plugin first");

        shell.chooseMenu("Help", "menu-sdk-guide");
        if (Boolean.getBoolean("orrery.servo.skip")) {
            // Built without the bridge: the window says why there is no page.
            org.testfx.util.WaitForAsyncUtils.waitFor(shell.timeout().toSeconds(), java.util.concurrent.TimeUnit.SECONDS,
                    () -> shell.robot().lookup("#servo-unavailable").tryQuery().isPresent());
            return;
        }
        GuidePage guide = shell.guide("Kernel SDK guide");
        assertThat(guide.eval("document.querySelector('h1').textContent")).isEqualTo("\"The Orrery kernel SDK\"");
        assertThat(guide.eval("document.querySelectorAll('pre code').length > 3")).isEqualTo("true");
        assertThat(guide.eval("document.body.textContent.indexOf('orrery_summary_ptr') >= 0")).isEqualTo("true");

        guide.close(); // so it does not cover the menu the robot clicks next
        shell.open("nbody");
        GuidePage readme = shell.chooseMenu("Help", "menu-plugin-readme").guide("N-body gravity — read me");
        assertThat(readme.eval("document.querySelector('h1').textContent")).isEqualTo("\"n-body gravity\"");
        // GitHub's tables: the parameters' table is a table, not lines of pipes.
        assertThat(readme.eval("document.querySelectorAll('table tr').length > 3")).isEqualTo("true");
    }
}
