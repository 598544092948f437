package org.orrery.wasm.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;
import org.orrery.wasm.plugins.ComputePlugin;
import org.orrery.wasm.plugins.ComputePluginCatalog;

/**
 * A test fixture for the bundled plugins: installs the plugin a module just built (its
 * plugin.properties, kernel.json and both modules, on the test class path) into a plugins folder
 * as PF4J installs a zip, and loads it through the catalog.
 */
public final class BuiltPlugin {

    private BuiltPlugin() {}

    /**
     * @param pluginsFolder an empty folder to install into
     * @param id the plugin's id, which is also its modules' name ({@code id.wasm}, {@code id-simd.wasm})
     * @throws AssertionError if the catalog refuses the plugin
     */
    public static ComputePlugin install(Path pluginsFolder, String id) {
        try {
            Path folder = Files.createDirectories(pluginsFolder.resolve(id));
            for (String file : new String[] {"plugin.properties", "kernel.json", id + ".wasm", id + "-simd.wasm"}) {
                try (InputStream in = BuiltPlugin.class.getResourceAsStream("/" + file)) {
                    Files.copy(Objects.requireNonNull(in, file + " is not on the test class path: was it built?"),
                            folder.resolve(file), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ComputePluginCatalog catalog = ComputePluginCatalog.load(pluginsFolder);
        if (!catalog.failures().isEmpty()) {
            throw new AssertionError("the catalog refused the plugin: " + catalog.failures());
        }
        return catalog.plugin(id).orElseThrow(() -> new AssertionError("no plugin " + id + " in the catalog"));
    }
}
