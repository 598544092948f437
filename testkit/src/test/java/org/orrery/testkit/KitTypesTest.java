package org.orrery.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.orrery.shell.catalog.CatalogEntry;
import org.orrery.shell.session.RunState;

/** The kit's own types name every state and status the application has, and nothing else. */
class KitTypesTest {

    @Test
    void everyRunStateHasAPluginStateOfTheSameName() {
        assertThat(Arrays.stream(RunState.values()).map(PluginState::of))
                .containsExactly(PluginState.values());
    }

    @Test
    void everyCatalogStatusHasAPluginStatusOfTheSameName() {
        assertThat(Arrays.stream(CatalogEntry.Status.values()).map(PluginStatus::of))
                .containsExactly(PluginStatus.values());
    }

    @Test
    void runControlsNameTheirButtons() {
        assertThat(Arrays.stream(RunControl.values()).map(RunControl::nodeId))
                .containsExactly("#run-start", "#run-pause", "#run-step", "#run-reset", "#run-stop");
    }
}
