package org.orrery.shell.author;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.orrery.api.kernel.DescriptorException;
import org.orrery.shell.catalog.CatalogEntry;
import org.orrery.shell.catalog.PluginLibrary;
import org.orrery.shell.pipeline.PluginPipeline;
import org.orrery.wasm.plugins.ComputePlugin;
import org.orrery.wasm.validate.PluginValidator;

/**
 * {@code orrery plugin check}: whether the application will load a plugin, and whether its kernel
 * behaves. A folder is packed first, exactly as {@code orrery plugin pack} packs it; the zip then
 * goes through the application's own loader (the {@link PluginLibrary} the catalog uses), so
 * "loads" here means the application loads it, with the application's message when it does not.
 * A plugin that loads is then run through the {@link PluginValidator} (each module, determinism,
 * two ranges, buffers, the step budget), and its panel's file is looked for.
 */
public final class PluginCheck {

    /** Exit codes, as the validator's. */
    static final int VALID = 0;
    static final int INVALID = 1;

    private final PrintStream out;

    public PluginCheck(PrintStream out) {
        this.out = out;
    }

    /**
     * Checks a plugin's folder or zip and prints each check with its result.
     *
     * @param validatorOptions passed to the validator ({@code --items N}, {@code --grid WxH}, {@code --steps N})
     * @return {@link #VALID} or {@link #INVALID}
     */
    public int check(Path plugin, List<String> validatorOptions) throws IOException {
        out.println("Checking " + plugin.toAbsolutePath().normalize());
        try (ScratchFolder work = new ScratchFolder("orrery-check-")) {
            Path zip = zipOf(plugin, work.path());
            ComputePlugin loaded = zip == null ? null : load(zip, work.path());
            if (loaded == null) {
                return INVALID;
            }
            String unshowable = PluginPipeline.unshowable(loaded.descriptor());
            if (unshowable != null) {
                return invalid("view", unshowable);
            }
            line("view", "ok", loaded.descriptor().state().isGrid()
                    ? "a grid, drawn one pixel per cell, coloured by the cell's value"
                    : "items, drawn as points in 3D at lanes x, y, z, coloured by the speed in lanes vx, vy, vz");
            if (loaded.descriptor().panel().isPresent()) {
                // The application loads a plugin whose panel is missing, and its panel says so; an author hears it now.
                String panel = loaded.descriptor().panel().get();
                if (!Files.isRegularFile(loaded.panelFile().orElseThrow())) {
                    return invalid("panel", "the panel " + panel + " named in " + ComputePlugin.DESCRIPTOR
                            + " is not in the plugin");
                }
                line("panel", "ok", panel);
            }
            List<String> arguments = new ArrayList<>(List.of(loaded.directory().toString()));
            arguments.addAll(validatorOptions);
            return PluginValidator.run(arguments.toArray(String[]::new), out) == 0 ? VALID : INVALID;
        }
    }

    /**
     * Loads a plugin zip with the application's loader, from a plugins folder made in {@code work},
     * and prints the loader's line.
     *
     * @return the plugin, unpacked in {@code work}; or null, having said why the application would
     *     not load it
     */
    ComputePlugin load(Path zip, Path work) throws IOException {
        try {
            PluginLibrary.pluginId(zip);
        } catch (IOException e) {
            invalid("loader", e.getMessage());
            return null;
        }
        Path plugins = Files.createDirectories(work.resolve("plugins"));
        Files.copy(zip, plugins.resolve(zip.getFileName()));
        List<CatalogEntry> entries = PluginLibrary.ofFolder(plugins).load();
        if (entries.size() != 1) {
            throw new IOException("expected one plugin in " + plugins + ", found " + entries.size());
        }
        CatalogEntry entry = entries.getFirst();
        if (entry.status() == CatalogEntry.Status.FAILED) {
            invalid("loader", entry.reason());
            return null;
        }
        ComputePlugin loaded = entry.plugin().orElseThrow();
        line("loader", "ok", "the application loads it: " + loaded.id() + " " + loaded.version() + " \""
                + loaded.descriptor().name() + "\"");
        return loaded;
    }

    /** The plugin's zip: a folder packed into {@code work} as {@code orrery plugin pack} packs it; null, having said why not. */
    Path zipOf(Path plugin, Path work) throws IOException {
        if (Files.isDirectory(plugin)) {
            PluginPack pack;
            try {
                pack = PluginPack.of(plugin);
            } catch (DescriptorException | IOException e) {
                invalid("pack", e.getMessage());
                return null;
            }
            line("pack", "ok", pack.files().size() + 1 + " files, as orrery plugin pack writes them: "
                    + PluginPack.PROPERTIES + ", " + String.join(", ", pack.files()));
            return pack.writeTo(work.resolve(pack.zipName()));
        }
        if (!Files.isRegularFile(plugin) || !plugin.getFileName().toString().endsWith(".zip")) {
            invalid("pack", plugin + " is neither a plugin's folder nor a plugin zip");
            return null;
        }
        return plugin;
    }

    private int invalid(String check, String problem) {
        line(check, "FAILED", problem);
        out.println("Result: the application would not " + switch (check) {
            case "view" -> "show this plugin's view.";
            case "panel" -> "show this plugin's panel.";
            default -> "load this plugin.";
        });
        return INVALID;
    }

    private void line(String check, String result, String text) {
        out.printf("  %-11s %s: %s%n", check, result, text.replace("\n", "\n" + " ".repeat(14)));
    }

}
