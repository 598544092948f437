package org.orrery.shell.session;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.stream.Collectors;
import org.orrery.servo.points.OrbitCamera;
import org.orrery.shell.home.PropertiesFile;

/**
 * The plugins open when the application closed, with their parameters, item counts and cameras,
 * so the next start opens them again. A file that cannot be read restores nothing, and says why.
 */
public final class SessionStore {

    /**
     * One open plugin.
     *
     * @param camera its view's camera, or null for a view without one
     */
    public record OpenPlugin(String id, double[] values, int items, OrbitCamera camera) {}

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
            double[] values = numbers(properties.getProperty("plugin." + i + ".values", ""));
            int items = Integer.parseInt(properties.getProperty("plugin." + i + ".items", "0").trim());
            if (id != null) {
                open.add(new OpenPlugin(id, values, items, camera(numbers(properties.getProperty("plugin." + i + ".camera", "")))));
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
            properties.setProperty("plugin." + i + ".values", text(plugin.values()));
            properties.setProperty("plugin." + i + ".items", Integer.toString(plugin.items()));
            OrbitCamera camera = plugin.camera();
            if (camera != null) {
                properties.setProperty("plugin." + i + ".camera", text(camera.targetX(), camera.targetY(), camera.targetZ(),
                        camera.yaw(), camera.pitch(), camera.distance(), camera.fov()));
            }
        }
        PropertiesFile.write(file, properties, "Orrery: the plugins open at the last exit");
    }

    private static String text(double... numbers) {
        return Arrays.stream(numbers).mapToObj(v -> String.format(Locale.ROOT, "%s", v)).collect(Collectors.joining(","));
    }

    private static double[] numbers(String text) {
        return text.isBlank() ? new double[0] : Arrays.stream(text.split(",")).mapToDouble(v -> Double.parseDouble(v.trim())).toArray();
    }

    /** The camera seven numbers give; null for none, or for numbers that are not a camera (the view's own is used). */
    private static OrbitCamera camera(double[] n) {
        if (n.length != 7) {
            return null;
        }
        try {
            return new OrbitCamera(n[0], n[1], n[2], n[3], n[4], n[5], n[6]);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
