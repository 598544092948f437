package org.orrery.shell.home;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The user's Orrery folder ({@code ~/.orrery}, or the {@code orrery.home} system property): the
 * plugins they installed, the logs, the settings and the last session.
 */
public record OrreryHome(Path root) {

    /** The folder the system property names, or {@code ~/.orrery}. */
    public static OrreryHome fromSystem() {
        String given = System.getProperty("orrery.home");
        return new OrreryHome(given != null ? Path.of(given) : Path.of(System.getProperty("user.home"), ".orrery"));
    }

    /** Creates the folders that are missing. */
    public OrreryHome create() throws IOException {
        Files.createDirectories(plugins());
        Files.createDirectories(logs());
        return this;
    }

    public Path plugins() {
        return root.resolve("plugins");
    }

    public Path logs() {
        return root.resolve("logs");
    }

    /** The ids of the plugins the user disabled, one a line. */
    public Path disabledPluginsFile() {
        return root.resolve("disabled-plugins.txt");
    }

    public Path settingsFile() {
        return root.resolve("settings.properties");
    }

    public Path sessionFile() {
        return root.resolve("session.properties");
    }
}
