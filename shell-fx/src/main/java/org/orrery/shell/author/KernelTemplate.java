package org.orrery.shell.author;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;
import org.orrery.api.kernel.DescriptorException;
import org.orrery.api.kernel.KernelDescriptorReader;

/**
 * {@code orrery plugin new}: a plugin's folder from one of the SDK's templates, a point kernel (items
 * drawn as points in 3D) or a grid kernel (cells drawn as a coloured field), that builds, checks and
 * runs as it is: {@code kernel.json}, {@code ID.c} and a {@code README.md}.
 */
final class KernelTemplate {

    /** The ids kernel.json accepts. */
    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]{0,63}");

    enum Kind {
        POINT("point"),
        GRID("grid");

        private final String folder;

        Kind(String folder) {
            this.folder = folder;
        }
    }

    private KernelTemplate() {
    }

    /**
     * Creates {@code parent/id} with the template's files, the id and a name made from it put in.
     *
     * @throws IllegalArgumentException if the id is not one kernel.json accepts
     * @throws IOException if the folder exists and is not empty, or cannot be written
     */
    static Path create(Path parent, String id, Kind kind) throws IOException {
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("'" + id + "' cannot be a plugin's id: use lower-case letters, digits and"
                    + " '-', starting with a letter (for example my-kernel)");
        }
        Path folder = parent.resolve(id);
        if (Files.isDirectory(folder)) {
            try (var entries = Files.list(folder)) {
                if (entries.findAny().isPresent()) {
                    throw new IOException(folder + " already exists and is not empty");
                }
            }
        }
        Files.createDirectories(folder);
        String name = name(id);
        String json = fill(KernelSdk.text("templates/" + kind.folder + "/kernel.json"), id, name);
        String description;
        try {
            description = KernelDescriptorReader.read(json, "the " + kind.folder + " template").description();
        } catch (DescriptorException e) {
            throw new IllegalStateException("the SDK's template is broken: " + e.getMessage(), e);
        }
        Files.writeString(folder.resolve("kernel.json"), json);
        Files.writeString(folder.resolve(id + ".c"), fill(KernelSdk.text("templates/" + kind.folder + "/kernel.c"), id, name));
        Files.writeString(folder.resolve("README.md"),
                fill(KernelSdk.text("templates/README.md"), id, name).replace("@DESCRIPTION@", description));
        return folder;
    }

    /** "my-kernel" becomes "My kernel". */
    static String name(String id) {
        String words = id.replace('-', ' ');
        return words.substring(0, 1).toUpperCase(Locale.ROOT) + words.substring(1);
    }

    private static String fill(String template, String id, String name) {
        return template.replace("@ID@", id).replace("@NAME@", name);
    }
}
