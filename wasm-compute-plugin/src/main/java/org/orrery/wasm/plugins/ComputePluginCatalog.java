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
import java.util.stream.Stream;
import org.pf4j.BasePluginRepository;
import org.pf4j.DefaultPluginManager;
import org.pf4j.PluginManager;
import org.pf4j.PluginRepository;
import org.pf4j.PluginWrapper;
import org.pf4j.util.AndFileFilter;
import org.pf4j.util.DirectoryFileFilter;
import org.pf4j.util.HiddenFilter;
import org.pf4j.util.NotFileFilter;

/**
 * The compute plugins installed in a plugins folder (a plugin is a zip, or a folder, with a
 * {@code plugin.properties}); a plugin is a compute plugin when its folder holds a
 * {@value ComputePlugin#DESCRIPTOR}. Zips are unpacked by {@link PluginArchive}, every entry
 * checked first, then PF4J loads the folders. A plugin that cannot be used (a zip refused, a
 * broken descriptor, a missing module, an id that differs from PF4J's, anything thrown while
 * reading it) is listed in {@link #failures()} with the reason, and the others still load.
 */
public final class ComputePluginCatalog {

    /** Why one plugin could not be used. */
    public record Failure(String pluginId, String reason) {}

    private final PluginManager manager;
    private final List<ComputePlugin> plugins = new ArrayList<>();
    private final List<Failure> failures = new ArrayList<>();

    private ComputePluginCatalog(Path pluginsRoot) {
        expandZips(pluginsRoot);
        this.manager = new FolderPluginManager(pluginsRoot);
        manager.loadPlugins();
        for (PluginWrapper wrapper : manager.getPlugins()) {
            String id = wrapper.getPluginId();
            try {
                read(id, wrapper.getDescriptor().getVersion(),
                        Objects.requireNonNullElse(wrapper.getDescriptor().getProvider(), ""), wrapper.getPluginPath());
            } catch (VirtualMachineError fatal) {
                if (!(fatal instanceof StackOverflowError)) {
                    throw fatal; // out of memory, or the JVM broken: nothing here can go on
                }
                failures.add(new Failure(id, "reading it overflowed the stack: " + fatal));
            } catch (Throwable e) {
                failures.add(new Failure(id, "reading it failed: " + e));
            }
        }
    }

    /**
     * Unpacks each zip whose folder is missing or older than it; a zip refused is listed as failed,
     * by its name, and the folder of an older version of it removed, so that nothing of it loads.
     */
    private void expandZips(Path pluginsRoot) {
        if (!Files.isDirectory(pluginsRoot)) {
            return;
        }
        List<Path> zips;
        try (Stream<Path> files = Files.list(pluginsRoot)) {
            zips = files.filter(f -> f.getFileName().toString().endsWith(".zip") && Files.isRegularFile(f)).sorted().toList();
        } catch (IOException e) {
            failures.add(new Failure(pluginsRoot.getFileName().toString(), "cannot list " + pluginsRoot + ": " + e.getMessage()));
            return;
        }
        for (Path zip : zips) {
            String name = zip.getFileName().toString();
            Path folder = pluginsRoot.resolve(name.substring(0, name.length() - ".zip".length()));
            try {
                if (!Files.isDirectory(folder)
                        || Files.getLastModifiedTime(zip).compareTo(Files.getLastModifiedTime(folder)) > 0) {
                    PluginArchive.expand(zip, folder);
                }
            } catch (IOException e) {
                failures.add(new Failure(folder.getFileName().toString(), e.getMessage()));
                PluginArchive.removeQuietly(folder);
            }
        }
    }

    /** PF4J over the unpacked plugins alone: zips are {@link PluginArchive}'s, with its checks. */
    private static final class FolderPluginManager extends DefaultPluginManager {

        FolderPluginManager(Path pluginsRoot) {
            super(pluginsRoot);
        }

        @Override
        protected PluginRepository createPluginRepository() {
            return new BasePluginRepository(getPluginsRoots(),
                    new AndFileFilter(new DirectoryFileFilter(), new NotFileFilter(new HiddenFilter())));
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
            long bytes = Files.size(descriptorFile);
            if (bytes > KernelDescriptorReader.MAX_BYTES) {
                failures.add(new Failure(id, String.format("%s/%s is %,d bytes, over the limit of %,d for a descriptor",
                        id, ComputePlugin.DESCRIPTOR, bytes, KernelDescriptorReader.MAX_BYTES)));
                return;
            }
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
