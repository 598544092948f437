package org.orrery.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Closing the window in every state a plugin can be in: nothing is thrown on an application
 * thread (the fixture's close fails if it is), in particular by a start still under way.
 */
class ClosingTest {

    @TempDir
    Path userFolder;

    enum Moment {
        IDLE, PREPARING, PREPARING_AFTER_RESET, RUNNING, PAUSED, FAILED
    }

    @ParameterizedTest
    @EnumSource(Moment.class)
    void closingWhileAPluginIsInEachStateThrowsNothing(Moment moment) throws Exception {
        BadPlugins.garbledModule(userFolder.resolve("plugins"), BadPlugins.ITEMS);
        SlowStartPlugin.writeInto(userFolder.resolve("plugins"));
        ShellFixture shell = ShellFixture.start(userFolder);
        PluginPage page = switch (moment) {
            case FAILED -> shell.open("garbled");
            // Its starts take 400 ms at least, however fast the engine: the close lands in one.
            case PREPARING, PREPARING_AFTER_RESET -> shell.open(SlowStartPlugin.ID);
            default -> shell.open("nbody").type("items", "256");
        };
        switch (moment) {
            case IDLE -> { }
            case PREPARING -> page.start();
            case PREPARING_AFTER_RESET -> page.start().awaitState(PluginState.RUNNING).reset();
            case RUNNING -> page.start().awaitState(PluginState.RUNNING).awaitFramesShown(2);
            case PAUSED -> page.start().awaitState(PluginState.RUNNING).pause();
            case FAILED -> page.start().awaitState(PluginState.FAILED);
        }
        PluginState before = page.state();

        assertThatCode(shell::close).as("closing while " + before).doesNotThrowAnyException();
        if (moment == Moment.PREPARING || moment == Moment.PREPARING_AFTER_RESET) {
            assertThat(before).as("closed while the start was under way").isEqualTo(PluginState.PREPARING);
        }
    }
}
