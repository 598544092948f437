package org.orrery.shell.catalog;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.orrery.wasm.plugins.ComputePlugin;
import org.orrery.wasm.plugins.ComputePluginCatalog;

/**
 * The plugins the catalog lists: those bundled with the application, then those in the user's
 * plugins folder. A user's plugin with the id of a bundled one is listed as failed, with the reason,
 * rather than silently shadowing it.
 */
public final class PluginLibrary {

    private static final Logger LOG = Logger.getLogger(PluginLibrary.class.getName());

    private PluginLibrary() {}

    /** Loads both folders; either may be null or missing. Slow (PF4J unpacks zips): not on the FX thread. */
    public static List<CatalogEntry> load(Path bundled, Path user) {
        List<CatalogEntry> entries = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        addFolder(bundled, "bundled", entries, ids);
        addFolder(user, user == null ? "" : user.toString(), entries, ids);
        entries.stream().filter(e -> e.status() == CatalogEntry.Status.FAILED)
                .forEach(e -> LOG.log(Level.WARNING, "plugin " + e.id() + " not loaded: " + e.reason()));
        return entries;
    }

    private static void addFolder(Path folder, String source, List<CatalogEntry> entries, Set<String> ids) {
        if (folder == null || !Files.isDirectory(folder)) {
            return;
        }
        ComputePluginCatalog catalog = ComputePluginCatalog.load(folder);
        for (ComputePlugin plugin : catalog.plugins()) {
            if (ids.add(plugin.id())) {
                entries.add(CatalogEntry.loaded(plugin, source));
            } else {
                entries.add(CatalogEntry.failed(plugin.id(), "a plugin with this id is already loaded; this copy in "
                        + folder + " is not used", source));
            }
        }
        for (ComputePluginCatalog.Failure failure : catalog.failures()) {
            entries.add(CatalogEntry.failed(failure.pluginId(), failure.reason(), source));
        }
    }
}
