package org.example.qa;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orrery.testkit.PluginPage;
import org.orrery.testkit.PluginState;
import org.orrery.testkit.PluginStatus;
import org.orrery.testkit.RunControl;
import org.orrery.testkit.ShellFixture;

/** What an analyst does with heat: open it, start it, change a parameter while it runs, stop it. */
class HeatRunTest {

    @TempDir
    Path userFolder;

    @Test
    void heatRunsTakesANewParameterAndStops() throws Exception {
        try (ShellFixture shell = ShellFixture.start(userFolder)) {
            assertThat(shell.catalog().awaitStatus("heat", PluginStatus.LOADED).name()).isEqualTo("Heat diffusion");

            PluginPage heat = shell.open("heat").start().awaitState(PluginState.RUNNING).awaitFramesShown(3);
            heat.type("diffusivity", "0.2");
            assertThat(heat.inlineError("diffusivity")).isEmpty();
            heat.hud().awaitFramesShown(3);

            heat.stop();
            assertThat(heat.state()).isEqualTo(PluginState.IDLE);
            assertThat(heat.enabled(RunControl.START)).isTrue();
            assertThat(heat.framesShown()).isZero();
        }
    }
}
