package org.orrery.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Plugins that cannot work, written into a plugins folder before the shell starts, for tests of
 * what the user is told: one whose descriptor is not valid JSON, one nested too deep to read,
 * one whose module is not WebAssembly.
 */
public final class BadPlugins {

    private BadPlugins() {}

    /** Plugin {@code broken}: its {@code kernel.json} breaks off in the middle. */
    public static void brokenDescriptor(Path plugins) throws IOException {
        Path plugin = Files.createDirectories(plugins.resolve("broken"));
        Files.writeString(plugin.resolve("plugin.properties"), "plugin.id=broken\nplugin.version=0.1.0\n");
        Files.writeString(plugin.resolve("kernel.json"), "{ \"id\": \"broken\", \"abi\": 1, ");
    }

    /** Plugin {@code deep}: its {@code kernel.json} is 100,000 nested arrays, to exhaust a reader's stack. */
    public static void deeplyNestedDescriptor(Path plugins) throws IOException {
        Path plugin = Files.createDirectories(plugins.resolve("deep"));
        Files.writeString(plugin.resolve("plugin.properties"), "plugin.id=deep\nplugin.version=0.1.0\n");
        Files.writeString(plugin.resolve("kernel.json"), "[".repeat(100_000));
    }

    /**
     * Plugin {@code garbled}: a valid descriptor whose module is text, not WebAssembly.
     *
     * @param layout the descriptor's size and state: {@link #ITEMS} or {@link #GRID}
     */
    public static void garbledModule(Path plugins, String layout) throws IOException {
        Path plugin = Files.createDirectories(plugins.resolve("garbled"));
        Files.writeString(plugin.resolve("plugin.properties"), "plugin.id=garbled\nplugin.version=0.1.0\n");
        Files.writeString(plugin.resolve("kernel.json"), """
                { "id": "garbled", "version": "0.1.0", "name": "Garbled", "description": "A module that is not WebAssembly.",
                  "abi": 1, "module": "garbled.wasm", %s,
                  "parameters": [], "budget": { "memoryMiB": 16, "stepMillis": 2000 } }
                """.formatted(layout));
        Files.writeString(plugin.resolve("garbled.wasm"), "this is not WebAssembly", StandardCharsets.UTF_8);
    }

    /** 256 to 1,024 items in n-body's layout, 8 lanes of f32. */
    public static final String ITEMS = "\"items\": { \"default\": 256, \"min\": 256, \"max\": 1024 }, "
            + "\"state\": { \"element\": \"f32\", \"lanes\": 8 }";
    /** A 64 x 64 grid of f32. */
    public static final String GRID = "\"state\": { \"element\": \"f32\", \"lanes\": 1, \"grid\": { \"width\": 64, \"height\": 64 } }";
}
