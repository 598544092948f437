package org.orrery.shell.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.orrery.shell.home.OrreryHome;
import org.orrery.wasm.plugins.ComputePlugin;
import org.orrery.wasm.plugins.ComputePluginCatalog;
import org.orrery.wasm.plugins.PluginArchive;

/**
 * The plugins the catalog lists: those bundled with the application, then those in the user's
 * plugins folder. A user's plugin with the id of a bundled one is listed as failed, with the reason,
 * rather than silently shadowing it. Plugins the user disabled (any of them; the list is kept in
 * the user's folder) are listed as disabled. Compute plugins hold no Java code, so installing,
 * disabling and removing take effect at the next {@link #load}, without a restart.
 */
public final class PluginLibrary {

    private static final Logger LOG = Logger.getLogger(PluginLibrary.class.getName());
    /** The source of the plugins that come with the application. */
    public static final String BUNDLED = "bundled";

    private final Path bundled;
    private final Path user;
    private final Path disabledFile;

    /**
     * The library the application uses: the bundled plugins where the {@code orrery.bundled.plugins}
     * system property says (an installation sets it), and the user's.
     */
    public static PluginLibrary of(OrreryHome home) {
        String bundled = System.getProperty("orrery.bundled.plugins");
        return new PluginLibrary(bundled == null ? null : Path.of(bundled), home.plugins(), home.disabledPluginsFile());
    }

    /** The plugins in one folder, listed as bundled ones (none can be disabled or removed). */
    public static PluginLibrary ofFolder(Path folder) {
        return new PluginLibrary(folder, null, null);
    }

    /**
     * @param bundled the bundled plugins' folder, or null
     * @param user the user's plugins folder, or null
     * @param disabledFile where the ids of disabled plugins are kept, one a line; or null for none
     */
    public PluginLibrary(Path bundled, Path user, Path disabledFile) {
        this.bundled = bundled;
        this.user = user;
        this.disabledFile = disabledFile;
    }

    /** Loads both folders. Slow (PF4J unpacks zips): not on the FX thread. */
    public List<CatalogEntry> load() throws IOException {
        Set<String> disabled = disabled();
        List<CatalogEntry> entries = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        addFolder(bundled, BUNDLED, entries, ids, disabled);
        if (user != null) {
            addFolder(user, user.toString(), entries, ids, disabled);
        }
        entries.stream().filter(e -> e.status() == CatalogEntry.Status.FAILED)
                .forEach(e -> LOG.log(Level.WARNING, "plugin " + e.id() + " not loaded: " + e.reason()));
        return entries;
    }

    private static void addFolder(Path folder, String source, List<CatalogEntry> entries, Set<String> ids,
            Set<String> disabled) {
        if (folder == null || !Files.isDirectory(folder)) {
            return;
        }
        ComputePluginCatalog catalog = ComputePluginCatalog.load(folder);
        for (ComputePlugin plugin : catalog.plugins()) {
            if (!ids.add(plugin.id())) {
                entries.add(CatalogEntry.failed(plugin.id(), "a plugin with this id is already loaded; this copy in "
                        + folder + " is not used", source));
            } else {
                entries.add(disabled.contains(plugin.id()) ? CatalogEntry.disabled(plugin, source)
                        : CatalogEntry.loaded(plugin, source));
            }
        }
        for (ComputePluginCatalog.Failure failure : catalog.failures()) {
            entries.add(CatalogEntry.failed(failure.pluginId(), failure.reason(), source));
        }
    }

    /**
     * Copies a plugin zip into the user's folder, as {@code <id>.zip}; {@link #load} then lists it.
     *
     * @return the plugin's id
     * @throws IOException if the zip cannot be read, is not a plugin (no {@code plugin.properties}
     *     with a {@code plugin.id}, or no {@code kernel.json}), or a plugin of that id is installed
     */
    public String install(Path zip, List<CatalogEntry> installed) throws IOException {
        String id = pluginId(zip);
        if (installed.stream().anyMatch(e -> e.id().equals(id))) {
            throw new IOException("a plugin '" + id + "' is already installed; remove it first");
        }
        Files.createDirectories(user);
        Files.copy(zip, user.resolve(id + ".zip"), StandardCopyOption.REPLACE_EXISTING);
        LOG.info("installed plugin " + id + " from " + zip);
        return id;
    }

    /**
     * The id of the compute plugin in a zip, as installing it reads it.
     *
     * @throws IOException if the zip cannot be read or is not a compute plugin (no
     *     {@code plugin.properties} with a usable {@code plugin.id}, or no {@code kernel.json})
     */
    public static String pluginId(Path zip) throws IOException {
        try (ZipFile file = new ZipFile(zip.toFile())) {
            ZipEntry properties = file.getEntry("plugin.properties");
            if (properties == null) {
                throw new IOException(zip.getFileName() + " is not a plugin: it has no plugin.properties");
            }
            Properties read = new Properties();
            try (InputStream in = file.getInputStream(properties)) {
                read.load(in);
            }
            String id = read.getProperty("plugin.id", "").trim();
            if (id.isEmpty() || !id.matches("[A-Za-z0-9._-]+")) {
                throw new IOException(zip.getFileName() + ": plugin.properties has no usable plugin.id ('" + id + "')");
            }
            if (file.getEntry(ComputePlugin.DESCRIPTOR) == null) {
                throw new IOException(zip.getFileName() + " is not a compute plugin: it has no " + ComputePlugin.DESCRIPTOR);
            }
            return id;
        }
    }

    /** Removes a plugin the user installed: its zip and the folder it was unpacked into. */
    public void remove(CatalogEntry entry) throws IOException {
        if (BUNDLED.equals(entry.source())) {
            throw new IOException("plugin '" + entry.id() + "' comes with Orrery and cannot be removed; disable it instead");
        }
        Files.deleteIfExists(user.resolve(entry.id() + ".zip"));
        Path folder = entry.plugin().map(ComputePlugin::directory).orElse(user.resolve(entry.id()));
        if (folder.startsWith(user)) {
            PluginArchive.removeFolder(folder);
        }
        setDisabled(entry.id(), false);
        LOG.info("removed plugin " + entry.id());
    }

    /** Disables or enables a plugin: a disabled one is listed but cannot be opened. */
    public void setDisabled(String id, boolean disable) throws IOException {
        Set<String> ids = disabled();
        if (disable ? ids.add(id) : ids.remove(id)) {
            Files.createDirectories(disabledFile.toAbsolutePath().getParent());
            Files.write(disabledFile, ids);
        }
    }

    private Set<String> disabled() throws IOException {
        Set<String> ids = new TreeSet<>();
        if (disabledFile != null && Files.isRegularFile(disabledFile)) {
            for (String line : Files.readAllLines(disabledFile)) {
                if (!line.isBlank()) {
                    ids.add(line.trim());
                }
            }
        }
        return ids;
    }
}
