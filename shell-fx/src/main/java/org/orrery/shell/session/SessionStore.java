package org.orrery.shell.session;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.stream.Collectors;
import org.orrery.shell.home.PropertiesFile;

/**
 * The plugins open when the application closed, with their parameters and item counts, so the
 * next start opens them again. A file that cannot be read restores nothing, and says why.
 */
public final class SessionStore {

    /** One open plugin. */
    public record OpenPlugin(String id, double[] values, int items) {}

    private final Path file;

    public SessionStore(Path file) {
        this.file = file;
    }

    /** The plugins to open again; empty if there is no session or it cannot be read (logged by the caller). */
    public List<OpenPlugin> load() throws IOException {
        Properties properties = PropertiesFile.read(file);
        int count = Integer.parseInt(properties.getProperty("open", "0").trim());
        List<OpenPlugin> open = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = properties.getProperty("plugin." + i + ".id");
            String values = properties.getProperty("plugin." + i + ".values", "");
            int items = Integer.parseInt(properties.getProperty("plugin." + i + ".items", "0").trim());
            double[] parsed = values.isBlank() ? new double[0]
                    : Arrays.stream(values.split(",")).mapToDouble(v -> Double.parseDouble(v.trim())).toArray();
            if (id != null) {
                open.add(new OpenPlugin(id, parsed, items));
            }
        }
        return open;
    }

    public void save(List<OpenPlugin> open) throws IOException {
        Properties properties = new Properties();
        properties.setProperty("open", Integer.toString(open.size()));
        for (int i = 0; i < open.size(); i++) {
            OpenPlugin plugin = open.get(i);
            properties.setProperty("plugin." + i + ".id", plugin.id());
            properties.setProperty("plugin." + i + ".values", Arrays.stream(plugin.values())
                    .mapToObj(v -> String.format(Locale.ROOT, "%s", v)).collect(Collectors.joining(",")));
            properties.setProperty("plugin." + i + ".items", Integer.toString(plugin.items()));
        }
        PropertiesFile.write(file, properties, "Orrery: the plugins open at the last exit");
    }
}
