package org.orrery.shell.settings;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;
import org.orrery.wasm.engine.EngineChoice;
import org.orrery.shell.home.PropertiesFile;

/**
 * Reads and writes {@link Settings} as a properties file. A file that is missing gives the
 * defaults; a value that cannot be read is replaced by its default and the reason is kept for
 * the user (a hand-edited file must not stop the application).
 */
public final class SettingsStore {

    private final Path file;
    private String problem = "";

    public SettingsStore(Path file) {
        this.file = file;
    }

    /** The settings in the file, or the defaults. */
    public Settings load() {
        problem = "";
        Properties properties;
        try {
            properties = PropertiesFile.read(file);
        } catch (IOException | IllegalArgumentException e) {
            problem = "cannot read " + file + " (" + e.getMessage() + "); using the default settings";
            return Settings.DEFAULTS;
        }
        Settings d = Settings.DEFAULTS;
        try {
            return new Settings(
                    Integer.parseInt(properties.getProperty("workerThreads", Integer.toString(d.workerThreads())).trim()),
                    Boolean.parseBoolean(properties.getProperty("pinWorkers", Boolean.toString(d.pinWorkers())).trim()),
                    Double.parseDouble(properties.getProperty("frameRate", Double.toString(d.frameRate())).trim()),
                    properties.getProperty("renderBackend", d.renderBackend()).trim(),
                    Theme.valueOf(properties.getProperty("theme", d.theme().name()).trim().toUpperCase(Locale.ROOT)),
                    EngineChoice.parse(properties.getProperty("engine", d.engine().option())));
        } catch (IllegalArgumentException e) {
            problem = file + ": " + e.getMessage() + "; using the default settings";
            return Settings.DEFAULTS;
        }
    }

    /** Why the last {@link #load} fell back to the defaults; empty if it did not. */
    public String problem() {
        return problem;
    }

    public void save(Settings settings) throws IOException {
        Properties properties = new Properties();
        properties.setProperty("workerThreads", Integer.toString(settings.workerThreads()));
        properties.setProperty("pinWorkers", Boolean.toString(settings.pinWorkers()));
        properties.setProperty("frameRate", Double.toString(settings.frameRate()));
        properties.setProperty("renderBackend", settings.renderBackend());
        properties.setProperty("theme", settings.theme().name().toLowerCase(Locale.ROOT));
        properties.setProperty("engine", settings.engine().option());
        PropertiesFile.write(file, properties, "Orrery settings");
    }
}
