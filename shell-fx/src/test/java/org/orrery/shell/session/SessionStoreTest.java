package org.orrery.shell.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orrery.servo.points.OrbitCamera;
import org.orrery.shell.session.SessionStore.OpenPlugin;
import org.orrery.wasm.KernelSize;

/** The session file: what is saved comes back, and a size that is not one falls back to the default. */
class SessionStoreTest {

    @TempDir
    Path folder;

    @Test
    void gridsItemCountsCamerasAndDefaultsComeBackAsSaved() throws Exception {
        SessionStore store = new SessionStore(folder.resolve("session.properties"));
        OrbitCamera camera = new OrbitCamera(1, 2, 3, -60, 35, 3.5, 40);
        store.save(List.of(
                new OpenPlugin("heat", new double[] {1, 0.2}, KernelSize.grid(96, 48), null),
                new OpenPlugin("nbody", new double[] {2.5}, KernelSize.items(256), camera),
                new OpenPlugin("density", new double[0], null, null)));

        List<OpenPlugin> loaded = store.load();

        assertThat(loaded).extracting(OpenPlugin::id).containsExactly("heat", "nbody", "density");
        assertThat(loaded).extracting(OpenPlugin::size).containsExactly(KernelSize.grid(96, 48), KernelSize.items(256), null);
        assertThat(loaded.get(0).values()).containsExactly(1, 0.2);
        assertThat(loaded.get(1).camera()).isEqualTo(camera);
    }

    @Test
    void aSizeThatIsNotOneGivesTheDefaultNotAFailure() throws Exception {
        Path file = folder.resolve("session.properties");
        Files.writeString(file, """
                open=3
                plugin.0.id=heat
                plugin.0.grid=wide x tall
                plugin.1.id=heat
                plugin.1.grid=0x10
                plugin.2.id=nbody
                plugin.2.items=-4
                """);

        assertThat(new SessionStore(file).load()).extracting(OpenPlugin::size).containsExactly(null, null, null);
    }
}
