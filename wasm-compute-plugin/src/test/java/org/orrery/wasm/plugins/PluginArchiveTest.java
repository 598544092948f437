package org.orrery.wasm.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginArchiveTest {

    @TempDir
    Path root;

    private Path zip(String name, String... entries) throws IOException {
        Path zip = root.resolve(name);
        try (OutputStream file = Files.newOutputStream(zip); ZipOutputStream out = new ZipOutputStream(file)) {
            for (String entry : entries) {
                out.putNextEntry(new ZipEntry(entry));
                out.write(("content of " + entry).getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return zip;
    }

    private long filesUnder(Path folder) throws IOException {
        try (Stream<Path> all = Files.walk(folder)) {
            return all.count() - 1;
        }
    }

    @Test
    void aGoodZipIsUnpackedWhole() throws IOException {
        Path zip = zip("good.zip", "plugin.properties", "kernel.json", "web/panel.html");

        PluginArchive.expand(zip, root.resolve("good"));

        assertThat(root.resolve("good/web/panel.html")).hasContent("content of web/panel.html");
        assertThat(root.resolve("good/kernel.json")).exists();
        try (Stream<Path> left = Files.list(root)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("good.zip", "good");
        }
    }

    @Test
    void aZipWithAnEntryLeavingTheFolderIsRefusedBeforeAnythingIsWritten() throws IOException {
        // The first entries are fine: a reader that unpacks as it goes would have written them.
        Path zip = zip("evil.zip", "plugin.properties", "kernel.json", "../escaped.txt");

        assertThatThrownBy(() -> PluginArchive.expand(zip, root.resolve("evil")))
                .isInstanceOf(PluginArchive.RefusedException.class)
                .hasMessage("evil.zip: entry '../escaped.txt' leaves the plugin's folder ('..'); nothing was unpacked");

        assertThat(root.resolve("evil")).doesNotExist();
        assertThat(root.resolveSibling("escaped.txt")).doesNotExist();
        assertThat(filesUnder(root)).as("only the zip itself").isEqualTo(1);
    }

    @Test
    void aRefusedZipLeavesTheFolderOfTheLastGoodOneAsItWas() throws IOException {
        PluginArchive.expand(zip("p.zip", "plugin.properties"), root.resolve("p"));

        Path bad = zip("p2.zip", "plugin.properties", "/etc/passwd");
        assertThatThrownBy(() -> PluginArchive.expand(bad, root.resolve("p"))).hasMessageContaining("'/etc/passwd'");

        assertThat(root.resolve("p/plugin.properties")).hasContent("content of plugin.properties");
    }

    @Test
    void namesThatAreNotPlainRelativePathsAreRefused() {
        assertThat(PluginArchive.nameProblem("kernel.json")).isNull();
        assertThat(PluginArchive.nameProblem("web/panel.html")).isNull();
        assertThat(PluginArchive.nameProblem("web/")).as("a folder").isNull();
        assertThat(PluginArchive.nameProblem("a/../../b")).contains("'..'");
        assertThat(PluginArchive.nameProblem("/abs")).contains("leading '/'");
        assertThat(PluginArchive.nameProblem("..\\win")).contains("'\\'");
        assertThat(PluginArchive.nameProblem("C:x")).contains("':'");
        assertThat(PluginArchive.nameProblem("a/./b")).contains("'.'");
        assertThat(PluginArchive.nameProblem("")).contains("empty");
        assertThat(PluginArchive.nameProblem("x".repeat(600))).contains("overlong");
    }

    @Test
    void tooManyEntriesOrTheSameNameTwiceAreRefused() throws IOException {
        String[] many = new String[PluginArchive.MAX_ENTRIES + 1];
        for (int i = 0; i < many.length; i++) {
            many[i] = "f" + i;
        }
        Path crowded = zip("crowded.zip", many);
        assertThatThrownBy(() -> PluginArchive.expand(crowded, root.resolve("crowded")))
                .hasMessage("crowded.zip: 1,001 entries, over the limit of 1,000; nothing was unpacked");

        Path twice = zip("twice.zip", "kernel.json", "KERNEL.json");
        assertThatThrownBy(() -> PluginArchive.expand(twice, root.resolve("twice"))).hasMessageContaining("appears twice");
        assertThat(root.resolve("crowded")).doesNotExist();
        assertThat(root.resolve("twice")).doesNotExist();
    }

    @Test
    void aFileThatIsNotAZipIsRefusedSayingSo() throws IOException {
        Path garbage = root.resolve("garbage.zip");
        Files.writeString(garbage, "not a zip at all");

        assertThatThrownBy(() -> PluginArchive.expand(garbage, root.resolve("garbage")))
                .hasMessageStartingWith("garbage.zip is not a readable zip");
        assertThat(root.resolve("garbage")).doesNotExist();
    }
}
