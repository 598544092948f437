package org.orrery.wasm.plugins;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.orrery.api.kernel.DescriptorException;
import org.orrery.api.kernel.KernelDescriptor;
import org.orrery.api.kernel.KernelDescriptorReader;
import org.pf4j.DefaultPluginManager;
import org.pf4j.PluginManager;
import org.pf4j.PluginWrapper;

/**
 * The compute plugins installed in a plugins folder. PF4J finds and unpacks them (a plugin is a
 * zip, or a folder, with a {@code plugin.properties}); a plugin is a compute plugin when its
 * folder holds a {@value ComputePlugin#DESCRIPTOR}. A plugin that cannot be used (a broken
 * descriptor, a missing module, an id that differs from PF4J's) is listed in {@link #failures()}
 * with the reason, and the others still load.
 */
public final class ComputePluginCatalog {

    /** Why one plugin could not be used. */
    public record Failure(String pluginId, String reason) {}

    private final PluginManager manager;
    private final List<ComputePlugin> plugins = new ArrayList<>();
    private final List<Failure> failures = new ArrayList<>();

    private ComputePluginCatalog(Path pluginsRoot) {
        this.manager = new DefaultPluginManager(pluginsRoot);
        manager.loadPlugins();
        for (PluginWrapper wrapper : manager.getPlugins()) {
            read(wrapper.getPluginId(), wrapper.getDescriptor().getVersion(),
                    Objects.requireNonNullElse(wrapper.getDescriptor().getProvider(), ""), wrapper.getPluginPath());
        }
    }

    /** Loads every plugin in {@code pluginsRoot} (zips are unpacked beside themselves). */
    public static ComputePluginCatalog load(Path pluginsRoot) {
        return new ComputePluginCatalog(pluginsRoot);
    }

    private void read(String id, String version, String provider, Path directory) {
        Path descriptorFile = directory.resolve(ComputePlugin.DESCRIPTOR);
        if (!Files.isRegularFile(descriptorFile)) {
            return; // a plugin of another kind
        }
        try {
            KernelDescriptor descriptor = KernelDescriptorReader.read(Files.readString(descriptorFile),
                    id + "/" + ComputePlugin.DESCRIPTOR);
            if (!descriptor.id().equals(id)) {
                failures.add(new Failure(id, ComputePlugin.DESCRIPTOR + " has id '" + descriptor.id()
                        + "' but plugin.properties has '" + id + "'"));
                return;
            }
            List<String> modules = new ArrayList<>(List.of(descriptor.module()));
            descriptor.simdModule().ifPresent(modules::add);
            for (String module : modules) {
                if (!Files.isRegularFile(directory.resolve(module))) {
                    failures.add(new Failure(id, "the module " + module + " named in " + ComputePlugin.DESCRIPTOR
                            + " is missing from " + directory));
                    return;
                }
            }
            plugins.add(new ComputePlugin(id, version, provider, directory, descriptor));
        } catch (DescriptorException e) {
            failures.add(new Failure(id, e.getMessage()));
        } catch (IOException e) {
            failures.add(new Failure(id, "cannot read " + descriptorFile + ": " + e.getMessage()));
        }
    }

    /** The usable compute plugins, in PF4J's order. */
    public List<ComputePlugin> plugins() {
        return List.copyOf(plugins);
    }

    public Optional<ComputePlugin> plugin(String id) {
        return plugins.stream().filter(p -> p.id().equals(id)).findFirst();
    }

    /** The plugins that could not be used, each with its reason. */
    public List<Failure> failures() {
        return List.copyOf(failures);
    }
}
