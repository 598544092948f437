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
import org.orrery.wasm.KernelSize;

/**
 * The plugins open when the application closed, with their parameters, sizes and cameras,
 * so the next start opens them again. A file that cannot be read restores nothing, and says why.
 */
public final class SessionStore {

    /**
     * One open plugin.
     *
     * @param size its item count or grid, or null for its descriptor's default
     * @param camera its view's camera, or null for a view without one
     */
    public record OpenPlugin(String id, double[] values, KernelSize size, OrbitCamera camera) {}

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
            KernelSize size = size(properties.getProperty("plugin." + i + ".items", "0"),
                    properties.getProperty("plugin." + i + ".grid", ""));
            if (id != null) {
                open.add(new OpenPlugin(id, values, size, camera(numbers(properties.getProperty("plugin." + i + ".camera", "")))));
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
            KernelSize size = plugin.size();
            if (size != null && size.isGrid()) {
                properties.setProperty("plugin." + i + ".grid", size.gridWidth() + "x" + size.gridHeight());
            } else if (size != null) {
                properties.setProperty("plugin." + i + ".items", Integer.toString(size.items()));
            }
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

    /** The size saved: a grid ("WxH"), else an item count; null (the default) for neither, or for nonsense. */
    private static KernelSize size(String items, String grid) {
        try {
            String[] sides = grid.trim().split("x");
            if (sides.length == 2) {
                return KernelSize.grid(Integer.parseInt(sides[0].trim()), Integer.parseInt(sides[1].trim()));
            }
            int count = Integer.parseInt(items.trim());
            return count > 0 ? KernelSize.items(count) : null;
        } catch (IllegalArgumentException notASize) { // NumberFormatException included
            return null;
        }
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
