package org.orrery.shell.author;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.orrery.api.kernel.DescriptorException;
import org.orrery.api.kernel.KernelDescriptor;
import org.orrery.api.kernel.KernelDescriptorReader;
import org.orrery.wasm.plugins.ComputePlugin;

/**
 * A plugin's zip as the application installs it, made from an author's folder: the descriptor, the
 * modules it names, the panel's folder, the read-me and licence if there are any, and the
 * {@code plugin.properties} the loader needs, written from the descriptor (the author never writes
 * it). Sources and build leftovers stay out.
 *
 * @param descriptor the folder's descriptor
 * @param files what goes in, as paths relative to the folder, in zip order
 */
public record PluginPack(Path folder, KernelDescriptor descriptor, List<String> files) {

    /** The loader's properties file at the zip's root (PF4J's). */
    public static final String PROPERTIES = "plugin.properties";
    private static final List<String> OPTIONAL_FILES = List.of("README.md", "LICENSE", "LICENSE.md", "LICENSE.txt");

    /**
     * Reads the folder's descriptor and gathers what the zip holds.
     *
     * @throws DescriptorException if the descriptor is broken (every problem in it)
     * @throws IOException if it is missing or unreadable, or a file it names is missing
     */
    public static PluginPack of(Path folder) throws IOException, DescriptorException {
        KernelDescriptor descriptor = descriptor(folder);
        List<String> files = new ArrayList<>(List.of(ComputePlugin.DESCRIPTOR));
        List<String> modules = new ArrayList<>(List.of(descriptor.module()));
        descriptor.simdModule().ifPresent(modules::add);
        for (String module : modules) {
            if (!Files.isRegularFile(folder.resolve(module))) {
                throw new IOException("the module " + module + " named in " + ComputePlugin.DESCRIPTOR
                        + " is missing from " + folder + " (build it first: orrery plugin build " + folder + ")");
            }
            files.add(module);
        }
        for (String optional : OPTIONAL_FILES) {
            if (Files.isRegularFile(folder.resolve(optional))) {
                files.add(optional);
            }
        }
        if (descriptor.panel().isPresent()) {
            files.addAll(panelFiles(folder, descriptor.panel().get()));
        }
        return new PluginPack(folder, descriptor, List.copyOf(files));
    }

    /**
     * The descriptor in an author's folder.
     *
     * @throws DescriptorException if it is broken (every problem in it)
     * @throws IOException if it is missing or unreadable
     */
    public static KernelDescriptor descriptor(Path folder) throws IOException, DescriptorException {
        Path file = folder.resolve(ComputePlugin.DESCRIPTOR);
        try {
            return KernelDescriptorReader.read(Files.readString(file), file.toString());
        } catch (NoSuchFileException e) {
            throw new IOException(folder + " has no " + ComputePlugin.DESCRIPTOR + ": is it a plugin's folder?");
        }
    }

    /** The panel's file, with everything beside and below it when it sits in a folder of its own. */
    private static List<String> panelFiles(Path folder, String panel) throws IOException {
        Path file = folder.resolve(panel);
        if (!Files.isRegularFile(file)) {
            throw new IOException("the panel " + panel + " named in " + ComputePlugin.DESCRIPTOR + " is missing from "
                    + folder);
        }
        Path panelFolder = file.getParent();
        if (panelFolder.equals(folder)) {
            return List.of(panel);
        }
        try (Stream<Path> walk = Files.walk(panelFolder)) {
            return walk.filter(Files::isRegularFile).map(p -> folder.relativize(p).toString().replace('\\', '/'))
                    .sorted().toList();
        }
    }

    /** What the loader reads from {@value #PROPERTIES}, taken from the descriptor. */
    public String properties() {
        Properties properties = new Properties();
        properties.setProperty("plugin.id", descriptor.id());
        properties.setProperty("plugin.version", descriptor.version());
        properties.setProperty("plugin.description",
                descriptor.description().isEmpty() ? descriptor.name() : descriptor.description());
        StringWriter text = new StringWriter();
        try {
            properties.store(text, null);
        } catch (IOException e) {
            throw new IllegalStateException(e); // a StringWriter does not fail
        }
        // Without the date line store() writes, so the same folder packs the same.
        return text.toString().lines().filter(line -> !line.startsWith("#")).collect(Collectors.joining("\n", "", "\n"));
    }

    /** The zip's usual name: {@code ID-VERSION.zip}. */
    public String zipName() {
        return descriptor.id() + "-" + descriptor.version() + ".zip";
    }

    /** Writes the zip to {@code zip} (replacing it) and returns it. */
    public Path writeTo(Path zip) throws IOException {
        Path parent = zip.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path partial = Files.createTempFile(parent, ".packing-", ".zip");
        try (OutputStream file = Files.newOutputStream(partial); ZipOutputStream out = new ZipOutputStream(file)) {
            out.putNextEntry(new ZipEntry(PROPERTIES));
            out.write(properties().getBytes(StandardCharsets.ISO_8859_1));
            out.closeEntry();
            for (String name : files) {
                out.putNextEntry(new ZipEntry(name));
                Files.copy(folder.resolve(name), out);
                out.closeEntry();
            }
        } catch (IOException e) {
            Files.deleteIfExists(partial);
            throw e;
        }
        // Whole or not at all: a zip half written is never left under the real name.
        return Files.move(partial, zip, StandardCopyOption.REPLACE_EXISTING);
    }
}
