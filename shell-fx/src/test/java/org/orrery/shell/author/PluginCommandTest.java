package org.orrery.shell.author;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import java.util.Properties;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.orrery.shell.catalog.CatalogEntry;
import org.orrery.shell.catalog.PluginLibrary;
import org.orrery.shell.home.OrreryHome;
import org.orrery.shell.run.HeadlessRun;

/**
 * {@code orrery plugin}: an author's folder (the bundled heat plugin unpacked, under an id of its
 * own and without the {@code plugin.properties} an author never writes) packed, checked, installed,
 * listed and removed; and what the checker refuses, the application refuses with the same words.
 */
class PluginCommandTest {

    private static final Path BUNDLED = Path.of(System.getProperty("orrery.bundled.plugins"));

    @TempDir
    Path dir;

    private Path folder;
    private OrreryHome home;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void authorsFolder() throws IOException {
        folder = Files.createDirectory(dir.resolve("warmth"));
        unzip(BUNDLED.resolve("heat.zip"), folder);
        Files.delete(folder.resolve(PluginPack.PROPERTIES));
        editDescriptor(json -> json.replace("\"id\": \"heat\"", "\"id\": \"warmth\""));
        home = new OrreryHome(dir.resolve("home")).create();
    }

    private int plugin(String... args) {
        out.reset();
        err.reset();
        return new PluginCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), home).run(List.of(args));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aFolderIsPackedCheckedInstalledListedAndRemoved() throws IOException {
        Path zip = dir.resolve("warmth.zip");
        assertThat(plugin("pack", folder.toString(), "--out", zip.toString())).as(err()).isZero();
        try (ZipFile packed = new ZipFile(zip.toFile())) {
            assertThat(packed.stream().map(ZipEntry::getName)).containsExactly("plugin.properties", "kernel.json",
                    "heat.wasm", "heat-simd.wasm", "README.md", "panel/index.html");
            Properties properties = new Properties();
            try (InputStream in = packed.getInputStream(packed.getEntry("plugin.properties"))) {
                properties.load(in);
            }
            assertThat(properties).containsEntry("plugin.id", "warmth").containsEntry("plugin.version", "1.0.0");
        }

        assertThat(plugin("check", folder.toString(), "--grid", "64x48", "--steps", "3")).as(out()).isZero();
        assertThat(out()).contains("pack        ok: 6 files", "loader      ok: the application loads it: warmth 1.0.0",
                "panel       ok: panel/index.html", "Result: the plugin is valid.");
        assertThat(out()).containsPattern("determinism +ok").containsPattern("two ranges +ok")
                .containsPattern("step time +ok");

        assertThat(plugin("install", folder.toString())).as(out() + err()).isZero();
        assertThat(out()).contains("Installed warmth into " + home.plugins());
        assertThat(plugin("list")).isZero();
        assertThat(out()).containsPattern("warmth +1\\.0\\.0 +loaded +" + java.util.regex.Pattern.quote(home.plugins().toString()))
                .containsPattern("heat +1\\.0\\.0 +loaded +bundled");

        assertThat(plugin("install", zip.toString())).isEqualTo(PluginCommand.FAILED);
        assertThat(err()).contains("a plugin 'warmth' is already installed; remove it first");

        assertThat(plugin("remove", "warmth")).as(err()).isZero();
        assertThat(plugin("list")).isZero();
        assertThat(out()).doesNotContain("warmth");
        assertThat(plugin("remove", "heat")).isEqualTo(PluginCommand.FAILED);
        assertThat(err()).contains("you have installed no plugin 'heat'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"point", "grid"})
    void theWholePathFromAnEmptyFolderWithTheToolAlone(String kind) throws IOException {
        Path empty = Files.createDirectory(dir.resolve("empty"));
        String id = "my-" + kind;
        List<String> create = new java.util.ArrayList<>(List.of("new", id, "--in", empty.toString()));
        if (kind.equals("grid")) {
            create.add("--grid");
        }
        assertThat(plugin(create.toArray(String[]::new))).as("new: " + err()).isZero();
        Path made = empty.resolve(id);
        assertThat(made.resolve(id + ".c")).exists();

        assertThat(plugin("build", made.toString())).as("build: " + out() + err()).isZero();
        assertThat(made.resolve(id + ".wasm")).exists();
        assertThat(made.resolve(id + "-simd.wasm")).exists();

        String[] size = kind.equals("grid") ? new String[] {"--grid", "64x48"} : new String[] {"--items", "2000"};
        assertThat(plugin("check", made.toString(), size[0], size[1], "--steps", "3")).as("check: " + out()).isZero();
        assertThat(out()).contains("loader      ok", "view        ok", "Result: the plugin is valid.");

        Path zip = dir.resolve(id + ".zip");
        assertThat(plugin("pack", made.toString(), "--out", zip.toString())).as("pack: " + err()).isZero();
        assertThat(plugin("install", zip.toString())).as("install: " + out() + err()).isZero();

        ByteArrayOutputStream runOut = new ByteArrayOutputStream();
        ByteArrayOutputStream runErr = new ByteArrayOutputStream();
        System.setProperty("orrery.home", home.root().toString());
        int status;
        try {
            status = new HeadlessRun(new PrintStream(runOut, true, StandardCharsets.UTF_8),
                    new PrintStream(runErr, true, StandardCharsets.UTF_8))
                    .run(List.of("--plugin", id, size[0], size[1], "--frames", "30", "--report",
                            dir.resolve("run.json").toString()));
        } finally {
            System.clearProperty("orrery.home");
        }
        String run = runOut.toString(StandardCharsets.UTF_8) + runErr.toString(StandardCharsets.UTF_8);
        assertThat(status).as("run: " + run).isZero();
        assertThat(run).contains("frames presented: 30", "view's last frame: " + dir.resolve("run.view.png"));
        assertThat(coloursIn(dir.resolve("run.view.png"))).as("colours in the view's last frame").isGreaterThan(10);
    }

    /** How many different colours a PNG has: a blank or one-colour view has one. */
    private static long coloursIn(Path png) throws IOException {
        java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(png.toFile());
        return java.util.Arrays.stream(image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth()))
                .distinct().count();
    }

    @Test
    void everyDescriptorProblemIsReportedAtOnceAndNothingIsInstalled() throws IOException {
        editDescriptor(json -> json.replace("\"version\": \"1.0.0\"", "\"version\": \"1.0\"")
                .replace("\"stepMillis\": 2000", "\"stepMillis\": 0"));
        assertThat(plugin("check", folder.toString())).isEqualTo(PluginCheck.INVALID);
        assertThat(out()).contains("pack        FAILED: " + folder.resolve("kernel.json") + ": 2 problems",
                "version: \"1.0\" is not valid", "budget.stepMillis: must be a whole number from 1",
                "Result: the application would not load this plugin.");
        assertThat(plugin("install", folder.toString())).isEqualTo(PluginCommand.FAILED);
        assertThat(Files.list(home.plugins())).isEmpty();
    }

    /**
     * Broken zips, each made from a good one: the checker refuses each with the words the
     * application uses, whether the application refuses it when installing or lists it as failed.
     * The plugins' folders differ (the checker's is temporary), so they read PLUGINS in both.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "kernel.json|\"id\": \"warmth\"|\"id\": \"other\"|loads|has id 'other' but plugin.properties has 'warmth'",
        "kernel.json|\"version\": \"1.0.0\"|\"version\": \"one\"|loads|version: \"one\" is not valid",
        "heat-simd.wasm|||loads|the module heat-simd.wasm named in kernel.json is missing from PLUGINS",
        "plugin.properties|plugin.id=warmth|plugin.id=war mth|installs|plugin.properties has no usable plugin.id",
        "plugin.properties|||installs|is not a plugin: it has no plugin.properties",
        "kernel.json|||installs|is not a compute plugin: it has no kernel.json",
        "../escaped.txt|''|out|loads|broken.zip: entry '../escaped.txt' leaves the plugin's folder ('..'); nothing was unpacked",
    })
    void whatTheCheckerRefusesTheApplicationRefusesInTheSameWords(String entry, String from, String to, String when,
            String reason) throws IOException {
        Path good = dir.resolve("good.zip");
        assertThat(plugin("pack", folder.toString(), "--out", good.toString())).isZero();
        Path broken = dir.resolve("broken.zip");
        rezip(good, broken, entry, from == null ? null : text -> text.replace(from, to));
        assertThat(plugin("check", broken.toString())).as(out()).isEqualTo(PluginCheck.INVALID);
        String scratch = Path.of(System.getProperty("java.io.tmpdir"), "orrery-check-").toString();
        String checkerSaid = out().replaceAll(java.util.regex.Pattern.quote(scratch) + "[0-9]+/plugins", "PLUGINS");

        PluginLibrary application = PluginLibrary.of(home);
        String applicationSaid;
        if (when.equals("installs")) {
            applicationSaid = org.assertj.core.api.Assertions.catchThrowable(() -> application.install(broken, List.of()))
                    .getMessage();
        } else {
            Files.copy(broken, home.plugins().resolve("broken.zip"));
            applicationSaid = application.load().stream().filter(e -> e.status() == CatalogEntry.Status.FAILED)
                    .findFirst().orElseThrow().reason().replace(home.plugins().toString(), "PLUGINS");
        }
        assertThat(applicationSaid).contains(reason);
        assertThat(checkerSaid).contains("loader      FAILED: " + applicationSaid);
    }

    @Test
    void aMissingModuleOrPanelIsNamed() throws IOException {
        Files.delete(folder.resolve("panel/index.html"));
        assertThat(plugin("check", folder.toString())).isEqualTo(PluginCheck.INVALID);
        assertThat(out()).contains("pack        FAILED: the panel panel/index.html named in kernel.json is missing");
        Files.delete(folder.resolve("heat-simd.wasm"));
        assertThat(plugin("pack", folder.toString())).isEqualTo(PluginCommand.FAILED);
        assertThat(err()).contains("the module heat-simd.wasm named in kernel.json is missing from " + folder,
                "orrery plugin build");
    }

    @Test
    void badCommandLinesGiveUsage() {
        assertThat(plugin()).isEqualTo(PluginCommand.USAGE);
        assertThat(plugin("frobnicate")).isEqualTo(PluginCommand.USAGE);
        assertThat(err()).contains("no command 'frobnicate'", "usage: orrery plugin new");
        assertThat(plugin("check")).isEqualTo(PluginCommand.USAGE);
        assertThat(plugin("check", dir.resolve("nothing").toString())).isEqualTo(PluginCheck.INVALID);
        assertThat(out()).contains("is neither a plugin's folder nor a plugin zip");
    }

    private void editDescriptor(UnaryOperator<String> edit) throws IOException {
        Path descriptor = folder.resolve("kernel.json");
        Files.writeString(descriptor, edit.apply(Files.readString(descriptor)));
    }

    private static void unzip(Path zip, Path into) throws IOException {
        try (ZipFile file = new ZipFile(zip.toFile())) {
            for (Enumeration<? extends ZipEntry> entries = file.entries(); entries.hasMoreElements(); ) {
                ZipEntry entry = entries.nextElement();
                Path target = into.resolve(entry.getName());
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    try (InputStream in = file.getInputStream(entry)) {
                        Files.copy(in, target);
                    }
                }
            }
        }
    }

    /**
     * Copies a zip, with one entry's text edited, or left out when {@code edit} is null; an entry
     * the zip lacks is added at the end, as {@code edit} makes it from nothing.
     */
    private static void rezip(Path from, Path to, String name, UnaryOperator<String> edit) throws IOException {
        try (ZipFile in = new ZipFile(from.toFile()); OutputStream file = Files.newOutputStream(to);
             ZipOutputStream out = new ZipOutputStream(file)) {
            boolean found = false;
            for (Enumeration<? extends ZipEntry> entries = in.entries(); entries.hasMoreElements(); ) {
                ZipEntry entry = entries.nextElement();
                byte[] bytes = in.getInputStream(entry).readAllBytes();
                if (entry.getName().equals(name)) {
                    found = true;
                    if (edit == null) {
                        continue;
                    }
                    bytes = edit.apply(new String(bytes, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
                }
                out.putNextEntry(new ZipEntry(entry.getName()));
                out.write(bytes);
                out.closeEntry();
            }
            if (!found && edit != null) {
                out.putNextEntry(new ZipEntry(name));
                out.write(edit.apply("").getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
    }
}
