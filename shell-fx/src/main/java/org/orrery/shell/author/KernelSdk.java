package org.orrery.shell.author;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The kernel SDK as the application carries it (the build copies {@code native-libs/kernel-sdk}'s
 * headers, build script and templates into its resources), so that an author with only the
 * installed application can make and build a kernel.
 */
final class KernelSdk {

    private static final List<String> BUILD_FILES = List.of("include/orrery_kernel.h", "include/orrery_alloc.h",
            "include/orrery_imports.txt", "bin/build-kernel");

    private KernelSdk() {
    }

    /** A file of the SDK, {@code path} relative to its root, as text. */
    static String text(String path) throws IOException {
        try (InputStream in = KernelSdk.class.getResourceAsStream("sdk/" + path)) {
            if (in == null) {
                throw new IOException("the kernel SDK's " + path + " is missing from this build of Orrery");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Writes the headers and the build script under {@code root}, as the SDK lays them out; returns the script. */
    static Path unpackBuildTools(Path root) throws IOException {
        for (String file : BUILD_FILES) {
            Path target = root.resolve(file);
            Files.createDirectories(target.getParent());
            Files.writeString(target, text(file));
        }
        return root.resolve("bin/build-kernel");
    }
}
