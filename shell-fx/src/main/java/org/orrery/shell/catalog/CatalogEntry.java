package org.orrery.shell.catalog;

import java.util.Optional;
import org.orrery.wasm.plugins.ComputePlugin;

/**
 * One line of the plugin catalog: a plugin that loaded, with what its descriptor says of it, or
 * one that failed, with the reason.
 *
 * @param source where it was found: {@link PluginLibrary#BUNDLED} or the user's plugins folder
 */
public record CatalogEntry(String id, String name, String version, String author, String description,
                           Status status, String reason, String source, Optional<ComputePlugin> plugin) {

    /** Whether a plugin can be opened. */
    public enum Status {
        LOADED,
        /** Loaded, but the user disabled it. */
        DISABLED,
        FAILED
    }

    /** Whether the user installed it (so it can be removed), as opposed to bundled. */
    public boolean installedByUser() {
        return !PluginLibrary.BUNDLED.equals(source);
    }

    static CatalogEntry loaded(ComputePlugin plugin, String source) {
        return new CatalogEntry(plugin.id(), plugin.descriptor().name(), plugin.version(), plugin.provider(),
                plugin.descriptor().description(), Status.LOADED, "", source, Optional.of(plugin));
    }

    static CatalogEntry disabled(ComputePlugin plugin, String source) {
        return new CatalogEntry(plugin.id(), plugin.descriptor().name(), plugin.version(), plugin.provider(),
                plugin.descriptor().description(), Status.DISABLED, "", source, Optional.of(plugin));
    }

    static CatalogEntry failed(String id, String reason, String source) {
        return new CatalogEntry(id, id, "", "", "", Status.FAILED, reason, source, Optional.empty());
    }
}
