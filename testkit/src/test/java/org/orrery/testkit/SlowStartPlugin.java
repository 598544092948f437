package org.orrery.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Plugin {@code slowstart}: a correct kernel (src/test/wat/slowstart.wat) whose every instance
 * takes 400 ms to initialise, so that a start stays PREPARING for at least that long however
 * fast the engine, and a test can stop, reset or close in the middle of it.
 */
public final class SlowStartPlugin {

    public static final String ID = "slowstart";

    private SlowStartPlugin() {}

    /** Writes the plugin into {@code plugins/slowstart}, before the shell starts. */
    public static void writeInto(Path plugins) throws IOException {
        Path plugin = Files.createDirectories(plugins.resolve(ID));
        Files.writeString(plugin.resolve("plugin.properties"), "plugin.id=" + ID + "\nplugin.version=0.1.0\n");
        Files.writeString(plugin.resolve("kernel.json"), """
                { "id": "slowstart", "version": "0.1.0", "name": "Slow start",
                  "description": "Takes 400 ms to initialise each instance, then copies its state.",
                  "abi": 1, "module": "slowstart.wasm", %s,
                  "parameters": [], "budget": { "memoryMiB": 16, "stepMillis": 2000 } }
                """.formatted(BadPlugins.ITEMS));
        try (InputStream module = SlowStartPlugin.class.getResourceAsStream("/kernels/slowstart.wasm")) {
            if (module == null) {
                throw new IOException("kernels/slowstart.wasm is not on the test class path: assemble src/test/wat first");
            }
            Files.copy(module, plugin.resolve("slowstart.wasm"));
        }
    }
}
