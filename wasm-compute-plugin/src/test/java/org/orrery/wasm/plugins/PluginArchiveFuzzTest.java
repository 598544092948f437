package org.orrery.wasm.plugins;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Any bytes given as a plugin zip are either unpacked inside the plugin's folder or refused with
 * an IOException, leaving nothing behind: never another exception, never a file outside. Replays
 * the committed corpus (PluginArchiveFuzzTestInputs) in every run, and fuzzes for 15 s where
 * JAZZER_FUZZ=1 (the test command).
 */
class PluginArchiveFuzzTest {

    @FuzzTest(maxDuration = "15s")
    void anyBytesAreUnpackedInsideOrRefusedLeavingNothing(FuzzedDataProvider data) throws IOException {
        Path root = Files.createTempDirectory("orrery-archive-fuzz-");
        try {
            Path plugins = Files.createDirectory(root.resolve("plugins"));
            Path zip = plugins.resolve("fuzzed.zip");
            Files.write(zip, data.consumeRemainingAsBytes());
            Path target = plugins.resolve("fuzzed");
            boolean unpacked;
            try {
                PluginArchive.expand(zip, target);
                unpacked = true;
            } catch (IOException refused) {
                unpacked = false;
            }
            List<Path> all = files(root);
            for (Path file : all) {
                if (!file.equals(plugins) && !file.equals(zip) && !file.startsWith(target)) {
                    throw new AssertionError("left behind or written outside the plugin's folder: " + root.relativize(file));
                }
            }
            if (!unpacked && Files.exists(target)) {
                throw new AssertionError("a refused zip left its folder behind");
            }
        } finally {
            for (Path file : files(root).reversed()) {
                Files.delete(file);
            }
            Files.delete(root);
        }
    }

    private static List<Path> files(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> !p.equals(root)).sorted(Comparator.naturalOrder()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
