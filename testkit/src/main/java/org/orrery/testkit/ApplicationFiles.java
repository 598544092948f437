package org.orrery.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Where the application under test finds what an installed Orrery carries beside its code: the
 * bundled plugins and the native bridges. In order:
 * <ol>
 * <li>system properties set by the suite ({@code orrery.bundled.plugins}, {@code orrery.native.dir});
 * <li>an installed application named by {@code orrery.app} (its folder: {@code /opt/orrery} for
 *     the .deb, or an app-image's {@code Orrery}), whose {@code lib/plugins} and {@code lib/native}
 *     are used;
 * <li>the bundled plugins the kit's jar carries (no native bridges: web panels then say Servo is
 *     missing, and kernels run on GraalWasm).
 * </ol>
 * Also selects JavaFX's headless platform unless the JVM names another.
 */
final class ApplicationFiles {

    static final String BUNDLED_PLUGINS = "orrery.bundled.plugins";
    static final String NATIVE_DIR = "orrery.native.dir";
    static final String APP = "orrery.app";
    static final List<String> KIT_PLUGINS = List.of("nbody", "heat", "density");

    private ApplicationFiles() {
    }

    static synchronized void prepare() throws IOException {
        setIfAbsent("glass.platform", "Headless");
        setIfAbsent("prism.order", "sw");
        setIfAbsent("testfx.robot", "glass");
        String app = System.getProperty(APP);
        if (app != null) {
            Path lib = Path.of(app, "lib");
            if (!Files.isDirectory(lib.resolve("plugins"))) {
                throw new IllegalStateException(APP + "=" + app + " is not an installed Orrery: no " + lib.resolve("plugins"));
            }
            setIfAbsent(BUNDLED_PLUGINS, lib.resolve("plugins").toString());
            setIfAbsent(NATIVE_DIR, lib.resolve("native").toString());
        }
        if (System.getProperty(BUNDLED_PLUGINS) == null) {
            System.setProperty(BUNDLED_PLUGINS, unpackKitPlugins().toString());
        }
    }

    /** The kit's copies of the bundled plugin zips, written to a folder of their own for this JVM. */
    private static Path unpackKitPlugins() throws IOException {
        Path folder = Files.createTempDirectory("orrery-testkit-plugins-");
        folder.toFile().deleteOnExit(); // after its files, which are registered later
        for (String id : KIT_PLUGINS) {
            try (InputStream zip = ApplicationFiles.class.getResourceAsStream("plugins/" + id + ".zip")) {
                if (zip == null) {
                    throw new IllegalStateException("the kit's jar lacks its bundled plugin " + id + ".zip");
                }
                Files.copy(zip, folder.resolve(id + ".zip"));
                folder.resolve(id + ".zip").toFile().deleteOnExit();
            }
        }
        return folder;
    }

    private static void setIfAbsent(String property, String value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, value);
        }
    }
}
